import { useQuery } from "@tanstack/react-query";
import type { County, CriteriaSet, Municipality, RegionDetail, RegionSummary, User } from "../shared/dto";
import { get } from "./api";
import type { GeoFeatureCollection } from "./components/map/geo";

export interface Listing<T> {
  items: T[];
  actions: string[];
}

export const queryKeys = {
  regions: ["regions"] as const,
  region: (id: string) => ["regions", id] as const,
  municipalities: ["municipalities"] as const,
  counties: ["counties"] as const,
  geo: ["geo", "municipalities"] as const,
  criteriaSets: ["criteria-sets"] as const,
  users: ["users"] as const,
};

export function useRegions() {
  return useQuery({
    queryKey: queryKeys.regions,
    queryFn: ({ signal }) => get<Listing<RegionSummary>>("/api/regions", signal),
  });
}

export function useRegion(id: string | null | undefined) {
  return useQuery({
    queryKey: queryKeys.region(id ?? ""),
    queryFn: ({ signal }) => get<RegionDetail>(`/api/regions/${encodeURIComponent(id ?? "")}`, signal),
    enabled: Boolean(id),
  });
}

export function useMunicipalities() {
  return useQuery({
    queryKey: queryKeys.municipalities,
    queryFn: ({ signal }) => get<Municipality[]>("/api/municipalities", signal),
  });
}

export function useCounties() {
  return useQuery({
    queryKey: queryKeys.counties,
    queryFn: ({ signal }) => get<County[]>("/api/counties", signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The municipality borders (~800 KB): fetched once per page load. */
export function useGeo() {
  return useQuery({
    queryKey: queryKeys.geo,
    queryFn: ({ signal }) => get<GeoFeatureCollection>("/api/geo/municipalities", signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

export function useCriteriaSets() {
  return useQuery({
    queryKey: queryKeys.criteriaSets,
    queryFn: ({ signal }) => get<CriteriaSet[]>("/api/criteria-sets", signal),
  });
}

export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => get<Listing<User>>("/api/users", signal),
  });
}
