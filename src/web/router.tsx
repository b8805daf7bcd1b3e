import { Center, Loader } from "@mantine/core";
import {
  type ComponentType,
  lazy,
  type ReactElement,
  type ReactNode,
  Suspense,
  useEffect,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, type RouteObject } from "react-router";
import { useMe } from "./auth";
import { AppLayout } from "./components/AppLayout";
import { RequireAuth } from "./components/RequireAuth";
import { RouteError } from "./components/RouteError";
import { type Chunk, PAGES, startElsewhere } from "./pages";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";

/**
 * The element of a page whose code is its own chunk (pages.ts): the component `name` of that module. Keyed,
 * so that each page is a mount of its own, also where routes share a place in the tree.
 */
function page(code: Chunk<Record<string, unknown>>, name: string): ReactElement {
  const Lazy = lazy(() => code.load().then((m) => ({ default: m[name] as ComponentType })));
  const loaded = () => (code.module ? (code.module[name] as ComponentType) : undefined);
  return <Page key={name} Lazy={Lazy} loaded={loaded} />;
}

/**
 * Once the page's chunk is in (main.tsx waits for the first page's), the page renders straight away; before
 * that the `Suspense` around the pages shows a loader (on later navigations React keeps the old page
 * meanwhile).
 */
function Page({ Lazy, loaded }: { Lazy: ComponentType; loaded: () => ComponentType | undefined }) {
  // Fixed per mount, so that the chunk arriving later does not swap (and remount) the page.
  const [Loaded] = useState(loaded);
  useEffect(() => {
    // The page is the app's now: rendered here, or taken over from the server's HTML (which React does for the
    // page after the layout around it). Tests and the benchmark wait for this.
    document.documentElement.dataset.page = "ready";
  }, []);
  return Loaded ? <Loaded /> : <Lazy />;
}

const tasksPage = page(PAGES.tasks.code, "TasksPage");
const casesPage = page(PAGES.cases.code, "CasesPage");
const casePage = page(PAGES.case.code, "CasePage");
const meetingsPage = page(PAGES.meetings.code, "MeetingsPage");
const meetingPage = page(PAGES.meeting.code, "MeetingPage");
const dashboardPage = page(PAGES.dashboard.code, "DashboardPage");
const regionsPage = page(PAGES.regions.code, "RegionsPage");
const regionPage = page(PAGES.region.code, "RegionPage");
const mapPage = page(PAGES.map.code, "MapPage");
const criteriaPage = page(PAGES.criteria.code, "CriteriaPage");
const usersPage = page(PAGES.users.code, "UsersPage");
const registerPage = page(PAGES.register.code, "RegisterPage");
const notificationsPage = page(PAGES.notifications.code, "NotificationsPage");
const notificationSettingsPage = page(PAGES.notificationSettings.code, "NotificationSettingsPage");
const reminderSettingsPage = page(PAGES.reminderSettings.code, "ReminderSettingsPage");
const outboxPage = page(PAGES.outbox.code, "OutboxPage");

/** Shown while a page's code loads. */
function PageLoader({ standalone = false }: { standalone?: boolean }) {
  const { t } = useTranslation();
  return (
    <Center h={standalone ? "100vh" : 200}>
      <Loader aria-label={t("common.loading")} />
    </Center>
  );
}

/** The start page: my tasks, or where `startElsewhere` sends the role. */
function StartPage() {
  const elsewhere = startElsewhere(useMe().data?.role);
  return elsewhere ? <Navigate to={elsewhere} replace /> : tasksPage;
}

/** Pages only some roles have; everyone else gets the not-found page, as the API answers 404. */
function OnlyFor({ roles, children }: { roles: string[]; children: ReactNode }) {
  const me = useMe().data;
  return me && roles.includes(me.role) ? children : <NotFoundPage />;
}

const MEETING_ROLES = ["secretariat", "board", "reviewer"];
const OUTBOX_ROLES = ["secretariat", "admin"];

/**
 * The app's routes: main.tsx makes the browser's router of them, entry-server.tsx the server's (the page the
 * server renders is the page the browser then takes over).
 */
export const routes: RouteObject[] = [
  { path: "/login", element: <LoginPage />, errorElement: <RouteError standalone /> },
  // The public register needs no login.
  {
    path: PAGES.register.path,
    element: <Suspense fallback={<PageLoader standalone />}>{registerPage}</Suspense>,
    errorElement: <RouteError standalone />,
  },
  {
    path: "/",
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteError standalone />,
    children: [
      {
        // Errors inside a page keep the header and menu around them.
        errorElement: <RouteError />,
        element: (
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        ),
        children: [
          { index: true, element: <StartPage /> },
          { path: PAGES.cases.path, element: casesPage },
          { path: PAGES.case.path, element: casePage },
          {
            path: PAGES.meetings.path,
            element: <OnlyFor roles={MEETING_ROLES}>{meetingsPage}</OnlyFor>,
          },
          {
            path: PAGES.meeting.path,
            element: <OnlyFor roles={MEETING_ROLES}>{meetingPage}</OnlyFor>,
          },
          {
            path: PAGES.dashboard.path,
            element: <OnlyFor roles={["secretariat"]}>{dashboardPage}</OnlyFor>,
          },
          { path: PAGES.regions.path, element: regionsPage },
          { path: PAGES.region.path, element: regionPage },
          { path: PAGES.map.path, element: mapPage },
          { path: PAGES.criteria.path, element: criteriaPage },
          { path: PAGES.users.path, element: usersPage },
          { path: PAGES.notifications.path, element: notificationsPage },
          { path: PAGES.notificationSettings.path, element: notificationSettingsPage },
          {
            path: PAGES.reminderSettings.path,
            element: <OnlyFor roles={OUTBOX_ROLES}>{reminderSettingsPage}</OnlyFor>,
          },
          {
            path: PAGES.outbox.path,
            element: <OnlyFor roles={OUTBOX_ROLES}>{outboxPage}</OnlyFor>,
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
