import { Alert, Button, Card, Grid, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconFileTypePdf } from "@tabler/icons-react";
import { useState } from "react";
import { FOLLOW_UP_OUTCOME_LABELS } from "../../../../domain/follow-up/labels";
import type { FollowUpRecord } from "../../../../domain/follow-up/record";
import type { CaseDetail } from "../../../../shared/dto";
import { ConfirmModal } from "../../../components/ConfirmModal";
import { tx } from "../../../components/FollowUpMatrix";
import { notifySuccess } from "../../../components/feedback";
import { useCaseAction } from "../../../lib/caseActions";
import { formatDate } from "../../../lib/format";
import { lbl } from "../../../lib/labels";
import { CaseHeader } from "../CaseHeader";
import { type CaseLog, DocumentsAndLog } from "../CaseLog";
import { ActionProblems } from "../forms/ActionForm";
import { CriterionCard, type CriterionDraft, draftOf, emptyDraft, plannedActionsOf } from "./CriterionCard";
import { ReviewSection } from "./ReviewPanel";

/**
 * A follow-up case (process C): per criterion the quality plan's item beside this year's assessment, the
 * indicators, the local colleges' contributions, and what the caller may do now — the region saves and submits,
 * a local lead contributes, the secretariat accepts, asks for a supplement per criterion or flags the certification.
 */

type Draft = Record<number, CriterionDraft>;

export function FollowUpView({ c, log }: { c: CaseDetail; log: Parameters<typeof CaseLog>[0]["events"] }) {
  const record = c.record as FollowUpRecord;
  const can = (a: string) => c.actions.includes(a);
  const mutation = useCaseAction(c);
  const criteria = c.criteriaSet?.criteria ?? [];
  const openRequest = c.state === "supplementRequested" ? record.supplementRequests.at(-1) : undefined;
  const [draft, setDraft] = useState<Draft>(() =>
    Object.fromEntries(
      criteria.map((cr) => {
        const answer = openRequest?.items.find((i) => i.criterionNumber === cr.number)?.answer ?? "";
        return [cr.number, draftOf(record, cr.number, answer)];
      }),
    ),
  );
  const [indicators, setIndicators] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      record.indicatorDefinitions.map((d) => [d.key, record.indicators[d.key]?.toString() ?? ""]),
    ),
  );
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const editable = can("saveSelfAssessment");

  const run = async (action: string, payload: unknown, message: string) => {
    await mutation.mutateAsync({ action, payload });
    notifySuccess(message);
  };
  // A planned action half filled in keeps the form from saving (the row says what is missing).
  const halfFilled = criteria.filter((cr) => plannedActionsOf(draft[cr.number] ?? emptyDraft()) === null);
  const save = () =>
    run(
      "saveSelfAssessment",
      {
        criteria: criteria.map((cr) => {
          const d = draft[cr.number] ?? emptyDraft();
          const asked = openRequest?.items.some((i) => i.criterionNumber === cr.number);
          return {
            criterionNumber: cr.number,
            ...(d.status ? { status: d.status } : {}),
            ...(d.done.trim() ? { done: d.done } : {}),
            plannedActions: plannedActionsOf(d) ?? [],
            documentIds: d.documentIds,
            ...(asked && d.supplementAnswer.trim() ? { supplementAnswer: d.supplementAnswer } : {}),
          };
        }),
        indicators: Object.fromEntries(
          Object.entries(indicators).map(([k, v]) => [k, v.trim() === "" ? null : Number(v)]),
        ),
      },
      tx("Självvärderingen är sparad.", "The self-assessment is saved."),
    );

  const deadline = c.nextDeadline;
  return (
    <Stack gap="lg">
      <CaseHeader c={c} />
      <Group justify="flex-end">
        <Button
          component="a"
          href={`/api/cases/${encodeURIComponent(c.id)}/follow-up-report.pdf`}
          download
          variant="default"
          size="sm"
          leftSection={<IconFileTypePdf size={16} aria-hidden />}
        >
          {tx("Ladda ned rapporten (PDF)", "Download the report (PDF)")}
        </Button>
      </Group>
      {record.review && (
        <Alert
          color={record.review.outcome === "flagged" ? "orange" : "green"}
          title={lbl(FOLLOW_UP_OUTCOME_LABELS[record.review.outcome])}
        >
          {[record.review.reason, record.review.summary].filter(Boolean).join(" — ")} (
          {formatDate(record.review.decidedOn)})
        </Alert>
      )}
      {openRequest && (
        <Alert
          color="yellow"
          title={tx("Kansliet begär komplettering", "The secretariat requests a supplement")}
        >
          {tx(
            `Svara på varje punkt senast ${formatDate(openRequest.dueDate)}.`,
            `Answer each item by ${formatDate(openRequest.dueDate)}.`,
          )}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            {criteria.map((cr) => (
              <CriterionCard
                key={cr.number}
                c={c}
                record={record}
                criterion={cr}
                draft={draft[cr.number] ?? emptyDraft()}
                onChange={(d) => setDraft((prev) => ({ ...prev, [cr.number]: d }))}
                editable={editable}
                openRequest={openRequest}
              />
            ))}
            <Card withBorder radius="md" component="section" aria-labelledby="indicators">
              <Text component="h2" id="indicators" fw={650} mb="xs">
                {tx("Indikatorer", "Indicators")}
              </Text>
              <Group align="flex-end">
                {record.indicatorDefinitions.map((def) =>
                  editable ? (
                    <TextInput
                      key={def.key}
                      type="number"
                      min={0}
                      label={lbl(def.label)}
                      value={indicators[def.key] ?? ""}
                      onChange={(e) => {
                        // Read the value now: React clears currentTarget before the updater runs.
                        const value = e.currentTarget.value;
                        setIndicators((prev) => ({ ...prev, [def.key]: value }));
                      }}
                      w={180}
                    />
                  ) : (
                    <Text key={def.key} size="sm">
                      {lbl(def.label)}: <b>{record.indicators[def.key] ?? "–"}</b>
                    </Text>
                  ),
                )}
              </Group>
            </Card>
            <ActionProblems error={mutation.error} caseId={c.id} />
            {halfFilled.length > 0 && (
              <Text size="sm" c="red" role="status">
                {tx(
                  `Fyll i åtgärd, ansvarig och datum för varje planerad åtgärd (kriterium ${halfFilled.map((cr) => cr.number).join(", ")}), eller ta bort raden.`,
                  `Fill in action, owner and date of each planned action (criterion ${halfFilled.map((cr) => cr.number).join(", ")}), or remove the row.`,
                )}
              </Text>
            )}
            {(editable || can("submitSelfAssessment")) && (
              <Group>
                {editable && (
                  <Button
                    onClick={() => void save()}
                    loading={mutation.isPending}
                    disabled={halfFilled.length > 0}
                  >
                    {tx("Spara", "Save")}
                  </Button>
                )}
                {(can("submitSelfAssessment") ||
                  c.state === "selfAssessment" ||
                  c.state === "supplementRequested") &&
                  editable && (
                    <Button
                      variant="light"
                      onClick={() => setConfirmSubmit(true)}
                      disabled={!can("submitSelfAssessment")}
                    >
                      {tx("Skicka in till kansliet", "Submit to the secretariat")}
                    </Button>
                  )}
              </Group>
            )}
            <ReviewSection c={c} record={record} />
            <DocumentsAndLog caseId={c.id} log={log} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Card withBorder radius="md">
            <Stack gap={4}>
              <Text fw={650}>{tx("Om uppföljningen", "About the follow-up")}</Text>
              <Text size="sm">
                {tx("År", "Year")}: {record.year}
              </Text>
              <Text size="sm">
                {tx("Certifiering", "Certification")}: {record.subjectName}
              </Text>
              {deadline && (
                <Text size="sm" c={deadline.overdue ? "red" : undefined}>
                  {tx("Sista dag", "Due")}: {formatDate(deadline.dueDate)}
                  {deadline.overdue ? ` (${tx("försenad", "overdue")})` : ""}
                </Text>
              )}
              <Text size="sm">
                {tx("Öppnad", "Opened")}: {formatDate(record.openedOn)} (
                {record.openedBy === "schedule"
                  ? tx("årlig", "yearly")
                  : tx("av kansliet", "by the secretariat")}
                )
              </Text>
              {!editable && !can("submitSelfAssessment") && c.state === "selfAssessment" && (
                <Text size="sm" c="dimmed">
                  {tx("Regionen fyller i självvärderingen.", "The region fills in the self-assessment.")}
                </Text>
              )}
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      <ConfirmModal
        opened={confirmSubmit}
        onClose={() => setConfirmSubmit(false)}
        title={tx("Skicka in självvärderingen?", "Submit the self-assessment?")}
        message={tx(
          "Spara först det du ändrat. Efter inskickandet granskar kansliet uppföljningen och du kan inte ändra den förrän kansliet begär en komplettering.",
          "Save your changes first. Once submitted, the secretariat reviews the follow-up and you cannot change it unless it asks for a supplement.",
        )}
        confirmLabel={tx("Skicka in", "Submit")}
        loading={mutation.isPending}
        onConfirm={() =>
          void run(
            "submitSelfAssessment",
            {},
            tx("Självvärderingen är inskickad.", "The self-assessment is submitted."),
          ).finally(() => setConfirmSubmit(false))
        }
      />
    </Stack>
  );
}
