import { createBrowserRouter, Navigate } from "react-router";
import { useMe } from "./auth";
import { AppLayout } from "./components/AppLayout";
import { RequireAuth } from "./components/RequireAuth";
import { RouteError } from "./components/RouteError";
import { CriteriaPage } from "./pages/CriteriaPage";
import { CasePage } from "./pages/case/CasePage";
import { CasesPage } from "./pages/cases/CasesPage";
import { DashboardPage } from "./pages/DashboardPage";
import { LoginPage } from "./pages/LoginPage";
import { MapPage } from "./pages/MapPage";
import { MeetingPage } from "./pages/meetings/MeetingPage";
import { MeetingsPage } from "./pages/meetings/MeetingsPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { notificationRoutes } from "./pages/notifications/routes";
import { RegionsPage } from "./pages/RegionsPage";
import { RegisterPage } from "./pages/RegisterPage";
import { RegionPage } from "./pages/region/RegionPage";
import { TasksPage } from "./pages/TasksPage";
import { UsersPage } from "./pages/UsersPage";

/** The start page: my tasks (an administrator, who has no cases, starts at the users). */
function StartPage() {
  const me = useMe().data;
  return me?.role === "admin" ? <Navigate to="/users" replace /> : <TasksPage />;
}

/** Pages only some roles have; everyone else gets the not-found page, as the API answers 404. */
function OnlyFor({ roles, children }: { roles: string[]; children: React.ReactNode }) {
  const me = useMe().data;
  return me && roles.includes(me.role) ? children : <NotFoundPage />;
}

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage />, errorElement: <RouteError standalone /> },
  // The public register needs no login.
  { path: "/register", element: <RegisterPage />, errorElement: <RouteError standalone /> },
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
        children: [
          { index: true, element: <StartPage /> },
          { path: "cases", element: <CasesPage /> },
          { path: "cases/:id", element: <CasePage /> },
          {
            path: "meetings",
            element: (
              <OnlyFor roles={["secretariat", "board", "reviewer"]}>
                <MeetingsPage />
              </OnlyFor>
            ),
          },
          {
            path: "meetings/:id",
            element: (
              <OnlyFor roles={["secretariat", "board", "reviewer"]}>
                <MeetingPage />
              </OnlyFor>
            ),
          },
          {
            path: "dashboard",
            element: (
              <OnlyFor roles={["secretariat"]}>
                <DashboardPage />
              </OnlyFor>
            ),
          },
          { path: "regions", element: <RegionsPage /> },
          { path: "regions/:id", element: <RegionPage /> },
          { path: "map", element: <MapPage /> },
          { path: "criteria", element: <CriteriaPage /> },
          { path: "users", element: <UsersPage /> },
          ...notificationRoutes,
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
