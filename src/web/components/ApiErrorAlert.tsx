import { Alert, Button, Group, Text } from "@mantine/core";
import { IconAlertTriangle, IconRefresh } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api";
import { ErrorAlert } from "./ErrorAlert";

/** An error from a save, shown inside a form. A stale version offers a reload. */
export function ApiErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  if (error instanceof ApiError && error.isStale) {
    return (
      <Alert
        color="yellow"
        title={t("errors.staleTitle")}
        icon={<IconAlertTriangle aria-hidden />}
        role="alert"
      >
        <Group justify="space-between" gap="sm">
          <Text size="sm">{t("errors.stale")}</Text>
          <Button
            size="xs"
            leftSection={<IconRefresh size={14} aria-hidden />}
            onClick={() => window.location.reload()}
          >
            {t("common.reload")}
          </Button>
        </Group>
      </Alert>
    );
  }
  const message = error instanceof Error ? error.message : t("errors.unexpected");
  return (
    <ErrorAlert title={t("errors.title")}>
      <Text size="sm">{message}</Text>
      <DetailsList details={error instanceof ApiError ? error.details : undefined} />
    </ErrorAlert>
  );
}

/** Field problems the server may list in `details` (`[{ path, message }]`). */
function DetailsList({ details }: { details: unknown }) {
  if (!Array.isArray(details)) return null;
  const items = details
    .map((d) =>
      typeof d === "object" && d !== null && "message" in d
        ? String((d as { message: unknown }).message)
        : null,
    )
    .filter((m): m is string => Boolean(m));
  if (items.length === 0) return null;
  return (
    <ul style={{ margin: "0.25rem 0 0", paddingInlineStart: "1.25rem" }}>
      {items.map((m) => (
        <li key={m}>
          <Text size="sm">{m}</Text>
        </li>
      ))}
    </ul>
  );
}
