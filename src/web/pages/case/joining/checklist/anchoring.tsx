import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { todayIso } from "../../../../lib/dates";
import { ActionForm } from "../../forms/ActionForm";
import { DateField, optional, TextBlock, v } from "../../forms/fields";
import { NoteField } from "./fields";
import { conditionsOf, type FormProps } from "./shared";

/** The checklist's anchoring with the region, its municipalities and the new party. */
export function AnchoringForm({ c }: FormProps) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: {
      regionContacts: "",
      existingMunicipalitiesContacts: "",
      newPartyContacts: "",
      completedOn: todayIso() as string | null,
      note: "",
    },
    validate: {
      regionContacts: v.required,
      existingMunicipalitiesContacts: v.required,
      newPartyContacts: v.required,
      completedOn: v.date,
    },
  });
  return (
    <ActionForm
      caseDetail={c}
      action="completeAnchoring"
      form={form}
      bare
      toPayload={(x) => ({
        regionContacts: x.regionContacts.trim(),
        existingMunicipalitiesContacts: x.existingMunicipalitiesContacts.trim(),
        newPartyContacts: x.newPartyContacts.trim(),
        completedOn: x.completedOn,
        note: optional(x.note),
      })}
      description={t("joining.forms.anchoring.help", { party: conditionsOf(c).partyName })}
    >
      <TextBlock
        label={t("joining.fields.regionContacts")}
        required
        {...form.getInputProps("regionContacts")}
      />
      <TextBlock
        label={t("joining.fields.existingMunicipalitiesContacts")}
        required
        {...form.getInputProps("existingMunicipalitiesContacts")}
      />
      <TextBlock
        label={t("joining.fields.newPartyContacts", { party: conditionsOf(c).partyName })}
        required
        {...form.getInputProps("newPartyContacts")}
      />
      <DateField label={t("joining.fields.completedOn")} required {...form.getInputProps("completedOn")} />
      <NoteField {...form.getInputProps("note")} />
    </ActionForm>
  );
}
