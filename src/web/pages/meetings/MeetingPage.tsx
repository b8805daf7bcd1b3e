import { Badge, Button, Group, Loader, Modal, Skeleton, Stack, Table, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { DECISION_OUTCOME_LABELS } from "../../../domain/certification/steps";
import type { BoardMeeting } from "../../../shared/dto";
import { ApiError, patch } from "../../api";
import { useMe } from "../../auth";
import { BackLink } from "../../components/BackLink";
import { ConfirmModal } from "../../components/ConfirmModal";
import { notifyError, notifySuccess } from "../../components/feedback";
import { CaseNumberCell, ListTable } from "../../components/ListTable";
import { MeetingIcsLink } from "../../components/notifications/CalendarLinks";
import { PageTitle } from "../../components/PageTitle";
import { QueryError } from "../../components/QueryError";
import { SectionCard } from "../../components/SectionCard";
import { formatDate } from "../../lib/format";
import { lbl } from "../../lib/labels";
import { type AgendaItem, queryKeys, useCase, useMeeting } from "../../queries";
import { RecordDecisionForm, SendDecisionForm } from "../case/forms/decision";
import { DateField } from "../case/forms/fields";
import { NotFoundPage } from "../NotFoundPage";
import { MeetingStatusBadge } from "./MeetingsPage";

type Work = { item: AgendaItem; action: "recordDecision" | "sendDecision" };

/** A board meeting and its agenda: the board records a decision per case, the secretariat sends it. */
export function MeetingPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const me = useMe().data;
  const meeting = useMeeting(id);
  const [work, setWork] = useState<Work | null>(null);
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<"cancel" | "move" | null>(null);
  const [newDate, setNewDate] = useState<string | null>(null);
  // A meeting's change takes its agenda along (D2): moved, its cases wait for the new date; cancelled, they go back
  // to decision preparation. So the cases are refetched too.
  const setStatus = useMutation({
    mutationFn: (change: Pick<BoardMeeting, "status"> | Pick<BoardMeeting, "date">) =>
      patch<BoardMeeting>(`/api/board-meetings/${id}`, { expectedVersion: meeting.data?.version, ...change }),
    onSuccess: async () => {
      setAsking(null);
      await queryClient.invalidateQueries({ queryKey: queryKeys.meetings });
      await queryClient.invalidateQueries({ queryKey: ["cases"] });
      notifySuccess();
    },
    onError: notifyError,
  });

  if (meeting.isPending) return <Skeleton height={300} />;
  if (meeting.isError) {
    if (meeting.error instanceof ApiError && meeting.error.isNotFound) return <NotFoundPage />;
    return <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  }
  const m = meeting.data;
  const awaiting = m.agenda.filter((item) => item.state === "decision").length;
  const mayRecord = me?.role === "board" || me?.role === "secretariat";
  const maySend = me?.role === "secretariat";

  return (
    <Stack gap="lg">
      <BackLink to="/meetings">{t("meetings.backToList")}</BackLink>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <PageTitle>{m.title}</PageTitle>
            <MeetingStatusBadge meeting={m} />
          </Group>
          <Text>
            {formatDate(m.date)} · {t(`meetings.kinds.${m.kind}`)}
            {m.location ? ` · ${m.location}` : ""}
          </Text>
          <MeetingIcsLink meetingId={m.id} />
          {m.kind === "extra" ? (
            <Text size="sm" c="dimmed">
              {t("meetings.extraNote")}
            </Text>
          ) : null}
        </Stack>
        {m.actions.includes("update") && m.status === "planned" ? (
          <Group gap="xs">
            <Button
              variant="default"
              loading={setStatus.isPending}
              onClick={() => setStatus.mutate({ status: "held" })}
            >
              {t("meetings.markHeld")}
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setNewDate(m.date);
                setAsking("move");
              }}
            >
              {t("meetings.move")}
            </Button>
            <Button variant="subtle" color="red.8" onClick={() => setAsking("cancel")}>
              {t("meetings.cancel")}
            </Button>
          </Group>
        ) : null}
        <ConfirmModal
          opened={asking === "cancel"}
          title={t("meetings.cancelTitle")}
          message={t("meetings.cancelConfirm", { count: awaiting })}
          confirmLabel={t("meetings.cancel")}
          danger
          loading={setStatus.isPending}
          onConfirm={() => setStatus.mutate({ status: "cancelled" })}
          onClose={() => setAsking(null)}
        />
        <Modal opened={asking === "move"} onClose={() => setAsking(null)} title={t("meetings.moveTitle")}>
          <form
            noValidate
            data-action="moveMeeting"
            onSubmit={(event) => {
              event.preventDefault();
              if (newDate && newDate !== m.date) setStatus.mutate({ date: newDate });
            }}
          >
            <Stack>
              <DateField
                label={t("meetings.moveDate")}
                description={t("meetings.moveHelp", { count: awaiting })}
                required
                value={newDate}
                onChange={setNewDate}
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={() => setAsking(null)}>
                  {t("common.cancel")}
                </Button>
                <Button type="submit" loading={setStatus.isPending} disabled={!newDate || newDate === m.date}>
                  {t("meetings.move")}
                </Button>
              </Group>
            </Stack>
          </form>
        </Modal>
      </Group>

      <SectionCard id="agenda-heading" title={t("meetings.agenda", { count: m.agenda.length })} flush>
        <ListTable
          minWidth={760}
          striped
          aria-labelledby="agenda-heading"
          columns={[
            t("cases.columns.number"),
            t("cases.columns.title"),
            t("meetings.recommendation"),
            t("meetings.decision"),
            t("common.actions"),
          ]}
          empty={m.agenda.length === 0 && t("meetings.agendaEmpty")}
        >
          {m.agenda.map((item) => {
            const atDecision = item.state === "decision";
            return (
              <Table.Tr key={item.id} data-case-id={item.id}>
                <CaseNumberCell id={item.id} number={item.registrationNumber} />
                <Table.Td>
                  <Text size="sm">{item.title}</Text>
                  <Text size="xs" c="dimmed">
                    {item.region.name} · {item.stepNumber ? `${item.stepNumber}. ` : ""}
                    {lbl(item.stateLabel)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {item.recommendation ? (
                    <Badge color="petrol" tt="none">
                      {lbl(DECISION_OUTCOME_LABELS[item.recommendation])}
                    </Badge>
                  ) : (
                    "—"
                  )}
                </Table.Td>
                <Table.Td>
                  {item.decision ? (
                    <Stack gap={0}>
                      <Badge
                        color={
                          item.decision.outcome === "approved"
                            ? "green"
                            : item.decision.outcome === "postponed"
                              ? "yellow"
                              : "red"
                        }
                        tt="none"
                      >
                        {lbl(DECISION_OUTCOME_LABELS[item.decision.outcome])}
                      </Badge>
                      <Text size="xs" c="dimmed">
                        {formatDate(item.decision.decidedOn)}
                      </Text>
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {atDecision ? t("meetings.noDecision") : "—"}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {atDecision && !item.decision && mayRecord ? (
                      <Button
                        size="xs"
                        onClick={() => setWork({ item, action: "recordDecision" })}
                        aria-label={t("meetings.recordFor", { number: item.registrationNumber })}
                      >
                        {t("meetings.record")}
                      </Button>
                    ) : null}
                    {atDecision && item.decision && maySend ? (
                      <Button
                        size="xs"
                        onClick={() => setWork({ item, action: "sendDecision" })}
                        aria-label={t("meetings.sendFor", { number: item.registrationNumber })}
                      >
                        {t("meetings.send")}
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </ListTable>
      </SectionCard>
      <Modal
        opened={work !== null}
        onClose={() => setWork(null)}
        title={
          work
            ? t(work.action === "recordDecision" ? "meetings.recordTitle" : "meetings.sendTitle", {
                number: work.item.registrationNumber,
              })
            : ""
        }
        size="xl"
      >
        {work ? <AgendaWork work={work} onDone={() => setWork(null)} /> : null}
      </Modal>
    </Stack>
  );
}

function AgendaWork({ work, onDone }: { work: Work; onDone: () => void }) {
  const { t } = useTranslation();
  const c = useCase(work.item.id);
  if (c.isPending) return <Loader aria-label={t("common.loading")} />;
  if (c.isError) return <QueryError error={c.error} onRetry={() => void c.refetch()} />;
  if (!c.data.actions.includes(work.action)) {
    return <Text size="sm">{t("meetings.notAvailable")}</Text>;
  }
  return (
    <Stack gap="sm">
      <Text size="sm" fw={600}>
        {c.data.title}
      </Text>
      {work.action === "recordDecision" ? (
        <RecordDecisionForm c={c.data} bare onDone={onDone} />
      ) : (
        <SendDecisionForm c={c.data} bare onDone={onDone} />
      )}
    </Stack>
  );
}
