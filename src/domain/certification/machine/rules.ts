/**
 * Every rule behind the machine's guards, by phase, and the guards made from them. The rules say why a transition
 * is refused (`explain` in index.ts reports their failures); the guards only say yes or no.
 */
import { failure } from "../failures";
import { openDeadlineKinds, payloadOf } from "./helpers";
import { passes, type Rule } from "./rule";
import { APPLICATION_RULES } from "./rules-application";
import { DECISION_RULES } from "./rules-decision";
import { REVIEW_RULES } from "./rules-review";
import type { CertificationEvent, MachineContext } from "./types";

/** Allowed in every step that is not final. */
const CASE_WIDE_RULES = {
  postponementValid: (context, event) => {
    const payload = payloadOf(event, "grantPostponement");
    if (!payload) {
      return openDeadlineKinds(context.record).length > 0 ? [] : [failure("deadline.not_open", {})];
    }
    const { deadline } = payload;
    const current = context.record.deadlines[deadline];
    if (!current || current.closedOn !== undefined) return [failure("deadline.not_open", { deadline })];
    return payload.newDueDate > current.dueDate
      ? []
      : [failure("deadline.not_later", { deadline, dueDate: current.dueDate })];
  },
} satisfies Record<string, Rule>;

export const RULES = { ...APPLICATION_RULES, ...REVIEW_RULES, ...DECISION_RULES, ...CASE_WIDE_RULES };

export type GuardName = keyof typeof RULES;
export type GuardArgs = { context: MachineContext; event: CertificationEvent };

export const guards = Object.fromEntries(
  Object.entries(RULES).map(([name, rule]) => [
    name,
    ({ context, event }: GuardArgs) => passes((rule as Rule)(context, event)),
  ]),
) as { [K in GuardName]: (args: GuardArgs) => boolean };
