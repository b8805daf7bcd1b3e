/**
 * Texts for a case of any process: its state, kind and deadline, whichever definition it belongs to. Pages,
 * notices, calendars and exports ask here rather than each process's own tables.
 */
import {
  CASE_KIND_LABELS,
  type CaseKind,
  type CaseState,
  DEADLINE_LABELS,
  type Label,
  STATE_LABELS,
} from "./certification/steps";
import {
  FOLLOW_UP_DEADLINE,
  FOLLOW_UP_DEADLINE_LABEL,
  FOLLOW_UP_KIND,
  FOLLOW_UP_KIND_LABEL,
  FOLLOW_UP_STATE_LABELS,
  type FollowUpState,
} from "./follow-up/labels";
import { JOINING_STATE_LABELS, type JoiningState } from "./joining/items";

export const JOINING_KIND_LABEL: Label = { sv: "Anslutning", en: "Joining" };

/** A state's label; the processes share `closed` and `withdrawn`, with the same words. */
export function caseStateLabel(state: string): Label {
  return (
    STATE_LABELS[state as CaseState] ??
    JOINING_STATE_LABELS[state as JoiningState] ??
    FOLLOW_UP_STATE_LABELS[state as FollowUpState] ?? { sv: state, en: state }
  );
}

export function caseKindLabel(kind: string): Label {
  if (kind === FOLLOW_UP_KIND) return FOLLOW_UP_KIND_LABEL;
  return CASE_KIND_LABELS[kind as CaseKind] ?? JOINING_KIND_LABEL;
}

/** Every deadline kind of every process. */
export const ANY_DEADLINE_LABELS: Record<string, Label> = {
  ...DEADLINE_LABELS,
  [FOLLOW_UP_DEADLINE]: FOLLOW_UP_DEADLINE_LABEL,
};

export function deadlineLabel(kind: string): Label {
  return ANY_DEADLINE_LABELS[kind] ?? { sv: kind, en: kind };
}
