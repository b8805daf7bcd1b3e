import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { Company, RegionDetail } from "../../../shared/dto";
import { formModal } from "../../components/EntityFormModal";
import { ModalForm } from "../../components/FormModal";
import { useRegistryMutation } from "../../lib/mutations";
import { optionalDate } from "../../lib/validation";
import { DateField } from "../case/forms/fields";
import {
  OrganisationFields,
  type OrganisationValues,
  organisationBody,
  organisationRules,
  organisationValues,
} from "./OrganisationFields";
import { saveEntity } from "./saveEntity";

interface Values extends OrganisationValues {
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
    initialValues: { ...organisationValues(company), letterOfIntentOn: company?.letterOfIntentOn ?? null },
    validate: { ...organisationRules, letterOfIntentOn: optionalDate },
  });
  const save = useRegistryMutation(
    (values: Values) => {
      const body = { ...organisationBody(values), letterOfIntentOn: values.letterOfIntentOn || null };
      return saveEntity<Company>("/api/companies", company, body, { regionId: region.id });
    },
    { onSuccess: onClose },
  );

  return (
    <ModalForm form={form} save={save} onCancel={onClose} editing={company !== null}>
      <OrganisationFields
        kind="companies"
        region={region}
        form={form}
        keepLocalCollege={company?.localCollegeId}
      />
      <DateField label={t("companies.letterOfIntentOn")} {...form.getInputProps("letterOfIntentOn")} />
    </ModalForm>
  );
}
