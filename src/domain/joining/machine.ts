import { assign, initialTransition, setup, transition } from "xstate";
import { type ActionRefusal, payloadIssues, refuse } from "../action-errors";
import type { ActorFacts, Role } from "../certification/permissions";
import type { Label } from "../certification/steps";
import {
  ITEM_OF_ACTION,
  JOINING_ACTION_NAMES,
  JOINING_ACTION_SCHEMAS,
  type JoiningActionName,
  type JoiningPayloads,
} from "./actions";
import { applicableItems, type JoiningConditions, type JoiningItem, type JoiningState } from "./items";

/**
 * Process A — Anslutning — as an XState v5 machine used as a pure transition function (no actors, no
 * timers), beside the certification process and driven by the same case machinery. A case is one
 * checklist; each item records who completed it, when, and its data; completing the case hands the
 * registry changes to the caller as an effect, in the same transaction.
 */

export const JOINING_PROCESS_VERSION = 1;

export interface ItemRecord {
  completedBy: string;
  completedByRole: Role;
  completedOn: string;
  data: unknown;
}

export interface JoiningRecord {
  conditions: JoiningConditions;
  /** The regional steering group's agreement that started the case. */
  startedBy: { agreedOn: string; minutesReference: string };
  items: Partial<Record<JoiningItem, ItemRecord>>;
  linkedCertificationCaseId?: string;
  completions: { completedOn: string; by: string }[];
  reopenings: { reopenedOn: string; by: string; reason: string }[];
  withdrawal?: { reason: string; withdrawnOn: string };
}

export interface JoiningFacts {
  kind: "joining";
  state: JoiningState;
  record: JoiningRecord;
}

export interface JoiningWorld {
  today: string;
}

export type JoiningEffect =
  | { type: "joiningCompleted" }
  | { type: "openLinkedCertification"; providerId: string }
  | { type: "notify"; audience: "secretariat"; template: "noProviderAgreement" | "joiningCompleted" };

/** Roles besides the secretariat (which may take every action) that may take each action. */
export const JOINING_ACTION_ROLES: Record<JoiningActionName, readonly Role[]> = {
  completeAnchoring: ["regionLead", "localLead"],
  completeLocalSteeringGroup: ["regionLead"],
  completeRegionalRepresentation: ["regionLead"],
  completeAgreement: ["regionLead"],
  completePoliticalDecision: ["regionLead"],
  completeNoProviderAgreement: ["regionLead"],
  startCertification: ["regionLead"],
  completeQualityPlan: ["regionLead", "localLead"],
  completeJoining: ["regionLead"],
  reopenJoining: [],
  withdrawJoining: ["regionLead"],
};

type Failure = { reason: string; message: Label; [k: string]: unknown };

type JoiningEvent = {
  [A in JoiningActionName]: {
    type: A;
    payload: JoiningPayloads[A];
    actor: ActorFacts;
    world: JoiningWorld;
    probe?: boolean;
  };
}[JoiningActionName];

type Context = { record: JoiningRecord };

function done(r: JoiningRecord, item: JoiningItem): boolean {
  return r.items[item] !== undefined;
}

/** The rules, each returning why an event may not happen now (empty: it may). One table, used as guards and to explain. */
const RULES = {
  itemApplies: (c: Context, e: JoiningEvent): Failure[] => {
    const item = ITEM_OF_ACTION[e.type as keyof typeof ITEM_OF_ACTION];
    if (!item || applicableItems(c.record.conditions).includes(item)) return [];
    return [
      {
        reason: "item.not_applicable",
        message: {
          sv: "Punkten gäller inte denna anslutning.",
          en: "The item does not apply to this joining.",
        },
        item,
      },
    ];
  },
  agreementFirst: (c: Context): Failure[] =>
    done(c.record, "agreement")
      ? []
      : [
          {
            reason: "agreement.missing",
            message: {
              sv: "Hängavtalet måste registreras före det politiska beslutet.",
              en: "The addendum must be recorded before the political decision.",
            },
          },
        ],
  certificationNotStarted: (c: Context): Failure[] =>
    c.record.linkedCertificationCaseId || done(c.record, "certificationStart")
      ? [
          {
            reason: "certification.already_started",
            message: {
              sv: "Certifieringen är redan startad.",
              en: "The certification has already been started.",
            },
          },
        ]
      : [],
  allItemsDone: (c: Context): Failure[] => {
    const missing = applicableItems(c.record.conditions).filter((i) => !done(c.record, i));
    return missing.length
      ? [
          {
            reason: "items.missing",
            message: {
              sv: "Alla punkter på checklistan är inte klara.",
              en: "Not every checklist item is done.",
            },
            items: missing,
          },
        ]
      : [];
  },
};

type RuleName = keyof typeof RULES;

const guard =
  (...names: RuleName[]) =>
  ({ context, event }: { context: Context; event: JoiningEvent }) =>
    names.every((n) => RULES[n](context, event).length === 0);

function completeItem({ context, event }: { context: Context; event: JoiningEvent }): Context {
  const item = ITEM_OF_ACTION[event.type as keyof typeof ITEM_OF_ACTION];
  const entry: ItemRecord = {
    completedBy: event.actor.userId,
    completedByRole: event.actor.role,
    completedOn: event.world.today,
    data: event.payload,
  };
  return { record: { ...context.record, items: { ...context.record.items, [item]: entry } } };
}

const ITEM_ACTIONS = Object.keys(ITEM_OF_ACTION) as (keyof typeof ITEM_OF_ACTION)[];

export const joiningProcessV1 = setup({
  types: { context: {} as Context, events: {} as JoiningEvent, input: {} as Context },
  guards: {
    itemApplies: guard("itemApplies"),
    politicalDecisionAllowed: guard("itemApplies", "agreementFirst"),
    certificationAllowed: guard("itemApplies", "certificationNotStarted"),
    allItemsDone: guard("allItemsDone"),
  },
  actions: {
    completeItem: assign(({ context, event }) => completeItem({ context, event })),
    markCompleted: assign(({ context, event }) => ({
      record: {
        ...context.record,
        completions: [
          ...context.record.completions,
          { completedOn: event.world.today, by: event.actor.userId },
        ],
      },
    })),
    markReopened: assign(({ context, event }) => ({
      record: {
        ...context.record,
        reopenings: [
          ...context.record.reopenings,
          {
            reopenedOn: event.world.today,
            by: event.actor.userId,
            reason: (event.payload as { reason: string }).reason,
          },
        ],
      },
    })),
    markWithdrawn: assign(({ context, event }) => ({
      record: {
        ...context.record,
        withdrawal: { reason: (event.payload as { reason: string }).reason, withdrawnOn: event.world.today },
      },
    })),
  },
}).createMachine({
  id: "joining",
  initial: "open",
  context: ({ input }) => input,
  states: {
    open: {
      on: {
        ...Object.fromEntries(
          ITEM_ACTIONS.map((a) => [
            a,
            {
              guard:
                a === "completePoliticalDecision"
                  ? "politicalDecisionAllowed"
                  : a === "startCertification"
                    ? "certificationAllowed"
                    : "itemApplies",
              actions: "completeItem",
            },
          ]),
        ),
        completeJoining: { target: "completed", guard: "allItemsDone", actions: "markCompleted" },
        withdrawJoining: { target: "withdrawn", actions: "markWithdrawn" },
      },
    },
    completed: { on: { reopenJoining: { target: "open", actions: "markReopened" } } },
    withdrawn: { type: "final" },
  },
});

export const joiningProcesses = { 1: joiningProcessV1 } as const;

const GUARD_RULES: Record<string, RuleName[]> = {
  completePoliticalDecision: ["itemApplies", "agreementFirst"],
  startCertification: ["itemApplies", "certificationNotStarted"],
  completeJoining: ["allItemsDone"],
};

function rulesFor(action: JoiningActionName): RuleName[] {
  return GUARD_RULES[action] ?? (action in ITEM_OF_ACTION ? ["itemApplies"] : []);
}

function restore(facts: JoiningFacts) {
  return joiningProcessV1.resolveState({ value: facts.state, context: { record: facts.record } });
}

/** A new joining case: the checklist is open and empty. */
export function startJoiningCase(
  record: Omit<JoiningRecord, "items" | "completions" | "reopenings">,
): JoiningFacts {
  const [snapshot] = initialTransition(joiningProcessV1, {
    record: { ...record, items: {}, completions: [], reopenings: [] },
  });
  return { kind: "joining", state: snapshot.value as JoiningState, record: snapshot.context.record };
}

export type JoiningResult =
  | { ok: true; state: JoiningState; record: JoiningRecord; effects: JoiningEffect[] }
  | ActionRefusal<unknown>;

/** The actor's role allows the joining action (state and payload aside). */
export function joiningRoleMayTake(actor: ActorFacts, action: string): boolean {
  return (
    (JOINING_ACTION_NAMES as readonly string[]).includes(action) &&
    mayTake(actor, action as JoiningActionName)
  );
}

function mayTake(actor: ActorFacts, action: JoiningActionName): boolean {
  return actor.role === "secretariat" || JOINING_ACTION_ROLES[action].includes(actor.role);
}

function sees(actor: ActorFacts): boolean {
  return actor.role === "secretariat" || actor.inScope;
}

/** The effects of an accepted action, for the caller to execute in the same transaction. */
function effectsOf(action: JoiningActionName, before: JoiningRecord, payload: unknown): JoiningEffect[] {
  switch (action) {
    case "completeNoProviderAgreement":
      return [{ type: "notify", audience: "secretariat", template: "noProviderAgreement" }];
    case "startCertification": {
      const providerId =
        (payload as { providerId?: string }).providerId ??
        (before.conditions.partyKind === "provider" ? before.conditions.partyId : "");
      return [{ type: "openLinkedCertification", providerId }];
    }
    case "completeJoining":
      return [
        { type: "joiningCompleted" },
        { type: "notify", audience: "secretariat", template: "joiningCompleted" },
      ];
    default:
      return [];
  }
}

export function applyJoiningAction(input: {
  facts: JoiningFacts;
  actor: ActorFacts;
  world: JoiningWorld;
  action: string;
  payload: unknown;
}): JoiningResult {
  const { facts, actor, world, action } = input;
  if (!(JOINING_ACTION_NAMES as readonly string[]).includes(action))
    return refuse("case.action_unknown", { action });
  const name = action as JoiningActionName;
  if (!sees(actor)) return refuse("case.not_found");
  if (!mayTake(actor, name)) return refuse("case.forbidden", { action });
  const snapshot = restore(facts);
  const parsed = JOINING_ACTION_SCHEMAS[name].safeParse(input.payload ?? {});
  const probe = { type: name, payload: parsed.success ? parsed.data : {}, actor, world } as JoiningEvent;
  const transitions = snapshot.machine.getTransitionData(snapshot, probe);
  if (snapshot.status === "done" || !(name in (snapshot.machine.states[facts.state]?.config.on ?? {}))) {
    return refuse("case.action_not_allowed_in_state", { action, state: facts.state });
  }
  if (!parsed.success) {
    return refuse("case.invalid_payload", { action, issues: payloadIssues(parsed.error.issues) });
  }
  if (!transitions || transitions.length === 0) {
    const failures = rulesFor(name).flatMap((r) => RULES[r]({ record: facts.record }, probe));
    return refuse("case.precondition_failed", { action, failures }, failures[0]?.message);
  }
  const [next] = transition(joiningProcessV1, snapshot, probe);
  return {
    ok: true,
    state: next.value as JoiningState,
    record: next.context.record,
    effects: effectsOf(name, facts.record, parsed.data),
  };
}

/** The actions this actor may take now (rules that need no payload are checked). */
export function availableJoiningActions(input: {
  facts: JoiningFacts;
  actor: ActorFacts;
  world: JoiningWorld;
}): JoiningActionName[] {
  return joiningActionsFor(input.actor, enabledJoiningActions(input.facts));
}

/**
 * The actions the case's state and checklist allow now, whoever asks (no rule reads the actor or the day):
 * stored with the case at every transition, narrowed per actor by joiningActionsFor.
 */
export function enabledJoiningActions(facts: JoiningFacts): JoiningActionName[] {
  if (facts.state === "withdrawn") return [];
  const snapshot = restore(facts);
  const on = snapshot.machine.states[facts.state]?.config.on ?? {};
  return JOINING_ACTION_NAMES.filter(
    (a) =>
      a in on &&
      rulesFor(a).every((r) => RULES[r]({ record: facts.record }, { type: a } as JoiningEvent).length === 0),
  );
}

/** Of the enabled actions, those this actor's role and scope allow. */
export function joiningActionsFor(actor: ActorFacts, enabled: readonly string[]): JoiningActionName[] {
  if (!sees(actor)) return [];
  return enabled.filter(
    (a): a is JoiningActionName =>
      (JOINING_ACTION_NAMES as readonly string[]).includes(a) && mayTake(actor, a as JoiningActionName),
  );
}

/** Who must act next: the region while items are open (or it can complete), nobody once done. */
export function joiningNextActors(facts: JoiningFacts): Role[] {
  return facts.state === "open" ? ["regionLead"] : [];
}

/** The checklist with each item's status, for the case page. */
export function joiningChecklist(record: JoiningRecord) {
  const applicable = applicableItems(record.conditions);
  return (
    [
      "anchoring",
      "localSteeringGroup",
      "regionalRepresentation",
      "agreement",
      "politicalDecision",
      "noProviderBranch",
      "certificationStart",
      "qualityPlan",
    ] as const
  ).map((item) => ({
    item,
    status: !applicable.includes(item)
      ? ("notApplicable" as const)
      : record.items[item]
        ? ("done" as const)
        : ("open" as const),
    entry: record.items[item] ?? null,
  }));
}
