import type { ReactNode } from "react";
import type { RouteObject } from "react-router";
import { useMe } from "../../auth";
import { NotFoundPage } from "../NotFoundPage";
import { OutboxPage } from "../outbox/OutboxPage";
import { NotificationSettingsPage } from "../settings/NotificationSettingsPage";
import { ReminderSettingsPage } from "../settings/ReminderSettingsPage";
import { NotificationsPage } from "./NotificationsPage";

/** Pages only some roles have; everyone else gets the not-found page, as the API answers 404. */
function Only({ roles, children }: { roles: string[]; children: ReactNode }) {
  const me = useMe().data;
  return me && roles.includes(me.role) ? children : <NotFoundPage />;
}

/** Notifications, settings and the outbox (mounted among the logged-in pages in router.tsx). */
export const notificationRoutes: RouteObject[] = [
  { path: "notifications", element: <NotificationsPage /> },
  { path: "settings/notifications", element: <NotificationSettingsPage /> },
  {
    path: "settings/reminders",
    element: (
      <Only roles={["secretariat", "admin"]}>
        <ReminderSettingsPage />
      </Only>
    ),
  },
  {
    path: "outbox",
    element: (
      <Only roles={["secretariat", "admin"]}>
        <OutboxPage />
      </Only>
    ),
  },
];
