import { matchPath, type Params } from "react-router";
import { meQuery } from "./auth";
import {
  caseLogQuery,
  caseQuery,
  dashboardQuery,
  followUpOverviewQuery,
  meetingQuery,
  meetingsQuery,
  type PageQuery,
  regionQuery,
  regionsQuery,
  tasksQuery,
} from "./queries";
import { queryClient } from "./queryClient";

/**
 * The pages that are their own chunk: where they live, how to load their code and the queries they start
 * with. router.tsx builds the routes from this; boot.ts uses it to start the first page early, and the server
 * (entry-server.tsx) to render the first page with its data. Kept free of React components and Mantine, so that
 * it evaluates before most of the app.
 */
export interface PageDef {
  path: string;
  code: Chunk<Record<string, unknown>>;
  /** The queries the page shows first (started before its code is in; answered by the server when it renders). */
  queries?: (params: Params) => PageQuery[];
}

/**
 * A page's code: loaded once, and at hand without waiting once it is in (so the page need not suspend).
 * `source` is its file under src/web, which names its chunk in the build's manifest.
 */
export interface Chunk<M> {
  source: string;
  load: () => Promise<M>;
  module?: M;
}

/** Every page module, each its own chunk (the login and not-found pages are part of the first load). */
const PAGE_MODULES = import.meta.glob<Record<string, unknown>>([
  "./pages/**/*Page.tsx",
  "!./pages/LoginPage.tsx",
  "!./pages/NotFoundPage.tsx",
]);

function chunk(file: string): Chunk<Record<string, unknown>> {
  const load = PAGE_MODULES[`./${file}`];
  if (!load) throw new Error(`pages.ts: no page module ${file}`);
  let loading: Promise<Record<string, unknown>> | undefined;
  const c: Chunk<Record<string, unknown>> = {
    source: file,
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

export const PAGES = {
  tasks: {
    path: "/",
    code: chunk("pages/TasksPage.tsx"),
    queries: () => [tasksQuery()],
  },
  cases: { path: "/cases", code: chunk("pages/cases/CasesPage.tsx") },
  case: {
    path: "/cases/:id",
    code: chunk("pages/case/CasePage.tsx"),
    queries: ({ id = "" }) => [caseQuery(id), caseLogQuery(id)],
  },
  meetings: {
    path: "/meetings",
    code: chunk("pages/meetings/MeetingsPage.tsx"),
    queries: () => [meetingsQuery()],
  },
  meeting: {
    path: "/meetings/:id",
    code: chunk("pages/meetings/MeetingPage.tsx"),
    queries: ({ id = "" }) => [meetingQuery(id)],
  },
  dashboard: {
    path: "/dashboard",
    code: chunk("pages/DashboardPage.tsx"),
    queries: () => [dashboardQuery(), regionsQuery(), followUpOverviewQuery()],
  },
  regions: {
    path: "/regions",
    code: chunk("pages/RegionsPage.tsx"),
    queries: () => [regionsQuery()],
  },
  region: {
    path: "/regions/:id",
    code: chunk("pages/region/RegionPage.tsx"),
    queries: ({ id = "" }) => [regionQuery(id)],
  },
  map: { path: "/map", code: chunk("pages/MapPage.tsx") },
  criteria: { path: "/criteria", code: chunk("pages/CriteriaPage.tsx") },
  users: { path: "/users", code: chunk("pages/UsersPage.tsx") },
  register: { path: "/register", code: chunk("pages/RegisterPage.tsx") },
  notifications: {
    path: "/notifications",
    code: chunk("pages/notifications/NotificationsPage.tsx"),
  },
  notificationSettings: {
    path: "/settings/notifications",
    code: chunk("pages/settings/NotificationSettingsPage.tsx"),
  },
  reminderSettings: {
    path: "/settings/reminders",
    code: chunk("pages/settings/ReminderSettingsPage.tsx"),
  },
  outbox: { path: "/outbox", code: chunk("pages/outbox/OutboxPage.tsx") },
} satisfies Record<string, PageDef>;

/** Where the start page sends a role that does not start at the tasks: an administrator, who has no cases. */
export function startElsewhere(role: string | undefined): string | null {
  return role === "admin" ? PAGES.users.path : null;
}

/** The page at `pathname` with its parameters, if it is one of PAGES. */
export function matchPage(pathname: string): { page: PageDef; params: Params } | undefined {
  for (const page of Object.values(PAGES) as PageDef[]) {
    const match = matchPath(page.path, pathname);
    if (match) return { page, params: match.params };
  }
  return undefined;
}

/**
 * Starts the login check and, for the page at `pathname`, its first queries and its code, side by side.
 * Settles when the login check is answered and the code is in (or failed to load: the page's own import
 * then reports it through RouteError). For a page the server rendered, the queries it left out are not
 * started here: the page must first be taken over as the server rendered it (with their loaders), and then
 * asks them itself.
 */
export function startFirstPage(pathname: string, serverRendered = false): Promise<void> {
  const waits: Promise<unknown>[] = [queryClient.prefetchQuery(meQuery)];
  const match = matchPage(pathname);
  if (match) {
    if (!serverRendered)
      for (const query of match.page.queries?.(match.params) ?? []) void queryClient.prefetchQuery(query);
    waits.push(match.page.code.load().catch(() => undefined));
  }
  return Promise.all(waits).then(() => undefined);
}
