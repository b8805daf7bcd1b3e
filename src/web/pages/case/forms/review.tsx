import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconInfoCircle, IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { CaseRecord } from "../../../../domain/certification/record";
import { ASSESSMENT_LABELS, ASSESSMENTS } from "../../../../domain/certification/steps";
import type { CaseDetail } from "../../../../shared/dto";
import { useMe } from "../../../auth";
import { addDays, addMonths, todayIso } from "../../../lib/dates";
import { formatDate } from "../../../lib/format";
import { lbl } from "../../../lib/labels";
import { useReviewers, useStaff } from "../../../queries";
import { ActionForm } from "./ActionForm";
import { FieldRow } from "./FieldRow";
import { DateField, v } from "./fields";

export function AssignReviewersForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const reviewers = useReviewers();
  const form = useForm({
    initialValues: { reviewerIds: c.reviewers.map((r) => r.id) },
    validate: {
      reviewerIds: (ids: string[]) => (ids.length === 2 ? null : t("caseForm.reviewers.exactlyTwo")),
    },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="assignReviewers"
      form={form}
      toPayload={(x) => ({ reviewerIds: x.reviewerIds })}
      description={t("caseForm.reviewers.help")}
      errorPath={() => "reviewerIds"}
    >
      <Checkbox.Group
        label={t("caseForm.reviewers.label", { count: form.values.reviewerIds.length })}
        required
        {...form.getInputProps("reviewerIds")}
      >
        <Stack gap={6} mt={6}>
          {(reviewers.data ?? []).map((r) => (
            <Checkbox
              key={r.id}
              value={r.id}
              label={r.name}
              disabled={form.values.reviewerIds.length >= 2 && !form.values.reviewerIds.includes(r.id)}
            />
          ))}
        </Stack>
      </Checkbox.Group>
    </ActionForm>
  );
}

export function PlanVisitForm({ c, bare }: { c: CaseDetail; bare?: boolean }) {
  const { t } = useTranslation();
  const plan = (c.record as CaseRecord).visitPlan;
  const form = useForm({
    initialValues: {
      plannedDate: (plan?.plannedDate ?? addDays(todayIso(), 14)) as string | null,
      place: plan?.place ?? "",
    },
    validate: { plannedDate: v.date, place: v.required },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="planVisit"
      form={form}
      bare={bare}
      toPayload={(x) => x}
      title={plan ? t("caseForm.visitPlan.replan") : undefined}
      submitLabel={plan ? t("caseForm.visitPlan.replan") : undefined}
      description={t("caseForm.visitPlan.help")}
    >
      <FieldRow spans={[5, 7]}>
        <DateField
          label={t("caseForm.visitPlan.plannedDate")}
          required
          {...form.getInputProps("plannedDate")}
        />
        <TextInput label={t("caseForm.visitPlan.place")} required {...form.getInputProps("place")} />
      </FieldRow>
    </ActionForm>
  );
}

/** Step 8: exactly the two assigned reviewers and at least one member of the secretariat take part. */
export function RecordVisitForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const staff = useStaff();
  const today = todayIso();
  const record = c.record as CaseRecord;
  const assigned = record.reviewerIds ?? c.reviewers.map((r) => r.id);
  const people = staff.data ?? [];
  const secretariat = people.filter((p) => p.role === "secretariat");
  const otherReviewers = people.filter((p) => p.role === "reviewer" && !assigned.includes(p.id));
  const nameOf = (id: string) =>
    people.find((p) => p.id === id)?.name ?? c.reviewers.find((r) => r.id === id)?.name ?? id;
  const form = useForm({
    initialValues: {
      heldOn: (record.visitPlan && record.visitPlan.plannedDate <= today
        ? record.visitPlan.plannedDate
        : today) as string | null,
      place: record.visitPlan?.place ?? "",
      participantIds: [...assigned, ...(me?.role === "secretariat" ? [me.id] : [])],
    },
    validate: {
      heldOn: v.notFuture(today),
      place: v.required,
      participantIds: (ids: string[]) => {
        if (!assigned.every((id) => ids.includes(id))) return t("caseForm.visit.bothReviewers");
        if (ids.some((id) => otherReviewers.some((r) => r.id === id)))
          return t("caseForm.visit.onlyAssigned");
        if (!ids.some((id) => secretariat.some((s) => s.id === id)))
          return t("caseForm.visit.needSecretariat");
        return null;
      },
    },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="recordVisit"
      form={form}
      toPayload={(x) => x}
      errorPath={(p) => (p.startsWith("participantIds") ? "participantIds" : p)}
      description={t("caseForm.visit.help", { due: formatDate(addMonths(form.values.heldOn ?? today, 1)) })}
    >
      <Alert
        color="petrol"
        variant="light"
        icon={<IconInfoCircle aria-hidden />}
        title={t("caseForm.visit.ruleTitle")}
      >
        <Text size="sm">{t("caseForm.visit.rule")}</Text>
      </Alert>
      <FieldRow spans={[5, 7]}>
        <DateField
          label={t("caseForm.visit.heldOn")}
          required
          maxDate={today}
          {...form.getInputProps("heldOn")}
        />
        <TextInput label={t("caseForm.visit.place")} required {...form.getInputProps("place")} />
      </FieldRow>
      <Checkbox.Group
        label={t("caseForm.visit.participants")}
        required
        {...form.getInputProps("participantIds")}
      >
        <Stack gap={6} mt={6}>
          <Text size="sm" fw={600}>
            {t("caseForm.visit.assignedReviewers")}
          </Text>
          {assigned.map((id) => (
            <Checkbox key={id} value={id} label={nameOf(id)} />
          ))}
          <Text size="sm" fw={600} mt={4}>
            {t("caseForm.visit.secretariat")}
          </Text>
          {secretariat.map((s) => (
            <Checkbox key={s.id} value={s.id} label={s.name} />
          ))}
        </Stack>
      </Checkbox.Group>
    </ActionForm>
  );
}

interface FindingValues {
  criterionNumber: number;
  assessment: string | null;
  remarks: string;
  requiredSupplements: { id: string; text: string }[];
}

/** A new supplement id within a criterion: "6.1", "6.2"… (unique in the protocol). */
function nextSupplementId(finding: FindingValues): string {
  const used = finding.requiredSupplements
    .map((s) => Number(s.id.split(".")[1]))
    .filter((n) => Number.isFinite(n));
  return `${finding.criterionNumber}.${(used.length ? Math.max(...used) : 0) + 1}`;
}

/** Step 9: a finding per criterion (assessment, remarks, required supplements). Saved in parts is fine. */
export function ProtocolForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const record = c.record as CaseRecord;
  const criteria = c.criteriaSet?.criteria ?? [];
  const saved = new Map((record.protocol?.findings ?? []).map((f) => [f.criterionNumber, f]));
  const form = useForm<{ findings: FindingValues[] }>({
    initialValues: {
      findings: criteria.map((cr) => {
        const f = saved.get(cr.number);
        return {
          criterionNumber: cr.number,
          assessment: f?.assessment ?? null,
          remarks: f?.remarks ?? "",
          requiredSupplements: f?.requiredSupplements.map((s) => ({ ...s })) ?? [],
        };
      }),
    },
    validate: {
      findings: {
        requiredSupplements: { text: v.required },
      },
    },
  });
  // Only criteria with an assessment are sent; server problems are mapped back to the form's rows.
  const sentIndexes = () => form.values.findings.map((f, i) => (f.assessment ? i : -1)).filter((i) => i >= 0);
  return (
    <ActionForm
      caseDetail={c}
      action="saveProtocol"
      form={form}
      toPayload={(x) => ({
        findings: x.findings
          .filter((f) => f.assessment)
          .map((f) => ({
            criterionNumber: f.criterionNumber,
            assessment: f.assessment,
            remarks: f.remarks.trim(),
            requiredSupplements: f.requiredSupplements.map((s) => ({ id: s.id, text: s.text.trim() })),
          })),
      })}
      errorPath={(p) => {
        const m = p.match(/^findings\.(\d+)(.*)$/);
        return m ? `findings.${sentIndexes()[Number(m[1])] ?? m[1]}${m[2]}` : p;
      }}
      description={t("caseForm.protocol.help")}
    >
      {form.values.findings.map((f, i) => {
        const cr = criteria[i];
        return (
          <Fieldset key={cr.id} legend={`${cr.number}. ${cr.title}`} radius="md">
            <Stack gap="xs">
              <Radio.Group
                label={t("caseForm.protocol.assessment")}
                {...form.getInputProps(`findings.${i}.assessment`)}
              >
                <Group gap="md" mt={4}>
                  {ASSESSMENTS.map((a) => (
                    <Radio key={a} value={a} label={lbl(ASSESSMENT_LABELS[a])} />
                  ))}
                </Group>
              </Radio.Group>
              <Textarea
                label={t("caseForm.protocol.remarks")}
                autosize
                minRows={2}
                {...form.getInputProps(`findings.${i}.remarks`)}
              />
              {f.requiredSupplements.map((s, k) => (
                <Group key={s.id} align="flex-end" wrap="nowrap" gap="xs">
                  <Textarea
                    style={{ flex: 1 }}
                    label={t("caseForm.protocol.supplement", { id: s.id })}
                    autosize
                    minRows={1}
                    required
                    {...form.getInputProps(`findings.${i}.requiredSupplements.${k}.text`)}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red.8"
                    size="lg"
                    mb={4}
                    aria-label={t("caseForm.protocol.removeSupplement", { id: s.id })}
                    onClick={() => form.removeListItem(`findings.${i}.requiredSupplements`, k)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              ))}
              <div>
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() =>
                    form.insertListItem(`findings.${i}.requiredSupplements`, {
                      id: nextSupplementId(f),
                      text: "",
                    })
                  }
                  aria-label={t("caseForm.protocol.addSupplementFor", { number: cr.number })}
                >
                  {t("caseForm.protocol.addSupplement")}
                </Button>
              </div>
            </Stack>
          </Fieldset>
        );
      })}
    </ActionForm>
  );
}

export function SendProtocolForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const today = todayIso();
  const form = useForm({
    initialValues: { sentOn: today as string | null },
    validate: { sentOn: v.notFuture(today) },
  });
  const due = formatDate(addMonths(form.values.sentOn ?? today, 3));
  return (
    <ActionForm
      caseDetail={c}
      action="sendProtocol"
      form={form}
      toPayload={(x) => x}
      description={t("caseForm.sendProtocol.help", { due })}
      confirm={{
        title: t("caseForm.sendProtocol.confirmTitle"),
        message: t("caseForm.sendProtocol.confirm", { due }),
      }}
    >
      <DateField
        label={t("caseForm.sendProtocol.sentOn")}
        required
        maxDate={today}
        {...form.getInputProps("sentOn")}
      />
    </ActionForm>
  );
}
