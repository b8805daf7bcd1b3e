/**
 * Case templates for the data generator: the pure process definition (`applyAction`) is replayed once per
 * distinct (path prefix, ending, start date) and the result — every event's payload, the record, the state,
 * the derived columns (awaiting_roles, next_due_date, next_deadline, board_meeting_id) — is reused for every
 * generated case that shares it. Per-case values (user ids, the steering group, the subject) are placeholders
 * in the JSON text, replaced when a case is written.
 */
import type { ActionName } from "../src/domain/certification/actions";
import { addCalendarDays, addCalendarMonths, type IsoDate } from "../src/domain/certification/deadlines";
import {
  type ActorFacts,
  applyAction,
  type BoardMeetingFacts,
  type CaseFacts,
  CERTIFICATION_PROCESS_VERSION,
  type Effect,
  enabledActions,
  nextActors,
  openDeadline,
  plannedVisitDate,
  startCase,
  type WorldFacts,
} from "../src/domain/certification/machine";
import { ACTION_RESPONSIBLE, type Role } from "../src/domain/certification/permissions";
import { type CaseState, isFinalState } from "../src/domain/certification/steps";
import { actorWithRole, validPayloadFor } from "../src/domain/certification/test-support";
import { listOf } from "../src/server/modules/cases/lists";

/** Placeholders replaced per case (never part of real data). */
export const PH = {
  reviewer1: "__R1__",
  reviewer2: "__R2__",
  secretariat: "__SEC__",
  steeringGroup: "__SG__",
  providerList: '["__PROV__"]',
  programmeList: '["__PROG__"]',
} as const;

export type DocSlot = "application" | "protocol" | "supplement" | "decision";

export interface DocSpec {
  slot: DocSlot;
  title: string;
  direction: "incoming" | "outgoing";
  /** Who the document came from or went to: the region or the secretariat. */
  counterpart: "region" | "kansli";
  generated: boolean;
  mime: string;
  size: number;
}

const PDF = "application/pdf";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/**
 * The path a generated case follows from `anchoring` to `closed`: the handbook's main line with the repeated
 * saves a real case has (drafts, protocol drafts, a rescheduled visit, phone meetings), each with the days
 * since the previous action. `meeting` waits for the board meeting the case was placed on.
 */
export const BENCH_PATH: readonly {
  action: ActionName;
  gap: number | "meeting";
  answers?: number;
  doc?: DocSpec;
}[] = [
  { action: "recordAnchoring", gap: 20 },
  { action: "recordSteeringGroups", gap: 30 },
  { action: "submitInterest", gap: 20 },
  { action: "giveFeedback", gap: 14 },
  { action: "saveApplicationDraft", gap: 10, answers: 2 },
  { action: "saveApplicationDraft", gap: 10, answers: 4 },
  { action: "saveApplicationDraft", gap: 10, answers: 6 },
  { action: "saveApplicationDraft", gap: 10, answers: 8 },
  { action: "saveApplicationDraft", gap: 7, answers: 8 },
  { action: "sendToSteeringGroup", gap: 5 },
  { action: "recordSteeringGroupApproval", gap: 21 },
  {
    action: "submitApplication",
    gap: 3,
    doc: {
      slot: "application",
      title: "Ansökan",
      direction: "incoming",
      counterpart: "region",
      generated: false,
      mime: DOCX,
      size: 184_320,
    },
  },
  { action: "assignReviewers", gap: 10 },
  { action: "planVisit", gap: 7 },
  { action: "planVisit", gap: 14 },
  { action: "recordVisit", gap: 21 },
  { action: "saveProtocol", gap: 5 },
  { action: "saveProtocol", gap: 7 },
  { action: "saveProtocol", gap: 5 },
  {
    action: "sendProtocol",
    gap: 4,
    doc: {
      slot: "protocol",
      title: "Granskningsprotokoll",
      direction: "outgoing",
      counterpart: "region",
      generated: true,
      mime: PDF,
      size: 96_512,
    },
  },
  { action: "recordPhoneMeeting", gap: 20 },
  {
    action: "submitResponse",
    gap: 40,
    doc: {
      slot: "supplement",
      title: "Komplettering",
      direction: "incoming",
      counterpart: "region",
      generated: false,
      mime: PDF,
      size: 241_664,
    },
  },
  { action: "recordPhoneMeeting", gap: 7 },
  { action: "recordDecisionBasis", gap: 10 },
  { action: "placeOnAgenda", gap: 3 },
  { action: "recordDecision", gap: "meeting" },
  {
    action: "sendDecision",
    gap: 3,
    doc: {
      slot: "decision",
      title: "Styrelsens beslut",
      direction: "outgoing",
      counterpart: "region",
      generated: true,
      mime: PDF,
      size: 65_536,
    },
  },
  { action: "recordCeremony", gap: 30 },
];

export const FULL_LENGTH = BENCH_PATH.length;

export type Ending = "open" | "closed" | "withdrawn";

export interface TemplateEvent {
  /** "case.opened" is built per case; these are the action events and their document events. */
  kind: "action" | "document";
  type: string;
  role: Role;
  day: IsoDate;
  /** JSON text, possibly with placeholders (action events). */
  payload: string;
  hasPlaceholders: boolean;
  doc?: DocSpec;
  /** True when this action moved the case to another state. */
  movedState: boolean;
}

export interface CaseTemplate {
  key: string;
  startDay: IsoDate;
  endDay: IsoDate;
  events: TemplateEvent[];
  state: CaseState;
  /** The case's record as stored (JSON text with placeholders). */
  record: string;
  awaitingRoles: string;
  /** `cases.enabled_actions`, as performCaseAction stores it. */
  enabledActions: string;
  nextDueDate: string | null;
  nextDeadline: string | null;
  /** `cases.visit_date` (plannedVisitDate). */
  visitDate: string | null;
  boardMeetingId: string | null;
  final: boolean;
  /** Index into `events` of the last state change (-1: the opening). */
  stateSinceIndex: number;
  /** Number of actions (the case's version is 1 + actions). */
  actions: number;
  reviewersAssigned: boolean;
  /** Set when the case was granted a certification (sendDecision with an approved decision). */
  certification: { decidedOn: IsoDate; validTo: IsoDate; years: 3 | 5; eventIndex: number } | null;
}

export interface Meeting {
  id: string;
  date: IsoDate;
}

const REVIEWERS: [string, string] = [PH.reviewer1, PH.reviewer2];

function placeholderWorld(today: IsoDate, meeting: BoardMeetingFacts | undefined): WorldFacts {
  return {
    today,
    users: {
      [PH.reviewer1]: { role: "reviewer" },
      [PH.reviewer2]: { role: "reviewer" },
      [PH.secretariat]: { role: "secretariat" },
    },
    boardMeeting: meeting,
    // Once placed, the case is on that meeting's agenda (recordDecision waits for its day).
    agendaMeeting: meeting,
  };
}

function actorFor(role: Role): ActorFacts {
  const userId = role === "reviewer" ? PH.reviewer1 : role === "secretariat" ? PH.secretariat : `__${role}__`;
  return { ...actorWithRole(role), userId };
}

/**
 * Days from step `i` of BENCH_PATH to the recordVisit that follows it: a planned visit is planned for the day it is
 * held, so the cases waiting at the visit step have visits coming up, as on the dashboard of a real country.
 */
function daysUntilVisitHeld(i: number): number {
  const held = BENCH_PATH.findIndex((s, j) => j > i && s.action === "recordVisit");
  let days = 0;
  for (let j = i + 1; j <= held; j++)
    days += BENCH_PATH[j].gap === "meeting" ? 0 : (BENCH_PATH[j].gap as number);
  return days;
}

function payloadFor(
  step: (typeof BENCH_PATH)[number] & { visitHeldIn?: number },
  facts: CaseFacts,
  today: IsoDate,
  meeting: BoardMeetingFacts | undefined,
): unknown {
  const options = {
    today,
    reviewerIds: REVIEWERS,
    secretariatIds: [PH.secretariat],
    boardMeeting: meeting,
  };
  switch (step.action) {
    case "recordSteeringGroups":
      return {
        steeringGroupIds: [PH.steeringGroup],
        note: "Regional styrgrupp bildad med industrin i majoritet.",
      };
    case "submitInterest": {
      const p = validPayloadFor("submitInterest", facts, options);
      return { ...p, providerIds: ["__PROV__"], programmeIds: ["__PROG__"] };
    }
    case "saveApplicationDraft": {
      const p = validPayloadFor("saveApplicationDraft", facts, options);
      return { ...p, answers: p.answers.slice(0, step.answers ?? p.answers.length) };
    }
    case "planVisit":
      return {
        ...validPayloadFor("planVisit", facts, options),
        plannedDate: addCalendarDays(today, step.visitHeldIn ?? 0),
      };
    default:
      return validPayloadFor(step.action, facts, options);
  }
}

/**
 * Replays the path: the first `prefix` actions of BENCH_PATH from `startDay`, then withdrawCase when the
 * ending is "withdrawn". Throws when the definition refuses a step (the path and the process disagree).
 */
export function buildTemplate(opts: {
  prefix: number;
  ending: Ending;
  startDay: IsoDate;
  criteriaNumbers: number[];
  meetings: readonly Meeting[];
}): CaseTemplate {
  const { prefix, ending, startDay, criteriaNumbers, meetings } = opts;
  let facts = startCase({
    kind: "newProvider",
    criteriaNumbers,
    processVersion: CERTIFICATION_PROCESS_VERSION,
  });
  let day = startDay;
  let meeting: BoardMeetingFacts | undefined;
  const events: TemplateEvent[] = [];
  let stateSinceIndex = -1;
  let actions = 0;
  let certification: CaseTemplate["certification"] = null;
  const steps: ((typeof BENCH_PATH)[number] & { visitHeldIn?: number })[] = BENCH_PATH.slice(0, prefix).map(
    (s, i) => ({ ...s, visitHeldIn: daysUntilVisitHeld(i) }),
  );
  if (ending === "withdrawn") steps.push({ action: "withdrawCase", gap: 10 });
  for (const step of steps) {
    if (step.gap === "meeting") {
      if (!meeting) throw new Error("recordDecision before placeOnAgenda");
      day = meeting.date;
    } else {
      day = addCalendarDays(day, step.gap);
    }
    if (step.action === "placeOnAgenda") {
      const next = meetings.find((m) => m.date > day);
      if (!next) throw new Error(`no board meeting after ${day}`);
      meeting = { id: next.id, date: next.date, kind: "ordinary", status: "planned" };
    }
    const role: Role = ACTION_RESPONSIBLE[step.action][0] ?? "secretariat";
    const payload = payloadFor(step, facts, day, meeting);
    const result = applyAction({
      processVersion: CERTIFICATION_PROCESS_VERSION,
      facts,
      actor: actorFor(role),
      world: placeholderWorld(day, meeting),
      action: step.action,
      payload,
    });
    if (!result.ok) {
      throw new Error(
        `${step.action} in ${facts.state} on ${day}: ${result.code} ${JSON.stringify(result.details)}`,
      );
    }
    const moved = result.state !== facts.state;
    const eventPayload = JSON.stringify({
      action: step.action,
      payload: payload ?? {},
      from: facts.state,
      to: result.state,
      effects: result.effects,
    });
    events.push({
      kind: "action",
      type: `case.${step.action}`,
      role,
      day,
      payload: eventPayload,
      hasPlaceholders: eventPayload.includes("__"),
      movedState: moved,
    });
    actions += 1;
    if (moved) stateSinceIndex = events.length - 1;
    const granted = result.effects.find(
      (e): e is Extract<Effect, { type: "certificationGranted" }> => e.type === "certificationGranted",
    );
    if (granted) {
      const decidedOn = result.record.decision?.decidedOn ?? day;
      certification = {
        decidedOn,
        validTo: addCalendarMonths(decidedOn, granted.years * 12),
        years: granted.years,
        eventIndex: events.length - 1,
      };
    }
    if (step.doc) {
      events.push({
        kind: "document",
        type: "case.documentAdded",
        role,
        day,
        payload: "",
        hasPlaceholders: false,
        doc: step.doc,
        movedState: false,
      });
    }
    facts = { ...facts, state: result.state, record: result.record };
  }
  const record = JSON.stringify(facts.record);
  const deadline = openDeadline(facts);
  return {
    key: templateKey(prefix, ending, startDay),
    startDay,
    endDay: day,
    events,
    state: facts.state,
    record,
    awaitingRoles: listOf(nextActors(facts, CERTIFICATION_PROCESS_VERSION)),
    enabledActions: listOf(enabledActions(facts, CERTIFICATION_PROCESS_VERSION)),
    nextDueDate: deadline?.dueDate ?? null,
    nextDeadline: deadline?.deadline ?? null,
    visitDate: plannedVisitDate(facts),
    boardMeetingId: facts.record.agenda?.boardMeetingId ?? null,
    final: isFinalState(facts.state),
    stateSinceIndex,
    actions,
    reviewersAssigned: Boolean(facts.record.reviewerIds),
    certification,
  };
}

export function templateKey(prefix: number, ending: Ending, startDay: IsoDate): string {
  return `${prefix}|${ending}|${startDay}`;
}

/** Days from the opening to the last action of a prefix, before any wait for a board meeting. */
export function nominalDays(prefix: number): number {
  let days = 0;
  for (const s of BENCH_PATH.slice(0, prefix)) days += s.gap === "meeting" ? 30 : s.gap;
  return days;
}

/** The state a case is in after `prefix` actions of BENCH_PATH (no dates involved). */
export function statesAfterPrefixes(criteriaNumbers: number[]): CaseState[] {
  const meetings = [{ id: "m", date: "2100-01-01" }];
  const states: CaseState[] = [];
  const t = buildTemplate({
    prefix: FULL_LENGTH,
    ending: "closed",
    startDay: "2099-01-01",
    criteriaNumbers,
    meetings,
  });
  states.push("anchoring");
  let state: CaseState = "anchoring";
  for (const e of t.events) {
    if (e.kind !== "action") continue;
    state = (JSON.parse(e.payload) as { to: CaseState }).to;
    states.push(state);
  }
  return states;
}

/** A cache of templates: each distinct key is replayed once. */
export class TemplateCache {
  private readonly map = new Map<string, CaseTemplate>();
  replays = 0;
  constructor(
    private readonly criteriaNumbers: number[],
    private readonly meetings: readonly Meeting[],
  ) {}
  get(prefix: number, ending: Ending, startDay: IsoDate): CaseTemplate {
    const key = templateKey(prefix, ending, startDay);
    let t = this.map.get(key);
    if (!t) {
      t = buildTemplate({
        prefix,
        ending,
        startDay,
        criteriaNumbers: this.criteriaNumbers,
        meetings: this.meetings,
      });
      this.replays += 1;
      this.map.set(key, t);
    }
    return t;
  }
  get size(): number {
    return this.map.size;
  }
}
