import { ActionIcon, Button, Group, Menu } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconArchive, IconDots, IconPencil, IconRestore, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { del, post } from "../api";
import { useRegistryMutation } from "../lib/mutations";
import { ConfirmModal } from "./ConfirmModal";
import { notifySuccess } from "./feedback";

export interface ManagedEntity {
  id: string;
  version: number;
  status: "active" | "archived";
  actions: string[];
}

export interface EntityMenuProps {
  entity: ManagedEntity;
  /** The entity's API path, e.g. `/api/companies/abc`. */
  path: string;
  /** Shown in labels and confirmations. */
  name: string;
  confirm: { archiveTitle: string; archive: string; deleteTitle: string; delete: string };
  onEdit?: () => void;
  editLabel?: string;
}

type Pending = "archive" | "delete" | null;

/** Edit button plus a menu with archive/restore/delete, each shown only when the server allows it. */
export function EntityMenu({ entity, path, name, confirm, onEdit, editLabel }: EntityMenuProps) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<Pending>(null);
  const [opened, { open, close }] = useDisclosure(false);
  const can = (action: string) => entity.actions.includes(action);

  const lifecycle = useRegistryMutation(
    (action: "archive" | "restore" | "delete") =>
      action === "delete" ? del(path) : post(`${path}/${action}`, { expectedVersion: entity.version }),
    { notifyErrors: true, success: false },
  );

  function run(action: "archive" | "restore" | "delete") {
    lifecycle.mutate(action, {
      onSettled: close,
      onSuccess: () => {
        const key =
          action === "archive"
            ? "common.archived"
            : action === "restore"
              ? "common.restored"
              : "common.deleted";
        notifySuccess(t(key));
      },
    });
  }

  const menuItems = [can("archive"), can("restore"), can("delete")].some(Boolean);

  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {onEdit && can("update") ? (
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconPencil size={14} aria-hidden />}
          onClick={onEdit}
          aria-label={`${editLabel ?? t("common.edit")}: ${name}`}
        >
          {editLabel ?? t("common.edit")}
        </Button>
      ) : null}
      {menuItems ? (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray.8" aria-label={`${t("common.actions")}: ${name}`}>
              <IconDots size={18} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            {can("archive") ? (
              <Menu.Item
                leftSection={<IconArchive size={16} aria-hidden />}
                onClick={() => {
                  setPending("archive");
                  open();
                }}
              >
                {t("common.archive")}
              </Menu.Item>
            ) : null}
            {can("restore") ? (
              <Menu.Item leftSection={<IconRestore size={16} aria-hidden />} onClick={() => run("restore")}>
                {t("common.restore")}
              </Menu.Item>
            ) : null}
            {can("delete") ? (
              <Menu.Item
                color="red.8"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={() => {
                  setPending("delete");
                  open();
                }}
              >
                {t("common.delete")}
              </Menu.Item>
            ) : null}
          </Menu.Dropdown>
        </Menu>
      ) : null}
      <ConfirmModal
        opened={opened}
        onClose={close}
        title={pending === "delete" ? confirm.deleteTitle : confirm.archiveTitle}
        message={pending === "delete" ? confirm.delete : confirm.archive}
        confirmLabel={pending === "delete" ? t("common.delete") : t("common.archive")}
        danger={pending === "delete"}
        loading={lifecycle.isPending}
        onConfirm={() => pending && run(pending)}
      />
    </Group>
  );
}
