import { Badge, Box, Group, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconCheck, IconMinus, IconPointFilled } from "@tabler/icons-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { CaseDetail, CaseEvent } from "../../../shared/dto";
import { DeadlineText } from "../../components/DeadlineText";
import { dateOf } from "../../lib/dates";
import { formatDate } from "../../lib/format";
import { lbl, rolesText } from "../../lib/labels";
import classes from "./case.module.css";

export interface StepDone {
  on: string;
  actor: string | null;
}

/** When each step was left and by whom, from the log (a step left twice, after an uppskov, shows the last). */
export function stepsDoneFromLog(events: readonly CaseEvent[] | undefined): Map<string, StepDone> {
  const done = new Map<string, StepDone>();
  for (const e of events ?? []) {
    const p = e.payload as { from?: string; to?: string } | null;
    if (p?.from && p.to && p.from !== p.to)
      done.set(p.from, { on: dateOf(e.occurredAt), actor: e.actor.name });
  }
  return done;
}

/** The 13 steps: done (date, who), current (due date, who must act), upcoming, skipped. */
export function StepTimeline({ c, log }: { c: CaseDetail; log: readonly CaseEvent[] | undefined }) {
  const { t } = useTranslation();
  const headingId = useId();
  const done = stepsDoneFromLog(log);
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="sm">
        {t("casePage.timeline")}
      </Title>
      <ol className={classes.timeline}>
        {c.steps.map((s) => {
          const info = done.get(s.code);
          const current = s.status === "current";
          const deadline =
            current && c.nextDeadline && c.nextDeadline.kind === s.code ? c.nextDeadline : null;
          return (
            <li
              key={s.code}
              className={classes.step}
              data-status={s.status}
              aria-current={current ? "step" : undefined}
            >
              <ThemeIcon
                size={26}
                radius="xl"
                variant={s.status === "done" || current ? "filled" : "light"}
                color={s.status === "done" ? "green.8" : current ? "petrol" : "gray"}
                className={classes.marker}
                aria-hidden
              >
                {s.status === "done" ? (
                  <IconCheck size={16} />
                ) : s.status === "skipped" ? (
                  <IconMinus size={16} />
                ) : current ? (
                  <IconPointFilled size={16} />
                ) : (
                  <Text size="xs" fw={700} c="gray.8">
                    {s.number}
                  </Text>
                )}
              </ThemeIcon>
              <Stack gap={2} className={classes.stepBody}>
                <Group gap={6} wrap="nowrap" align="baseline">
                  <Text size="sm" fw={current ? 700 : 500}>
                    <span className={classes.stepNumber}>{s.number}.</span> {lbl(s.label)}
                  </Text>
                  {current ? (
                    <Badge size="sm" color="petrol">
                      {t("casePage.stepStatus.current")}
                    </Badge>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed">
                  {s.status === "done"
                    ? info
                      ? t("casePage.doneBy", { date: formatDate(info.on), actor: info.actor ?? "—" })
                      : t("casePage.stepStatus.done")
                    : s.status === "skipped"
                      ? t("casePage.stepStatus.skipped")
                      : s.status === "upcoming"
                        ? t("casePage.stepStatus.upcoming")
                        : c.awaiting.length
                          ? t("casePage.awaiting", { roles: rolesText(c.awaiting, t("common.and")) })
                          : ""}
                </Text>
                {deadline ? <DeadlineText deadline={deadline} size="xs" /> : null}
              </Stack>
            </li>
          );
        })}
      </ol>
    </Box>
  );
}
