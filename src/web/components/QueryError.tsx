import { Button, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api";
import { ErrorAlert } from "./ErrorAlert";

/** A failed load: the server's message and a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = error instanceof Error ? error.message : t("errors.unexpected");
  return (
    <ErrorAlert title={t("errors.loadFailed")}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        {error instanceof ApiError && error.code !== "network" ? (
          <Text size="xs" c="dimmed">
            {error.code}
          </Text>
        ) : null}
        {onRetry ? (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t("errors.retry")}
          </Button>
        ) : null}
      </Stack>
    </ErrorAlert>
  );
}
