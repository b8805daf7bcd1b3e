import type { CaseRecord } from "./certification/record";
import {
  type CaseState,
  CERTIFICATION_STEPS,
  type CertificationStep,
  isFinalState,
  STEP_LABELS,
} from "./certification/steps";

/** Whether the record shows a step's work as done. */
const DONE: Record<CertificationStep, (r: CaseRecord) => boolean> = {
  anchoring: (r) => Boolean(r.anchoring),
  steeringGroup: (r) => Boolean(r.steeringGroups),
  interest: (r) => Boolean(r.interest),
  feedback: (r) => Boolean(r.feedback),
  drafting: (r) => Boolean(r.application?.sentToSteeringGroupOn),
  submitted: (r) => Boolean(r.application?.submittedOn),
  preparation: (r) => Boolean(r.visitPlan),
  visit: (r) => Boolean(r.visit),
  protocol: (r) => Boolean(r.protocol?.sentOn),
  response: (r) => Boolean(r.response) || r.previousRounds.some((x) => x.response),
  decisionPrep: (r) => Boolean(r.agenda),
  decision: (r) => Boolean(r.decisionSentOn),
  ceremony: (r) => Boolean(r.ceremony),
};

export type StepStatus = "done" | "current" | "upcoming" | "skipped";

/** The 13 steps with their status for a case, for the timeline on the case page. */
export function caseTimeline(state: CaseState, record: CaseRecord) {
  const final = isFinalState(state);
  return CERTIFICATION_STEPS.map((code, i) => {
    let status: StepStatus;
    if (code === state) status = "current";
    else if (DONE[code](record)) status = "done";
    else if (final || CERTIFICATION_STEPS.indexOf(state as CertificationStep) > i) status = "skipped";
    else status = "upcoming";
    return { code, number: i + 1, label: STEP_LABELS[code], status };
  });
}
