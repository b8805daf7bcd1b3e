import { Select, TextInput } from "@mantine/core";
import type { GetInputPropsReturnType } from "@mantine/form";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Company, RegionDetail } from "../../../shared/dto";
import { blankToNull, optionalOrgNumber, requiredMax } from "../../lib/validation";
import { localCollegeOptions, municipalityOptions } from "./options";

/** What a company and a provider have alike: an organisation in the region, as their forms hold it. */
export interface OrganisationValues {
  name: string;
  orgNumber: string;
  municipalityCode: string | null;
  localCollegeId: string | null;
}

type Organisation = Pick<Company, "name" | "orgNumber" | "municipalityCode" | "localCollegeId">;

/** The form's values of `organisation`, or of a new one. */
export function organisationValues(organisation: Organisation | null): OrganisationValues {
  return {
    name: organisation?.name ?? "",
    orgNumber: organisation?.orgNumber ?? "",
    municipalityCode: organisation?.municipalityCode ?? null,
    localCollegeId: organisation?.localCollegeId ?? null,
  };
}

export const organisationRules = { name: requiredMax(200), orgNumber: optionalOrgNumber };

/** What the server is sent of those values. */
export function organisationBody(values: OrganisationValues) {
  return {
    name: values.name.trim(),
    orgNumber: blankToNull(values.orgNumber),
    municipalityCode: values.municipalityCode,
    localCollegeId: values.localCollegeId,
  };
}

/**
 * The organisation's fields, labelled with the texts of `kind`: its name (then `children`, the fields of the kind
 * that go right after it), organisation number, municipality and local college (`keepLocalCollege` is offered
 * even when archived: the one it has now).
 */
export function OrganisationFields({
  kind,
  region,
  form,
  keepLocalCollege,
  children,
}: {
  kind: "companies" | "providers";
  region: RegionDetail;
  form: { getInputProps(path: keyof OrganisationValues): GetInputPropsReturnType };
  keepLocalCollege: string | null | undefined;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput
        label={t("common.name")}
        required
        maxLength={200}
        data-autofocus
        {...form.getInputProps("name")}
      />
      {children}
      <TextInput
        label={t(`${kind}.orgNumber`)}
        placeholder="NNNNNN-NNNN"
        {...form.getInputProps("orgNumber")}
      />
      <Select
        label={t(`${kind}.municipality`)}
        data={municipalityOptions(region)}
        searchable
        clearable
        {...form.getInputProps("municipalityCode")}
      />
      <Select
        label={t(`${kind}.localCollege`)}
        data={localCollegeOptions(region, keepLocalCollege)}
        clearable
        {...form.getInputProps("localCollegeId")}
      />
    </>
  );
}
