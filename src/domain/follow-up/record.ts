/**
 * The accumulated data of a follow-up case (`FollowUpRecord`): plain JSON, stored as the case's record and passed
 * back in `FollowUpFacts`. Built at opening (`startFollowUp`) and action by action by the machine.
 */
import type { IsoDate } from "../certification/deadlines";
import type { Role } from "../certification/permissions";
import type { DeadlineRecord } from "../certification/record";
import type { CriterionStatus, FollowUpOutcome, IndicatorDefinition } from "./labels";

/** The quality plan's item for a criterion, shown beside the self-assessment. */
export interface PlanItem {
  criterionNumber: number;
  text: string;
  /** Where it comes from: the quality plan (A8 of a joining case) or the previous follow-up's planned actions. */
  source: "qualityPlan" | "followUp";
  sourceCaseId: string;
  sourceRegistrationNumber: string;
}

export interface PlannedAction {
  action: string;
  owner: string;
  dueDate: IsoDate;
}

export interface CriterionAssessment {
  criterionNumber: number;
  status?: CriterionStatus;
  done?: string;
  plannedActions: PlannedAction[];
  documentIds: string[];
  updatedOn: IsoDate;
  updatedBy: string;
}

export interface LocalContribution {
  criterionNumber: number;
  localCollegeId: string;
  localCollegeName: string;
  text: string;
  by: string;
  on: IsoDate;
}

export interface SupplementItem {
  criterionNumber: number;
  request: string;
  answer?: string;
  answeredOn?: IsoDate;
}

export interface SupplementRequest {
  requestedOn: IsoDate;
  by: string;
  dueDate: IsoDate;
  items: SupplementItem[];
}

export interface ReviewNote {
  criterionNumber?: number;
  note: string;
  by: string;
  byRole: Role;
  on: IsoDate;
}

export interface FollowUpReview {
  outcome: FollowUpOutcome;
  decidedOn: IsoDate;
  by: string;
  summary?: string;
  /** Why the certification needs attention (outcome `flagged`). */
  reason?: string;
}

export interface FollowUpRecord {
  certificationId: string;
  subjectName: string;
  /** The follow-up year (the year it was opened, Europe/Stockholm). */
  year: number;
  openedOn: IsoDate;
  openedBy: "schedule" | "secretariat";
  indicatorDefinitions: IndicatorDefinition[];
  plan: PlanItem[];
  /** The regional part of the quality plan (A8), when there is one. */
  generalPlan?: string;
  assessments: CriterionAssessment[];
  indicators: Record<string, number>;
  contributions: LocalContribution[];
  submissions: { submittedOn: IsoDate; by: string; note?: string }[];
  supplementRequests: SupplementRequest[];
  reviewerId?: string;
  reviewNotes: ReviewNote[];
  review?: FollowUpReview;
  /** The region's open deadline: the self-assessment's, then each supplement's. */
  deadlines: { followUp?: DeadlineRecord };
  /** Deadlines that were replaced by a later one (the self-assessment's once a supplement is requested). */
  previousDeadlines: DeadlineRecord[];
  withdrawal?: { reason: string; withdrawnOn: IsoDate };
}

/** The criterion's assessment, or an empty one. */
export function assessmentOf(
  record: FollowUpRecord,
  criterionNumber: number,
): CriterionAssessment | undefined {
  return record.assessments.find((a) => a.criterionNumber === criterionNumber);
}

/** The supplement request the region must answer now (the last one, while the case waits for it). */
export function openSupplementRequest(record: FollowUpRecord, state: string): SupplementRequest | undefined {
  return state === "supplementRequested" ? record.supplementRequests.at(-1) : undefined;
}

/** Criteria whose latest status is at risk or not met. */
export function criteriaAtRisk(record: FollowUpRecord): number[] {
  return record.assessments
    .filter((a) => a.status === "atRisk" || a.status === "notMet")
    .map((a) => a.criterionNumber);
}
