import { assign, initialTransition, setup, transition } from "xstate";
import { type ActionRefusal, payloadIssues, refuse } from "../action-errors";
import { addCalendarMonths, type IsoDate } from "../certification/deadlines";
import type { ActorFacts, Role } from "../certification/permissions";
import type { DeadlineRecord } from "../certification/record";
import {
  FOLLOW_UP_ACTION_NAMES,
  FOLLOW_UP_ACTION_SCHEMAS,
  FOLLOW_UP_DEADLINE,
  FOLLOW_UP_DUE_MONTHS,
  FOLLOW_UP_OPEN_STATES,
  FOLLOW_UP_SUPPLEMENT_MONTHS,
  type FollowUpActionName,
  type FollowUpPayloads,
  type FollowUpState,
} from "./actions";
import type { CriterionAssessment, FollowUpRecord } from "./record";
import { ACTION_RULES, failuresOf, guardFor, STATIC_RULES } from "./rules";
import {
  type Context,
  FOLLOW_UP_ACTION_ROLES,
  type FollowUpEffect,
  type FollowUpEvent,
  type FollowUpFacts,
  type FollowUpWorld,
} from "./types";

export { FOLLOW_UP_ACTION_ROLES, type FollowUpEffect, type FollowUpFacts, type FollowUpWorld } from "./types";

/**
 * Process C — the yearly quality follow-up of a certification — as an XState v5 machine used as a pure transition
 * function, like the other two processes, driven by the same case machinery: the region assesses each criterion of
 * the case's criteria set against its quality plan (local leads contribute per local college), submits, and the
 * secretariat (optionally with a reviewer) accepts it, asks for a supplement per criterion, or flags the
 * certification for attention. The region's deadline is 2 months from opening; the secretariat may postpone it.
 */

export const FOLLOW_UP_PROCESS_VERSION = 1;

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
  | ActionRefusal<unknown>;

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
    return refuse("case.action_unknown", { action });
  const name = action as FollowUpActionName;
  if (!sees(actor)) return refuse("case.not_found");
  if (!mayTake(actor, name)) return refuse("case.forbidden", { action });
  const snapshot = restore(facts);
  if (snapshot.status === "done" || !(name in (snapshot.machine.states[facts.state]?.config.on ?? {}))) {
    return refuse("case.action_not_allowed_in_state", { action, state: facts.state });
  }
  const parsed = FOLLOW_UP_ACTION_SCHEMAS[name].safeParse(input.payload ?? {});
  if (!parsed.success) {
    return refuse("case.invalid_payload", { action, issues: payloadIssues(parsed.error.issues) });
  }
  const event = { type: name, payload: parsed.data, actor, world } as FollowUpEvent;
  const failures = failuresOf(ACTION_RULES[name], contextOf(facts), event);
  if (failures.length > 0) {
    return refuse("case.precondition_failed", { action, failures }, failures[0]?.message);
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
