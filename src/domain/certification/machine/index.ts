/**
 * Process B (Certifiering) as one XState v5 machine, used only as a pure transition function: the case's
 * state and record are restored into a snapshot, one event is applied, and the next state, record and
 * effects (plain data for the caller to execute) come back. No actors, no timers, no clock.
 *
 * Every rule about when an action may be taken lives in this folder: which state accepts it (the transition table,
 * definition.ts), what must hold (the guards, each backed by a rule that can say why it failed: rules-application,
 * rules-review and rules-decision.ts, by phase). Who may take an action is the policy in ../permissions. This file
 * is the pure API the rest of the app calls: applyAction, enabledActions, actionsFor, nextActors, openDeadline,
 * plannedVisitDate, startCase.
 */

import { getNextTransitions, initialTransition, transition } from "xstate";
import { refuse } from "../../action-errors";
import { ACTION_NAMES, type ActionName, isActionName, isMeetingAction, parseActionPayload } from "../actions";
import { type IsoDate, isIsoDate } from "../deadlines";
import type { PreconditionFailure } from "../failures";
import {
  ACTION_RESPONSIBLE,
  type ActorFacts,
  actorSeesCase,
  ROLES,
  type Role,
  roleMayTakeAction,
} from "../permissions";
import { type DeadlineRecord, normalizeCaseRecord } from "../record";
import {
  type CaseKind,
  type CaseState,
  type DeadlineKind,
  isCaseState,
  isFinalState,
  type Label,
} from "../steps";
import {
  CERTIFICATION_PROCESS_VERSION,
  type CertificationMachine,
  getCertificationProcess,
} from "./definition";
import { openDeadlineKinds } from "./helpers";
import { OTHER_BRANCH, passes, type Rule } from "./rule";
import { type GuardName, RULES } from "./rules";
import type {
  ActionError,
  ActionErrorCode,
  ApplyActionResult,
  CaseFacts,
  CertificationEvent,
  Effect,
  NotifyAudience,
  NotifyTemplate,
  WorldFacts,
} from "./types";

export type { PreconditionFailure, PreconditionReason } from "../failures";
export type { ActorFacts, Role } from "../permissions";
export type { CaseRecord } from "../record";
export {
  CERTIFICATION_PROCESS_VERSION,
  type CertificationMachine,
  certificationProcesses,
  certificationProcessV1,
  getCertificationProcess,
} from "./definition";
export {
  type ActionError,
  type ActionErrorCode,
  type ActionSuccess,
  type ApplyActionResult,
  type BoardMeetingFacts,
  type CaseFacts,
  type CertificationEvent,
  type Effect,
  NOTIFY_AUDIENCES,
  NOTIFY_TEMPLATES,
  type NotifyAudience,
  type NotifyTemplate,
  type WorldFacts,
} from "./types";

// ---- the pure API ----------------------------------------------------------------------------------

type Snapshot = ReturnType<CertificationMachine["resolveState"]>;

function restore(machine: CertificationMachine, facts: CaseFacts): Snapshot {
  if (!isCaseState(facts.state)) throw new Error(`Unknown case state ${JSON.stringify(facts.state)}`);
  return machine.resolveState({
    value: facts.state,
    context: {
      kind: facts.kind,
      criteriaNumbers: facts.criteriaNumbers,
      record: normalizeCaseRecord(facts.record),
    },
  });
}

/** The transitions of the current state for an action, whatever their guards say. */
function candidateTransitions(snapshot: Snapshot, action: ActionName) {
  return getNextTransitions(snapshot).filter((t) => t.eventType === action);
}

function guardNameOf(guard: unknown): GuardName | undefined {
  if (guard === undefined) return undefined;
  if (typeof guard === "string" && guard in RULES) return guard as GuardName;
  throw new Error(`Transition guards must be named rules, got ${String(guard)}`);
}

function explain(snapshot: Snapshot, event: CertificationEvent): PreconditionFailure[] {
  const failures: PreconditionFailure[] = [];
  for (const t of candidateTransitions(snapshot, event.type)) {
    const name = guardNameOf(t.guard);
    if (!name) continue;
    const result = (RULES[name] as Rule)(snapshot.context, event);
    if (result === OTHER_BRANCH) continue;
    for (const f of result) if (!failures.some((seen) => seen.reason === f.reason)) failures.push(f);
  }
  return failures;
}

function probeEvent(action: ActionName, actor: ActorFacts, world: WorldFacts): CertificationEvent {
  return { type: action, payload: undefined as never, actor, world, probe: true };
}

type ToEffectsInput = { type: string; params?: unknown };

function toEffects(action: ToEffectsInput): Effect[] {
  switch (action.type) {
    case "notify": {
      const p = action.params as { audience: NotifyAudience; template: NotifyTemplate };
      return [{ type: "notify", audience: p.audience, template: p.template }];
    }
    case "setDeadline": {
      const p = action.params as { deadline: DeadlineKind; dueDate: IsoDate };
      return [{ type: "deadlineSet", deadline: p.deadline, dueDate: p.dueDate }];
    }
    case "closeDeadlines":
      return (action.params as { deadlines: DeadlineKind[] }).deadlines.map((deadline) => ({
        type: "deadlineClosed",
        deadline,
      }));
    case "grantCertification":
      return [{ type: "certificationGranted", years: (action.params as { years: 3 | 5 }).years }];
    case "withdrawCertification":
      return [{ type: "certificationWithdrawn" }];
    default:
      return [];
  }
}

function error(code: ActionErrorCode, details?: ActionError["details"], message?: Label): ActionError {
  return refuse(code, details, message);
}

export type ApplyActionInput = {
  processVersion: number;
  facts: CaseFacts;
  actor: ActorFacts;
  world: WorldFacts;
  /** Any string: an unknown name gives `case.action_unknown`. */
  action: string;
  /** Unvalidated; checked against ACTION_SCHEMAS[action]. */
  payload: unknown;
};

/**
 * Applies one action to a case. Checks, in order: the action exists (400), the actor sees the case (404),
 * the actor's role may take it (403), the current state accepts it (409), the payload (400), the
 * preconditions (422). On success returns the next state, the next record and the effects to execute.
 */
export function applyAction(input: ApplyActionInput): ApplyActionResult {
  const { facts, actor, world, action } = input;
  const machine = getCertificationProcess(input.processVersion);
  if (!isIsoDate(world.today)) throw new Error(`world.today must be a YYYY-MM-DD date, got ${world.today}`);
  if (!isActionName(action)) return error("case.action_unknown", { action });
  if (!actorSeesCase(actor)) return error("case.not_found");
  if (!roleMayTakeAction(actor, action)) return error("case.forbidden", { action });
  if (isFinalState(facts.state)) {
    return error("case.action_not_allowed_in_state", { action, state: facts.state });
  }
  const snapshot = restore(machine, facts);
  if (candidateTransitions(snapshot, action).length === 0) {
    return error("case.action_not_allowed_in_state", { action, state: facts.state });
  }
  const parsed = parseActionPayload(action, input.payload);
  if (!parsed.ok) return error("case.invalid_payload", { action, issues: parsed.issues });
  const event = { type: action, payload: parsed.payload, actor, world } as CertificationEvent;
  if (!snapshot.can(event)) {
    const failures = explain(snapshot, event);
    return error("case.precondition_failed", { action, state: facts.state, failures }, failures[0]?.message);
  }
  const [next, actions] = transition(machine, snapshot, event);
  return {
    ok: true,
    state: next.value as CaseState,
    record: next.context.record,
    effects: actions.flatMap((a) => toEffects(a as ToEffectsInput)),
  };
}

export type AvailableActionsInput = {
  processVersion: number;
  facts: CaseFacts;
  actor: ActorFacts;
  world: WorldFacts;
};

/**
 * The actions the case's state and record allow now, whoever asks: the transitions whose guards pass without a
 * payload. No guard reads the actor or the day without a payload, so this depends on the case alone and is
 * stored with the case at every transition (`cases.enabled_actions`); `actionsFor` then narrows it per actor.
 */
export function enabledActions(facts: CaseFacts, processVersion: number): ActionName[] {
  if (isFinalState(facts.state)) return [];
  const snapshot = restore(getCertificationProcess(processVersion), facts);
  return ACTION_NAMES.filter(
    (action) => !isMeetingAction(action) && snapshot.can(probeEvent(action, PROBE_ACTOR, PROBE_WORLD)),
  );
}

/** Of the enabled actions (see enabledActions), those this actor's role and scope allow. */
export function actionsFor(actor: ActorFacts, enabled: readonly string[]): ActionName[] {
  if (!actorSeesCase(actor)) return [];
  return enabled.filter(
    (action): action is ActionName => isActionName(action) && roleMayTakeAction(actor, action),
  );
}

/**
 * The actions this actor may take now: same rules as applyAction except those that need a payload
 * (so a button shown may still answer 400/422 for what the user fills in).
 */
export function availableActions(input: AvailableActionsInput): ActionName[] {
  if (!actorSeesCase(input.actor)) return [];
  return actionsFor(input.actor, enabledActions(input.facts, input.processVersion));
}

const PROBE_ACTOR: ActorFacts = { userId: "", role: "secretariat", inScope: true, isAssignedReviewer: false };
const PROBE_WORLD: WorldFacts = { today: "", users: {} };

/**
 * The roles that must act next (task lists, reminders). If an action that moves the case on is possible,
 * the roles responsible for those actions; otherwise those responsible for the work within the step
 * (e.g. drafting the application, assigning reviewers). Empty for a final state.
 */
export function nextActors(facts: CaseFacts, processVersion: number = CERTIFICATION_PROCESS_VERSION): Role[] {
  if (isFinalState(facts.state)) return [];
  const snapshot = restore(getCertificationProcess(processVersion), facts);
  const enabled = getNextTransitions(snapshot).filter((t) => {
    if (!isActionName(t.eventType) || ACTION_RESPONSIBLE[t.eventType].length === 0) return false;
    const name = guardNameOf(t.guard);
    const event = probeEvent(t.eventType, PROBE_ACTOR, PROBE_WORLD);
    return !name || passes((RULES[name] as Rule)(snapshot.context, event));
  });
  const forward = enabled.filter((t) => (t.target ?? []).some((node) => node.key !== facts.state));
  const roles = new Set(
    (forward.length > 0 ? forward : enabled).flatMap((t) => ACTION_RESPONSIBLE[t.eventType as ActionName]),
  );
  return ROLES.filter((role) => roles.has(role));
}

/** The deadline currently running, if any (at most one is open at a time). */
export function openDeadline(facts: CaseFacts): { deadline: DeadlineKind; dueDate: IsoDate } | null {
  if (isFinalState(facts.state)) return null;
  const record = normalizeCaseRecord(facts.record);
  const [kind] = openDeadlineKinds(record);
  return kind ? { deadline: kind, dueDate: (record.deadlines[kind] as DeadlineRecord).dueDate } : null;
}

/**
 * The date of the case's coming review visit: the planned date while the case is at the visit step (planned and
 * not yet held), otherwise none. Kept as a column at each transition, so the dashboard reads coming visits from an
 * index in date order.
 */
export function plannedVisitDate(facts: CaseFacts): IsoDate | null {
  if (facts.state !== "visit") return null;
  return normalizeCaseRecord(facts.record).visitPlan?.plannedDate ?? null;
}

/** A new case of the given kind: its first state (decisionPrep for decertification) and an empty record. */
export function startCase(input: {
  kind: CaseKind;
  criteriaNumbers: number[];
  processVersion?: number;
}): CaseFacts {
  const machine = getCertificationProcess(input.processVersion ?? CERTIFICATION_PROCESS_VERSION);
  const [snapshot] = initialTransition(machine, { kind: input.kind, criteriaNumbers: input.criteriaNumbers });
  return {
    kind: input.kind,
    state: snapshot.value as CaseState,
    criteriaNumbers: [...input.criteriaNumbers],
    record: snapshot.context.record,
  };
}
