import { Modal, Select, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { Addendum, Agreement, RegionDetail } from "../../../shared/dto";
import { ADDENDUM_PARTY_KINDS } from "../../../shared/roles";
import { post } from "../../api";
import { ModalForm } from "../../components/FormModal";
import { useRegistryMutation } from "../../lib/mutations";
import { date, required } from "../../lib/validation";
import { DateField } from "../case/forms/fields";
import { companyOptions, municipalityOptions, type Option, providerOptions } from "./options";

type PartyKind = Addendum["partyKind"];

interface Values {
  partyKind: PartyKind;
  partyId: string | null;
  signedOn: string | null;
  note: string;
}

export interface AddendumFormModalProps {
  region: RegionDetail;
  agreement: Agreement | null;
  onClose: () => void;
}

export function AddendumFormModal({ region, agreement, onClose }: AddendumFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={agreement !== null}
      onClose={onClose}
      title={t("agreements.addAddendumTitle", { title: agreement?.title ?? "" })}
    >
      {agreement ? <AddendumForm region={region} agreement={agreement} onClose={onClose} /> : null}
    </Modal>
  );
}

function AddendumForm({
  region,
  agreement,
  onClose,
}: {
  region: RegionDetail;
  agreement: Agreement;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<Values>({
    initialValues: { partyKind: "municipality", partyId: null, signedOn: null, note: "" },
    validate: {
      partyId: required,
      signedOn: date,
      note: (v) => (v.length > 2000 ? t("validation.maxLength", { count: 2000 }) : null),
    },
  });
  const parties: Record<PartyKind, Option[]> = {
    municipality: municipalityOptions(region),
    provider: providerOptions(region),
    company: companyOptions(region),
  };
  const save = useRegistryMutation(
    (values: Values) =>
      post<Agreement>(`/api/agreements/${agreement.id}/addenda`, {
        partyKind: values.partyKind,
        partyId: values.partyId,
        partyName: parties[values.partyKind].find((o) => o.value === values.partyId)?.label,
        signedOn: values.signedOn,
        note: values.note.trim(),
      }),
    { onSuccess: onClose },
  );

  return (
    <ModalForm form={form} save={save} onCancel={onClose} submitLabel={t("common.add")}>
      <Select
        label={t("agreements.partyKind")}
        data={ADDENDUM_PARTY_KINDS.map((kind) => ({
          value: kind,
          label: t(`agreements.partyKinds.${kind}`),
        }))}
        value={form.values.partyKind}
        allowDeselect={false}
        data-autofocus
        onChange={(value) => {
          if (!value) return;
          form.setFieldValue("partyKind", value as PartyKind);
          form.setFieldValue("partyId", null);
        }}
      />
      <Select
        label={t("agreements.party")}
        data={parties[form.values.partyKind]}
        searchable
        required
        {...form.getInputProps("partyId")}
      />
      <DateField label={t("agreements.addendumSignedOn")} required {...form.getInputProps("signedOn")} />
      <Textarea label={t("agreements.note")} autosize minRows={2} {...form.getInputProps("note")} />
    </ModalForm>
  );
}
