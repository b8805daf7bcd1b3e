import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Code,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from "@mantine/core";
import { IconAlarm, IconMailOff } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ListPageHeader } from "../../components/ListPageHeader";
import { ListCard, PagePicker, right } from "../../components/ListTable";
import {
  OUTBOX_STATUSES,
  type OutboxRow,
  type OutboxStatus,
  useOutbox,
} from "../../components/notifications/queries";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../lib/format";
import { useListParams } from "../../lib/searchParams";

const PAGE_SIZE = 25;

export const OUTBOX_STATUS_COLORS: Record<OutboxStatus, string> = {
  pending: "yellow",
  sending: "blue",
  sent: "green",
  failed: "red",
  kept: "gray",
  cancelled: "dark",
};

function isStatus(v: string | null): v is OutboxStatus {
  return v !== null && (OUTBOX_STATUSES as readonly string[]).includes(v);
}

export function OutboxStatusBadge({ status }: { status: OutboxStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={OUTBOX_STATUS_COLORS[status]} tt="none">
      {t(`outbox.statuses.${status}`)}
    </Badge>
  );
}

/** "Utkorg": every outgoing e-mail with its status, attempts and last error (admin, secretariat). */
export function OutboxPage() {
  const { t } = useTranslation();
  const { params, page, update } = useListParams();
  const [shown, setShown] = useState<OutboxRow | null>(null);
  const statusParam = params.get("status");
  const status = isStatus(statusParam) ? statusParam : null;

  const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  if (status) query.set("status", status);
  const outbox = useOutbox(query);
  const data = outbox.data;
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const allCount = data ? Object.values(data.counts).reduce((a, b) => a + b, 0) : 0;

  return (
    <Stack gap="lg">
      <ListPageHeader
        title={t("outbox.title")}
        summary={t("outbox.intro")}
        actions={
          <Button
            component={Link}
            to="/settings/reminders"
            variant="default"
            leftSection={<IconAlarm size={16} aria-hidden />}
          >
            {t("outbox.reminderSettings")}
          </Button>
        }
      />

      {data && !data.smtpConfigured ? (
        <Alert
          color="yellow"
          variant="light"
          title={t("outbox.smtpMissingTitle")}
          icon={<IconMailOff aria-hidden />}
          data-testid="smtp-banner"
        >
          <Text size="sm">{t("outbox.smtpMissing")}</Text>
        </Alert>
      ) : null}

      <Card withBorder radius="md" component="section" aria-label={t("outbox.counts")} padding="sm">
        <Stack gap={6}>
          <Text size="sm" fw={600} id="outbox-filter-label">
            {t("outbox.filter")}
          </Text>
          <SegmentedControl
            aria-labelledby="outbox-filter-label"
            value={status ?? "all"}
            onChange={(v) => update({ status: v === "all" ? null : v })}
            data={[
              { value: "all", label: t("outbox.allCount", { count: allCount }) },
              ...OUTBOX_STATUSES.map((s) => ({
                value: s,
                label: t("outbox.statusCount", {
                  label: t(`outbox.statuses.${s}`),
                  count: data?.counts[s] ?? 0,
                }),
              })),
            ]}
            style={{ alignSelf: "flex-start", maxWidth: "100%", overflowX: "auto" }}
          />
        </Stack>
      </Card>

      {outbox.isError ? <QueryError error={outbox.error} onRetry={() => void outbox.refetch()} /> : null}
      <Text size="sm" c="dimmed" aria-live="polite">
        {data ? t("outbox.total", { count: total }) : ""}
      </Text>
      <ListCard
        loading={outbox.isPending}
        skeletonRows={8}
        minWidth={1000}
        striped
        aria-label={t("outbox.title")}
        columns={[
          t("outbox.columns.time"),
          t("outbox.columns.recipient"),
          t("outbox.columns.subject"),
          t("outbox.columns.status"),
          right(t("outbox.columns.attempts")),
          t("outbox.columns.lastError"),
          t("outbox.columns.case"),
        ]}
        empty={data?.items.length === 0 && t("outbox.empty")}
      >
        {data?.items.map((row) => (
          <Table.Tr key={row.id} data-status={row.status} data-testid="outbox-row">
            <Table.Td style={{ whiteSpace: "nowrap" }}>
              <Text size="sm" component="time" dateTime={row.createdAt}>
                {formatDateTime(row.createdAt)}
              </Text>
              {row.sentAt ? (
                <Text size="xs" c="dimmed">
                  {t("outbox.sentAt", { date: formatDateTime(row.sentAt) })}
                </Text>
              ) : row.cancelledAt ? (
                <Text size="xs" c="dimmed">
                  {t("outbox.cancelledAt", { date: formatDateTime(row.cancelledAt) })}
                </Text>
              ) : row.status === "pending" && row.nextAttemptAt ? (
                <Text size="xs" c="dimmed">
                  {t("outbox.nextAttempt", { date: formatDateTime(row.nextAttemptAt) })}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {row.to}
              </Text>
            </Table.Td>
            <Table.Td>
              <Anchor
                component="button"
                type="button"
                size="sm"
                ta="left"
                onClick={() => setShown(row)}
                aria-haspopup="dialog"
              >
                {row.subject}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <OutboxStatusBadge status={row.status} />
            </Table.Td>
            <Table.Td ta="right">
              <Text size="sm">{row.attempts}</Text>
            </Table.Td>
            <Table.Td>
              {row.cancelReason ? (
                <Text size="xs" data-testid="outbox-cancel-reason">
                  {t("outbox.cancelledBecause", {
                    reason: t(`outbox.cancelReasons.${row.cancelReason}`),
                  })}
                </Text>
              ) : row.lastError ? (
                <Text size="xs" c="red.9" style={{ overflowWrap: "anywhere" }} lineClamp={3}>
                  {row.lastError}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {row.caseId ? (
                <Anchor component={Link} to={`/cases/${row.caseId}`} size="sm">
                  {t("outbox.openCase")}
                  <VisuallyHidden>: {row.subject}</VisuallyHidden>
                </Anchor>
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </ListCard>
      <PagePicker pages={pages} page={page} onChange={(p) => update({ page: String(p) })} />

      <Modal
        opened={shown !== null}
        onClose={() => setShown(null)}
        title={shown?.subject ?? t("outbox.messageTitle")}
        size="lg"
      >
        {shown ? (
          <Stack gap="sm">
            <Group gap="xs">
              <OutboxStatusBadge status={shown.status} />
              <Text size="sm">
                {t("outbox.to")}: {shown.to}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {formatDateTime(shown.createdAt)}
            </Text>
            {shown.reminderOf ? (
              <Text size="sm" c="dimmed">
                {t("outbox.reminderOf", {
                  deadline: t(`outbox.deadlines.${shown.reminderOf.deadline}` as never),
                  date: shown.reminderOf.dueDate,
                })}
              </Text>
            ) : null}
            {shown.cancelReason ? (
              <Alert color="gray" variant="light" title={t("outbox.statuses.cancelled")}>
                <Text size="sm">
                  {t("outbox.cancelledBecause", { reason: t(`outbox.cancelReasons.${shown.cancelReason}`) })}
                </Text>
              </Alert>
            ) : null}
            <Code block style={{ whiteSpace: "pre-wrap", fontFamily: "inherit", fontSize: "0.875rem" }}>
              {shown.text}
            </Code>
            {shown.lastError ? (
              <Alert color="red" variant="light" title={t("outbox.columns.lastError")}>
                <Text size="sm">{shown.lastError}</Text>
              </Alert>
            ) : null}
          </Stack>
        ) : null}
      </Modal>
    </Stack>
  );
}
