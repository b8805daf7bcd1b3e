import { assign, initialTransition, setup, transition } from "xstate";
import { addCalendarMonths, compareIsoDates, type IsoDate } from "../certification/deadlines";
import type { ActorFacts, Role } from "../certification/permissions";
import type { DeadlineRecord } from "../certification/record";
import type { Label } from "../certification/steps";
import {
  FOLLOW_UP_ACTION_NAMES,
  FOLLOW_UP_ACTION_SCHEMAS,
  FOLLOW_UP_DEADLINE,
  FOLLOW_UP_DUE_MONTHS,
  FOLLOW_UP_OPEN_STATES,
  FOLLOW_UP_SUPPLEMENT_MONTHS,
  type FollowUpActionName,
  type FollowUpNotifyTemplate,
  type FollowUpPayloads,
  type FollowUpState,
} from "./actions";
import type { CriterionAssessment, FollowUpRecord } from "./record";

/**
 * Process C — the yearly quality follow-up of a certification — as an XState v5 machine used as a pure transition
 * function, like the other two processes, driven by the same case machinery: the region assesses each criterion of
 * the case's criteria set against its quality plan (local leads contribute per local college), submits, and the
 * secretariat (optionally with a reviewer) accepts it, asks for a supplement per criterion, or flags the
 * certification for attention. The region's deadline is 2 months from opening; the secretariat may postpone it.
 */

export const FOLLOW_UP_PROCESS_VERSION = 1;

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

type Failure = { reason: string; message: Label; [k: string]: unknown };

type FollowUpEvent = {
  [A in FollowUpActionName]: {
    type: A;
    payload: Partial<FollowUpPayloads[A]>;
    actor: ActorFacts;
    world: FollowUpWorld;
  };
}[FollowUpActionName];

type Context = { record: FollowUpRecord; criteriaNumbers: readonly number[]; state: FollowUpState };

const fail = (reason: string, sv: string, en: string, extra: Record<string, unknown> = {}): Failure[] => [
  { reason, message: { sv, en }, ...extra },
];

/** Criteria numbers the payload names. */
function namedCriteria(e: FollowUpEvent): number[] {
  const p = e.payload as {
    criteria?: { criterionNumber: number }[];
    items?: { criterionNumber: number }[];
    criterionNumber?: number;
  };
  return [
    ...(p.criteria ?? []).map((c) => c.criterionNumber),
    ...(p.items ?? []).map((c) => c.criterionNumber),
    ...(p.criterionNumber !== undefined ? [p.criterionNumber] : []),
  ];
}

/**
 * The rules, each returning why an event may not happen now (empty: it may). `static` rules read only the case
 * (state and record), so they decide which actions are enabled for whoever asks; the others read the payload,
 * the actor or the day and are checked when the action is taken.
 */
const RULES = {
  criteriaKnown: (c: Context, e: FollowUpEvent): Failure[] => {
    const unknown = namedCriteria(e).filter((n) => !c.criteriaNumbers.includes(n));
    return unknown.length
      ? fail(
          "criterion.unknown",
          "Kriteriet finns inte i fallets kriterier.",
          "No such criterion in the case's criteria.",
          {
            criteria: unknown,
          },
        )
      : [];
  },
  indicatorsKnown: (c: Context, e: FollowUpEvent): Failure[] => {
    const keys = Object.keys((e.payload as { indicators?: Record<string, unknown> }).indicators ?? {});
    const known = new Set(c.record.indicatorDefinitions.map((d) => d.key));
    const unknown = keys.filter((k) => !known.has(k));
    return unknown.length
      ? fail(
          "indicator.unknown",
          "Indikatorn finns inte för dessa kriterier.",
          "No such indicator for these criteria.",
          {
            indicators: unknown,
          },
        )
      : [];
  },
  supplementAnswersRequested: (c: Context, e: FollowUpEvent): Failure[] => {
    const answered = ((e.payload as FollowUpPayloads["saveSelfAssessment"]).criteria ?? [])
      .filter((x) => x.supplementAnswer !== undefined)
      .map((x) => x.criterionNumber);
    if (answered.length === 0) return [];
    const open = c.state === "supplementRequested" ? c.record.supplementRequests.at(-1) : undefined;
    const asked = new Set((open?.items ?? []).map((i) => i.criterionNumber));
    const stray = answered.filter((n) => !asked.has(n));
    return stray.length
      ? fail(
          "supplement.not_requested",
          "Ingen komplettering är begärd för kriteriet.",
          "No supplement was requested for the criterion.",
          { criteria: stray },
        )
      : [];
  },
  assessmentComplete: (c: Context): Failure[] => {
    const missing = c.criteriaNumbers.filter((n) => {
      const a = c.record.assessments.find((x) => x.criterionNumber === n);
      return !a?.status || !a.done;
    });
    return missing.length
      ? fail(
          "assessment.incomplete",
          "Varje kriterium behöver en status och en beskrivning av vad som gjorts.",
          "Every criterion needs a status and a description of what was done.",
          { criteria: missing },
        )
      : [];
  },
  supplementsAnswered: (c: Context): Failure[] => {
    if (c.state !== "supplementRequested") return [];
    const missing = (c.record.supplementRequests.at(-1)?.items ?? [])
      .filter((i) => !i.answer)
      .map((i) => i.criterionNumber);
    return missing.length
      ? fail(
          "supplement.unanswered",
          "Alla begärda kompletteringar är inte besvarade.",
          "Not every requested supplement is answered.",
          { criteria: missing },
        )
      : [];
  },
  hasLocalCollege: (_c: Context, e: FollowUpEvent): Failure[] =>
    e.world.actorLocalCollege
      ? []
      : fail(
          "local_college.missing",
          "Du hör inte till något lokalt college.",
          "You belong to no local college.",
        ),
  documentsOfCase: (_c: Context, e: FollowUpEvent): Failure[] => {
    const named = ((e.payload as FollowUpPayloads["saveSelfAssessment"]).criteria ?? []).flatMap(
      (x) => x.documentIds ?? [],
    );
    const own = new Set(e.world.caseDocumentIds ?? []);
    const foreign = named.filter((id) => !own.has(id));
    return foreign.length
      ? fail(
          "document.not_of_case",
          "Bilagan måste vara ett dokument i ärendet.",
          "An attachment must be a document of the case.",
          { documents: foreign },
        )
      : [];
  },
  reviewerIsReviewer: (_c: Context, e: FollowUpEvent): Failure[] => {
    const id = (e.payload as { reviewerId?: string }).reviewerId;
    return id === undefined || e.world.users[id]?.role === "reviewer"
      ? []
      : fail(
          "reviewer.invalid",
          "Granskaren måste vara en aktiv granskare.",
          "The reviewer must be an active reviewer.",
        );
  },
  reviewerAssigned: (c: Context, e: FollowUpEvent): Failure[] =>
    e.actor.role !== "reviewer" || c.record.reviewerId === e.actor.userId
      ? []
      : fail(
          "reviewer.not_assigned",
          "Du är inte granskare av uppföljningen.",
          "You are not the follow-up's reviewer.",
        ),
  dueDateAhead: (c: Context, e: FollowUpEvent): Failure[] => {
    const p = e.payload as { dueDate?: IsoDate; newDueDate?: IsoDate };
    const date = p.newDueDate ?? p.dueDate;
    if (date === undefined) return [];
    if (compareIsoDates(date, e.world.today) <= 0)
      return fail(
        "due_date.not_ahead",
        "Fristen måste ligga efter i dag.",
        "The due date must be after today.",
      );
    const current = c.record.deadlines.followUp?.dueDate;
    if (p.newDueDate !== undefined && current !== undefined && compareIsoDates(date, current) <= 0)
      return fail(
        "due_date.not_later",
        "Den nya fristen måste ligga efter den nuvarande.",
        "The new due date must be after the current one.",
        { currentDueDate: current },
      );
    return [];
  },
  deadlineOpen: (c: Context): Failure[] =>
    c.record.deadlines.followUp && !c.record.deadlines.followUp.closedOn
      ? []
      : fail("deadline.none_open", "Det finns ingen öppen frist.", "There is no open deadline."),
} satisfies Record<string, (c: Context, e: FollowUpEvent) => Failure[]>;

type RuleName = keyof typeof RULES;
const STATIC_RULES: ReadonlySet<RuleName> = new Set([
  "assessmentComplete",
  "supplementsAnswered",
  "deadlineOpen",
]);

/** The rules each action must pass (besides the state it is taken in). */
const ACTION_RULES: Record<FollowUpActionName, RuleName[]> = {
  saveSelfAssessment: ["criteriaKnown", "indicatorsKnown", "supplementAnswersRequested", "documentsOfCase"],
  addLocalContribution: ["criteriaKnown", "hasLocalCollege"],
  submitSelfAssessment: ["assessmentComplete", "supplementsAnswered"],
  assignFollowUpReviewer: ["reviewerIsReviewer"],
  recordReviewNote: ["criteriaKnown", "reviewerAssigned"],
  requestFollowUpSupplement: ["criteriaKnown", "dueDateAhead"],
  acceptFollowUp: [],
  flagCertification: [],
  postponeFollowUp: ["deadlineOpen", "dueDateAhead"],
  withdrawFollowUp: [],
};

const failuresOf = (names: readonly RuleName[], c: Context, e: FollowUpEvent) =>
  names.flatMap((n) => RULES[n](c, e));

const guardFor =
  (action: FollowUpActionName) =>
  ({ context, event }: { context: Context; event: FollowUpEvent }) =>
    failuresOf(ACTION_RULES[action], context, event).length === 0;

// ---- what each action records ---------------------------------------------------------------------------

type Args = { context: Context; event: FollowUpEvent };
const withRecord = (c: Context, record: Partial<FollowUpRecord>): Context => ({
  ...c,
  record: { ...c.record, ...record },
});

function saveAssessment({ context: c, event: e }: Args): Context {
  const p = e.payload as FollowUpPayloads["saveSelfAssessment"];
  const byNumber = new Map(c.record.assessments.map((a) => [a.criterionNumber, a]));
  for (const entry of p.criteria ?? []) {
    const before = byNumber.get(entry.criterionNumber);
    const next: CriterionAssessment = {
      criterionNumber: entry.criterionNumber,
      status: entry.status ?? before?.status,
      done: entry.done ?? before?.done,
      plannedActions: entry.plannedActions ?? before?.plannedActions ?? [],
      documentIds: entry.documentIds ?? before?.documentIds ?? [],
      updatedOn: e.world.today,
      updatedBy: e.actor.userId,
    };
    if (next.status === undefined) delete next.status;
    if (next.done === undefined || next.done === "") delete next.done;
    byNumber.set(entry.criterionNumber, next);
  }
  const indicators = { ...c.record.indicators };
  for (const [key, value] of Object.entries(p.indicators ?? {})) {
    if (value === null) delete indicators[key];
    else indicators[key] = value;
  }
  let supplementRequests = c.record.supplementRequests;
  const answers = (p.criteria ?? []).filter((x) => x.supplementAnswer !== undefined);
  if (answers.length && c.state === "supplementRequested") {
    const last = supplementRequests.at(-1);
    if (last) {
      const items = last.items.map((item) => {
        const a = answers.find((x) => x.criterionNumber === item.criterionNumber);
        if (!a) return item;
        return a.supplementAnswer
          ? { ...item, answer: a.supplementAnswer, answeredOn: e.world.today }
          : { criterionNumber: item.criterionNumber, request: item.request };
      });
      supplementRequests = [...supplementRequests.slice(0, -1), { ...last, items }];
    }
  }
  return withRecord(c, {
    assessments: [...byNumber.values()].sort((a, b) => a.criterionNumber - b.criterionNumber),
    indicators,
    supplementRequests,
  });
}

function closeDeadline(record: FollowUpRecord, today: IsoDate): FollowUpRecord["deadlines"] {
  const d = record.deadlines.followUp;
  return d && !d.closedOn ? { followUp: { ...d, closedOn: today } } : record.deadlines;
}

function newDeadline(dueDate: IsoDate, today: IsoDate): DeadlineRecord {
  return { dueDate, setOn: today, postponements: [] };
}

export const followUpProcessV1 = setup({
  types: { context: {} as Context, events: {} as FollowUpEvent, input: {} as Context },
  guards: Object.fromEntries(FOLLOW_UP_ACTION_NAMES.map((a) => [a, guardFor(a)])) as Record<
    FollowUpActionName,
    ReturnType<typeof guardFor>
  >,
  actions: {
    save: assign(saveAssessment),
    contribute: assign(({ context: c, event: e }) => {
      const p = e.payload as FollowUpPayloads["addLocalContribution"];
      const lc = e.world.actorLocalCollege as { id: string; name: string };
      return withRecord(c, {
        contributions: [
          ...c.record.contributions,
          {
            criterionNumber: p.criterionNumber,
            localCollegeId: lc.id,
            localCollegeName: lc.name,
            text: p.text,
            by: e.actor.userId,
            on: e.world.today,
          },
        ],
      });
    }),
    submit: assign(({ context: c, event: e }) => {
      const note = (e.payload as FollowUpPayloads["submitSelfAssessment"]).note;
      return withRecord(c, {
        submissions: [
          ...c.record.submissions,
          { submittedOn: e.world.today, by: e.actor.userId, ...(note ? { note } : {}) },
        ],
        deadlines: closeDeadline(c.record, e.world.today),
      });
    }),
    assignReviewer: assign(({ context: c, event: e }) =>
      withRecord(c, { reviewerId: (e.payload as FollowUpPayloads["assignFollowUpReviewer"]).reviewerId }),
    ),
    note: assign(({ context: c, event: e }) => {
      const p = e.payload as FollowUpPayloads["recordReviewNote"];
      return withRecord(c, {
        reviewNotes: [
          ...c.record.reviewNotes,
          {
            ...(p.criterionNumber !== undefined ? { criterionNumber: p.criterionNumber } : {}),
            note: p.note,
            by: e.actor.userId,
            byRole: e.actor.role,
            on: e.world.today,
          },
        ],
      });
    }),
    requestSupplement: assign(({ context: c, event: e }) => {
      const p = e.payload as FollowUpPayloads["requestFollowUpSupplement"];
      const dueDate = p.dueDate ?? addCalendarMonths(e.world.today, FOLLOW_UP_SUPPLEMENT_MONTHS);
      const old = c.record.deadlines.followUp;
      return withRecord(c, {
        supplementRequests: [
          ...c.record.supplementRequests,
          {
            requestedOn: e.world.today,
            by: e.actor.userId,
            dueDate,
            items: p.items.map((i) => ({ criterionNumber: i.criterionNumber, request: i.request })),
          },
        ],
        previousDeadlines: old ? [...c.record.previousDeadlines, old] : c.record.previousDeadlines,
        deadlines: { followUp: newDeadline(dueDate, e.world.today) },
      });
    }),
    accept: assign(({ context: c, event: e }) => {
      const summary = (e.payload as FollowUpPayloads["acceptFollowUp"]).summary;
      return withRecord(c, {
        review: {
          outcome: "accepted",
          decidedOn: e.world.today,
          by: e.actor.userId,
          ...(summary ? { summary } : {}),
        },
      });
    }),
    flag: assign(({ context: c, event: e }) => {
      const p = e.payload as FollowUpPayloads["flagCertification"];
      return withRecord(c, {
        review: {
          outcome: "flagged",
          decidedOn: e.world.today,
          by: e.actor.userId,
          reason: p.reason,
          ...(p.summary ? { summary: p.summary } : {}),
        },
      });
    }),
    postpone: assign(({ context: c, event: e }) => {
      const p = e.payload as FollowUpPayloads["postponeFollowUp"];
      const d = c.record.deadlines.followUp as DeadlineRecord;
      return withRecord(c, {
        deadlines: {
          followUp: {
            ...d,
            dueDate: p.newDueDate,
            postponements: [
              ...d.postponements,
              {
                previousDueDate: d.dueDate,
                newDueDate: p.newDueDate,
                reason: p.reason,
                grantedOn: e.world.today,
              },
            ],
          },
        },
      });
    }),
    withdraw: assign(({ context: c, event: e }) =>
      withRecord(c, {
        withdrawal: {
          reason: (e.payload as FollowUpPayloads["withdrawFollowUp"]).reason,
          withdrawnOn: e.world.today,
        },
        deadlines: closeDeadline(c.record, e.world.today),
      }),
    ),
  },
}).createMachine({
  id: "followUp",
  initial: "selfAssessment",
  context: ({ input }) => input,
  states: {
    selfAssessment: {
      on: {
        saveSelfAssessment: { guard: "saveSelfAssessment", actions: "save" },
        addLocalContribution: { guard: "addLocalContribution", actions: "contribute" },
        submitSelfAssessment: { target: "review", guard: "submitSelfAssessment", actions: "submit" },
        assignFollowUpReviewer: { guard: "assignFollowUpReviewer", actions: "assignReviewer" },
        postponeFollowUp: { guard: "postponeFollowUp", actions: "postpone" },
        withdrawFollowUp: { target: "withdrawn", actions: "withdraw" },
      },
    },
    review: {
      on: {
        assignFollowUpReviewer: { guard: "assignFollowUpReviewer", actions: "assignReviewer" },
        recordReviewNote: { guard: "recordReviewNote", actions: "note" },
        requestFollowUpSupplement: {
          target: "supplementRequested",
          guard: "requestFollowUpSupplement",
          actions: "requestSupplement",
        },
        acceptFollowUp: { target: "closed", actions: "accept" },
        flagCertification: { target: "closed", actions: "flag" },
        withdrawFollowUp: { target: "withdrawn", actions: "withdraw" },
      },
    },
    supplementRequested: {
      on: {
        saveSelfAssessment: { guard: "saveSelfAssessment", actions: "save" },
        addLocalContribution: { guard: "addLocalContribution", actions: "contribute" },
        submitSelfAssessment: { target: "review", guard: "submitSelfAssessment", actions: "submit" },
        assignFollowUpReviewer: { guard: "assignFollowUpReviewer", actions: "assignReviewer" },
        recordReviewNote: { guard: "recordReviewNote", actions: "note" },
        postponeFollowUp: { guard: "postponeFollowUp", actions: "postpone" },
        withdrawFollowUp: { target: "withdrawn", actions: "withdraw" },
      },
    },
    closed: { type: "final" },
    withdrawn: { type: "final" },
  },
});

export const followUpProcesses = { 1: followUpProcessV1 } as const;

// The machine's own state names, kept in step with labels.ts.
type _States = keyof typeof followUpProcessV1.config.states;
const _statesMatch: Record<_States, FollowUpState> = {
  selfAssessment: "selfAssessment",
  review: "review",
  supplementRequested: "supplementRequested",
  closed: "closed",
  withdrawn: "withdrawn",
};
void _statesMatch;

function contextOf(facts: FollowUpFacts): Context {
  return { record: facts.record, criteriaNumbers: facts.criteriaNumbers, state: facts.state };
}

function restore(facts: FollowUpFacts) {
  return followUpProcessV1.resolveState({ value: facts.state, context: contextOf(facts) });
}

/** A new follow-up: the self-assessment is open, due 2 months from today. */
export function startFollowUp(input: {
  record: Omit<
    FollowUpRecord,
    | "assessments"
    | "indicators"
    | "contributions"
    | "submissions"
    | "supplementRequests"
    | "reviewNotes"
    | "deadlines"
    | "previousDeadlines"
  >;
  criteriaNumbers: readonly number[];
}): FollowUpFacts {
  const record: FollowUpRecord = {
    ...input.record,
    assessments: [],
    indicators: {},
    contributions: [],
    submissions: [],
    supplementRequests: [],
    reviewNotes: [],
    deadlines: {
      followUp: newDeadline(
        addCalendarMonths(input.record.openedOn, FOLLOW_UP_DUE_MONTHS),
        input.record.openedOn,
      ),
    },
    previousDeadlines: [],
  };
  const [snapshot] = initialTransition(followUpProcessV1, {
    record,
    criteriaNumbers: input.criteriaNumbers,
    state: "selfAssessment",
  });
  return {
    state: snapshot.value as FollowUpState,
    record: snapshot.context.record,
    criteriaNumbers: input.criteriaNumbers,
  };
}

export type FollowUpResult =
  | { ok: true; state: FollowUpState; record: FollowUpRecord; effects: FollowUpEffect[] }
  | { ok: false; code: string; status: 400 | 403 | 404 | 409 | 422; message: Label; details?: unknown };

const err = (
  code: string,
  status: 400 | 403 | 404 | 409 | 422,
  sv: string,
  en: string,
  details?: unknown,
): FollowUpResult => ({ ok: false, code, status, message: { sv, en }, details });

function mayTake(actor: ActorFacts, action: FollowUpActionName): boolean {
  return actor.role === "secretariat" || FOLLOW_UP_ACTION_ROLES[action].includes(actor.role);
}

function sees(actor: ActorFacts): boolean {
  return actor.role === "secretariat" || actor.inScope;
}

/** The actor's role allows the action (state and payload aside). */
export function followUpRoleMayTake(actor: ActorFacts, action: string): boolean {
  return (
    (FOLLOW_UP_ACTION_NAMES as readonly string[]).includes(action) &&
    mayTake(actor, action as FollowUpActionName)
  );
}

function effectsOf(action: FollowUpActionName, facts: FollowUpFacts, payload: unknown): FollowUpEffect[] {
  switch (action) {
    case "assignFollowUpReviewer":
      // The participant first, so that the notice finds the newly named reviewer.
      return [
        { type: "setFollowUpReviewer", userId: (payload as { reviewerId: string }).reviewerId },
        { type: "notify", audience: "reviewers", template: "followUpReviewerAssigned" },
      ];
    case "acceptFollowUp":
      return [
        { type: "certificationAttention", certificationId: facts.record.certificationId, reason: null },
        { type: "notify", audience: "region", template: "followUpReviewed" },
      ];
    case "flagCertification":
      return [
        {
          type: "certificationAttention",
          certificationId: facts.record.certificationId,
          reason: (payload as { reason: string }).reason,
        },
        { type: "notify", audience: "region", template: "followUpReviewed" },
      ];
    default:
      return [];
  }
}

export function applyFollowUpAction(input: {
  facts: FollowUpFacts;
  actor: ActorFacts;
  world: FollowUpWorld;
  action: string;
  payload: unknown;
}): FollowUpResult {
  const { facts, actor, world, action } = input;
  if (!(FOLLOW_UP_ACTION_NAMES as readonly string[]).includes(action))
    return err("case.action_unknown", 400, "Okänd åtgärd.", "Unknown action.");
  const name = action as FollowUpActionName;
  if (!sees(actor)) return err("case.not_found", 404, "Hittades inte.", "Not found.");
  if (!mayTake(actor, name))
    return err("case.forbidden", 403, "Din roll får inte göra detta.", "Your role may not do this.", {
      action,
    });
  const snapshot = restore(facts);
  if (snapshot.status === "done" || !(name in (snapshot.machine.states[facts.state]?.config.on ?? {}))) {
    return err(
      "case.action_not_allowed_in_state",
      409,
      "Åtgärden går inte att göra nu.",
      "The action is not possible now.",
      { action, state: facts.state },
    );
  }
  const parsed = FOLLOW_UP_ACTION_SCHEMAS[name].safeParse(input.payload ?? {});
  if (!parsed.success) {
    return err("case.invalid_payload", 400, "Ogiltiga uppgifter.", "Invalid data.", {
      action,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), code: i.code, message: i.message })),
    });
  }
  const event = { type: name, payload: parsed.data, actor, world } as FollowUpEvent;
  const failures = failuresOf(ACTION_RULES[name], contextOf(facts), event);
  if (failures.length > 0) {
    return err(
      "case.precondition_failed",
      422,
      failures[0]?.message.sv ?? "Villkor saknas.",
      failures[0]?.message.en ?? "Precondition failed.",
      { action, failures },
    );
  }
  const [next] = transition(followUpProcessV1, snapshot, event);
  return {
    ok: true,
    state: next.value as FollowUpState,
    record: next.context.record,
    effects: effectsOf(name, facts, parsed.data),
  };
}

const PROBE_WORLD: FollowUpWorld = { today: "0000-01-01", users: {} };
const PROBE_ACTOR: ActorFacts = { userId: "", role: "secretariat", inScope: true, isAssignedReviewer: false };

/**
 * The actions the case's state and record allow now, whoever asks (only the static rules: none reads the actor,
 * the day or a payload): stored with the case at every transition, narrowed per actor by followUpActionsFor.
 */
export function enabledFollowUpActions(facts: FollowUpFacts): FollowUpActionName[] {
  const on = followUpProcessV1.states[facts.state]?.config.on ?? {};
  const context = contextOf(facts);
  return FOLLOW_UP_ACTION_NAMES.filter(
    (a) =>
      a in on &&
      failuresOf(
        ACTION_RULES[a].filter((r) => STATIC_RULES.has(r)),
        context,
        { type: a, payload: {}, actor: PROBE_ACTOR, world: PROBE_WORLD } as FollowUpEvent,
      ).length === 0,
  );
}

/** Of the enabled actions, those this actor's role and scope allow (a reviewer only on the follow-up they review). */
export function followUpActionsFor(actor: ActorFacts, enabled: readonly string[]): FollowUpActionName[] {
  if (!sees(actor)) return [];
  return enabled.filter(
    (a): a is FollowUpActionName =>
      (FOLLOW_UP_ACTION_NAMES as readonly string[]).includes(a) &&
      mayTake(actor, a as FollowUpActionName) &&
      (actor.role !== "reviewer" || actor.isAssignedReviewer),
  );
}

/** Who must act next: the region (its lead, local leads contributing) while it assesses, the secretariat in review. */
export function followUpNextActors(facts: FollowUpFacts): Role[] {
  switch (facts.state) {
    case "selfAssessment":
    case "supplementRequested":
      return ["regionLead", "localLead"];
    case "review":
      return facts.record.reviewerId ? ["secretariat", "reviewer"] : ["secretariat"];
    default:
      return [];
  }
}

/** The region's open deadline: the self-assessment's or the supplement's. */
export function followUpOpenDeadline(facts: FollowUpFacts): { deadline: string; dueDate: IsoDate } | null {
  const d = facts.record.deadlines.followUp;
  if (!FOLLOW_UP_OPEN_STATES.includes(facts.state) || facts.state === "review" || !d || d.closedOn)
    return null;
  return { deadline: FOLLOW_UP_DEADLINE, dueDate: d.dueDate };
}

export function isFollowUpFinal(state: string): boolean {
  return state === "closed" || state === "withdrawn";
}
