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

export function ModalForm({
  onSubmit,
  error,
  onCancel,
  saving,
  submitLabel,
  children,
}: {
  onSubmit: FormEventHandler<HTMLFormElement>;
  error: unknown;
  onCancel: () => void;
  saving: boolean;
  submitLabel: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <ApiErrorAlert error={error} />
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={saving}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
