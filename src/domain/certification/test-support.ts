/**
 * Test support for process B: valid payloads, actors and world facts for any state of a case, so a test
 * can drive a case along a path (here through `applyAction`, elsewhere through the real use cases on a
 * database). Ids are defaults; pass your own (e.g. seeded user ids) in `PathOptions`.
 */
import { type ActionInputs, type ActionName, isMeetingAction } from "./actions";
import { addCalendarDays, addCalendarMonths, type IsoDate } from "./deadlines";
import {
  type ActorFacts,
  applyAction,
  type BoardMeetingFacts,
  type CaseFacts,
  CERTIFICATION_PROCESS_VERSION,
  type Effect,
  openDeadline,
  type WorldFacts,
} from "./machine";
import { ACTION_RESPONSIBLE, type Role } from "./permissions";
import type { CaseKind, CaseState, DecisionOutcome } from "./steps";

export const TEST_CRITERIA = [1, 2, 3, 4, 5, 6, 7, 8];
export const TEST_TODAY: IsoDate = "2027-03-15";

export const TEST_USER_IDS = {
  secretariat: "user-secretariat",
  reviewers: ["user-reviewer-1", "user-reviewer-2"] as [string, string],
  otherReviewer: "user-reviewer-3",
  board: "user-board",
  regionLead: "user-region-lead",
  localLead: "user-local-lead",
  admin: "user-admin",
};

export type PathOptions = {
  /** Today in Stockholm for every step (default TEST_TODAY). */
  today?: IsoDate;
  /** The two reviewers to assign (default TEST_USER_IDS.reviewers). */
  reviewerIds?: [string, string];
  /** Secretariat users taking part in the visit (default [TEST_USER_IDS.secretariat]). */
  secretariatIds?: string[];
  /** The board meeting to place the case on (default: ordinary, planned, 14 days after today). */
  boardMeeting?: BoardMeetingFacts;
  /** The outcome recordDecision records (default "approved"). */
  decisionOutcome?: DecisionOutcome;
};

/**
 * Today for a step of the case: the options' day (default TEST_TODAY), and once the case is or was on a board
 * meeting's agenda no earlier than that meeting's day: time passes to the meeting, where the board decides (D2).
 */
export function todayOf(options: PathOptions, facts?: CaseFacts): IsoDate {
  const base = options.today ?? TEST_TODAY;
  if (!facts) return base;
  const record = facts.record;
  const meetingDays = [record.agenda, ...(record.previousRounds ?? []).map((r) => r.agenda)]
    .map((a) => a?.meetingDate)
    .filter((d): d is IsoDate => d !== undefined);
  return [base, ...meetingDays].sort().at(-1) as IsoDate;
}

/** The meeting to place the case on (default: ordinary, planned, 14 days after the case's today; one per round). */
export function testBoardMeeting(options: PathOptions = {}, facts?: CaseFacts): BoardMeetingFacts {
  return (
    options.boardMeeting ?? {
      id: `board-meeting-${(facts?.record.previousRounds?.length ?? 0) + 1}`,
      date: addCalendarDays(todayOf(options, facts), 14),
      kind: "ordinary",
      status: "planned",
    }
  );
}

/** The meeting the case is on the agenda of, as its record says (the options' meeting when it is that one). */
function agendaMeetingOf(facts: CaseFacts, options: PathOptions): BoardMeetingFacts | undefined {
  const agenda = facts.record.agenda;
  if (!agenda) return undefined;
  if (options.boardMeeting?.id === agenda.boardMeetingId) {
    return { ...options.boardMeeting, date: agenda.meetingDate };
  }
  return { id: agenda.boardMeetingId, date: agenda.meetingDate, kind: "ordinary", status: "planned" };
}

function reviewerIdsOf(facts: CaseFacts | undefined, options: PathOptions): [string, string] {
  return facts?.record.reviewerIds ?? options.reviewerIds ?? TEST_USER_IDS.reviewers;
}

/** World facts under which a valid payload passes: the users it names and the board meeting. */
export function worldFor(facts: CaseFacts, options: PathOptions = {}): WorldFacts {
  const users: WorldFacts["users"] = {};
  for (const id of options.reviewerIds ?? TEST_USER_IDS.reviewers) users[id] = { role: "reviewer" };
  for (const id of facts.record.reviewerIds ?? []) users[id] = { role: "reviewer" };
  for (const id of options.secretariatIds ?? [TEST_USER_IDS.secretariat]) users[id] = { role: "secretariat" };
  const agendaMeeting = agendaMeetingOf(facts, options);
  return {
    today: todayOf(options, facts),
    users,
    boardMeeting: testBoardMeeting(options, facts),
    ...(agendaMeeting ? { agendaMeeting } : {}),
  };
}

/** An actor of the given role with every scope flag set (a reviewer is the case's first reviewer). */
export function actorWithRole(role: Role, facts?: CaseFacts, options: PathOptions = {}): ActorFacts {
  const userId =
    role === "reviewer"
      ? reviewerIdsOf(facts, options)[0]
      : role === "secretariat"
        ? (options.secretariatIds?.[0] ?? TEST_USER_IDS.secretariat)
        : TEST_USER_IDS[role];
  return {
    userId,
    role,
    inScope: true,
    isAssignedReviewer: role === "reviewer",
    isBoardForAgenda: role === "board",
  };
}

/** The actor the handbook expects to take the action (its first responsible role, else the secretariat). */
export function actorFor(action: ActionName, facts: CaseFacts, options: PathOptions = {}): ActorFacts {
  const actor = actorWithRole(ACTION_RESPONSIBLE[action][0] ?? "secretariat", facts, options);
  return isMeetingAction(action) ? { ...actor, throughMeeting: true } : actor;
}

/** A payload for `action` that passes validation and preconditions in the case's current state. */
export function validPayloadFor<A extends ActionName>(
  action: A,
  facts: CaseFacts,
  options: PathOptions = {},
): ActionInputs[A] {
  return buildPayload(action, facts, options) as ActionInputs[A];
}

function buildPayload(action: ActionName, facts: CaseFacts, options: PathOptions): ActionInputs[ActionName] {
  const today = todayOf(options, facts);
  const criteria = facts.criteriaNumbers;
  switch (action) {
    case "recordAnchoring":
      return {
        regionalAnchoring: "Idén är förankrad hos kommunerna i regionen.",
        localAnchoring: "Idén är förankrad hos skolorna och företagen.",
        completedOn: today,
      };
    case "recordSteeringGroups":
      return { steeringGroupIds: ["steering-group-1"], note: "Regional styrgrupp bildad." };
    case "submitInterest":
      return {
        providerIds: ["provider-1"],
        programmeIds: ["programme-1"],
        specialisationIds: [],
        plannedApplicationDate: addCalendarMonths(today, 3),
        contactPerson: { name: "Anna Andersson", email: "anna.andersson@example.se", phone: "021-123 45" },
        steeringGroupApprovedOn: today,
      };
    case "giveFeedback":
      return { receivedOn: today, feedback: "Tack för intresseanmälan, välkommen att söka." };
    case "saveApplicationDraft":
      return {
        answers: criteria.map((n) => ({ criterionNumber: n, text: `Så uppfyller vi kriterium ${n}.` })),
        attachmentIds: ["attachment-1"],
      };
    case "sendToSteeringGroup":
    case "submitApplication":
      return {};
    case "recordSteeringGroupApproval":
      return { approvedOn: today, minutesReference: "Protokoll RS 2027-03" };
    case "assignReviewers":
      return { reviewerIds: options.reviewerIds ?? TEST_USER_IDS.reviewers };
    case "planVisit":
      return { plannedDate: today, place: "Västerås" };
    case "recordVisit":
      return {
        heldOn: today,
        place: "Västerås",
        participantIds: [
          ...reviewerIdsOf(facts, options),
          ...(options.secretariatIds ?? [TEST_USER_IDS.secretariat]),
        ],
      };
    case "saveProtocol":
      return {
        findings: criteria.map((n, i) =>
          i === 0
            ? {
                criterionNumber: n,
                assessment: "partly" as const,
                remarks: "Kvalitetsarbetet behöver beskrivas.",
                requiredSupplements: [
                  { id: `supplement-${n}`, text: "Beskriv det systematiska kvalitetsarbetet." },
                ],
              }
            : { criterionNumber: n, assessment: "fulfilled" as const, remarks: "", requiredSupplements: [] },
        ),
      };
    case "sendProtocol":
      return { sentOn: today };
    case "submitResponse":
      return {
        answers: (facts.record.protocol?.findings ?? []).flatMap((f) =>
          f.requiredSupplements.map((s) => ({ supplementId: s.id, text: `Komplettering: ${s.text}` })),
        ),
      };
    case "recordPhoneMeeting":
      return {
        heldOn: today,
        participants: "Kansliet och processledaren",
        notes: "Genomgång av protokollet.",
      };
    case "recordDecisionBasis":
      return { recommendation: "approved", summary: "Granskningskommittén rekommenderar certifiering." };
    case "placeOnAgenda":
      return { boardMeetingId: testBoardMeeting(options, facts).id };
    case "recordDecision": {
      const outcome = options.decisionOutcome ?? "approved";
      return {
        outcome,
        decidedOn: today,
        motivation: "Styrelsens motivering.",
        ...(outcome === "postponed" ? { newResponseDueDate: addCalendarMonths(today, 2) } : {}),
      };
    }
    case "sendDecision":
      return { sentOn: today };
    case "recordCeremony":
      return { heldOn: today, place: "Stadshuset" };
    case "skipCeremony":
      return { reason: "Ingen ceremoni önskas." };
    case "grantPostponement": {
      const open = openDeadline(facts);
      if (!open) throw new Error(`validPayloadFor(grantPostponement): no open deadline in ${facts.state}`);
      return { deadline: open.deadline, newDueDate: addCalendarMonths(open.dueDate, 1), reason: "Sjukdom." };
    }
    case "withdrawCase":
      return { reason: "Regionen drar tillbaka ansökan." };
    case "meetingMoved": {
      const agenda = facts.record.agenda;
      if (!agenda)
        throw new Error(`validPayloadFor(meetingMoved): the case is on no agenda (${facts.state})`);
      return {
        boardMeetingId: agenda.boardMeetingId,
        fromDate: agenda.meetingDate,
        toDate: addCalendarDays(agenda.meetingDate, 7),
      };
    }
    case "meetingCancelled": {
      const agenda = facts.record.agenda;
      if (!agenda)
        throw new Error(`validPayloadFor(meetingCancelled): the case is on no agenda (${facts.state})`);
      return { boardMeetingId: agenda.boardMeetingId };
    }
  }
}

export type DriveStep = ActionName | { action: ActionName; payload?: unknown; options?: PathOptions };

export type DriveResult = { facts: CaseFacts; effects: Effect[][] };

/**
 * Applies the steps one after another with `actorFor` and valid payloads (or the given payload), throwing
 * with the error details if one fails.
 */
export function drive(start: CaseFacts, steps: readonly DriveStep[], options: PathOptions = {}): DriveResult {
  let facts = start;
  const effects: Effect[][] = [];
  for (const step of steps) {
    const { action, payload, options: stepOptions } = typeof step === "string" ? { action: step } : step;
    const opts = { ...options, ...stepOptions };
    const result = applyAction({
      processVersion: CERTIFICATION_PROCESS_VERSION,
      facts,
      actor: actorFor(action, facts, opts),
      world: worldFor(facts, opts),
      action,
      payload: payload ?? validPayloadFor(action, facts, opts),
    });
    if (!result.ok) {
      throw new Error(`${action} in ${facts.state} failed: ${result.code} ${JSON.stringify(result.details)}`);
    }
    facts = { ...facts, state: result.state, record: result.record };
    effects.push(result.effects);
  }
  return { facts, effects };
}

/** The main line of the handbook for a new case, each action with the state it leads to. */
const MAIN_LINE: readonly (readonly [ActionName, CaseState])[] = [
  ["recordAnchoring", "steeringGroup"],
  ["recordSteeringGroups", "interest"],
  ["submitInterest", "feedback"],
  ["giveFeedback", "drafting"],
  ["saveApplicationDraft", "drafting"],
  ["sendToSteeringGroup", "submitted"],
  ["recordSteeringGroupApproval", "submitted"],
  ["submitApplication", "preparation"],
  ["assignReviewers", "preparation"],
  ["planVisit", "visit"],
  ["recordVisit", "protocol"],
  ["saveProtocol", "protocol"],
  ["sendProtocol", "response"],
  ["submitResponse", "decisionPrep"],
  ["recordDecisionBasis", "decisionPrep"],
  ["placeOnAgenda", "decision"],
  ["recordDecision", "decision"],
  ["sendDecision", "ceremony"],
  ["recordCeremony", "closed"],
];

/** The main line of a decertification case, which starts at decisionPrep. */
const DECERTIFICATION_LINE: readonly (readonly [ActionName, CaseState])[] = [
  ["recordDecisionBasis", "decisionPrep"],
  ["placeOnAgenda", "decision"],
  ["recordDecision", "decision"],
  ["sendDecision", "closed"],
];

/** The actions from a new case of the kind to `closed` along the main line (decision approved). */
export function mainLine(kind: CaseKind = "newRegion"): ActionName[] {
  return (kind === "decertification" ? DECERTIFICATION_LINE : MAIN_LINE).map(([action]) => action);
}

/** Steps from a new (non-decertification) case to `closed`. */
export const HAPPY_PATH: readonly ActionName[] = mainLine("newRegion");

/**
 * The actions along the main line that bring a new case of the kind into `state` (the shortest prefix),
 * e.g. stepsUntil("protocol") ends with recordVisit. Empty for the kind's first state.
 */
export function stepsUntil(state: CaseState, kind: CaseKind = "newRegion"): ActionName[] {
  const line = kind === "decertification" ? DECERTIFICATION_LINE : MAIN_LINE;
  if (state === (kind === "decertification" ? "decisionPrep" : "anchoring")) return [];
  const index = line.findIndex(([, reached]) => reached === state);
  if (index < 0) throw new Error(`stepsUntil: ${state} is not on the main line of a ${kind} case`);
  return line.slice(0, index + 1).map(([action]) => action);
}
