import { Accordion, Alert, Stack, Text, Title } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import type { ComponentType } from "react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { CaseDetail } from "../../../shared/dto";
import { rolesText } from "../../lib/labels";
import { actionLabel } from "./forms/ActionForm";
import { ApplicationForm, SteeringGroupApprovalForm, SubmitApplicationForm } from "./forms/application";
import {
  DecisionBasisForm,
  PhoneMeetingForm,
  PlaceOnAgendaForm,
  PostponementForm,
  RecordCeremonyForm,
  RecordDecisionForm,
  SendDecisionForm,
  SkipCeremonyForm,
  SubmitResponseForm,
  WithdrawForm,
} from "./forms/decision";
import { deferredForm } from "./forms/deferredForm";
import {
  AssignReviewersForm,
  PlanVisitForm,
  ProtocolForm,
  RecordVisitForm,
  SendProtocolForm,
} from "./forms/review";

type Form = ComponentType<{ c: CaseDetail; bare?: boolean }>;

// The first steps' forms (with their multi-select and checkboxes) load when a case in those steps is shown.
const early = () => import("./forms/early");
const RecordAnchoringForm: Form = deferredForm(() => early().then((m) => m.RecordAnchoringForm));
const RecordSteeringGroupsForm: Form = deferredForm(() => early().then((m) => m.RecordSteeringGroupsForm));
const SubmitInterestForm: Form = deferredForm(() => early().then((m) => m.SubmitInterestForm));
const GiveFeedbackForm: Form = deferredForm(() => early().then((m) => m.GiveFeedbackForm));

/** The step's own forms, in the order they are used. */
const PRIMARY: [string, Form][] = [
  ["recordAnchoring", RecordAnchoringForm],
  ["recordSteeringGroups", RecordSteeringGroupsForm],
  ["submitInterest", SubmitInterestForm],
  ["giveFeedback", GiveFeedbackForm],
  ["saveApplicationDraft", ApplicationForm],
  ["recordSteeringGroupApproval", SteeringGroupApprovalForm],
  ["submitApplication", SubmitApplicationForm],
  ["assignReviewers", AssignReviewersForm],
  ["recordVisit", RecordVisitForm],
  ["planVisit", PlanVisitForm],
  ["saveProtocol", ProtocolForm],
  ["sendProtocol", SendProtocolForm],
  ["submitResponse", SubmitResponseForm],
  ["recordDecisionBasis", DecisionBasisForm],
  ["placeOnAgenda", PlaceOnAgendaForm],
  ["recordDecision", RecordDecisionForm],
  ["sendDecision", SendDecisionForm],
  ["recordCeremony", RecordCeremonyForm],
  ["skipCeremony", SkipCeremonyForm],
];

/** Optional work of any open step, folded away. */
const SECONDARY: [string, Form][] = [
  ["recordPhoneMeeting", PhoneMeetingForm],
  ["grantPostponement", PostponementForm],
  ["withdrawCase", WithdrawForm],
];

/** What the caller may do now: exactly the case's `actions`, each as a form built for its step. */
export function ActionPanel({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const headingId = useId();
  const has = (a: string) => c.actions.includes(a);
  // The application form covers both saving the draft and sending it on.
  const primary = PRIMARY.filter(([a]) =>
    a === "saveApplicationDraft" ? has(a) || has("sendToSteeringGroup") : has(a),
  ).filter(([a]) => !(a === "planVisit" && c.state === "visit"));
  const secondary = [
    ...(has("planVisit") && c.state === "visit" ? ([["planVisit", PlanVisitForm]] as [string, Form][]) : []),
    ...SECONDARY.filter(([a]) => has(a)),
  ];

  return (
    <Stack gap="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t("casePage.yourActions")}
      </Title>
      {primary.length === 0 ? (
        <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />}>
          <Text size="sm">
            {c.awaiting.length
              ? t("casePage.nothingForYou", { roles: rolesText(c.awaiting, t("common.and")) })
              : t("casePage.nothingToDo")}
          </Text>
        </Alert>
      ) : (
        primary.map(([action, Component]) => <Component key={`${action}-${c.version}`} c={c} />)
      )}
      {secondary.length > 0 ? (
        <Accordion variant="separated" chevronPosition="left">
          {secondary.map(([action, Component]) => (
            <Accordion.Item key={action} value={action}>
              <Accordion.Control>
                <Text size="sm" fw={600}>
                  {action === "planVisit" ? t("caseForm.visitPlan.replan") : actionLabel(action)}
                </Text>
              </Accordion.Control>
              <Accordion.Panel>
                <Component key={c.version} c={c} bare />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      ) : null}
    </Stack>
  );
}
