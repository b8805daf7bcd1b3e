import { Badge, VisuallyHidden } from "@mantine/core";
import { IconBell, IconMailForward } from "@tabler/icons-react";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../../../shared/dto";
import { useUnreadCount } from "./queries";

/** The unread count beside "Aviseringar" in the menu (the bell's count, for narrow screens and screen readers). */
function UnreadNavBadge() {
  const { t } = useTranslation();
  const unread = useUnreadCount().data ?? 0;
  if (unread === 0) return null;
  return (
    <>
      <Badge size="sm" circle={unread < 10} color="red.8" variant="filled" aria-hidden>
        {unread > 99 ? "99+" : unread}
      </Badge>
      <VisuallyHidden>{t("notifications.unread", { count: unread })}</VisuallyHidden>
    </>
  );
}

/**
 * Navigation entries of the notifications work: "Aviseringar" for everyone, "Utkorg" for administrators and
 * the secretariat.
 */
export function notificationNavItems(
  me: Me | null | undefined,
  t: TFunction,
): { to: string; label: string; icon: ReactNode; badge?: ReactNode }[] {
  if (!me) return [];
  const items: { to: string; label: string; icon: ReactNode; badge?: ReactNode }[] = [
    {
      to: "/notifications",
      label: t("notifications.title"),
      icon: <IconBell size={18} aria-hidden />,
      badge: <UnreadNavBadge />,
    },
  ];
  if (me.role === "admin" || me.role === "secretariat") {
    items.push({ to: "/outbox", label: t("shell.outbox"), icon: <IconMailForward size={18} aria-hidden /> });
  }
  return items;
}
