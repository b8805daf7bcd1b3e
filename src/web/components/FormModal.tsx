import { Button, Group, Modal, type ModalProps, Stack } from "@mantine/core";
import type { FormEventHandler, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiErrorAlert } from "./ApiErrorAlert";

/**
 * A form in a modal, the shape of every "add" and "edit" dialog: the modal mounts its form only while open (so
 * each opening starts from the current values), and the form shows the server's refusal on top, its fields, and
 * Cancel / Save at the bottom.
 */
export function FormModal({
  opened,
  onClose,
  title,
  size,
  children,
}: Pick<ModalProps, "opened" | "onClose" | "title" | "size"> & { children: ReactNode }) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      {opened ? children : null}
    </Modal>
  );
}

/**
 * The form of such a dialog: submitting validates `form` and, when valid, runs `save` with its values; the button
 * says "Spara" when the dialog edits something (`editing`) and "Skapa" when it adds (or `submitLabel`).
 */
export function ModalForm<Values>({
  form,
  save,
  onCancel,
  editing,
  submitLabel,
  children,
}: {
  form: { onSubmit(handle: (values: Values) => void): FormEventHandler<HTMLFormElement> };
  save: { mutate(values: Values): void; error: unknown; isPending: boolean };
  onCancel: () => void;
  editing?: boolean;
  submitLabel?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack>
        <ApiErrorAlert error={save.error} />
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {submitLabel ?? (editing ? t("common.save") : t("common.create"))}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
