import { Input, SegmentedControl, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { Provider, RegionDetail } from "../../../shared/dto";
import { PROVIDER_KINDS } from "../../../shared/roles";
import { formModal } from "../../components/EntityFormModal";
import { ModalForm } from "../../components/FormModal";
import { useRegistryMutation } from "../../lib/mutations";
import {
  OrganisationFields,
  type OrganisationValues,
  organisationBody,
  organisationRules,
  organisationValues,
} from "./OrganisationFields";
import { saveEntity } from "./saveEntity";

interface Values extends OrganisationValues {
  kind: Provider["kind"];
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
    initialValues: { ...organisationValues(provider), kind: provider?.kind ?? "public" },
    validate: organisationRules,
  });
  const save = useRegistryMutation(
    (values: Values) => {
      const body = { ...organisationBody(values), kind: values.kind };
      return saveEntity<Provider>("/api/providers", provider, body, { regionId: region.id });
    },
    { onSuccess: onClose },
  );

  return (
    <ModalForm form={form} save={save} onCancel={onClose} editing={provider !== null}>
      <OrganisationFields
        kind="providers"
        region={region}
        form={form}
        keepLocalCollege={provider?.localCollegeId}
      >
        <Stack gap={4}>
          <Input.Label id="provider-kind-label">{t("providers.kind")}</Input.Label>
          <SegmentedControl
            aria-labelledby="provider-kind-label"
            data={PROVIDER_KINDS.map((kind) => ({ value: kind, label: t(`providers.kinds.${kind}`) }))}
            {...form.getInputProps("kind")}
          />
        </Stack>
      </OrganisationFields>
    </ModalForm>
  );
}
