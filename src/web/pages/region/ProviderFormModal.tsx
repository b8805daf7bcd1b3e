import { Input, SegmentedControl, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { Provider, RegionDetail } from "../../../shared/dto";
import { PROVIDER_KINDS } from "../../../shared/roles";
import { formModal } from "../../components/EntityFormModal";
import { ModalForm } from "../../components/FormModal";
import { useRegistryMutation } from "../../lib/mutations";
import { blankToNull, optionalOrgNumber, requiredMax } from "../../lib/validation";
import { localCollegeOptions, municipalityOptions } from "./options";
import { saveEntity } from "./saveEntity";

interface Values {
  name: string;
  kind: Provider["kind"];
  orgNumber: string;
  municipalityCode: string | null;
  localCollegeId: string | null;
}

interface ProviderFormProps {
  region: RegionDetail;
  provider: Provider | null;
  onClose: () => void;
}

export const ProviderFormModal = formModal(ProviderForm, ({ provider }, t) =>
  provider ? t("providers.editTitle") : t("providers.addTitle"),
);

function ProviderForm({ region, provider, onClose }: ProviderFormProps) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: {
      name: provider?.name ?? "",
      kind: provider?.kind ?? "public",
      orgNumber: provider?.orgNumber ?? "",
      municipalityCode: provider?.municipalityCode ?? null,
      localCollegeId: provider?.localCollegeId ?? null,
    },
    validate: { name: requiredMax(200), orgNumber: optionalOrgNumber },
  });
  const save = useRegistryMutation(
    (values: Values) => {
      const body = {
        name: values.name.trim(),
        kind: values.kind,
        orgNumber: blankToNull(values.orgNumber),
        municipalityCode: values.municipalityCode,
        localCollegeId: values.localCollegeId,
      };
      return saveEntity<Provider>("/api/providers", provider, body, { regionId: region.id });
    },
    { onSuccess: onClose },
  );

  return (
    <ModalForm form={form} save={save} onCancel={onClose} editing={provider !== null}>
      <TextInput
        label={t("common.name")}
        required
        maxLength={200}
        data-autofocus
        {...form.getInputProps("name")}
      />
      <Stack gap={4}>
        <Input.Label id="provider-kind-label">{t("providers.kind")}</Input.Label>
        <SegmentedControl
          aria-labelledby="provider-kind-label"
          data={PROVIDER_KINDS.map((kind) => ({ value: kind, label: t(`providers.kinds.${kind}`) }))}
          {...form.getInputProps("kind")}
        />
      </Stack>
      <TextInput
        label={t("providers.orgNumber")}
        placeholder="NNNNNN-NNNN"
        {...form.getInputProps("orgNumber")}
      />
      <Select
        label={t("providers.municipality")}
        data={municipalityOptions(region)}
        searchable
        clearable
        {...form.getInputProps("municipalityCode")}
      />
      <Select
        label={t("providers.localCollege")}
        data={localCollegeOptions(region, provider?.localCollegeId)}
        clearable
        {...form.getInputProps("localCollegeId")}
      />
    </ModalForm>
  );
}
