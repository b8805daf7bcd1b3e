import { createBrowserRouter, Navigate } from "react-router";
import { AppLayout } from "./components/AppLayout";
import { RequireAuth } from "./components/RequireAuth";
import { RouteError } from "./components/RouteError";
import { CriteriaPage } from "./pages/CriteriaPage";
import { LoginPage } from "./pages/LoginPage";
import { MapPage } from "./pages/MapPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { RegionsPage } from "./pages/RegionsPage";
import { RegionPage } from "./pages/region/RegionPage";
import { UsersPage } from "./pages/UsersPage";

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage />, errorElement: <RouteError standalone /> },
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
          { index: true, element: <Navigate to="/regions" replace /> },
          { path: "regions", element: <RegionsPage /> },
          { path: "regions/:id", element: <RegionPage /> },
          { path: "map", element: <MapPage /> },
          { path: "criteria", element: <CriteriaPage /> },
          { path: "users", element: <UsersPage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
