/**
 * The names, states and texts of the yearly quality follow-up (process C, `followUp`), without payload schemas
 * (actions.ts), so the web app can show buttons, statuses and the matrix without loading zod.
 */
import type { Label } from "../certification/steps";

export const FOLLOW_UP_PROCESS = "followUp";
export const FOLLOW_UP_KIND = "followUp";
export const FOLLOW_UP_KIND_LABEL: Label = {
  sv: "Årlig kvalitetsuppföljning",
  en: "Yearly quality follow-up",
};

export const FOLLOW_UP_STATES = [
  "selfAssessment",
  "review",
  "supplementRequested",
  "closed",
  "withdrawn",
] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];
export const FOLLOW_UP_OPEN_STATES: readonly FollowUpState[] = [
  "selfAssessment",
  "review",
  "supplementRequested",
];

export const FOLLOW_UP_STATE_LABELS: Record<FollowUpState, Label> = {
  selfAssessment: { sv: "Självvärdering", en: "Self-assessment" },
  review: { sv: "Granskning", en: "Review" },
  supplementRequested: { sv: "Komplettering begärd", en: "Supplement requested" },
  closed: { sv: "Avslutad", en: "Closed" },
  withdrawn: { sv: "Avbruten", en: "Withdrawn" },
};

export const FOLLOW_UP_ACTION_NAMES = [
  "saveSelfAssessment",
  "addLocalContribution",
  "submitSelfAssessment",
  "assignFollowUpReviewer",
  "recordReviewNote",
  "requestFollowUpSupplement",
  "acceptFollowUp",
  "flagCertification",
  "postponeFollowUp",
  "withdrawFollowUp",
] as const;
export type FollowUpActionName = (typeof FOLLOW_UP_ACTION_NAMES)[number];

export function isFollowUpAction(name: string): name is FollowUpActionName {
  return (FOLLOW_UP_ACTION_NAMES as readonly string[]).includes(name);
}

export const FOLLOW_UP_ACTION_LABELS: Record<FollowUpActionName, Label> = {
  saveSelfAssessment: { sv: "Spara självvärderingen", en: "Save the self-assessment" },
  addLocalContribution: { sv: "Lämna lokalt bidrag", en: "Add a local contribution" },
  submitSelfAssessment: { sv: "Skicka in självvärderingen", en: "Submit the self-assessment" },
  assignFollowUpReviewer: { sv: "Utse granskare", en: "Assign a reviewer" },
  recordReviewNote: { sv: "Skriv granskningsanteckning", en: "Write a review note" },
  requestFollowUpSupplement: { sv: "Begär komplettering", en: "Request a supplement" },
  acceptFollowUp: { sv: "Godkänn uppföljningen", en: "Accept the follow-up" },
  flagCertification: { sv: "Flagga certifieringen", en: "Flag the certification" },
  postponeFollowUp: { sv: "Flytta fristen", en: "Postpone the deadline" },
  withdrawFollowUp: { sv: "Avbryt uppföljningen", en: "Withdraw the follow-up" },
};

/** The notices of the follow-up: to the reviewer named for it, and to the region once it is reviewed. */
export const FOLLOW_UP_NOTIFY_TEMPLATES = ["followUpReviewerAssigned", "followUpReviewed"] as const;
export type FollowUpNotifyTemplate = (typeof FOLLOW_UP_NOTIFY_TEMPLATES)[number];

/** How a criterion stands this year, as the region judges it. */
export const CRITERION_STATUSES = ["onTrack", "atRisk", "notMet"] as const;
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];

export const CRITERION_STATUS_LABELS: Record<CriterionStatus, Label> = {
  onTrack: { sv: "Enligt plan", en: "On track" },
  atRisk: { sv: "Risk", en: "At risk" },
  notMet: { sv: "Uppfylls inte", en: "Not met" },
};

export const FOLLOW_UP_OUTCOMES = ["accepted", "flagged"] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];
export const FOLLOW_UP_OUTCOME_LABELS: Record<FollowUpOutcome, Label> = {
  accepted: { sv: "Godkänd", en: "Accepted" },
  flagged: { sv: "Flaggad för uppmärksamhet", en: "Flagged for attention" },
};

/** A number the region reports each year (configurable per criteria set: `criteria_sets.indicators`). */
export interface IndicatorDefinition {
  key: string;
  label: Label;
}

/** The indicators of a criteria set that names none of its own. */
export const DEFAULT_INDICATORS: readonly IndicatorDefinition[] = [
  { key: "students", label: { sv: "Elever", en: "Students" } },
  {
    key: "steeringGroupCompanies",
    label: { sv: "Företag i styrgrupperna", en: "Companies in the steering groups" },
  },
  { key: "workplaceLearningPlaces", label: { sv: "APL-platser", en: "Workplace learning places" } },
  { key: "teacherIndustryDays", label: { sv: "Lärares branschdagar", en: "Teachers' industry days" } },
];

/** The follow-up's deadline kind (beside the certification's protocol and response). */
export const FOLLOW_UP_DEADLINE = "followUp";
export const FOLLOW_UP_DEADLINE_LABEL: Label = { sv: "Uppföljning", en: "Follow-up" };

/** Months from opening to the region's due date (the issue: 2 months). */
export const FOLLOW_UP_DUE_MONTHS = 2;
/** Months the region gets for a requested supplement unless the secretariat names a date. */
export const FOLLOW_UP_SUPPLEMENT_MONTHS = 1;
