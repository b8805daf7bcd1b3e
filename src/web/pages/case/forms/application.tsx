import { Badge, Button, Card, Group, Progress, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { CaseRecord } from "../../../../domain/certification/record";
import type { CaseDetail } from "../../../../shared/dto";
import { notifySuccess } from "../../../components/feedback";
import { problemsOf } from "../../../lib/apiErrors";
import { useCaseAction } from "../../../lib/caseActions";
import { todayIso } from "../../../lib/dates";
import { ActionForm, ActionProblems, actionLabel } from "./ActionForm";
import { DateField, optional, v } from "./fields";

/** Step 5: the application, one answer per criterion of the case's criteria set; save as draft or send on. */
export function ApplicationForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const headingId = useId();
  const record = c.record as CaseRecord;
  const criteria = c.criteriaSet?.criteria ?? [];
  const saved = new Map((record.application?.answers ?? []).map((a) => [a.criterionNumber, a.text]));
  const form = useForm({
    initialValues: {
      answers: criteria.map((cr) => ({ criterionNumber: cr.number, text: saved.get(cr.number) ?? "" })),
    },
  });
  const mutation = useCaseAction(c);
  const canSave = c.actions.includes("saveApplicationDraft");
  const canSend = c.actions.includes("sendToSteeringGroup");
  const answered = form.values.answers.filter((a) => a.text.trim() !== "").length;

  const payload = () => ({
    answers: form.values.answers.map((a) => ({ criterionNumber: a.criterionNumber, text: a.text.trim() })),
  });
  const onError = (error: unknown) => {
    const { fields } = problemsOf(error);
    if (Object.keys(fields).length > 0) form.setErrors(fields);
  };

  async function saveDraft() {
    try {
      await mutation.mutateAsync({ action: "saveApplicationDraft", payload: payload() });
      form.resetDirty();
      notifySuccess(t("caseForm.application.draftSaved"));
    } catch (error) {
      onError(error);
    }
  }

  async function send() {
    const errors: Record<string, string> = {};
    form.values.answers.forEach((a, i) => {
      if (!a.text.trim()) errors[`answers.${i}.text`] = t("caseForm.application.answerRequired");
    });
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) {
      const first = Object.keys(errors)[0];
      document.querySelector<HTMLTextAreaElement>(`[data-path="${first}"]`)?.focus();
      return;
    }
    try {
      let version = c.version;
      if (form.isDirty() || saved.size < criteria.length) {
        version = (await mutation.mutateAsync({ action: "saveApplicationDraft", payload: payload() }))
          .version;
      }
      await mutation.mutateAsync({ action: "sendToSteeringGroup", payload: {}, version });
      notifySuccess(t("caseForm.done", { action: actionLabel("sendToSteeringGroup") }));
    } catch (error) {
      onError(error);
    }
  }

  return (
    <Card withBorder radius="md" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id={headingId}>
          {t("caseForm.application.title")}
        </Title>
        <Badge color={answered === criteria.length ? "green" : "gray"}>
          {t("caseForm.application.progress", { answered, total: criteria.length })}
        </Badge>
      </Group>
      <Progress
        value={criteria.length ? (answered / criteria.length) * 100 : 0}
        aria-label={t("caseForm.application.progress", { answered, total: criteria.length })}
        mb="sm"
      />
      <Text size="sm" c="dimmed" mb="sm">
        {t("caseForm.application.help", { set: c.criteriaSet?.name ?? "" })}
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void saveDraft();
        }}
        noValidate
        aria-labelledby={headingId}
      >
        <Stack gap="md">
          {criteria.map((cr, i) => (
            <Textarea
              key={cr.id}
              label={`${cr.number}. ${cr.title}`}
              description={cr.description}
              autosize
              minRows={3}
              readOnly={!canSave}
              data-path={`answers.${i}.text`}
              {...form.getInputProps(`answers.${i}.text`)}
            />
          ))}
          <ActionProblems error={mutation.error} caseId={c.id} />
          <Group justify="flex-end">
            {canSave ? (
              <Button type="submit" variant={canSend ? "default" : "filled"} loading={mutation.isPending}>
                {t("caseForm.application.saveDraft")}
              </Button>
            ) : null}
            {canSend ? (
              <Button type="button" loading={mutation.isPending} onClick={() => void send()}>
                {actionLabel("sendToSteeringGroup")}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function SteeringGroupApprovalForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { approvedOn: todayIso() as string | null, minutesReference: "" },
    validate: { approvedOn: v.date },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="recordSteeringGroupApproval"
      form={form}
      toPayload={(x) => ({ approvedOn: x.approvedOn, minutesReference: optional(x.minutesReference) })}
      description={t("caseForm.approval.help")}
    >
      <DateField label={t("caseForm.approval.approvedOn")} required {...form.getInputProps("approvedOn")} />
      <TextInput
        label={t("caseForm.approval.minutesReference")}
        {...form.getInputProps("minutesReference")}
      />
    </ActionForm>
  );
}

export function SubmitApplicationForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: {} });
  return (
    <ActionForm
      caseDetail={c}
      action="submitApplication"
      form={form}
      toPayload={() => ({})}
      description={t("caseForm.submit.help")}
      confirm={{ title: t("caseForm.submit.confirmTitle"), message: t("caseForm.submit.confirm") }}
    />
  );
}
