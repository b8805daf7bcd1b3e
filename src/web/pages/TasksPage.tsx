import { Anchor, Badge, Card, Group, Stack, Table, Text } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Task } from "../../shared/dto";
import { useMe } from "../auth";
import { DueBadge } from "../components/DeadlineText";
import { PageTitle } from "../components/PageTitle";
import { QueryError } from "../components/QueryError";
import { TableSkeleton } from "../components/TableSkeleton";
import { formatDate } from "../lib/format";
import { lbl } from "../lib/labels";
import { useTasks } from "../queries";
import { actionLabel } from "./case/forms/ActionForm";

/** Overdue first, then by due date (tasks without a date last), as the server sends them. */
export function sortTasks(tasks: readonly Task[]): Task[] {
  return [...tasks].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) || (a.dueDate ?? "9999").localeCompare(b.dueDate ?? "9999"),
  );
}

/** Actions that are the step's work (not the optional ones every open step offers). */
const OPTIONAL = new Set([
  "grantPostponement",
  "withdrawCase",
  "recordPhoneMeeting",
  "withdrawJoining",
  "reopenJoining",
]);

export function TasksPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const tasks = useTasks();
  const items = useMemo(() => sortTasks(tasks.data ?? []), [tasks.data]);
  const overdue = items.filter((x) => x.overdue).length;

  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <PageTitle>{t("tasks.title")}</PageTitle>
        <Text c="dimmed" size="sm">
          {me ? t("tasks.intro", { name: me.name }) : null}{" "}
          {tasks.data
            ? overdue > 0
              ? t("tasks.summaryOverdue", { count: items.length, overdue })
              : t("tasks.summary", { count: items.length })
            : null}
        </Text>
      </Stack>
      {tasks.isError ? <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} /> : null}
      <Card withBorder padding={0} radius="md">
        {tasks.isPending ? (
          <TableSkeleton rows={4} />
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table striped aria-label={t("tasks.title")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("tasks.columns.case")}</Table.Th>
                  <Table.Th scope="col">{t("tasks.columns.step")}</Table.Th>
                  <Table.Th scope="col">{t("tasks.columns.region")}</Table.Th>
                  <Table.Th scope="col">{t("tasks.columns.due")}</Table.Th>
                  <Table.Th scope="col">{t("tasks.columns.todo")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.length === 0 ? (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text c="dimmed" py="md" ta="center">
                        {t("tasks.empty")}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ) : null}
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
    </Stack>
  );
}
