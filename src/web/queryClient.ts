import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api";

/** A query cache with the app's defaults: the browser's one below, or one per page the server renders. */
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Answers of the server (4xx) will not change by asking again; network trouble might.
        retry: (count, error) =>
          !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
    },
  });
}

/** The app's query cache: one per page load, there before the app renders (pages.ts fills it early). */
export const queryClient = newQueryClient();
