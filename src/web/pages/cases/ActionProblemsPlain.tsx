import { Alert, List, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { problemsOf } from "../../lib/apiErrors";

/** The server's problems with a form (outside a case), translated and listed. */
export function ActionProblemsPlain({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { general } = problemsOf(error);
  return (
    <Alert color="red" title={t("errors.title")} icon={<IconAlertTriangle aria-hidden />} role="alert">
      {general.length === 1 ? (
        <Text size="sm">{general[0]}</Text>
      ) : (
        <List size="sm">
          {general.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
