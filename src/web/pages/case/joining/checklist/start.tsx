import { Fieldset, Select, Stack, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { CaseDetail } from "../../../../../shared/dto";
import { ActionForm } from "../../forms/ActionForm";
import { TextBlock, v } from "../../forms/fields";
import { conditionsOf, type FormProps } from "./shared";

/** The checklist's certification start, the quality-assurance plan, and completing the joining. */
export function StartCertificationForm({ c, region }: FormProps) {
  const { t } = useTranslation();
  const cond = conditionsOf(c);
  const needsChoice = cond.partyKind === "municipality";
  const providers = region.providers.filter(
    (p) => p.status === "active" && (p.municipalityCode === cond.partyId || !needsChoice),
  );
  const form = useForm({
    initialValues: { providerId: (needsChoice ? (providers[0]?.id ?? null) : null) as string | null },
    validate: { providerId: (value) => (needsChoice ? v.required(value) : null) },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="startCertification"
      form={form}
      bare
      toPayload={(x) => (needsChoice ? { providerId: x.providerId } : {})}
      description={t("joining.forms.certification.help", { party: cond.partyName })}
    >
      {needsChoice ? (
        <Select
          label={t("joining.fields.providerId")}
          required
          data={providers.map((p) => ({ value: p.id, label: p.name }))}
          {...form.getInputProps("providerId")}
        />
      ) : null}
    </ActionForm>
  );
}

export function QualityPlanForm({ c }: FormProps) {
  const { t } = useTranslation();
  const criteria = c.criteriaSet?.criteria ?? [];
  const form = useForm({
    initialValues: {
      regionalPlan: "",
      localPlan: "",
      perCriterion: criteria.map((cr) => ({ criterionNumber: cr.number, text: "" })),
    },
    validate: { regionalPlan: v.required, localPlan: v.required },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="completeQualityPlan"
      form={form}
      bare
      toPayload={(x) => ({
        regionalPlan: x.regionalPlan.trim(),
        localPlan: x.localPlan.trim(),
        perCriterion: x.perCriterion
          .filter((p) => p.text.trim())
          .map((p) => ({ criterionNumber: p.criterionNumber, text: p.text.trim() })),
      })}
      description={t("joining.forms.quality.help")}
    >
      <TextBlock label={t("joining.fields.regionalPlan")} required {...form.getInputProps("regionalPlan")} />
      <TextBlock label={t("joining.fields.localPlan")} required {...form.getInputProps("localPlan")} />
      {criteria.length ? (
        <Fieldset legend={t("joining.forms.quality.perCriterion")} radius="md">
          <Stack gap="xs">
            {criteria.map((cr, i) => (
              <Textarea
                key={cr.id}
                label={`${cr.number}. ${cr.title}`}
                autosize
                minRows={1}
                {...form.getInputProps(`perCriterion.${i}.text`)}
              />
            ))}
          </Stack>
        </Fieldset>
      ) : null}
    </ActionForm>
  );
}

export function CompleteJoiningForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const cond = conditionsOf(c);
  const form = useForm({ initialValues: {} });
  return (
    <ActionForm
      caseDetail={c}
      action="completeJoining"
      form={form}
      toPayload={() => ({})}
      description={t("joining.complete.help", { party: cond.partyName, region: c.region.name })}
      confirm={{
        title: t("joining.complete.confirmTitle"),
        message: t("joining.complete.confirm", { party: cond.partyName, region: c.region.name }),
      }}
    />
  );
}
