import { Badge, Group, type MantineSize, Text } from "@mantine/core";
import { IconAlertTriangle, IconClock } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { DEADLINE_LABELS, type DeadlineKind } from "../../domain/certification/steps";
import type { CaseDeadline } from "../../shared/dto";
import { daysFromToday } from "../lib/dates";
import { formatDate } from "../lib/format";
import { lbl } from "../lib/labels";

/** "X dagar kvar" or "försenad" for a due date. */
export function DueBadge({ dueDate }: { dueDate: string }) {
  const { t } = useTranslation();
  const days = daysFromToday(dueDate);
  if (days < 0)
    return (
      <Badge color="red" tt="none" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
        {t("deadline.overdue", { count: -days })}
      </Badge>
    );
  return (
    <Badge color={days <= 14 ? "orange" : "gray"} tt="none">
      {days === 0 ? t("deadline.today") : t("deadline.daysLeft", { count: days })}
    </Badge>
  );
}

/** "Protokoll senast 21 dec. 2026 · 23 dagar kvar". */
export function DeadlineText({ deadline, size = "sm" }: { deadline: CaseDeadline; size?: MantineSize }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      <IconClock size={14} aria-hidden />
      <Text size={size}>
        {t("deadline.due", {
          deadline: lbl(DEADLINE_LABELS[deadline.kind as DeadlineKind]),
          date: formatDate(deadline.dueDate),
        })}
      </Text>
      <DueBadge dueDate={deadline.dueDate} />
    </Group>
  );
}
