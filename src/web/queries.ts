import {
  keepPreviousData,
  type QueryFunction,
  type QueryKey,
  queryOptions,
  useQuery,
} from "@tanstack/react-query";
import type { Dashboard } from "../server/modules/dashboard/schemas";
import type { PublicRegister } from "../server/modules/public/routes";
import type {
  BoardMeeting,
  CaseDetail,
  CaseEvent,
  CaseSummary,
  Certification,
  County,
  CriteriaSet,
  FollowUpOverview,
  Municipality,
  Page,
  RegionDetail,
  RegionSummary,
  TaskPage,
  User,
} from "../shared/dto";
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
  tasks: ["tasks"] as const,
  taskPage: (page: number) => ["tasks", page] as const,
  cases: ["cases"] as const,
  caseList: (params: string) => ["cases", "list", params] as const,
  case: (id: string) => ["cases", "detail", id] as const,
  caseLog: (id: string) => ["cases", "log", id] as const,
  meetings: ["board-meetings"] as const,
  meeting: (id: string) => ["board-meetings", id] as const,
  dashboard: ["dashboard"] as const,
  followUpOverview: ["follow-ups", "overview"] as const,
  reviewers: ["reviewers"] as const,
  staff: ["staff"] as const,
  certifications: ["certifications"] as const,
  regionCertifications: (regionId: string) => ["certifications", regionId] as const,
  publicRegister: ["public", "certifications"] as const,
};

export type { Dashboard, PublicRegister };

/** A meeting with its agenda (GET /api/board-meetings/:id). */
export interface AgendaItem extends CaseSummary {
  recommendation: "approved" | "postponed" | "rejected" | null;
  decision: { outcome: "approved" | "postponed" | "rejected"; decidedOn: string; motivation: string } | null;
}
export interface MeetingDetail extends BoardMeeting {
  agenda: AgendaItem[];
  actions: string[];
}

/** The API path a query reads: the server answers it itself when it renders the page (entry-server.tsx). */
export interface ApiQueryMeta extends Record<string, unknown> {
  path: string;
}

/** A query that is one GET of `path`. */
function apiQuery<T>(queryKey: QueryKey, path: string) {
  const meta: ApiQueryMeta = { path };
  return { ...queryOptions({ queryKey, queryFn: ({ signal }) => get<T>(path, signal), meta }), meta };
}

/** A query a page starts with: its key, how the browser asks it, and the API path that answers it. */
export interface PageQuery {
  queryKey: QueryKey;
  queryFn?: QueryFunction<unknown, QueryKey, never>;
  meta: ApiQueryMeta;
}

/*
 * Queries that a page needs first also have their options as a function (`…Query`), so that pages.ts can
 * start them before the page's code has arrived, and the server can answer them when it renders the page.
 */
export const regionsQuery = () => apiQuery<Listing<RegionSummary>>(queryKeys.regions, "/api/regions");

export function useRegions() {
  return useQuery(regionsQuery());
}

export const regionQuery = (id: string) =>
  apiQuery<RegionDetail>(queryKeys.region(id), `/api/regions/${encodeURIComponent(id)}`);

export function useRegion(id: string | null | undefined) {
  return useQuery({ ...regionQuery(id ?? ""), enabled: Boolean(id) });
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

/** How many tasks a page of "Mina uppgifter" shows. */
export const TASKS_PAGE_SIZE = 50;

/** A page of my open tasks with the counts of all of them (pages.ts starts page 1 before the page's code is in). */
export const tasksQuery = (page = 1) =>
  apiQuery<TaskPage>(queryKeys.taskPage(page), `/api/tasks?page=${page}&pageSize=${TASKS_PAGE_SIZE}`);

/**
 * A page of my open tasks (refreshed every minute); the navigation badge reads the counts of the first page,
 * which the start page shares.
 */
export function useTasks(page = 1, enabled = true) {
  return useQuery({
    ...tasksQuery(page),
    placeholderData: keepPreviousData,
    enabled,
    refetchInterval: 60_000,
  });
}

/** A page of cases; `params` is the query string (step, kind, regionId, overdue, open, q, page, pageSize). */
export function useCaseList(params: URLSearchParams, enabled = true) {
  const qs = params.toString();
  return useQuery({
    queryKey: queryKeys.caseList(qs),
    queryFn: ({ signal }) => get<Page<CaseSummary>>(`/api/cases${qs ? `?${qs}` : ""}`, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const caseQuery = (id: string) =>
  apiQuery<CaseDetail>(queryKeys.case(id), `/api/cases/${encodeURIComponent(id)}`);

export function useCase(id: string | undefined) {
  return useQuery({ ...caseQuery(id ?? ""), enabled: Boolean(id) });
}

export const caseLogQuery = (id: string) =>
  apiQuery<CaseEvent[]>(queryKeys.caseLog(id), `/api/cases/${encodeURIComponent(id)}/log`);

export function useCaseLog(id: string | undefined) {
  return useQuery({ ...caseLogQuery(id ?? ""), enabled: Boolean(id) });
}

export const meetingsQuery = () => apiQuery<Listing<BoardMeeting>>(queryKeys.meetings, "/api/board-meetings");

export function useMeetings(enabled = true) {
  return useQuery({ ...meetingsQuery(), enabled });
}

export const meetingQuery = (id: string) =>
  apiQuery<MeetingDetail>(queryKeys.meeting(id), `/api/board-meetings/${encodeURIComponent(id)}`);

export function useMeeting(id: string | undefined) {
  return useQuery({ ...meetingQuery(id ?? ""), enabled: Boolean(id) });
}

export const dashboardQuery = () => apiQuery<Dashboard>(queryKeys.dashboard, "/api/dashboard");

/** The yearly follow-ups on the dashboard (the secretariat's). */
export const followUpOverviewQuery = () =>
  apiQuery<FollowUpOverview>(queryKeys.followUpOverview, "/api/follow-ups/overview");

export function useDashboard() {
  return useQuery(dashboardQuery());
}

export function useReviewers(enabled = true) {
  return useQuery({
    queryKey: queryKeys.reviewers,
    queryFn: ({ signal }) => get<{ id: string; name: string }[]>("/api/reviewers", signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useStaff(enabled = true) {
  return useQuery({
    queryKey: queryKeys.staff,
    queryFn: ({ signal }) =>
      get<{ id: string; name: string; role: "secretariat" | "reviewer" }[]>("/api/staff", signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}

export function useCertifications(regionId?: string) {
  return useQuery({
    queryKey: regionId ? queryKeys.regionCertifications(regionId) : queryKeys.certifications,
    queryFn: ({ signal }) =>
      get<Certification[]>(
        `/api/certifications${regionId ? `?regionId=${encodeURIComponent(regionId)}` : ""}`,
        signal,
      ),
  });
}

export function usePublicRegister() {
  return useQuery({
    queryKey: queryKeys.publicRegister,
    queryFn: ({ signal }) => get<PublicRegister>("/api/public/certifications", signal),
  });
}

export function useUnassignedProviders(enabled = true) {
  return useQuery({
    queryKey: ["unassigned-providers"] as const,
    queryFn: ({ signal }) =>
      get<{ id: string; name: string; kind: "public" | "private"; municipalityCode: string | null }[]>(
        "/api/unassigned-providers",
        signal,
      ),
    enabled,
  });
}
