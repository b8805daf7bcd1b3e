import { Anchor, Badge, Card, Group, Stack, Table, Text } from "@mantine/core";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import type { TaskPage } from "../../shared/dto";
import { useMe } from "../auth";
import { DueBadge } from "../components/DeadlineText";
import { EmptyTableRow, PagePicker, TableHeader } from "../components/ListTable";
import { PageTitle } from "../components/PageTitle";
import { QueryError } from "../components/QueryError";
import { TableSkeleton } from "../components/TableSkeleton";
import { formatDate, formatNumber } from "../lib/format";
import { lbl } from "../lib/labels";
import { TASKS_PAGE_SIZE, useTasks } from "../queries";
import { actionLabel } from "./case/forms/ActionForm";

/** Actions that are the step's work (not the optional ones every open step offers). */
const OPTIONAL = new Set([
  "grantPostponement",
  "withdrawCase",
  "recordPhoneMeeting",
  "withdrawJoining",
  "reopenJoining",
]);

/** "Du har 12 uppgifter, varav 3 försenade." — "at least" when the server stopped counting. */
function useSummary(): (data: TaskPage) => string {
  const { t } = useTranslation();
  return ({ total, overdue, totalCapped }) => {
    if (!totalCapped)
      return overdue > 0
        ? t("tasks.summaryOverdue", { count: total, overdue })
        : t("tasks.summary", { count: total });
    if (overdue === 0) return t("tasks.summaryCapped", { count: total });
    // The overdue tasks are counted up to the same cap: as many as the total means at least that many.
    const overdueText = overdue >= total ? t("tasks.atLeast", { count: overdue }) : formatNumber(overdue);
    return t("tasks.summaryCappedOverdue", { count: total, overdue: overdueText });
  };
}

/** My tasks, in the server's order (overdue first, then by due date, tasks without one last), a page at a time. */
export function TasksPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page") ?? "1") || 1);
  const tasks = useTasks(page);
  const items = tasks.data?.items ?? [];
  const pages = Math.max(1, Math.ceil((tasks.data?.total ?? 0) / TASKS_PAGE_SIZE));
  const summary = useSummary();

  function goTo(next: number) {
    const changed = new URLSearchParams(params);
    if (next > 1) changed.set("page", String(next));
    else changed.delete("page");
    setParams(changed, { replace: true });
  }

  // Tasks done elsewhere can leave this page past the end: show the last page there is.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new answer can move the page
  useEffect(() => {
    if (tasks.data && !tasks.isPlaceholderData && page > pages) goTo(pages);
  }, [tasks.data, pages]);

  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <PageTitle>{t("tasks.title")}</PageTitle>
        <Text c="dimmed" size="sm" aria-live="polite">
          {me ? t("tasks.intro", { name: me.name }) : null} {tasks.data ? summary(tasks.data) : null}
        </Text>
      </Stack>
      {tasks.isError ? <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} /> : null}
      <Card withBorder padding={0} radius="md">
        {tasks.isPending ? (
          <TableSkeleton rows={4} />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-label={t("tasks.title")}>
              <TableHeader
                columns={[
                  t("tasks.columns.case"),
                  t("tasks.columns.step"),
                  t("tasks.columns.region"),
                  t("tasks.columns.due"),
                  t("tasks.columns.todo"),
                ]}
              />
              <Table.Tbody>
                {items.length === 0 ? <EmptyTableRow colSpan={5}>{t("tasks.empty")}</EmptyTableRow> : null}
                {items.map((task) => {
                  const todo = task.actions.filter((a) => !OPTIONAL.has(a));
                  return (
                    <Table.Tr
                      key={task.caseId}
                      data-case-id={task.caseId}
                      data-overdue={task.overdue || undefined}
                    >
                      <Table.Th scope="row" fw={500}>
                        <Stack gap={0}>
                          <Anchor
                            component={Link}
                            to={`/cases/${task.caseId}`}
                            fw={600}
                            style={{ whiteSpace: "nowrap" }}
                          >
                            {task.registrationNumber}
                          </Anchor>
                          <Text size="sm">{task.title}</Text>
                        </Stack>
                      </Table.Th>
                      <Table.Td>
                        <Text size="sm">
                          {task.stepNumber ? `${task.stepNumber}. ` : ""}
                          {lbl(task.stateLabel)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{task.region.name}</Text>
                      </Table.Td>
                      <Table.Td>
                        {task.dueDate ? (
                          <Group gap={6} wrap="nowrap">
                            <Text size="sm">{formatDate(task.dueDate)}</Text>
                            <DueBadge dueDate={task.dueDate} />
                          </Group>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {t("tasks.noDue")}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {(todo.length ? todo : task.actions).slice(0, 3).map((a) => (
                            <Badge key={a} color="petrol" variant="light" tt="none">
                              {actionLabel(a)}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <PagePicker pages={pages} page={page} onChange={goTo} />
    </Stack>
  );
}
