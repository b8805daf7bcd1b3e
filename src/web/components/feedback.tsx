import { Button, Group, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCheck, IconRefresh } from "@tabler/icons-react";
import { ApiError } from "../api";
import i18next from "../i18n";

/** The notification's close button needs a name (axe: button-name). */
function closeButton() {
  return { "aria-label": i18next.t("common.close") };
}

/** "Sparat" (or another success text) as a short notification. */
export function notifySuccess(message: string = i18next.t("common.saved")): void {
  notifications.show({
    message,
    color: "green",
    icon: <IconCheck size={18} aria-hidden />,
    autoClose: 3000,
    closeButtonProps: closeButton(),
  });
}

/** An error from the server as a notification; a stale version gets a reload button. */
export function notifyError(error: unknown): void {
  if (error instanceof ApiError && error.isStale) {
    notifications.show({
      color: "yellow",
      title: i18next.t("errors.staleTitle"),
      autoClose: false,
      closeButtonProps: closeButton(),
      message: (
        <Group justify="space-between" gap="xs">
          <Text size="sm">{i18next.t("errors.stale")}</Text>
          <Button
            size="xs"
            leftSection={<IconRefresh size={14} aria-hidden />}
            onClick={() => window.location.reload()}
          >
            {i18next.t("common.reload")}
          </Button>
        </Group>
      ),
    });
    return;
  }
  notifications.show({
    color: "red",
    title: i18next.t("errors.title"),
    message: error instanceof Error ? error.message : i18next.t("errors.unexpected"),
    autoClose: 8000,
    closeButtonProps: closeButton(),
  });
}
