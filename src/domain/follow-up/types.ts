/**
 * The types of process C (the yearly follow-up) that its rules (rules.ts) and its definition (machine.ts) share:
 * the facts of a case, the world an action is taken in, its effects, and who may take each action.
 */
import type { IsoDate } from "../certification/deadlines";
import type { ActorFacts, Role } from "../certification/permissions";
import type { Label } from "../certification/steps";
import type { FollowUpActionName, FollowUpNotifyTemplate, FollowUpPayloads, FollowUpState } from "./actions";
import type { FollowUpRecord } from "./record";

export interface FollowUpFacts {
  state: FollowUpState;
  record: FollowUpRecord;
  /** The criteria numbers of the case's criteria set. */
  criteriaNumbers: readonly number[];
}

export interface FollowUpWorld {
  today: IsoDate;
  /** Roles of the users the payload names (active users only). */
  users: Record<string, { role: Role }>;
  /** The acting local lead's local college. */
  actorLocalCollege?: { id: string; name: string };
  /** The documents of this case (the attachments a criterion may name); absent: the payload names none. */
  caseDocumentIds?: readonly string[];
}

export type FollowUpEffect =
  | { type: "setFollowUpReviewer"; userId: string }
  | { type: "certificationAttention"; certificationId: string; reason: string | null }
  | { type: "notify"; audience: "region" | "reviewers"; template: FollowUpNotifyTemplate };

/** Roles besides the secretariat (which may take every action) that may take each action. */
export const FOLLOW_UP_ACTION_ROLES: Record<FollowUpActionName, readonly Role[]> = {
  saveSelfAssessment: ["regionLead"],
  addLocalContribution: ["localLead"],
  submitSelfAssessment: ["regionLead"],
  assignFollowUpReviewer: [],
  recordReviewNote: ["reviewer"],
  requestFollowUpSupplement: [],
  acceptFollowUp: [],
  flagCertification: [],
  postponeFollowUp: [],
  withdrawFollowUp: [],
};

export type Failure = { reason: string; message: Label; [k: string]: unknown };

export type FollowUpEvent = {
  [A in FollowUpActionName]: {
    type: A;
    payload: Partial<FollowUpPayloads[A]>;
    actor: ActorFacts;
    world: FollowUpWorld;
  };
}[FollowUpActionName];

export type Context = { record: FollowUpRecord; criteriaNumbers: readonly number[]; state: FollowUpState };
