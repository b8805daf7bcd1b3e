// The date pickers' styles load with the pages that have date fields (not with the first page).
import "@mantine/dates/styles.css";
import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { DateInput } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { Agreement, RegionDetail } from "../../../shared/dto";
import { patch, post } from "../../api";
import { ApiErrorAlert } from "../../components/ApiErrorAlert";
import { useRegistryMutation } from "../../lib/mutations";
import { required, requiredMax } from "../../lib/validation";

interface Values {
  title: string;
  validFrom: string | null;
  validTo: string | null;
  signedOn: string | null;
}

export interface AgreementFormModalProps {
  region: RegionDetail;
  agreement: Agreement | null;
  opened: boolean;
  onClose: () => void;
}

export function AgreementFormModal({ region, agreement, opened, onClose }: AgreementFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={agreement ? t("agreements.editTitle") : t("agreements.addTitle")}
    >
      {opened ? <AgreementForm region={region} agreement={agreement} onClose={onClose} /> : null}
    </Modal>
  );
}

function AgreementForm({ region, agreement, onClose }: Omit<AgreementFormModalProps, "opened">) {
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
      validFrom: required,
      validTo: (value, values) =>
        value && values.validFrom && value < values.validFrom ? t("validation.dateOrder") : null,
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
      return agreement
        ? patch<Agreement>(`/api/agreements/${agreement.id}`, { ...body, expectedVersion: agreement.version })
        : post<Agreement>("/api/agreements", { ...body, regionId: region.id });
    },
    { onSuccess: onClose },
  );
  const dateProps = { valueFormat: "YYYY-MM-DD", popoverProps: { withinPortal: true } } as const;

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack>
        <ApiErrorAlert error={save.error} />
        <TextInput
          label={t("agreements.title")}
          required
          maxLength={200}
          data-autofocus
          {...form.getInputProps("title")}
        />
        <Group grow align="flex-start">
          <DateInput
            label={t("agreements.validFrom")}
            required
            {...dateProps}
            {...form.getInputProps("validFrom")}
          />
          <DateInput
            label={t("agreements.validTo")}
            description={t("agreements.validToHint")}
            clearable
            {...dateProps}
            {...form.getInputProps("validTo")}
          />
        </Group>
        <DateInput
          label={t("agreements.signedOn")}
          clearable
          {...dateProps}
          {...form.getInputProps("signedOn")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {agreement ? t("common.save") : t("common.create")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
