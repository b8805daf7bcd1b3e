import { Anchor, Badge, Button, Card, Flex, Group, Stack, Switch, Text, VisuallyHidden } from "@mantine/core";
import { IconChecks, IconSettings } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { notifyError, notifySuccess } from "../../components/feedback";
import {
  type AppNotification,
  useMarkAllRead,
  useMarkRead,
  useNotificationList,
  useUnreadCount,
} from "../../components/notifications/queries";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { TableSkeleton } from "../../components/TableSkeleton";
import { formatDateTime } from "../../lib/format";
import classes from "./notifications.module.css";

/** My notifications, newest first: unread in bold, mark one or all as read, a link to each case. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const list = useNotificationList(unreadOnly);
  const unread = useUnreadCount();
  const markAll = useMarkAllRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // The list's own count is as fresh as the list; the bell's may be a minute old.
  const unreadCount = list.data?.pages[0]?.unread ?? unread.data ?? 0;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="md">
        <Stack gap={2}>
          <PageTitle>{t("notifications.title")}</PageTitle>
          <Text size="sm" c="dimmed">
            {t("notifications.intro")}
          </Text>
          <Text size="sm" fw={600} aria-live="polite" data-testid="unread-count">
            {unreadCount > 0
              ? t("notifications.unread", { count: unreadCount })
              : t("notifications.noneUnread")}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button
            component={Link}
            to="/settings/notifications"
            variant="default"
            leftSection={<IconSettings size={16} aria-hidden />}
          >
            {t("notifications.settings")}
          </Button>
          <Button
            leftSection={<IconChecks size={16} aria-hidden />}
            disabled={unreadCount === 0}
            loading={markAll.isPending}
            onClick={() =>
              markAll.mutate(undefined, {
                onSuccess: () => notifySuccess(t("notifications.allMarked")),
                onError: notifyError,
              })
            }
          >
            {t("notifications.markAllRead")}
          </Button>
        </Group>
      </Group>

      <Switch
        label={t("notifications.showUnreadOnly")}
        checked={unreadOnly}
        onChange={(e) => setUnreadOnly(e.currentTarget.checked)}
      />

      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      <Card withBorder radius="md" padding={0}>
        {list.isPending ? (
          <TableSkeleton rows={5} />
        ) : items.length === 0 ? (
          <Text c="dimmed" p="lg" ta="center">
            {unreadOnly ? t("notifications.emptyUnread") : t("notifications.empty")}
          </Text>
        ) : (
          <ul className={classes.list} aria-label={t("notifications.list")}>
            {items.map((n) => (
              <NotificationItem key={n.id} n={n} />
            ))}
          </ul>
        )}
      </Card>
      {list.hasNextPage ? (
        <Group justify="center">
          <Button
            variant="default"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t("notifications.loadMore")}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function NotificationItem({ n }: { n: AppNotification }) {
  const { t } = useTranslation();
  const markRead = useMarkRead();
  const unread = n.readAt === null;
  const mayMark = n.actions.includes("read");
  return (
    <li className={classes.item} data-unread={unread || undefined} data-testid="notification">
      <Flex
        direction={{ base: "column", sm: "row" }}
        justify="space-between"
        align={{ base: "stretch", sm: "flex-start" }}
        gap="sm"
      >
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            {unread ? (
              <Badge color="petrol" variant="filled" size="sm">
                {t("notifications.unreadMark")}
              </Badge>
            ) : null}
            <Text component="h2" size="md" fw={unread ? 700 : 400} className={classes.title}>
              {n.title}
            </Text>
          </Group>
          <Text size="sm" c={unread ? undefined : "gray.7"}>
            {n.body}
          </Text>
          <Group gap="md" wrap="wrap">
            <Text size="xs" c="dimmed" component="time" dateTime={n.createdAt}>
              {formatDateTime(n.createdAt)}
            </Text>
            {n.link ? (
              <Anchor
                component={Link}
                to={n.link}
                size="sm"
                // Opening the case is reading the notice.
                onClick={() => {
                  if (mayMark) markRead.mutate(n.id);
                }}
              >
                {t("notifications.openCase")}
                <VisuallyHidden>: {n.title}</VisuallyHidden>
              </Anchor>
            ) : null}
          </Group>
        </Stack>
        {mayMark ? (
          <Button
            size="xs"
            variant="default"
            loading={markRead.isPending}
            aria-label={t("notifications.markReadLabel", { title: n.title })}
            onClick={() => markRead.mutate(n.id, { onError: notifyError })}
            style={{ flexShrink: 0, alignSelf: "flex-start" }}
          >
            {t("notifications.markRead")}
          </Button>
        ) : null}
      </Flex>
    </li>
  );
}
