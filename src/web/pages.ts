import { matchPath, type Params } from "react-router";
import { meQuery } from "./auth";
import {
  caseLogQuery,
  caseQuery,
  dashboardQuery,
  meetingQuery,
  meetingsQuery,
  regionQuery,
  regionsQuery,
  tasksQuery,
} from "./queries";
import { queryClient } from "./queryClient";

/**
 * The pages that are their own chunk: where they live, how to load their code and the queries they start
 * with. router.tsx builds the routes from this; boot.ts uses it to start the first page early. Kept free of
 * React components and Mantine, so that it evaluates before most of the app.
 */
export interface PageDef {
  path: string;
  code: Chunk<unknown>;
  /** Starts the queries the page shows first (the page's own queries then find them under way or done). */
  prefetch?: (params: Params) => unknown;
}

/** A page's code: loaded once, and at hand without waiting once it is in (so the page need not suspend). */
export interface Chunk<M> {
  load: () => Promise<M>;
  module?: M;
}

function chunk<M>(load: () => Promise<M>): Chunk<M> {
  let loading: Promise<M> | undefined;
  const c: Chunk<M> = {
    load: () => {
      loading ??= load().then(
        (m) => {
          c.module = m;
          return m;
        },
        (error: unknown) => {
          loading = undefined; // a later visit tries again
          throw error;
        },
      );
      return loading;
    },
  };
  return c;
}

const prefetch = queryClient.prefetchQuery.bind(queryClient);

export const PAGES = {
  tasks: {
    path: "/",
    code: chunk(() => import("./pages/TasksPage")),
    prefetch: () => prefetch(tasksQuery()),
  },
  cases: { path: "/cases", code: chunk(() => import("./pages/cases/CasesPage")) },
  case: {
    path: "/cases/:id",
    code: chunk(() => import("./pages/case/CasePage")),
    prefetch: ({ id = "" }) => Promise.all([prefetch(caseQuery(id)), prefetch(caseLogQuery(id))]),
  },
  meetings: {
    path: "/meetings",
    code: chunk(() => import("./pages/meetings/MeetingsPage")),
    prefetch: () => prefetch(meetingsQuery()),
  },
  meeting: {
    path: "/meetings/:id",
    code: chunk(() => import("./pages/meetings/MeetingPage")),
    prefetch: ({ id = "" }) => prefetch(meetingQuery(id)),
  },
  dashboard: {
    path: "/dashboard",
    code: chunk(() => import("./pages/DashboardPage")),
    prefetch: () => Promise.all([prefetch(dashboardQuery()), prefetch(regionsQuery())]),
  },
  regions: {
    path: "/regions",
    code: chunk(() => import("./pages/RegionsPage")),
    prefetch: () => prefetch(regionsQuery()),
  },
  region: {
    path: "/regions/:id",
    code: chunk(() => import("./pages/region/RegionPage")),
    prefetch: ({ id = "" }) => prefetch(regionQuery(id)),
  },
  map: { path: "/map", code: chunk(() => import("./pages/MapPage")) },
  criteria: { path: "/criteria", code: chunk(() => import("./pages/CriteriaPage")) },
  users: { path: "/users", code: chunk(() => import("./pages/UsersPage")) },
  register: { path: "/register", code: chunk(() => import("./pages/RegisterPage")) },
  notifications: {
    path: "/notifications",
    code: chunk(() => import("./pages/notifications/NotificationsPage")),
  },
  notificationSettings: {
    path: "/settings/notifications",
    code: chunk(() => import("./pages/settings/NotificationSettingsPage")),
  },
  reminderSettings: {
    path: "/settings/reminders",
    code: chunk(() => import("./pages/settings/ReminderSettingsPage")),
  },
  outbox: { path: "/outbox", code: chunk(() => import("./pages/outbox/OutboxPage")) },
} satisfies Record<string, PageDef>;

/**
 * Starts the login check and, for the page at `pathname`, its first queries and its code, side by side.
 * Settles when the login check is answered and the code is in (or failed to load: the page's own import
 * then reports it through RouteError).
 */
export function startFirstPage(pathname: string): Promise<void> {
  const waits: Promise<unknown>[] = [queryClient.prefetchQuery(meQuery)];
  const pages: PageDef[] = Object.values(PAGES);
  const page = pages.find((p) => matchPath(p.path, pathname));
  if (page) {
    page.prefetch?.(matchPath(page.path, pathname)?.params ?? {});
    waits.push(page.code.load().catch(() => undefined));
  }
  return Promise.all(waits).then(() => undefined);
}
