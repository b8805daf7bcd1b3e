import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { requiredMax } from "../lib/validation";
import { ApiErrorAlert } from "./ApiErrorAlert";

export interface NameModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  label: string;
  initialName?: string;
  /** A second, optional short field (e.g. a programme code). */
  codeLabel?: string;
  initialCode?: string;
  submitLabel?: string;
  saving: boolean;
  error: unknown;
  onSubmit: (values: { name: string; code: string }) => void;
}

/** A one-field form (name, optionally a code) for small additions and renames. */
export function NameModal(props: NameModalProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="md">
      {props.opened ? <NameForm {...props} /> : null}
    </Modal>
  );
}

function NameForm({
  onClose,
  label,
  initialName,
  codeLabel,
  initialCode,
  submitLabel,
  saving,
  error,
  onSubmit,
}: NameModalProps) {
  const { t } = useTranslation();
  const form = useForm({
    initialValues: { name: initialName ?? "", code: initialCode ?? "" },
    validate: {
      name: requiredMax(200),
      code: (v: string) => (v.length > 20 ? t("validation.maxLength", { count: 20 }) : null),
    },
  });
  return (
    <form
      onSubmit={form.onSubmit((values) => onSubmit({ name: values.name.trim(), code: values.code.trim() }))}
      noValidate
    >
      <Stack>
        <ApiErrorAlert error={error} />
        <TextInput label={label} required maxLength={200} data-autofocus {...form.getInputProps("name")} />
        {codeLabel ? <TextInput label={codeLabel} maxLength={20} {...form.getInputProps("code")} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={saving}>
            {submitLabel ?? t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
