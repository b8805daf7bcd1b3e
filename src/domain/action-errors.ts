import type { Label } from "./certification/steps";

/**
 * How a process definition refuses an action: one set of codes, statuses and words for all three processes
 * (certification, joining, follow-up), in the order they are checked: the action exists (400), the actor sees the
 * case (404), the actor's role may take it (403), the state has it (409), the payload (400), the rules (422).
 */

export type ActionErrorCode =
  | "case.action_unknown"
  | "case.not_found"
  | "case.forbidden"
  | "case.action_not_allowed_in_state"
  | "case.invalid_payload"
  | "case.precondition_failed";

export type ActionErrorStatus = 400 | 403 | 404 | 409 | 422;

const REFUSALS: Record<ActionErrorCode, { status: ActionErrorStatus; message: Label }> = {
  "case.action_unknown": { status: 400, message: { sv: "Okänd åtgärd", en: "Unknown action" } },
  "case.not_found": { status: 404, message: { sv: "Ärendet finns inte", en: "Case not found" } },
  "case.forbidden": {
    status: 403,
    message: { sv: "Du får inte utföra den här åtgärden", en: "You may not take this action" },
  },
  "case.action_not_allowed_in_state": {
    status: 409,
    message: {
      sv: "Åtgärden är inte tillåten i ärendets nuvarande steg",
      en: "The action is not allowed in the case's current step",
    },
  },
  "case.invalid_payload": { status: 400, message: { sv: "Ogiltiga uppgifter", en: "Invalid data" } },
  "case.precondition_failed": {
    status: 422,
    message: { sv: "Villkoren för åtgärden är inte uppfyllda", en: "Preconditions not met" },
  },
};

export interface ActionRefusal<D> {
  ok: false;
  code: ActionErrorCode;
  status: ActionErrorStatus;
  message: Label;
  details?: D;
}

/** The refusal of `code`, with its details and (for a broken rule) the rule's own words. */
export function refuse<D>(code: ActionErrorCode, details?: D, message?: Label): ActionRefusal<D> {
  const r = REFUSALS[code];
  return {
    ok: false,
    code,
    status: r.status,
    message: message ?? r.message,
    ...(details ? { details } : {}),
  };
}

/** A payload's problems as a refusal lists them: where, what kind, and the validator's words. */
export function payloadIssues(
  issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[],
) {
  return issues.map((i) => ({ path: i.path.map(String).join("."), code: i.code, message: i.message }));
}
