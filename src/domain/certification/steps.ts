/**
 * Steps, states, kinds and outcomes of process B (Certifiering), as `as const` lists.
 * The lists feed TypeScript types, zod enums and database CHECK constraints alike.
 */

export type Label = { sv: string; en: string };

export const CERTIFICATION_STEPS = [
  "anchoring",
  "steeringGroup",
  "interest",
  "feedback",
  "drafting",
  "submitted",
  "preparation",
  "visit",
  "protocol",
  "response",
  "decisionPrep",
  "decision",
  "ceremony",
] as const;
export type CertificationStep = (typeof CERTIFICATION_STEPS)[number];

export const CASE_FINAL_STATES = ["closed", "rejected", "withdrawn"] as const;
export type CaseFinalState = (typeof CASE_FINAL_STATES)[number];

export const CASE_STATES = [...CERTIFICATION_STEPS, ...CASE_FINAL_STATES] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_KINDS = [
  "newRegion",
  "newProvider",
  "newProgramme",
  "newSpecialisation",
  "recertification",
  "decertification",
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const ASSESSMENTS = ["fulfilled", "partly", "notFulfilled"] as const;
export type Assessment = (typeof ASSESSMENTS)[number];

export const DECISION_OUTCOMES = ["approved", "postponed", "rejected"] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const RECOMMENDATIONS = ["approved", "postponed", "rejected"] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** The two deadlines of the process: protocol (visit + 1 month) and response (protocol sent + 3 months). */
export const DEADLINE_KINDS = ["protocol", "response"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Board meetings as the certification process needs to see them (only ordinary meetings decide). */
export const BOARD_MEETING_KINDS = ["ordinary", "extra"] as const;
export type BoardMeetingKind = (typeof BOARD_MEETING_KINDS)[number];
export const BOARD_MEETING_STATUSES = ["planned", "held", "cancelled"] as const;
export type BoardMeetingStatus = (typeof BOARD_MEETING_STATUSES)[number];

export const STEP_LABELS: Record<CertificationStep, Label> = {
  anchoring: { sv: "Förankringsarbete", en: "Anchoring" },
  steeringGroup: { sv: "Styrgrupp formas", en: "Steering group formed" },
  interest: { sv: "Intresseanmälan", en: "Notification of interest" },
  feedback: { sv: "Återkoppling från kansliet", en: "Feedback from the secretariat" },
  drafting: {
    sv: "Ansökan tas fram, till regional styrgrupp",
    en: "Application drafted, to the regional steering group",
  },
  submitted: { sv: "Ansökan skickas in", en: "Application submitted" },
  preparation: { sv: "Beredning", en: "Preparation" },
  visit: { sv: "Granskningsbesök", en: "Review visit" },
  protocol: { sv: "Protokoll", en: "Protocol" },
  response: { sv: "Svar på protokoll", en: "Response to the protocol" },
  decisionPrep: { sv: "Beredning av beslut", en: "Preparation of the decision" },
  decision: { sv: "Beslut", en: "Decision" },
  ceremony: { sv: "Certifieringsceremoni", en: "Certification ceremony" },
};

/** Step number 1..13 as in the handbook. */
export const STEP_NUMBERS = Object.fromEntries(CERTIFICATION_STEPS.map((step, i) => [step, i + 1])) as Record<
  CertificationStep,
  number
>;

export const FINAL_STATE_LABELS: Record<CaseFinalState, Label> = {
  closed: { sv: "Avslutat", en: "Closed" },
  rejected: { sv: "Avslag", en: "Rejected" },
  withdrawn: { sv: "Återtaget", en: "Withdrawn" },
};

export const STATE_LABELS: Record<CaseState, Label> = { ...STEP_LABELS, ...FINAL_STATE_LABELS };

export const CASE_KIND_LABELS: Record<CaseKind, Label> = {
  newRegion: { sv: "Ny region", en: "New region" },
  newProvider: { sv: "Ny utbildningsanordnare", en: "New education provider" },
  newProgramme: { sv: "Ny utbildning", en: "New programme" },
  newSpecialisation: { sv: "Ny inriktning", en: "New specialisation" },
  recertification: { sv: "Omcertifiering", en: "Recertification" },
  decertification: { sv: "Avcertifiering", en: "Decertification" },
};

export const ASSESSMENT_LABELS: Record<Assessment, Label> = {
  fulfilled: { sv: "Uppfyllt", en: "Fulfilled" },
  partly: { sv: "Delvis uppfyllt", en: "Partly fulfilled" },
  notFulfilled: { sv: "Ej uppfyllt", en: "Not fulfilled" },
};

export const DECISION_OUTCOME_LABELS: Record<DecisionOutcome, Label> = {
  approved: { sv: "Godkänd", en: "Approved" },
  postponed: { sv: "Uppskov", en: "Postponed" },
  rejected: { sv: "Avslag", en: "Rejected" },
};

export const DEADLINE_LABELS: Record<DeadlineKind, Label> = {
  protocol: { sv: "Protokoll", en: "Protocol" },
  response: { sv: "Svar på protokoll", en: "Response to the protocol" },
};

export function isCaseState(value: unknown): value is CaseState {
  return typeof value === "string" && (CASE_STATES as readonly string[]).includes(value);
}

export function isFinalState(state: CaseState): state is CaseFinalState {
  return (CASE_FINAL_STATES as readonly string[]).includes(state);
}

export function isCertificationStep(value: unknown): value is CertificationStep {
  return typeof value === "string" && (CERTIFICATION_STEPS as readonly string[]).includes(value);
}

/** The step number 1..13 of a step, or null for a final state. */
export function stepNumber(state: CaseState): number | null {
  return isCertificationStep(state) ? STEP_NUMBERS[state] : null;
}
