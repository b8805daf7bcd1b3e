import { MultiSelect, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { RegionDetail } from "../../shared/dto";
import { formModal } from "../components/EntityFormModal";
import { ModalForm } from "../components/FormModal";
import { useRegistryMutation } from "../lib/mutations";
import { blankToNull, optionalUrl, requiredMax } from "../lib/validation";
import { useMunicipalities } from "../queries";
import { freeMunicipalityOptions } from "./region/options";
import { saveEntity } from "./region/saveEntity";

interface Values {
  name: string;
  description: string;
  website: string;
  municipalityCodes: string[];
}

interface RegionFormProps {
  onClose: () => void;
  /** Edit this region; without it the form creates a new one. */
  region?: RegionDetail;
  onSaved?: (region: RegionDetail) => void;
}

/** "Ny region" and "Redigera region". Editing sends the version it was based on. */
export const RegionFormModal = formModal(RegionForm, ({ region }, t) =>
  region ? t("regionForm.editTitle") : t("regionForm.createTitle"),
);

function RegionForm({ region, onClose, onSaved }: RegionFormProps) {
  const { t } = useTranslation();
  const municipalities = useMunicipalities();
  const form = useForm<Values>({
    initialValues: {
      name: region?.name ?? "",
      description: region?.description ?? "",
      website: region?.website ?? "",
      municipalityCodes: [],
    },
    validate: {
      name: requiredMax(200),
      description: (v) => (v.length > 5000 ? t("validation.maxLength", { count: 5000 }) : null),
      website: optionalUrl,
    },
  });

  const freeMunicipalities = useMemo(
    () => freeMunicipalityOptions(municipalities.data),
    [municipalities.data],
  );

  const save = useRegistryMutation(
    (values: Values) => {
      const body = {
        name: values.name.trim(),
        description: values.description.trim(),
        website: blankToNull(values.website),
      };
      return saveEntity<RegionDetail>("/api/regions", region, body, {
        municipalityCodes: values.municipalityCodes,
      });
    },
    {
      success: region ? t("common.saved") : t("common.created"),
      onSuccess: (saved) => {
        onClose();
        onSaved?.(saved);
      },
    },
  );

  return (
    <ModalForm form={form} save={save} onCancel={onClose} editing={region !== undefined}>
      <TextInput
        label={t("regionForm.name")}
        required
        maxLength={200}
        data-autofocus
        {...form.getInputProps("name")}
      />
      <Textarea
        label={t("regionForm.description")}
        autosize
        minRows={3}
        maxRows={10}
        {...form.getInputProps("description")}
      />
      <TextInput
        label={t("regionForm.website")}
        type="url"
        placeholder={t("regionForm.websitePlaceholder")}
        {...form.getInputProps("website")}
      />
      {region ? null : (
        <MultiSelect
          label={t("regionForm.municipalities")}
          description={t("regionForm.municipalitiesHint")}
          placeholder={t("regionForm.municipalitiesPlaceholder")}
          data={freeMunicipalities}
          searchable
          clearable
          hidePickedOptions
          maxDropdownHeight={260}
          {...form.getInputProps("municipalityCodes")}
        />
      )}
    </ModalForm>
  );
}
