/**
 * What a rule is. A rule returns the failures that keep a transition from being taken (empty: the guard passes), or
 * OTHER_BRANCH when the transition is simply not the branch for this case (e.g. the decision was not "approved");
 * OTHER_BRANCH is never reported. With `event.probe` (availableActions, nextActors) there is no payload and only
 * the case's own data is checked.
 */
import type { PreconditionFailure } from "../failures";
import type { CertificationEvent, MachineContext } from "./types";

export const OTHER_BRANCH = "otherBranch" as const;
export type RuleResult = PreconditionFailure[] | typeof OTHER_BRANCH;
export type Rule = (context: MachineContext, event: CertificationEvent) => RuleResult;

export function passes(result: RuleResult): boolean {
  return result !== OTHER_BRANCH && result.length === 0;
}
