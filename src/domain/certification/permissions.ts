/**
 * Who may take which action of process B, and who is expected to act (task lists). Scope (own region,
 * own local college) is resolved by the caller and passed in as `ActorFacts.inScope`.
 */
import { type ActionName, isMeetingAction } from "./action-labels";

export const ROLES = ["secretariat", "reviewer", "board", "regionLead", "localLead", "admin"] as const;
export type Role = (typeof ROLES)[number];

export type ActorFacts = {
  userId: string;
  role: Role;
  /** The case is within the user's region / local college (or on their agenda, or assigned to them). */
  inScope: boolean;
  /** The user is one of the case's two assigned reviewers. */
  isAssignedReviewer: boolean;
  /** The case is on the agenda of a board meeting this board member takes part in. */
  isBoardForAgenda?: boolean;
  /** The action comes from the secretariat's change of the board meeting the case is on (MEETING_ACTIONS). */
  throughMeeting?: boolean;
};

/** Roles besides the secretariat (which may take every action) that may take each action. */
export const ACTION_ROLES: Record<ActionName, readonly Role[]> = {
  recordAnchoring: ["regionLead"],
  recordSteeringGroups: ["regionLead"],
  submitInterest: ["regionLead"],
  giveFeedback: [],
  saveApplicationDraft: ["regionLead", "localLead"],
  sendToSteeringGroup: ["regionLead"],
  recordSteeringGroupApproval: ["regionLead"],
  submitApplication: ["regionLead"],
  assignReviewers: [],
  planVisit: ["reviewer"],
  recordVisit: ["reviewer"],
  saveProtocol: ["reviewer"],
  sendProtocol: [],
  submitResponse: ["regionLead", "localLead"],
  recordPhoneMeeting: ["regionLead", "localLead", "reviewer"],
  recordDecisionBasis: ["reviewer"],
  placeOnAgenda: [],
  recordDecision: ["board"],
  sendDecision: [],
  recordCeremony: ["regionLead"],
  skipCeremony: ["regionLead"],
  grantPostponement: [],
  withdrawCase: [],
  meetingMoved: [],
  meetingCancelled: [],
};

/**
 * Roles expected to take each action (the "who acts" column of the handbook), used for task lists and
 * reminders. Optional actions (phone meetings, postponements, withdrawal) have nobody.
 */
export const ACTION_RESPONSIBLE: Record<ActionName, readonly Role[]> = {
  recordAnchoring: ["regionLead"],
  recordSteeringGroups: ["regionLead"],
  submitInterest: ["regionLead"],
  giveFeedback: ["secretariat"],
  saveApplicationDraft: ["regionLead", "localLead"],
  sendToSteeringGroup: ["regionLead"],
  recordSteeringGroupApproval: ["regionLead"],
  submitApplication: ["regionLead"],
  assignReviewers: ["secretariat"],
  planVisit: ["secretariat", "reviewer"],
  recordVisit: ["secretariat", "reviewer"],
  saveProtocol: ["reviewer", "secretariat"],
  sendProtocol: ["secretariat"],
  submitResponse: ["regionLead", "localLead"],
  recordPhoneMeeting: [],
  recordDecisionBasis: ["reviewer", "secretariat"],
  placeOnAgenda: ["secretariat"],
  recordDecision: ["board"],
  sendDecision: ["secretariat"],
  recordCeremony: ["regionLead"],
  skipCeremony: ["regionLead"],
  grantPostponement: [],
  withdrawCase: [],
  meetingMoved: [],
  meetingCancelled: [],
};

/** The case is visible to the actor at all; otherwise the answer is 404, not 403. */
export function actorSeesCase(actor: ActorFacts): boolean {
  return actor.role === "secretariat" || actor.inScope;
}

/** The actor's role allows the action (state and preconditions aside); scope is checked separately. */
export function roleMayTakeAction(actor: ActorFacts, action: ActionName): boolean {
  // A meeting's change reaches its cases only through the meeting; no one takes these on a case directly.
  if (isMeetingAction(action)) return actor.role === "secretariat" && actor.throughMeeting === true;
  switch (actor.role) {
    case "secretariat":
      return true;
    case "admin":
      return false;
    case "reviewer":
      return actor.isAssignedReviewer && ACTION_ROLES[action].includes("reviewer");
    case "board":
      return actor.isBoardForAgenda === true && ACTION_ROLES[action].includes("board");
    default:
      return ACTION_ROLES[action].includes(actor.role);
  }
}
