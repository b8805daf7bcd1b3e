import { ActionIcon, Indicator } from "@mantine/core";
import { IconBell } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useUnreadCount } from "./queries";

/** The bell in the header: a link to the notifications with the number unread (polled every minute). */
export function NotificationBell() {
  const { t } = useTranslation();
  const location = useLocation();
  const unread = useUnreadCount().data ?? 0;
  const label = unread > 0 ? t("shell.bellUnread", { count: unread }) : t("shell.bellNone");
  const here = location.pathname === "/notifications";
  return (
    // Narrow screens have no room in the header: there the menu's "Aviseringar" carries the count.
    <Indicator
      visibleFrom="xs"
      // The number is in the link's name; screen readers need not read it twice.
      label={<span aria-hidden>{unread > 99 ? "99+" : unread}</span>}
      size={18}
      offset={6}
      color="red.8"
      disabled={unread === 0}
      withBorder
      styles={{ indicator: { fontWeight: 700, pointerEvents: "none" } }}
    >
      <ActionIcon
        component={Link}
        to="/notifications"
        variant={here ? "light" : "subtle"}
        size="lg"
        aria-label={label}
        aria-current={here ? "page" : undefined}
        data-testid="notification-bell"
        data-unread={unread}
      >
        <IconBell size={20} aria-hidden />
      </ActionIcon>
    </Indicator>
  );
}
