import { Checkbox, MultiSelect, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { CaseDetail } from "../../../../shared/dto";
import { useMe } from "../../../auth";
import { addMonths, todayIso } from "../../../lib/dates";
import { useRegion } from "../../../queries";
import { ActionForm } from "./ActionForm";
import { FieldRow } from "./FieldRow";
import { DateField, optional, TextBlock, v } from "./fields";

export function RecordAnchoringForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const today = todayIso();
  const form = useForm({
    initialValues: { regionalAnchoring: "", localAnchoring: "", completedOn: today as string | null },
    validate: { regionalAnchoring: v.required, localAnchoring: v.required, completedOn: v.date },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="recordAnchoring"
      form={form}
      toPayload={(x) => x}
      description={t("caseForm.anchoring.help")}
    >
      <TextBlock
        label={t("caseForm.anchoring.regional")}
        required
        {...form.getInputProps("regionalAnchoring")}
      />
      <TextBlock label={t("caseForm.anchoring.local")} required {...form.getInputProps("localAnchoring")} />
      <DateField
        label={t("caseForm.anchoring.completedOn")}
        required
        {...form.getInputProps("completedOn")}
      />
    </ActionForm>
  );
}

export function RecordSteeringGroupsForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const region = useRegion(c.region.id);
  const groups = (region.data?.steeringGroups ?? []).filter((g) => g.status === "active");
  const form = useForm({
    initialValues: { steeringGroupIds: [] as string[], note: "" },
    validate: {
      steeringGroupIds: (ids: string[]) => (ids.length === 0 ? t("validation.chooseAtLeastOne") : null),
    },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="recordSteeringGroups"
      form={form}
      toPayload={(x) => ({ steeringGroupIds: x.steeringGroupIds, note: optional(x.note) })}
      description={t("caseForm.steeringGroups.help")}
    >
      <Checkbox.Group
        label={t("caseForm.steeringGroups.groups")}
        required
        {...form.getInputProps("steeringGroupIds")}
      >
        <Stack gap={6} mt={6}>
          {groups.map((g) => (
            <Checkbox
              key={g.id}
              value={g.id}
              label={`${g.name} (${t(`steeringGroups.levels.${g.level}`)})`}
              description={
                g.composition.warnings.length > 0 ? t("caseForm.steeringGroups.warning") : undefined
              }
            />
          ))}
          {region.data && groups.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("caseForm.steeringGroups.none")}
            </Text>
          ) : null}
        </Stack>
      </Checkbox.Group>
      <Textarea label={t("caseForm.note")} autosize minRows={2} {...form.getInputProps("note")} />
    </ActionForm>
  );
}

export function SubmitInterestForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const region = useRegion(c.region.id);
  const today = todayIso();
  const providers = (region.data?.providers ?? []).filter((p) => p.status === "active");
  const form = useForm({
    initialValues: {
      providerIds: c.provider ? [c.provider.id] : ([] as string[]),
      programmeIds: c.programme ? [c.programme.id] : ([] as string[]),
      specialisationIds: c.specialisation ? [c.specialisation.id] : ([] as string[]),
      plannedApplicationDate: addMonths(today, 3) as string | null,
      contactPerson: { name: me?.name ?? "", email: me?.email ?? "", phone: "" },
      steeringGroupApprovedOn: today as string | null,
    },
    validate: {
      plannedApplicationDate: v.date,
      steeringGroupApprovedOn: v.date,
      contactPerson: { name: v.required, email: v.email },
    },
  });
  const chosen = new Set(form.values.providerIds);
  const programmes = providers
    .filter((p) => chosen.has(p.id))
    .flatMap((p) =>
      p.programmes.map((pr) => ({
        value: pr.id,
        label: `${pr.name} (${p.name})`,
        specs: pr.specialisations,
      })),
    );
  const chosenProgrammes = new Set(form.values.programmeIds);
  const specialisations = programmes
    .filter((pr) => chosenProgrammes.has(pr.value))
    .flatMap((pr) => pr.specs.map((s) => ({ value: s.id, label: `${s.name} (${pr.label})` })));
  return (
    <ActionForm
      caseDetail={c}
      action="submitInterest"
      form={form}
      toPayload={(x) => ({
        providerIds: x.providerIds,
        programmeIds: x.programmeIds.filter((id) => programmes.some((p) => p.value === id)),
        specialisationIds: x.specialisationIds.filter((id) => specialisations.some((s) => s.value === id)),
        plannedApplicationDate: x.plannedApplicationDate,
        contactPerson: {
          name: x.contactPerson.name.trim(),
          email: x.contactPerson.email.trim(),
          phone: optional(x.contactPerson.phone),
        },
        steeringGroupApprovedOn: x.steeringGroupApprovedOn,
      })}
      description={t("caseForm.interest.help")}
    >
      <MultiSelect
        label={t("caseForm.interest.providers")}
        data={providers.map((p) => ({ value: p.id, label: p.name }))}
        searchable
        {...form.getInputProps("providerIds")}
      />
      <MultiSelect
        label={t("caseForm.interest.programmes")}
        data={programmes.map(({ value, label }) => ({ value, label }))}
        searchable
        disabled={programmes.length === 0}
        {...form.getInputProps("programmeIds")}
      />
      <MultiSelect
        label={t("caseForm.interest.specialisations")}
        data={specialisations}
        searchable
        disabled={specialisations.length === 0}
        {...form.getInputProps("specialisationIds")}
      />
      <FieldRow spans={[6, 6]}>
        <DateField
          label={t("caseForm.interest.plannedApplicationDate")}
          required
          {...form.getInputProps("plannedApplicationDate")}
        />
        <DateField
          label={t("caseForm.interest.steeringGroupApprovedOn")}
          required
          {...form.getInputProps("steeringGroupApprovedOn")}
        />
      </FieldRow>
      <Text fw={600} size="sm">
        {t("caseForm.interest.contactPerson")}
      </Text>
      <FieldRow spans={[4, 5, 3]}>
        <TextInput
          label={t("caseForm.interest.contactName")}
          required
          {...form.getInputProps("contactPerson.name")}
        />
        <TextInput
          label={t("caseForm.interest.contactEmail")}
          type="email"
          required
          {...form.getInputProps("contactPerson.email")}
        />
        <TextInput
          label={t("caseForm.interest.contactPhone")}
          type="tel"
          {...form.getInputProps("contactPerson.phone")}
        />
      </FieldRow>
    </ActionForm>
  );
}

export function GiveFeedbackForm({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { receivedOn: todayIso() as string | null, feedback: "" },
    validate: { receivedOn: v.date, feedback: v.required },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="giveFeedback"
      form={form}
      toPayload={(x) => x}
      description={t("caseForm.feedback.help")}
    >
      <DateField label={t("caseForm.feedback.receivedOn")} required {...form.getInputProps("receivedOn")} />
      <TextBlock
        label={t("caseForm.feedback.feedback")}
        minRows={3}
        required
        {...form.getInputProps("feedback")}
      />
    </ActionForm>
  );
}
