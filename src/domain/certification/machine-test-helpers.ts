/**
 * What the certification machine's tests share (machine*.test.ts): a fresh case, a case driven to a step, one
 * action with a valid payload and actor by default, and its result read as success or as the failed preconditions.
 */
import { expect } from "vitest";
import { ACTION_NAMES, type ActionName } from "./actions";
import {
  type ActorFacts,
  type ApplyActionResult,
  applyAction,
  type CaseFacts,
  CERTIFICATION_PROCESS_VERSION,
  startCase,
  type WorldFacts,
} from "./machine";
import type { CaseKind, CaseState } from "./steps";
import {
  actorFor,
  actorWithRole,
  type DriveStep,
  drive,
  type PathOptions,
  stepsUntil,
  TEST_CRITERIA,
  validPayloadFor,
  worldFor,
} from "./test-support";

export const V = CERTIFICATION_PROCESS_VERSION;
/** The day of the test meeting (TEST_TODAY + 14): the board decides then, and the steps after follow it. */
export const MEETING_DAY = "2027-03-29";

export function fresh(kind: CaseKind = "newRegion"): CaseFacts {
  return startCase({ kind, criteriaNumbers: TEST_CRITERIA });
}

/** A newRegion case driven along the main line until it reaches `state`, plus extra steps. */
export function at(
  state: CaseState,
  extra: DriveStep[] = [],
  options: PathOptions = {},
  kind: CaseKind = "newRegion",
) {
  return drive(fresh(kind), [...stepsUntil(state, kind), ...extra], options).facts;
}

export type Call = {
  actor?: ActorFacts;
  payload?: unknown;
  world?: Partial<WorldFacts>;
  options?: PathOptions;
};

export function act(facts: CaseFacts, action: ActionName | string, call: Call = {}): ApplyActionResult {
  const options = call.options ?? {};
  const known = (ACTION_NAMES as readonly string[]).includes(action);
  return applyAction({
    processVersion: V,
    facts,
    actor:
      call.actor ?? (known ? actorFor(action as ActionName, facts, options) : actorWithRole("secretariat")),
    world: { ...worldFor(facts, options), ...call.world },
    action,
    payload: "payload" in call ? call.payload : validPayloadFor(action as ActionName, facts, options),
  });
}

export function ok(result: ApplyActionResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${JSON.stringify(result.details)}`);
  return result;
}

/** The case after a successful action (not named `then`: a module exporting `then` is taken for a promise). */
export function afterAction(facts: CaseFacts, result: ApplyActionResult): CaseFacts {
  const r = ok(result);
  return { ...facts, state: r.state, record: r.record };
}

export function reasons(result: ApplyActionResult): string[] {
  if (result.ok) throw new Error("expected a failure");
  expect(result.code).toBe("case.precondition_failed");
  expect(result.status).toBe(422);
  return (result.details?.failures ?? []).map((f) => f.reason);
}

export const secretariat = actorWithRole("secretariat");
