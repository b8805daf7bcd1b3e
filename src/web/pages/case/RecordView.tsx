import { Accordion, Anchor, Badge, Box, Group, Stack, Text, Title } from "@mantine/core";
import { type ReactNode, useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CaseRecord, DecisionRound } from "../../../domain/certification/record";
import {
  ASSESSMENT_LABELS,
  type CertificationStep,
  DEADLINE_LABELS,
  DECISION_OUTCOME_LABELS,
  type DeadlineKind,
  STEP_LABELS,
} from "../../../domain/certification/steps";
import type { CaseDetail } from "../../../shared/dto";
import { useMe } from "../../auth";
import { formatDate } from "../../lib/format";
import { lbl } from "../../lib/labels";
import { useMeetings, useRegion, useStaff } from "../../queries";
import classes from "./case.module.css";

/** The case linked to this one (a joining's certification case, or the joining a certification came from) as a link. */
export function linkedCaseLink(c: CaseDetail): ReactNode {
  return c.linkedCase ? (
    <Anchor key="linked" component={Link} to={`/cases/${c.linkedCase.id}`} size="sm">
      {`${c.linkedCase.registrationNumber} ${c.linkedCase.title}`}
    </Anchor>
  ) : null;
}

/** A definition list of label → value; empty values are left out. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  const shown = items.filter(([, value]) => value !== null && value !== undefined && value !== "");
  if (shown.length === 0) return null;
  return (
    <dl className={classes.dl}>
      {shown.map(([label, value]) => (
        <Box key={label} style={{ display: "contents" }}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Box>
      ))}
    </dl>
  );
}

function StepSection({ step, children }: { step: CertificationStep; children: ReactNode }) {
  const n = Object.keys(STEP_LABELS).indexOf(step) + 1;
  return (
    <Accordion.Item value={step}>
      <Accordion.Control>
        <Text size="sm" fw={600}>
          {n}. {lbl(STEP_LABELS[step])}
        </Text>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">{children}</Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

/** The step data recorded so far, read-only, one section per step (newest open). */
export function RecordView({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const headingId = useId();
  const me = useMe().data;
  const record = c.record as CaseRecord;
  const region = useRegion(c.region.id);
  const staff = useStaff(me?.role === "secretariat" || me?.role === "reviewer");
  const meetings = useMeetings(me?.role === "secretariat" || me?.role === "board" || me?.role === "reviewer");
  const criterion = (n: number) => {
    const cr = c.criteriaSet?.criteria.find((x) => x.number === n);
    return cr ? `${n}. ${cr.title}` : String(n);
  };
  const personName = (id: string) =>
    staff.data?.find((s) => s.id === id)?.name ??
    c.reviewers.find((r) => r.id === id)?.name ??
    t("record.secretariatMember");
  const groupName = (id: string) => region.data?.steeringGroups.find((g) => g.id === id)?.name ?? id;
  const providers = region.data?.providers ?? [];
  const providerName = (id: string) => providers.find((p) => p.id === id)?.name ?? id;
  const programmes = providers.flatMap((p) => p.programmes);
  const programmeName = (id: string) => programmes.find((p) => p.id === id)?.name ?? id;
  const specName = (id: string) =>
    programmes.flatMap((p) => p.specialisations).find((s) => s.id === id)?.name ?? id;
  const meetingName = (id: string, date: string) => {
    const m = meetings.data?.items.find((x) => x.id === id);
    return m ? `${m.title} (${formatDate(m.date)})` : formatDate(date);
  };
  const yesDate = (d?: string) => (d ? formatDate(d) : null);

  const sections: { step: CertificationStep; node: ReactNode }[] = [];
  const add = (step: CertificationStep, node: ReactNode) => sections.push({ step, node });

  if (record.anchoring)
    add(
      "anchoring",
      <Facts
        items={[
          [t("caseForm.anchoring.regional"), record.anchoring.regionalAnchoring],
          [t("caseForm.anchoring.local"), record.anchoring.localAnchoring],
          [t("caseForm.anchoring.completedOn"), formatDate(record.anchoring.completedOn)],
        ]}
      />,
    );
  if (record.steeringGroups)
    add(
      "steeringGroup",
      <Facts
        items={[
          [
            t("caseForm.steeringGroups.groups"),
            record.steeringGroups.steeringGroupIds.map(groupName).join("\n"),
          ],
          [t("caseForm.note"), record.steeringGroups.note],
        ]}
      />,
    );
  if (record.interest) {
    const i = record.interest;
    add(
      "interest",
      <Facts
        items={[
          [t("caseForm.interest.providers"), i.providerIds.map(providerName).join(", ")],
          [t("caseForm.interest.programmes"), i.programmeIds.map(programmeName).join(", ")],
          [t("caseForm.interest.specialisations"), i.specialisationIds.map(specName).join(", ")],
          [t("caseForm.interest.plannedApplicationDate"), formatDate(i.plannedApplicationDate)],
          [
            t("caseForm.interest.contactPerson"),
            [i.contactPerson.name, i.contactPerson.email, i.contactPerson.phone].filter(Boolean).join(", "),
          ],
          [t("caseForm.interest.steeringGroupApprovedOn"), formatDate(i.steeringGroupApprovedOn)],
        ]}
      />,
    );
  }
  if (record.feedback)
    add(
      "feedback",
      <Facts
        items={[
          [t("caseForm.feedback.receivedOn"), formatDate(record.feedback.receivedOn)],
          [t("caseForm.feedback.feedback"), record.feedback.feedback],
        ]}
      />,
    );
  if (record.application && record.application.answers.length > 0)
    add(
      "drafting",
      <Facts
        items={[
          ...record.application.answers.map(
            (a) => [criterion(a.criterionNumber), a.text || t("record.noAnswer")] as [string, ReactNode],
          ),
          [t("record.sentToSteeringGroupOn"), yesDate(record.application.sentToSteeringGroupOn)],
        ]}
      />,
    );
  if (record.steeringGroupApproval || record.application?.submittedOn)
    add(
      "submitted",
      <Facts
        items={[
          [t("caseForm.approval.approvedOn"), yesDate(record.steeringGroupApproval?.approvedOn)],
          [t("caseForm.approval.minutesReference"), record.steeringGroupApproval?.minutesReference],
          [t("record.submittedOn"), yesDate(record.application?.submittedOn)],
        ]}
      />,
    );
  if (record.reviewerIds || record.visitPlan)
    add(
      "preparation",
      <Facts
        items={[
          [t("record.reviewers"), (record.reviewerIds ?? []).map(personName).join(", ")],
          [t("caseForm.visitPlan.plannedDate"), yesDate(record.visitPlan?.plannedDate)],
          [t("caseForm.visitPlan.place"), record.visitPlan?.place],
        ]}
      />,
    );
  if (record.visit)
    add(
      "visit",
      <Facts
        items={[
          [t("caseForm.visit.heldOn"), formatDate(record.visit.heldOn)],
          [t("caseForm.visit.place"), record.visit.place],
          [t("caseForm.visit.participants"), record.visit.participantIds.map(personName).join(", ")],
        ]}
      />,
    );
  if (record.protocol && record.protocol.findings.length > 0)
    add(
      "protocol",
      <Stack gap="xs">
        {record.protocol.findings.map((f) => (
          <Box key={f.criterionNumber}>
            <Group gap="xs">
              <Text size="sm" fw={600}>
                {criterion(f.criterionNumber)}
              </Text>
              <Badge
                color={f.assessment === "fulfilled" ? "green" : f.assessment === "partly" ? "yellow" : "red"}
              >
                {lbl(ASSESSMENT_LABELS[f.assessment])}
              </Badge>
            </Group>
            {f.remarks ? (
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {f.remarks}
              </Text>
            ) : null}
            {f.requiredSupplements.map((s) => (
              <Text size="sm" key={s.id}>
                {t("record.supplement", { id: s.id, text: s.text })}
              </Text>
            ))}
          </Box>
        ))}
        <Facts items={[[t("caseForm.sendProtocol.sentOn"), yesDate(record.protocol.sentOn)]]} />
      </Stack>,
    );
  const rounds: (Partial<DecisionRound> & { current?: boolean })[] = [
    ...record.previousRounds,
    { response: record.response, decisionBasis: record.decisionBasis, agenda: record.agenda, current: true },
  ];
  const responseNodes = rounds
    .map((r, i) =>
      r.response ? (
        <Round
          // biome-ignore lint/suspicious/noArrayIndexKey: rounds are appended in order and never change
          key={`r${i}`}
          n={i + 1}
          of={rounds.length}
          items={[
            ...r.response.answers.map(
              (a) => [t("record.answerTo", { id: a.supplementId }), a.text] as [string, ReactNode],
            ),
            [t("record.submittedOn"), formatDate(r.response.submittedOn)],
          ]}
        />
      ) : null,
    )
    .filter(Boolean);
  const phone = record.phoneMeetings.map((m) => (
    <Facts
      key={`p-${m.recordedOn}-${m.heldOn}-${m.participants}`}
      items={[
        [t("record.phoneMeeting"), `${formatDate(m.heldOn)} – ${m.participants}`],
        [t("caseForm.phone.notes"), m.notes],
      ]}
    />
  ));
  if (responseNodes.length || phone.length)
    add(
      "response",
      <>
        {responseNodes}
        {phone}
      </>,
    );
  const prep = rounds
    .map((r, i) =>
      r.decisionBasis || r.agenda ? (
        <Round
          // biome-ignore lint/suspicious/noArrayIndexKey: rounds are appended in order and never change
          key={`b${i}`}
          n={i + 1}
          of={rounds.length}
          items={[
            [
              t("caseForm.basis.recommendation"),
              r.decisionBasis ? lbl(DECISION_OUTCOME_LABELS[r.decisionBasis.recommendation]) : null,
            ],
            [t("caseForm.basis.summary"), r.decisionBasis?.summary],
            [
              t("caseForm.agenda.meeting"),
              r.agenda ? meetingName(r.agenda.boardMeetingId, r.agenda.meetingDate) : null,
            ],
          ]}
        />
      ) : null,
    )
    .filter(Boolean);
  if (prep.length) add("decisionPrep", prep);
  const decisions = [
    ...record.previousRounds.map((r) => ({
      decision: r.decision,
      sentOn: r.decisionSentOn as string | undefined,
    })),
    ...(record.decision ? [{ decision: record.decision, sentOn: record.decisionSentOn }] : []),
  ];
  if (decisions.length)
    add(
      "decision",
      decisions.map((d, i) => (
        <Round
          key={`d-${d.decision.decidedOn}-${d.decision.outcome}-${d.sentOn ?? ""}`}
          n={i + 1}
          of={decisions.length}
          items={[
            [t("caseForm.decision.outcome"), lbl(DECISION_OUTCOME_LABELS[d.decision.outcome])],
            [t("caseForm.decision.decidedOn"), formatDate(d.decision.decidedOn)],
            [t("caseForm.decision.motivation"), d.decision.motivation],
            [t("caseForm.decision.newResponseDueDate"), yesDate(d.decision.newResponseDueDate)],
            [t("caseForm.sendDecision.sentOn"), yesDate(d.sentOn)],
          ]}
        />
      )),
    );
  if (record.ceremony)
    add(
      "ceremony",
      record.ceremony.held ? (
        <Facts
          items={[
            [t("caseForm.ceremony.heldOn"), formatDate(record.ceremony.heldOn)],
            [t("caseForm.ceremony.place"), record.ceremony.place],
          ]}
        />
      ) : (
        <Facts
          items={[
            [t("record.ceremonySkipped"), formatDate(record.ceremony.skippedOn)],
            [t("caseForm.skipCeremony.reason"), record.ceremony.reason],
          ]}
        />
      ),
    );

  const deadlines = (
    Object.entries(record.deadlines) as [DeadlineKind, NonNullable<CaseRecord["deadlines"]["protocol"]>][]
  ).filter(([, d]) => d);
  const last = sections.at(-1)?.step;

  return (
    <Box component="section" aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="xs">
        {t("casePage.record")}
      </Title>
      {sections.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("casePage.recordEmpty")}
        </Text>
      ) : (
        // Keyed by the number of sections: when a step adds its data, the newest section opens.
        <Accordion
          key={sections.length}
          multiple
          defaultValue={last ? [last] : []}
          variant="separated"
          chevronPosition="left"
        >
          {sections.map((s) => (
            <StepSection key={s.step} step={s.step}>
              {s.node}
            </StepSection>
          ))}
        </Accordion>
      )}
      {deadlines.length || record.withdrawal ? (
        <Stack gap={4} mt="sm">
          {deadlines.map(([kind, d]) => (
            <Text size="sm" key={kind}>
              {t("record.deadline", {
                deadline: lbl(DEADLINE_LABELS[kind]),
                date: formatDate(d.dueDate),
                status: d.closedOn
                  ? t("record.closedOn", { date: formatDate(d.closedOn) })
                  : t("record.open"),
              })}
              {d.postponements.map(
                (p) =>
                  ` · ${t("record.postponed", { from: formatDate(p.previousDueDate), to: formatDate(p.newDueDate), reason: p.reason })}`,
              )}
            </Text>
          ))}
          {record.withdrawal ? (
            <Text size="sm" c="red.8">
              {t("record.withdrawn", {
                date: formatDate(record.withdrawal.withdrawnOn),
                reason: record.withdrawal.reason,
              })}
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </Box>
  );
}

/** One round of a step (after an uppskov the case goes round again): its facts, headed by its number when there are several. */
function Round({ n, of, items }: { n: number; of: number; items: [string, ReactNode][] }) {
  const { t } = useTranslation();
  return (
    <Box>
      {of > 1 ? (
        <Text size="sm" fw={600}>
          {t("record.round", { n })}
        </Text>
      ) : null}
      <Facts items={items} />
    </Box>
  );
}
