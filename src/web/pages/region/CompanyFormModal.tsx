import { Select, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { Company, RegionDetail } from "../../../shared/dto";
import { formModal } from "../../components/EntityFormModal";
import { ModalForm } from "../../components/FormModal";
import { useRegistryMutation } from "../../lib/mutations";
import { blankToNull, optionalDate, optionalOrgNumber, requiredMax } from "../../lib/validation";
import { DateField } from "../case/forms/fields";
import { localCollegeOptions, municipalityOptions } from "./options";
import { saveEntity } from "./saveEntity";

interface Values {
  name: string;
  orgNumber: string;
  municipalityCode: string | null;
  localCollegeId: string | null;
  letterOfIntentOn: string | null;
}

interface CompanyFormProps {
  region: RegionDetail;
  company: Company | null;
  onClose: () => void;
}

export const CompanyFormModal = formModal(CompanyForm, ({ company }, t) =>
  company ? t("companies.editTitle") : t("companies.addTitle"),
);

function CompanyForm({ region, company, onClose }: CompanyFormProps) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: {
      name: company?.name ?? "",
      orgNumber: company?.orgNumber ?? "",
      municipalityCode: company?.municipalityCode ?? null,
      localCollegeId: company?.localCollegeId ?? null,
      letterOfIntentOn: company?.letterOfIntentOn ?? null,
    },
    validate: { name: requiredMax(200), orgNumber: optionalOrgNumber, letterOfIntentOn: optionalDate },
  });
  const save = useRegistryMutation(
    (values: Values) => {
      const body = {
        name: values.name.trim(),
        orgNumber: blankToNull(values.orgNumber),
        municipalityCode: values.municipalityCode,
        localCollegeId: values.localCollegeId,
        letterOfIntentOn: values.letterOfIntentOn || null,
      };
      return saveEntity<Company>("/api/companies", company, body, { regionId: region.id });
    },
    { onSuccess: onClose },
  );

  return (
    <ModalForm form={form} save={save} onCancel={onClose} editing={company !== null}>
      <TextInput
        label={t("common.name")}
        required
        maxLength={200}
        data-autofocus
        {...form.getInputProps("name")}
      />
      <TextInput
        label={t("companies.orgNumber")}
        placeholder="NNNNNN-NNNN"
        {...form.getInputProps("orgNumber")}
      />
      <Select
        label={t("companies.municipality")}
        data={municipalityOptions(region)}
        searchable
        clearable
        {...form.getInputProps("municipalityCode")}
      />
      <Select
        label={t("companies.localCollege")}
        data={localCollegeOptions(region, company?.localCollegeId)}
        clearable
        {...form.getInputProps("localCollegeId")}
      />
      <DateField label={t("companies.letterOfIntentOn")} {...form.getInputProps("letterOfIntentOn")} />
    </ModalForm>
  );
}
