import { List, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert";
import { problemsOf } from "../../lib/apiErrors";

/** The server's problems with a form (outside a case), translated and listed. */
export function ActionProblemsPlain({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { general } = problemsOf(error);
  return (
    <ErrorAlert title={t("errors.title")}>
      {general.length === 1 ? (
        <Text size="sm">{general[0]}</Text>
      ) : (
        <List size="sm">
          {general.map((m) => (
            <List.Item key={m}>{m}</List.Item>
          ))}
        </List>
      )}
    </ErrorAlert>
  );
}
