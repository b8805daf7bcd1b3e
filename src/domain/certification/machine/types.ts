/** The facts the process definition is given, the effects and results it answers with, its context and event. */
import type { ActionErrorCode, ActionErrorStatus } from "../../action-errors";
import type { ActionName, ActionPayloads, PayloadIssue } from "../actions";
import type { IsoDate } from "../deadlines";
import type { PreconditionFailure } from "../failures";
import type { ActorFacts, Role } from "../permissions";
import type { CaseRecord } from "../record";
import type {
  BoardMeetingKind,
  BoardMeetingStatus,
  CaseKind,
  CaseState,
  DeadlineKind,
  Label,
} from "../steps";

// ---- facts passed in by the caller ---------------------------------------------------------------------

/** The case as stored: its kind, state, the criteria set it is judged by, and the accumulated record. */
export type CaseFacts = {
  kind: CaseKind;
  state: CaseState;
  /** Criterion numbers of the case's criteria set, e.g. [1, …, 8]. */
  criteriaNumbers: number[];
  record: CaseRecord;
};

export type BoardMeetingFacts = {
  id: string;
  date: IsoDate;
  kind: BoardMeetingKind;
  status: BoardMeetingStatus;
  /** For messages ("Styrelsemöte mars"); may be empty. */
  title?: string;
};

/** What the guards need to know about the world outside the case. */
export type WorldFacts = {
  /** Today's date in Stockholm (`stockholmDate(now)`). */
  today: IsoDate;
  /** Roles of the users whose ids appear in the payload (reviewers, visit participants). */
  users: Record<string, { role: Role }>;
  /** The board meeting named by `placeOnAgenda`. */
  boardMeeting?: BoardMeetingFacts;
  /** The board meeting whose agenda the case is on, as it stands now (recordDecision, the meeting actions). */
  agendaMeeting?: BoardMeetingFacts;
};

// ---- effects ---------------------------------------------------------------------------------------

export const NOTIFY_AUDIENCES = ["secretariat", "region", "reviewers", "board"] as const;
export type NotifyAudience = (typeof NOTIFY_AUDIENCES)[number];

export const NOTIFY_TEMPLATES = [
  "interestSubmitted",
  "feedbackGiven",
  "applicationSubmitted",
  "reviewersAssigned",
  "protocolSent",
  "responseSubmitted",
  "caseOnAgenda",
  "decisionSent",
  "deadlinePostponed",
  "caseWithdrawn",
  "agendaCancelled",
] as const;
export type NotifyTemplate = (typeof NOTIFY_TEMPLATES)[number];

/** Plain data the caller executes in the same transaction as the state change (outbox, registry …). */
export type Effect =
  | { type: "certificationGranted"; years: 3 | 5 }
  | { type: "certificationWithdrawn" }
  | { type: "deadlineSet"; deadline: DeadlineKind; dueDate: IsoDate }
  | { type: "deadlineClosed"; deadline: DeadlineKind }
  | { type: "notify"; audience: NotifyAudience; template: NotifyTemplate };

// ---- results ---------------------------------------------------------------------------------------

export type { ActionErrorCode };

export type ActionError = {
  ok: false;
  code: ActionErrorCode;
  status: ActionErrorStatus;
  message: Label;
  details?: {
    action?: string;
    state?: CaseState;
    issues?: PayloadIssue[];
    failures?: PreconditionFailure[];
  };
};

export type ActionSuccess = { ok: true; state: CaseState; record: CaseRecord; effects: Effect[] };
export type ApplyActionResult = ActionSuccess | ActionError;

// ---- machine types ---------------------------------------------------------------------------------

export type MachineContext = { kind: CaseKind; criteriaNumbers: number[]; record: CaseRecord };
export type MachineInput = { kind: CaseKind; criteriaNumbers: number[] };

export type EventOf<A extends ActionName> = {
  type: A;
  payload: ActionPayloads[A];
  actor: ActorFacts;
  world: WorldFacts;
  /** Asked by availableActions/nextActors: no payload, so only rules about the case itself are checked. */
  probe?: boolean;
};
export type CertificationEvent = { [A in ActionName]: EventOf<A> }[ActionName];
