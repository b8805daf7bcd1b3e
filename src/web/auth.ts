import { type QueryClient, queryOptions, useQuery } from "@tanstack/react-query";
import type { Me } from "../shared/dto";
import { ApiError, get, setCsrfToken } from "./api";

export const meQueryKey = ["me"] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await get<Me>("/api/auth/me");
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: fetchMe,
  staleTime: 5 * 60_000,
  retry: false,
});

/** The logged-in user, `null` when nobody is logged in, `undefined` while loading. */
export function useMe() {
  return useQuery(meQuery);
}

/** Remembers the user after login or a profile change (and the CSRF token that goes with the session). */
export function storeMe(queryClient: QueryClient, me: Me | null): void {
  setCsrfToken(me?.csrfToken ?? null);
  queryClient.setQueryData(meQueryKey, me);
}

/** Roles that may open the users page. */
export function canManageUsers(me: Me | null | undefined): boolean {
  return me?.role === "admin" || me?.role === "secretariat";
}
