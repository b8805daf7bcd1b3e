import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconFileTypePdf } from "@tabler/icons-react";
import { useState } from "react";
import {
  CRITERION_STATUS_LABELS,
  CRITERION_STATUSES,
  type CriterionStatus,
  FOLLOW_UP_OUTCOME_LABELS,
} from "../../../../domain/follow-up/labels";
import type { FollowUpRecord } from "../../../../domain/follow-up/record";
import type { CaseDetail } from "../../../../shared/dto";
import { ConfirmModal } from "../../../components/ConfirmModal";
import { DocumentsPanel } from "../../../components/documents";
import { StatusBadge, tx } from "../../../components/FollowUpMatrix";
import { notifySuccess } from "../../../components/feedback";
import { useCaseAction } from "../../../lib/caseActions";
import { formatDate } from "../../../lib/format";
import { lbl } from "../../../lib/labels";
import { CaseHeader } from "../CaseHeader";
import { CaseLog } from "../CaseLog";
import { ActionProblems } from "../forms/ActionForm";

/**
 * A follow-up case (process C): per criterion the quality plan's item beside this year's assessment, the
 * indicators, the local colleges' contributions, and what the caller may do now — the region saves and submits,
 * a local lead contributes, the secretariat accepts, asks for a supplement per criterion or flags the certification.
 */

type Draft = Record<number, { status?: CriterionStatus; done: string; supplementAnswer: string }>;

export function FollowUpView({ c, log }: { c: CaseDetail; log: Parameters<typeof CaseLog>[0]["events"] }) {
  const record = c.record as FollowUpRecord;
  const can = (a: string) => c.actions.includes(a);
  const mutation = useCaseAction(c);
  const criteria = c.criteriaSet?.criteria ?? [];
  const openRequest = c.state === "supplementRequested" ? record.supplementRequests.at(-1) : undefined;
  const [draft, setDraft] = useState<Draft>(() =>
    Object.fromEntries(
      criteria.map((cr) => {
        const a = record.assessments.find((x) => x.criterionNumber === cr.number);
        const answer = openRequest?.items.find((i) => i.criterionNumber === cr.number)?.answer ?? "";
        return [cr.number, { status: a?.status, done: a?.done ?? "", supplementAnswer: answer }];
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
  const save = () =>
    run(
      "saveSelfAssessment",
      {
        criteria: criteria.map((cr) => {
          const d = draft[cr.number];
          const asked = openRequest?.items.some((i) => i.criterionNumber === cr.number);
          return {
            criterionNumber: cr.number,
            ...(d?.status ? { status: d.status } : {}),
            ...(d?.done.trim() ? { done: d.done } : {}),
            ...(asked && d?.supplementAnswer.trim() ? { supplementAnswer: d.supplementAnswer } : {}),
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
            {criteria.map((cr) => {
              const plan = record.plan.find((p) => p.criterionNumber === cr.number);
              const a = record.assessments.find((x) => x.criterionNumber === cr.number);
              const d = draft[cr.number] ?? { done: "", supplementAnswer: "" };
              const request = openRequest?.items.find((i) => i.criterionNumber === cr.number);
              const set = (patch: Partial<typeof d>) =>
                setDraft((prev) => ({ ...prev, [cr.number]: { ...d, ...patch } }));
              return (
                <Card
                  key={cr.number}
                  withBorder
                  radius="md"
                  component="section"
                  aria-labelledby={`criterion-${cr.number}`}
                >
                  <Group justify="space-between" mb="xs">
                    <Text component="h2" id={`criterion-${cr.number}`} fw={650}>
                      {cr.number}. {cr.title}
                    </Text>
                    <StatusBadge status={a?.status} />
                  </Group>
                  <Grid>
                    <Grid.Col span={{ base: 12, md: 5 }}>
                      <Text size="xs" fw={600} c="dimmed">
                        {tx("Kvalitetsplanen", "The quality plan")}
                      </Text>
                      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                        {plan?.text ??
                          record.generalPlan ??
                          tx("Ingen punkt i planen för kriteriet.", "No plan item for the criterion.")}
                      </Text>
                      {plan && (
                        <Text size="xs" c="dimmed">
                          {plan.source === "followUp"
                            ? tx("Från förra uppföljningen", "From the last follow-up")
                            : tx("Från kvalitetsplanen", "From the quality plan")}{" "}
                          ({plan.sourceRegistrationNumber})
                        </Text>
                      )}
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, md: 7 }}>
                      {editable ? (
                        <Stack gap="xs">
                          <Radio.Group
                            label={tx("Status", "Status")}
                            value={d.status ?? ""}
                            onChange={(v) => set({ status: v as CriterionStatus })}
                          >
                            <Group gap="md" mt={4}>
                              {CRITERION_STATUSES.map((s) => (
                                <Radio key={s} value={s} label={lbl(CRITERION_STATUS_LABELS[s])} />
                              ))}
                            </Group>
                          </Radio.Group>
                          <Textarea
                            label={tx("Vad har gjorts i år", "What was done this year")}
                            autosize
                            minRows={2}
                            value={d.done}
                            onChange={(e) => set({ done: e.currentTarget.value })}
                          />
                        </Stack>
                      ) : (
                        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                          {a?.done ?? tx("Inte beskrivet ännu.", "Not described yet.")}
                        </Text>
                      )}
                      {a?.plannedActions.map((pa) => (
                        <Text key={`${pa.action}${pa.dueDate}`} size="sm">
                          • {pa.action} ({pa.owner}, {formatDate(pa.dueDate)})
                        </Text>
                      ))}
                    </Grid.Col>
                  </Grid>
                  {record.contributions
                    .filter((x) => x.criterionNumber === cr.number)
                    .map((x) => (
                      <Text key={`${x.localCollegeId}${x.on}${x.text}`} size="sm" mt="xs">
                        <Badge variant="outline" mr="xs">
                          {x.localCollegeName}
                        </Badge>
                        {x.text}
                      </Text>
                    ))}
                  {record.supplementRequests.flatMap((r) =>
                    r.items
                      .filter((i) => i.criterionNumber === cr.number && i !== request)
                      .map((i) => (
                        <Text key={`${r.requestedOn}${i.request}`} size="sm" mt="xs">
                          <b>{tx("Begärd komplettering", "Requested supplement")}:</b> {i.request}
                          {i.answer ? ` — ${i.answer}` : ""}
                        </Text>
                      )),
                  )}
                  {request && (
                    <Stack gap={4} mt="sm">
                      <Text size="sm" fw={600}>
                        {tx("Kansliet begär", "The secretariat asks")}: {request.request}
                      </Text>
                      {editable && (
                        <Textarea
                          label={tx(
                            `Komplettering för kriterium ${cr.number}`,
                            `Supplement for criterion ${cr.number}`,
                          )}
                          autosize
                          minRows={2}
                          value={d.supplementAnswer}
                          onChange={(e) => set({ supplementAnswer: e.currentTarget.value })}
                        />
                      )}
                    </Stack>
                  )}
                  {can("addLocalContribution") && <Contribution c={c} criterion={cr.number} />}
                </Card>
              );
            })}
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
            {(editable || can("submitSelfAssessment")) && (
              <Group>
                {editable && (
                  <Button onClick={() => void save()} loading={mutation.isPending}>
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
            {can("acceptFollowUp") && <ReviewPanel c={c} record={record} />}
            <DocumentsPanel caseId={c.id} />
            <Card withBorder radius="md">
              <CaseLog events={log} />
            </Card>
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

function Contribution({ c, criterion }: { c: CaseDetail; criterion: number }) {
  const mutation = useCaseAction(c);
  const [text, setText] = useState("");
  return (
    <Group align="flex-end" mt="sm">
      <Textarea
        label={tx(
          `Lokalt bidrag till kriterium ${criterion}`,
          `Local contribution to criterion ${criterion}`,
        )}
        autosize
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        style={{ flex: 1 }}
      />
      <Button
        variant="light"
        disabled={!text.trim()}
        loading={mutation.isPending}
        onClick={() =>
          void mutation
            .mutateAsync({ action: "addLocalContribution", payload: { criterionNumber: criterion, text } })
            .then(() => {
              setText("");
              notifySuccess(tx("Bidraget är sparat.", "The contribution is saved."));
            })
        }
      >
        {tx("Lämna bidrag", "Contribute")}
      </Button>
    </Group>
  );
}

function ReviewPanel({ c, record }: { c: CaseDetail; record: FollowUpRecord }) {
  const mutation = useCaseAction(c);
  const [summary, setSummary] = useState("");
  const [reason, setReason] = useState("");
  const [asks, setAsks] = useState<Record<number, string>>({});
  const [picked, setPicked] = useState<number[]>([]);
  const [confirm, setConfirm] = useState<"accept" | "flag" | null>(null);
  const criteria = c.criteriaSet?.criteria ?? [];
  const act = (action: string, payload: unknown, message: string) =>
    mutation.mutateAsync({ action, payload }).then(() => notifySuccess(message));
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="review">
      <Text component="h2" id="review" fw={650} mb="xs">
        {tx("Granskning", "Review")}
      </Text>
      <Stack gap="sm">
        <Textarea
          label={tx("Sammanfattning", "Summary")}
          autosize
          value={summary}
          onChange={(e) => setSummary(e.currentTarget.value)}
        />
        <Group>
          <Button color="green" onClick={() => setConfirm("accept")}>
            {tx("Godkänn uppföljningen", "Accept the follow-up")}
          </Button>
        </Group>
        <Text fw={600} size="sm">
          {tx("Begär komplettering per kriterium", "Request a supplement per criterion")}
        </Text>
        {criteria.map((cr) => (
          <Stack key={cr.number} gap={4}>
            <Checkbox
              label={`${cr.number}. ${cr.title}`}
              checked={picked.includes(cr.number)}
              onChange={(e) =>
                setPicked((p) =>
                  e.currentTarget.checked ? [...p, cr.number] : p.filter((n) => n !== cr.number),
                )
              }
            />
            {picked.includes(cr.number) && (
              <Textarea
                label={tx(
                  `Vad ska kompletteras för kriterium ${cr.number}`,
                  `What to supplement for criterion ${cr.number}`,
                )}
                autosize
                value={asks[cr.number] ?? ""}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setAsks((a) => ({ ...a, [cr.number]: v }));
                }}
              />
            )}
          </Stack>
        ))}
        <Group>
          <Button
            variant="light"
            disabled={picked.length === 0 || picked.some((n) => !asks[n]?.trim())}
            loading={mutation.isPending}
            onClick={() =>
              void act(
                "requestFollowUpSupplement",
                { items: picked.map((n) => ({ criterionNumber: n, request: asks[n] })) },
                tx("Kompletteringen är begärd.", "The supplement is requested."),
              )
            }
          >
            {tx("Begär komplettering", "Request a supplement")}
          </Button>
        </Group>
        <TextInput
          label={tx("Skäl att flagga certifieringen", "Why the certification needs attention")}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Group>
          <Button color="orange" variant="light" disabled={!reason.trim()} onClick={() => setConfirm("flag")}>
            {tx("Flagga certifieringen", "Flag the certification")}
          </Button>
        </Group>
        {record.reviewNotes.map((n) => (
          <Text key={`${n.on}${n.note}`} size="sm">
            {formatDate(n.on)}: {n.criterionNumber ? `${n.criterionNumber}. ` : ""}
            {n.note}
          </Text>
        ))}
      </Stack>
      <ConfirmModal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={
          confirm === "flag"
            ? tx("Flagga certifieringen?", "Flag the certification?")
            : tx("Godkänn uppföljningen?", "Accept the follow-up?")
        }
        message={tx(
          "Uppföljningen avslutas. Beslutet syns för regionen och i loggen.",
          "The follow-up closes. The region and the log show the decision.",
        )}
        confirmLabel={confirm === "flag" ? tx("Flagga", "Flag") : tx("Godkänn", "Accept")}
        danger={confirm === "flag"}
        loading={mutation.isPending}
        onConfirm={() =>
          void (
            confirm === "flag"
              ? act(
                  "flagCertification",
                  { reason, ...(summary.trim() ? { summary } : {}) },
                  tx("Certifieringen är flaggad.", "The certification is flagged."),
                )
              : act(
                  "acceptFollowUp",
                  summary.trim() ? { summary } : {},
                  tx("Uppföljningen är godkänd.", "The follow-up is accepted."),
                )
          ).finally(() => setConfirm(null))
        }
      />
    </Card>
  );
}
