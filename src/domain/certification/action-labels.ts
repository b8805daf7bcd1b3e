/**
 * The names and button texts of process B's actions, without their payload schemas (actions.ts), so the web app
 * can show buttons without loading zod.
 */
import type { Label } from "./steps";

export const ACTION_NAMES = [
  "recordAnchoring",
  "recordSteeringGroups",
  "submitInterest",
  "giveFeedback",
  "saveApplicationDraft",
  "sendToSteeringGroup",
  "recordSteeringGroupApproval",
  "submitApplication",
  "assignReviewers",
  "planVisit",
  "recordVisit",
  "saveProtocol",
  "sendProtocol",
  "submitResponse",
  "recordPhoneMeeting",
  "recordDecisionBasis",
  "placeOnAgenda",
  "recordDecision",
  "sendDecision",
  "recordCeremony",
  "skipCeremony",
  "grantPostponement",
  "withdrawCase",
  "meetingMoved",
  "meetingCancelled",
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

/**
 * Actions no one takes on the case itself: the secretariat's change of a board meeting (moved to another date,
 * cancelled) takes them on every case on its agenda, in the same transaction (`throughMeeting` in ActorFacts).
 * They are never offered as buttons and the case's action route refuses them.
 */
export const MEETING_ACTIONS = ["meetingMoved", "meetingCancelled"] as const satisfies readonly ActionName[];

export function isMeetingAction(action: string): boolean {
  return (MEETING_ACTIONS as readonly string[]).includes(action);
}

export function isActionName(value: unknown): value is ActionName {
  return typeof value === "string" && (ACTION_NAMES as readonly string[]).includes(value);
}

/** Button texts. */
export const ACTION_LABELS: Record<ActionName, Label> = {
  recordAnchoring: { sv: "Registrera förankring", en: "Record anchoring" },
  recordSteeringGroups: { sv: "Registrera styrgrupper", en: "Record steering groups" },
  submitInterest: { sv: "Skicka intresseanmälan", en: "Submit notification of interest" },
  giveFeedback: { sv: "Ge återkoppling", en: "Give feedback" },
  saveApplicationDraft: { sv: "Spara utkast till ansökan", en: "Save application draft" },
  sendToSteeringGroup: { sv: "Skicka till regional styrgrupp", en: "Send to the regional steering group" },
  recordSteeringGroupApproval: {
    sv: "Registrera styrgruppens godkännande",
    en: "Record steering group approval",
  },
  submitApplication: { sv: "Skicka in ansökan", en: "Submit application" },
  assignReviewers: { sv: "Utse granskare", en: "Assign reviewers" },
  planVisit: { sv: "Planera granskningsbesök", en: "Plan review visit" },
  recordVisit: { sv: "Registrera granskningsbesök", en: "Record review visit" },
  saveProtocol: { sv: "Spara protokoll", en: "Save protocol" },
  sendProtocol: { sv: "Skicka protokoll", en: "Send protocol" },
  submitResponse: { sv: "Skicka svar på protokoll", en: "Submit response to the protocol" },
  recordPhoneMeeting: { sv: "Registrera telefonmöte", en: "Record phone meeting" },
  recordDecisionBasis: { sv: "Registrera beslutsunderlag", en: "Record decision basis" },
  placeOnAgenda: { sv: "Lägg på styrelsens dagordning", en: "Place on the board's agenda" },
  recordDecision: { sv: "Registrera beslut", en: "Record decision" },
  meetingMoved: { sv: "Styrelsemötet flyttat", en: "Board meeting moved" },
  meetingCancelled: { sv: "Styrelsemötet inställt", en: "Board meeting cancelled" },
  sendDecision: { sv: "Skicka beslut", en: "Send decision" },
  recordCeremony: { sv: "Registrera ceremoni", en: "Record ceremony" },
  skipCeremony: { sv: "Avstå ceremoni", en: "Skip ceremony" },
  grantPostponement: { sv: "Bevilja uppskov", en: "Grant postponement" },
  withdrawCase: { sv: "Avsluta ärendet (återtaget)", en: "Withdraw case" },
};
