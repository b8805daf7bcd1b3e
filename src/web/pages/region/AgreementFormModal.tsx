import { Group, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { Agreement, RegionDetail } from "../../../shared/dto";
import { formModal } from "../../components/EntityFormModal";
import { ModalForm } from "../../components/FormModal";
import { useRegistryMutation } from "../../lib/mutations";
import { date, optionalDate, requiredMax } from "../../lib/validation";
import { DateField } from "../case/forms/fields";
import { saveEntity } from "./saveEntity";

interface Values {
  title: string;
  validFrom: string | null;
  validTo: string | null;
  signedOn: string | null;
}

interface AgreementFormProps {
  region: RegionDetail;
  agreement: Agreement | null;
  onClose: () => void;
}

export const AgreementFormModal = formModal(AgreementForm, ({ agreement }, t) =>
  agreement ? t("agreements.editTitle") : t("agreements.addTitle"),
);

function AgreementForm({ region, agreement, onClose }: AgreementFormProps) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: {
      title: agreement?.title ?? "",
      validFrom: agreement?.validFrom ?? null,
      validTo: agreement?.validTo ?? null,
      signedOn: agreement?.signedOn ?? null,
    },
    validate: {
      title: requiredMax(200),
      validFrom: date,
      validTo: (value, values) =>
        optionalDate(value) ??
        (value && values.validFrom && value < values.validFrom ? t("validation.dateOrder") : null),
      signedOn: optionalDate,
    },
  });
  const save = useRegistryMutation(
    (values: Values) => {
      const body = {
        title: values.title.trim(),
        validFrom: values.validFrom,
        validTo: values.validTo || null,
        signedOn: values.signedOn || null,
      };
      return saveEntity<Agreement>("/api/agreements", agreement, body, { regionId: region.id });
    },
    { onSuccess: onClose },
  );
  return (
    <ModalForm form={form} save={save} onCancel={onClose} editing={agreement !== null}>
      <TextInput
        label={t("agreements.title")}
        required
        maxLength={200}
        data-autofocus
        {...form.getInputProps("title")}
      />
      <Group grow align="flex-start">
        <DateField label={t("agreements.validFrom")} required {...form.getInputProps("validFrom")} />
        <DateField
          label={t("agreements.validTo")}
          description={t("agreements.validToHint")}
          {...form.getInputProps("validTo")}
        />
      </Group>
      <DateField label={t("agreements.signedOn")} {...form.getInputProps("signedOn")} />
    </ModalForm>
  );
}
