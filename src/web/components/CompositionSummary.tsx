import { Alert, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { CompositionWarning } from "../../shared/dto";
import { currentLanguage } from "../i18n";

export interface CompositionSummaryProps {
  companies: number;
  total: number;
  warnings: readonly CompositionWarning[];
  /** Announce changes (in the edit form, where warnings follow the typing). */
  live?: boolean;
}

/** "Företag: 3 av 5" and each broken rule as a yellow alert, in the UI's language. */
export function CompositionSummary({ companies, total, warnings, live }: CompositionSummaryProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Stack gap="xs" aria-live={live ? "polite" : undefined}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t("steeringGroups.composition", { companies, total })}
        </Text>
        {warnings.length === 0 ? (
          <Group gap={4}>
            <IconCircleCheck size={16} color="var(--mantine-color-green-8)" aria-hidden />
            <Text size="sm">{t("steeringGroups.compositionOk")}</Text>
          </Group>
        ) : null}
      </Group>
      {warnings.map((warning) => (
        <Alert
          key={warning.code}
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          py="xs"
          data-warning={warning.code}
        >
          <Text size="sm">{warning.message[language]}</Text>
        </Alert>
      ))}
    </Stack>
  );
}
