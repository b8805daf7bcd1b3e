import { Radio, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { MEMBER_KINDS, type MemberKind } from "../../../../../shared/roles";
import { todayIso } from "../../../../lib/dates";
import { ActionForm } from "../../forms/ActionForm";
import { FieldRow } from "../../forms/FieldRow";
import { DateField, optional, v } from "../../forms/fields";
import { NoteField } from "./fields";
import { conditionsOf, type FormProps, parties, personPayload } from "./shared";

/** The checklist's representation in the regional steering group, the agreement's addendum, the political decision. */
export function RegionalRepresentationForm({ c, region }: FormProps) {
  const { t } = useTranslation();
  const cond = conditionsOf(c);
  const regional = region.steeringGroups.find((g) => g.level === "regional" && g.status === "active");
  const form = useForm({
    initialValues: {
      name: "",
      email: "",
      title: "",
      representsKind: (cond.partyKind === "provider" ? "provider" : "municipality") as MemberKind,
      representsName: cond.partyName,
      note: "",
    },
    validate: { name: v.required, representsName: v.required, email: v.optionalEmail },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="completeRegionalRepresentation"
      form={form}
      bare
      errorPath={(p) => p.replace(/^representative\./, "")}
      toPayload={(x) => ({
        representative: personPayload(x),
        note: optional(x.note),
      })}
      description={t("joining.forms.representation.help", { group: regional?.name ?? "—" })}
    >
      <FieldRow spans={[4, 4, 4, 4, 8]}>
        <TextInput label={t("steeringGroups.memberName")} required {...form.getInputProps("name")} />
        <TextInput label={t("steeringGroups.memberEmail")} type="email" {...form.getInputProps("email")} />
        <TextInput label={t("steeringGroups.memberTitle")} {...form.getInputProps("title")} />
        <Select
          label={t("steeringGroups.representsKind")}
          allowDeselect={false}
          data={MEMBER_KINDS.map((k) => ({ value: k, label: t(`steeringGroups.kinds.${k}`) }))}
          {...form.getInputProps("representsKind")}
        />
        <TextInput
          label={t("steeringGroups.representsName")}
          required
          {...form.getInputProps("representsName")}
        />
      </FieldRow>
      <NoteField {...form.getInputProps("note")} />
    </ActionForm>
  );
}

/** An addendum to one of the region's agreements, or an updated agreement. */
export function AgreementForm({ c, region }: FormProps) {
  const { t } = useTranslation();
  const cond = conditionsOf(c);
  const agreements = region.agreements.filter((a) => a.status === "active");
  const today = todayIso();
  const form = useForm({
    initialValues: {
      mode: (agreements.length ? "addendum" : "updated") as "addendum" | "updated",
      agreementId: (agreements[0]?.id ?? null) as string | null,
      title: "",
      validFrom: today as string | null,
      validTo: null as string | null,
      signedOn: today as string | null,
      parties: cond.partyName,
      note: "",
    },
    validate: {
      agreementId: (value, values) => (values.mode === "addendum" ? v.required(value) : null),
      title: (value, values) => (values.mode === "updated" ? v.required(value) : null),
      validFrom: (value, values) => (values.mode === "updated" ? v.date(value) : null),
      validTo: (value, values) => (values.mode === "updated" ? v.optionalDate(value) : null),
      signedOn: v.date,
      parties: (value: string) => (parties(value).length ? null : t("validation.required")),
    },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="completeAgreement"
      form={form}
      bare
      errorPath={(p) => (p.startsWith("parties") ? "parties" : p)}
      toPayload={(x) =>
        x.mode === "addendum"
          ? {
              mode: "addendum",
              agreementId: x.agreementId,
              signedOn: x.signedOn,
              parties: parties(x.parties),
              note: optional(x.note),
            }
          : {
              mode: "updated",
              title: x.title.trim(),
              validFrom: x.validFrom,
              validTo: x.validTo || undefined,
              signedOn: x.signedOn,
              parties: parties(x.parties),
              note: optional(x.note),
            }
      }
      description={t("joining.forms.agreement.help")}
    >
      <Radio.Group label={t("joining.forms.agreement.mode")} {...form.getInputProps("mode")}>
        <Stack gap={6} mt={4}>
          <Radio
            value="addendum"
            label={t("joining.forms.agreement.addendum")}
            disabled={agreements.length === 0}
          />
          <Radio value="updated" label={t("joining.forms.agreement.updated")} />
        </Stack>
      </Radio.Group>
      {form.values.mode === "addendum" ? (
        <Select
          label={t("joining.forms.agreement.agreement")}
          required
          data={agreements.map((a) => ({ value: a.id, label: a.title }))}
          {...form.getInputProps("agreementId")}
        />
      ) : (
        <>
          <TextInput label={t("agreements.title")} required {...form.getInputProps("title")} />
          <FieldRow spans={[6, 6]}>
            <DateField label={t("agreements.validFrom")} required {...form.getInputProps("validFrom")} />
            <DateField label={t("agreements.validTo")} {...form.getInputProps("validTo")} />
          </FieldRow>
        </>
      )}
      <DateField label={t("joining.fields.signedOn")} required {...form.getInputProps("signedOn")} />
      <TextInput
        label={t("joining.fields.parties")}
        description={t("joining.forms.agreement.partiesHelp")}
        required
        {...form.getInputProps("parties")}
      />
      <NoteField {...form.getInputProps("note")} />
    </ActionForm>
  );
}

export function PoliticalDecisionForm({ c }: FormProps) {
  const { t } = useTranslation();
  const today = todayIso();
  const form = useForm({
    initialValues: {
      decidedOn: today as string | null,
      body: t("joining.forms.political.defaultBody"),
      signatoryName: "",
      signedOn: today as string | null,
      note: "",
    },
    validate: { decidedOn: v.date, body: v.required, signatoryName: v.required, signedOn: v.date },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="completePoliticalDecision"
      form={form}
      bare
      toPayload={(x) => ({
        decidedOn: x.decidedOn,
        body: x.body.trim(),
        signatoryName: x.signatoryName.trim(),
        signedOn: x.signedOn,
        note: optional(x.note),
      })}
      description={t("joining.forms.political.help")}
    >
      <FieldRow spans={[6, 6, 6, 6]}>
        <TextInput label={t("joining.fields.body")} required {...form.getInputProps("body")} />
        <DateField label={t("joining.fields.decidedOn")} required {...form.getInputProps("decidedOn")} />
        <TextInput
          label={t("joining.fields.signatoryName")}
          required
          {...form.getInputProps("signatoryName")}
        />
        <DateField label={t("joining.fields.signedOn")} required {...form.getInputProps("signedOn")} />
      </FieldRow>
      <NoteField {...form.getInputProps("note")} />
    </ActionForm>
  );
}

export function NoProviderAgreementForm({ c }: FormProps) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { cooperatesWith: "", signedOn: todayIso() as string | null, note: "" },
    validate: { cooperatesWith: v.required, signedOn: v.date },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="completeNoProviderAgreement"
      form={form}
      bare
      toPayload={(x) => ({
        cooperatesWith: x.cooperatesWith.trim(),
        signedOn: x.signedOn,
        note: optional(x.note),
      })}
      description={t("joining.forms.noProvider.help")}
    >
      <TextInput
        label={t("joining.fields.cooperatesWith")}
        required
        {...form.getInputProps("cooperatesWith")}
      />
      <DateField label={t("joining.fields.signedOn")} required {...form.getInputProps("signedOn")} />
      <NoteField {...form.getInputProps("note")} />
    </ActionForm>
  );
}
