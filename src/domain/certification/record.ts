/**
 * The accumulated data of a certification case (`CaseRecord`), built up action by action by the machine.
 * It is plain JSON: the caller stores it as it is (e.g. one JSON column) and passes it back in `CaseFacts`.
 */
import type { ActionPayloads, ApplicationAnswer, Finding, ResponseAnswer } from "./actions";
import type { IsoDate } from "./deadlines";
import type { DeadlineKind } from "./steps";

export type DeadlinePostponement = {
  previousDueDate: IsoDate;
  newDueDate: IsoDate;
  reason: string;
  grantedOn: IsoDate;
};

/** A deadline: open while `closedOn` is absent. Postponements replace `dueDate` and are kept in order. */
export type DeadlineRecord = {
  dueDate: IsoDate;
  setOn: IsoDate;
  closedOn?: IsoDate;
  postponements: DeadlinePostponement[];
};

export type ApplicationRecord = {
  answers: ApplicationAnswer[];
  attachmentIds: string[];
  sentToSteeringGroupOn?: IsoDate;
  submittedOn?: IsoDate;
};

export type ProtocolRecord = { findings: Finding[]; sentOn?: IsoDate };
export type ResponseRecord = { answers: ResponseAnswer[]; submittedOn: IsoDate };
export type PhoneMeetingRecord = ActionPayloads["recordPhoneMeeting"] & { recordedOn: IsoDate };
export type DecisionBasisRecord = ActionPayloads["recordDecisionBasis"] & { recordedOn: IsoDate };
export type AgendaRecord = { boardMeetingId: string; meetingDate: IsoDate; placedOn: IsoDate };
export type DecisionRecord = ActionPayloads["recordDecision"];
export type CeremonyRecord =
  | { held: true; heldOn: IsoDate; place: string }
  | { held: false; reason?: string; skippedOn: IsoDate };

/** An earlier decision round that ended in a postponement (uppskov); the case went back to `response`. */
export type DecisionRound = {
  response?: ResponseRecord;
  responseDeadline?: DeadlineRecord;
  decisionBasis?: DecisionBasisRecord;
  agenda?: AgendaRecord;
  decision: DecisionRecord;
  decisionSentOn: IsoDate;
};

export type CaseRecord = {
  anchoring?: ActionPayloads["recordAnchoring"];
  steeringGroups?: ActionPayloads["recordSteeringGroups"];
  interest?: ActionPayloads["submitInterest"];
  feedback?: ActionPayloads["giveFeedback"];
  application?: ApplicationRecord;
  steeringGroupApproval?: ActionPayloads["recordSteeringGroupApproval"];
  reviewerIds?: [string, string];
  visitPlan?: ActionPayloads["planVisit"];
  visit?: ActionPayloads["recordVisit"];
  protocol?: ProtocolRecord;
  phoneMeetings: PhoneMeetingRecord[];
  response?: ResponseRecord;
  decisionBasis?: DecisionBasisRecord;
  agenda?: AgendaRecord;
  decision?: DecisionRecord;
  decisionSentOn?: IsoDate;
  ceremony?: CeremonyRecord;
  withdrawal?: { reason: string; withdrawnOn: IsoDate };
  deadlines: Partial<Record<DeadlineKind, DeadlineRecord>>;
  /** Earlier decision rounds ended by a postponement, oldest first. */
  previousRounds: DecisionRound[];
};

export function emptyCaseRecord(): CaseRecord {
  return { phoneMeetings: [], deadlines: {}, previousRounds: [] };
}

/** Fills the always-present parts of a record read from storage (tolerates an empty object). */
export function normalizeCaseRecord(record: Partial<CaseRecord> | null | undefined): CaseRecord {
  return {
    ...record,
    phoneMeetings: record?.phoneMeetings ?? [],
    deadlines: record?.deadlines ?? {},
    previousRounds: record?.previousRounds ?? [],
  };
}

/** A copy of `value` without the given keys (so cleared fields disappear from the stored JSON). */
export function omitKeys<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const key of keys) delete copy[key];
  return copy;
}
