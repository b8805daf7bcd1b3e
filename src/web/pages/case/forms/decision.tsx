import { Alert, Group, Radio, Select, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconInfoCircle } from "@tabler/icons-react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { CaseRecord } from "../../../../domain/certification/record";
import {
  DEADLINE_LABELS,
  DECISION_OUTCOME_LABELS,
  DECISION_OUTCOMES,
  type DeadlineKind,
  RECOMMENDATIONS,
} from "../../../../domain/certification/steps";
import type { CaseDetail } from "../../../../shared/dto";
import { addMonths, todayIso } from "../../../lib/dates";
import { formatDate } from "../../../lib/format";
import { lbl } from "../../../lib/labels";
import { useMeetings } from "../../../queries";
import { ActionForm } from "./ActionForm";
import { FieldRow } from "./FieldRow";
import { DateField, optional, TextBlock, v } from "./fields";

/** What every form here is given: the case; `bare` inside a modal (no card), `onDone` once the action is taken. */
export interface DecisionFormProps {
  c: CaseDetail;
  bare?: boolean;
  onDone?: () => void;
}

/** The supplements the protocol requires, with the criterion each belongs to. */
export function requiredSupplements(record: CaseRecord) {
  return (record.protocol?.findings ?? []).flatMap((f) =>
    f.requiredSupplements.map((s) => ({ ...s, criterionNumber: f.criterionNumber })),
  );
}

/** Step 10: one answer per supplement the protocol requires (earlier answers prefilled after an uppskov). */
export function SubmitResponseForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const record = c.record as CaseRecord;
  const supplements = requiredSupplements(record);
  const earlier = new Map(
    (record.previousRounds.at(-1)?.response?.answers ?? []).map((a) => [a.supplementId, a.text]),
  );
  const criterion = (n: number) => c.criteriaSet?.criteria.find((cr) => cr.number === n)?.title ?? "";
  const form = useForm({
    initialValues: {
      answers: supplements.map((s) => ({ supplementId: s.id, text: earlier.get(s.id) ?? "" })),
    },
    validate: { answers: { text: v.required } },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="submitResponse"
      form={form}
      toPayload={(x) => ({
        answers: x.answers.map((a) => ({ supplementId: a.supplementId, text: a.text.trim() })),
      })}
      description={
        supplements.length
          ? t("caseForm.response.help", { count: supplements.length })
          : t("caseForm.response.noSupplements")
      }
    >
      {supplements.map((s, i) => (
        <Textarea
          key={s.id}
          label={t("caseForm.response.answerTo", {
            id: s.id,
            criterion: `${s.criterionNumber}. ${criterion(s.criterionNumber)}`,
          })}
          description={s.text}
          autosize
          minRows={2}
          required
          {...form.getInputProps(`answers.${i}.text`)}
        />
      ))}
    </ActionForm>
  );
}

export function PhoneMeetingForm({ c, bare, onDone }: DecisionFormProps) {
  const { t } = useTranslation();
  const today = todayIso();
  const form = useForm({
    initialValues: { heldOn: today as string | null, participants: "", notes: "" },
    validate: { heldOn: v.date, participants: v.required },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="recordPhoneMeeting"
      form={form}
      bare={bare}
      onDone={() => {
        form.reset();
        onDone?.();
      }}
      toPayload={(x) => ({ heldOn: x.heldOn, participants: x.participants.trim(), notes: x.notes.trim() })}
      description={t("caseForm.phone.help")}
    >
      <DateField label={t("caseForm.phone.heldOn")} required {...form.getInputProps("heldOn")} />
      <TextInput label={t("caseForm.phone.participants")} required {...form.getInputProps("participants")} />
      <Textarea label={t("caseForm.phone.notes")} autosize minRows={2} {...form.getInputProps("notes")} />
    </ActionForm>
  );
}

export function DecisionBasisForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const basis = (c.record as CaseRecord).decisionBasis;
  const form = useForm({
    initialValues: {
      recommendation: (basis?.recommendation ?? null) as string | null,
      summary: basis?.summary ?? "",
    },
    validate: { recommendation: v.required, summary: v.required },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="recordDecisionBasis"
      form={form}
      toPayload={(x) => ({ recommendation: x.recommendation, summary: x.summary.trim() })}
      description={t("caseForm.basis.help")}
    >
      <Radio.Group
        label={t("caseForm.basis.recommendation")}
        required
        {...form.getInputProps("recommendation")}
      >
        <Group gap="md" mt={4}>
          {RECOMMENDATIONS.map((r) => (
            <Radio key={r} value={r} label={lbl(DECISION_OUTCOME_LABELS[r])} />
          ))}
        </Group>
      </Radio.Group>
      <TextBlock
        label={t("caseForm.basis.summary")}
        minRows={3}
        required
        {...form.getInputProps("summary")}
      />
    </ActionForm>
  );
}

export function PlaceOnAgendaForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const meetings = useMeetings();
  const today = todayIso();
  const options = (meetings.data?.items ?? [])
    .filter((m) => m.date > today && m.status === "planned" && m.kind === "ordinary")
    .sort((a, b) => a.date.localeCompare(b.date));
  const form = useForm({
    initialValues: { boardMeetingId: null as string | null },
    validate: { boardMeetingId: v.required },
  });
  const first = options[0]?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: preselect the next meeting once the list is there
  useEffect(() => {
    if (first && !form.values.boardMeetingId) form.setFieldValue("boardMeetingId", first);
  }, [first]);
  return (
    <ActionForm
      caseDetail={c}
      action="placeOnAgenda"
      form={form}
      toPayload={(x) => ({ boardMeetingId: x.boardMeetingId })}
      description={t("caseForm.agenda.help")}
    >
      <Select
        label={t("caseForm.agenda.meeting")}
        required
        data={options.map((m) => ({ value: m.id, label: `${formatDate(m.date)} – ${m.title}` }))}
        nothingFoundMessage={t("caseForm.agenda.none")}
        allowDeselect={false}
        {...form.getInputProps("boardMeetingId")}
      />
      {meetings.data && options.length === 0 ? (
        <Text size="sm" c="red.8">
          {t("caseForm.agenda.none")}
        </Text>
      ) : null}
    </ActionForm>
  );
}

/** Step 12: the board's decision (the secretariat may record it on the board's behalf). */
export function RecordDecisionForm({ c, bare, onDone }: DecisionFormProps) {
  const { t } = useTranslation();
  const today = todayIso();
  const record = c.record as CaseRecord;
  const basis = record.decisionBasis;
  // D2: the decision is the board's at the ordinary meeting the case is on, dated that meeting's day.
  const meetingDate = record.agenda?.meetingDate ?? null;
  const meetingTitle =
    c.boardMeeting?.id === record.agenda?.boardMeetingId ? (c.boardMeeting?.title ?? "") : "";
  const disabledReason = !meetingDate
    ? t("caseForm.decision.noMeeting")
    : today < meetingDate
      ? t("caseForm.decision.beforeMeeting", { title: meetingTitle, date: formatDate(meetingDate) })
      : undefined;
  const form = useForm({
    initialValues: {
      outcome: null as string | null,
      decidedOn: (meetingDate ?? today) as string | null,
      motivation: "",
      newResponseDueDate: addMonths(meetingDate ?? today, 3) as string | null,
    },
    validate: {
      outcome: v.required,
      decidedOn: v.required,
      motivation: v.required,
      newResponseDueDate: (value, values) =>
        values.outcome === "postponed" ? v.after(values.decidedOn ?? today)(value) : null,
    },
  });
  const postponed = form.values.outcome === "postponed";
  return (
    <ActionForm
      caseDetail={c}
      action="recordDecision"
      form={form}
      bare={bare}
      onDone={() => onDone?.()}
      toPayload={(x) => ({
        outcome: x.outcome,
        decidedOn: x.decidedOn,
        motivation: x.motivation.trim(),
        ...(x.outcome === "postponed" ? { newResponseDueDate: x.newResponseDueDate } : {}),
      })}
      confirm={{ title: t("caseForm.decision.confirmTitle"), message: t("caseForm.decision.confirm") }}
      disabledReason={disabledReason}
    >
      {basis ? (
        <Alert
          color="petrol"
          variant="light"
          icon={<IconInfoCircle aria-hidden />}
          title={t("caseForm.decision.recommendation")}
        >
          <Text size="sm" fw={600}>
            {lbl(DECISION_OUTCOME_LABELS[basis.recommendation])}
          </Text>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {basis.summary}
          </Text>
        </Alert>
      ) : null}
      <Radio.Group label={t("caseForm.decision.outcome")} required {...form.getInputProps("outcome")}>
        <Stack gap={6} mt={4}>
          {DECISION_OUTCOMES.map((o) => (
            <Radio
              key={o}
              value={o}
              label={lbl(DECISION_OUTCOME_LABELS[o])}
              description={t(`caseForm.decision.outcomeHelp.${o}`)}
            />
          ))}
        </Stack>
      </Radio.Group>
      <FieldRow spans={[6, 6]}>
        <TextInput
          label={t("caseForm.decision.decidedOn")}
          description={t("caseForm.decision.decidedOnHelp")}
          value={form.values.decidedOn ? formatDate(form.values.decidedOn) : ""}
          error={form.errors.decidedOn}
          readOnly
        />
        {postponed ? (
          <DateField
            label={t("caseForm.decision.newResponseDueDate")}
            description={t("caseForm.decision.newResponseDueDateHelp")}
            required
            {...form.getInputProps("newResponseDueDate")}
          />
        ) : null}
      </FieldRow>
      <TextBlock
        label={t("caseForm.decision.motivation")}
        minRows={3}
        required
        {...form.getInputProps("motivation")}
      />
    </ActionForm>
  );
}

export function SendDecisionForm({ c, bare, onDone }: DecisionFormProps) {
  const { t } = useTranslation();
  const today = todayIso();
  const decision = (c.record as CaseRecord).decision;
  const form = useForm({
    initialValues: { sentOn: today as string | null },
    validate: { sentOn: v.notFuture(today) },
  });
  const outcome = decision ? lbl(DECISION_OUTCOME_LABELS[decision.outcome]) : "";
  return (
    <ActionForm
      caseDetail={c}
      action="sendDecision"
      form={form}
      bare={bare}
      onDone={() => onDone?.()}
      toPayload={(x) => x}
      description={
        decision
          ? t(`caseForm.sendDecision.help.${decision.outcome}`, {
              outcome,
              date: formatDate(decision.newResponseDueDate),
            })
          : undefined
      }
      confirm={{
        title: t("caseForm.sendDecision.confirmTitle"),
        message: t("caseForm.sendDecision.confirm", { outcome }),
      }}
    >
      <DateField
        label={t("caseForm.sendDecision.sentOn")}
        required
        maxDate={today}
        {...form.getInputProps("sentOn")}
      />
    </ActionForm>
  );
}

export function RecordCeremonyForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const today = todayIso();
  const form = useForm({
    initialValues: { heldOn: today as string | null, place: "" },
    validate: { heldOn: v.notFuture(today), place: v.required },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="recordCeremony"
      form={form}
      toPayload={(x) => x}
      description={t("caseForm.ceremony.help")}
    >
      <FieldRow spans={[5, 7]}>
        <DateField
          label={t("caseForm.ceremony.heldOn")}
          required
          maxDate={today}
          {...form.getInputProps("heldOn")}
        />
        <TextInput label={t("caseForm.ceremony.place")} required {...form.getInputProps("place")} />
      </FieldRow>
    </ActionForm>
  );
}

export function SkipCeremonyForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { reason: "" } });
  return (
    <ActionForm
      caseDetail={c}
      action="skipCeremony"
      form={form}
      toPayload={(x) => ({ reason: optional(x.reason) })}
      description={t("caseForm.skipCeremony.help")}
    >
      <TextBlock label={t("caseForm.skipCeremony.reason")} {...form.getInputProps("reason")} />
    </ActionForm>
  );
}

/** Uppskov: a later due date for the deadline that is running now; the old one stays in the log. */
export function PostponementForm({ c, bare, onDone }: DecisionFormProps) {
  const { t } = useTranslation();
  const deadline = c.nextDeadline;
  const current = deadline?.dueDate ?? todayIso();
  const form = useForm({
    initialValues: { newDueDate: addMonths(current, 1) as string | null, reason: "" },
    validate: { newDueDate: v.after(current), reason: v.required },
  });
  if (!deadline) return null;
  return (
    <ActionForm
      caseDetail={c}
      action="grantPostponement"
      form={form}
      bare={bare}
      onDone={() => onDone?.()}
      toPayload={(x) => ({ deadline: deadline.kind, newDueDate: x.newDueDate, reason: x.reason.trim() })}
      description={t("caseForm.postpone.help", {
        deadline: lbl(DEADLINE_LABELS[deadline.kind as DeadlineKind]).toLowerCase(),
        date: formatDate(current),
      })}
    >
      <DateField
        label={t("caseForm.postpone.newDueDate")}
        required
        minDate={current}
        {...form.getInputProps("newDueDate")}
      />
      <TextBlock label={t("caseForm.postpone.reason")} required {...form.getInputProps("reason")} />
    </ActionForm>
  );
}

export function WithdrawForm({
  c,
  action = "withdrawCase",
  bare,
  onDone,
}: DecisionFormProps & { action?: "withdrawCase" | "withdrawJoining" | "reopenJoining" }) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { reason: "" }, validate: { reason: v.required } });
  const reopen = action === "reopenJoining";
  return (
    <ActionForm
      caseDetail={c}
      action={action}
      form={form}
      bare={bare}
      danger={!reopen}
      onDone={() => onDone?.()}
      toPayload={(x) => ({ reason: x.reason.trim() })}
      description={reopen ? t("caseForm.reopen.help") : t("caseForm.withdraw.help")}
      confirm={
        reopen
          ? undefined
          : { title: t("caseForm.withdraw.confirmTitle"), message: t("caseForm.withdraw.confirm") }
      }
    >
      <TextBlock label={t("caseForm.withdraw.reason")} required {...form.getInputProps("reason")} />
    </ActionForm>
  );
}
