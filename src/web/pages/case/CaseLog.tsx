import { Box, Button, Card, Group, Text, Title } from "@mantine/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { caseStateLabel } from "../../../domain/case-labels";
import {
  DEADLINE_LABELS,
  DECISION_OUTCOME_LABELS,
  type DeadlineKind,
  type DecisionOutcome,
} from "../../../domain/certification/steps";
import type { CaseEvent } from "../../../shared/dto";
import { useMe } from "../../auth";
import { DocumentsPanel } from "../../components/documents";
import i18next from "../../i18n";
import { stamp } from "../../lib/dates";
import { formatDate } from "../../lib/format";
import { lbl, roleLabel } from "../../lib/labels";
import { tr } from "../../lib/tr";
import classes from "./case.module.css";

const t = tr;

function stateName(state: string): string {
  return lbl(caseStateLabel(state)) || state;
}

/** What happened, in a sentence: "Karin Kansli gav återkoppling 2027-01-10 14:02". */
export function describeEvent(e: CaseEvent): { sentence: string; detail: string | null } {
  const actor = e.actor.name ?? (e.actor.role ? roleLabel(e.actor.role) : t("log.someone"));
  const action = e.type.startsWith("case.") ? e.type.slice(5) : e.type;
  const known = i18next.exists(`log.verbs.${action}`);
  const verb = known ? t(`log.verbs.${action}`) : t("log.verbs.other", { type: e.type });
  const sentence = `${actor} ${verb} ${stamp(e.occurredAt)}`;
  const p = (e.payload ?? {}) as {
    from?: string;
    to?: string;
    state?: string;
    registrationNumber?: string;
    payload?: Record<string, unknown>;
  };
  const inner = p.payload ?? {};
  const details: string[] = [];
  if (action === "opened" && p.registrationNumber) details.push(p.registrationNumber);
  if (action === "recordDecision" && typeof inner.outcome === "string") {
    details.push(lbl(DECISION_OUTCOME_LABELS[inner.outcome as DecisionOutcome]));
    if (typeof inner.newResponseDueDate === "string")
      details.push(t("log.newResponseDueDate", { date: formatDate(inner.newResponseDueDate) }));
  }
  if (action === "recordDecisionBasis" && typeof inner.recommendation === "string")
    details.push(
      t("log.recommendation", {
        outcome: lbl(DECISION_OUTCOME_LABELS[inner.recommendation as DecisionOutcome]),
      }),
    );
  if (action === "postponeFollowUp" && typeof inner.newDueDate === "string")
    details.push(`${formatDate(inner.newDueDate)}: ${String(inner.reason ?? "")}`);
  if (action === "grantPostponement" && typeof inner.newDueDate === "string") {
    details.push(
      t("log.postponement", {
        deadline: lbl(DEADLINE_LABELS[inner.deadline as DeadlineKind]),
        date: formatDate(inner.newDueDate),
        reason: String(inner.reason ?? ""),
      }),
    );
  }
  if (
    (action === "withdrawCase" ||
      action === "withdrawJoining" ||
      action === "reopenJoining" ||
      action === "withdrawFollowUp" ||
      action === "flagCertification") &&
    inner.reason
  )
    details.push(String(inner.reason));
  if (p.from && p.to && p.from !== p.to) details.push(t("log.moved", { state: stateName(p.to) }));
  return { sentence, detail: details.length ? details.join(" · ") : null };
}

/** The case's append-only log, newest first; the secretariat also sees where each change came from. */
/** The foot of every case page: its documents and diarium, then its log. */
export function DocumentsAndLog({ caseId, log }: { caseId: string; log: readonly CaseEvent[] | undefined }) {
  return (
    <>
      <DocumentsPanel caseId={caseId} />
      <Card withBorder radius="md">
        <CaseLog events={log} />
      </Card>
    </>
  );
}

export function CaseLog({ events }: { events: readonly CaseEvent[] | undefined }) {
  const { t: tt } = useTranslation();
  const headingId = useId();
  const me = useMe().data;
  const [all, setAll] = useState(false);
  const list = [...(events ?? [])].reverse();
  const shown = all ? list : list.slice(0, 10);
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="xs">
        {tt("casePage.log")}
      </Title>
      {list.length === 0 ? (
        <Text size="sm" c="dimmed">
          {tt("casePage.logEmpty")}
        </Text>
      ) : (
        <ol className={classes.log} reversed>
          {shown.map((e) => {
            const { sentence, detail } = describeEvent(e);
            return (
              <li key={e.seq}>
                <Text size="sm">{sentence}</Text>
                {detail ? (
                  <Text size="xs" c="dimmed">
                    {detail}
                  </Text>
                ) : null}
                {me?.role === "secretariat" && e.ip ? (
                  <Text size="xs" c="dimmed">
                    {tt("casePage.logOrigin", { ip: e.ip ?? "—", seq: e.seq })}
                  </Text>
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      {list.length > 10 ? (
        <Group mt="xs">
          <Button variant="subtle" size="xs" onClick={() => setAll((x) => !x)}>
            {all ? tt("casePage.logFewer") : tt("casePage.logAll", { count: list.length })}
          </Button>
        </Group>
      ) : null}
    </Box>
  );
}
