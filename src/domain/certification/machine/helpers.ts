/** Small pure helpers of the rules and the record updates. */
import type { ActionName, ActionPayloads } from "../actions";
import type { IsoDate } from "../deadlines";
import { failure, type PreconditionFailure } from "../failures";
import type { CaseRecord, DeadlineRecord } from "../record";
import { type CaseKind, DEADLINE_KINDS, type DeadlineKind } from "../steps";
import type { CertificationEvent, EventOf } from "./types";

// ---- helpers ---------------------------------------------------------------------------------------

/** The payload of `event` when it is the named action and not a probe. */
export function payloadOf<A extends ActionName>(
  event: CertificationEvent,
  action: A,
): ActionPayloads[A] | undefined {
  if (event.probe || event.type !== action) return undefined;
  return (event as EventOf<A>).payload;
}

export function notInFuture(field: string, date: IsoDate, today: IsoDate): PreconditionFailure[] {
  return date > today ? [failure("date.in_future", { field, date, today })] : [];
}

export function notBefore(field: string, date: IsoDate, earliest: IsoDate): PreconditionFailure[] {
  return date < earliest ? [failure("date.too_early", { field, date, earliest })] : [];
}

export function mergeByCriterion<T extends { criterionNumber: number }>(
  existing: readonly T[],
  updates: readonly T[],
): T[] {
  const byNumber = new Map(existing.map((item) => [item.criterionNumber, item]));
  for (const item of updates) byNumber.set(item.criterionNumber, item);
  return [...byNumber.values()].sort((a, b) => a.criterionNumber - b.criterionNumber);
}

export function missingCriteria(criteria: readonly number[], present: Iterable<number>): number[] {
  const have = new Set(present);
  return criteria.filter((n) => !have.has(n));
}

export function unknownCriteria(criteria: readonly number[], numbers: readonly number[]): number[] {
  return [...new Set(numbers.filter((n) => !criteria.includes(n)))].sort((a, b) => a - b);
}

export function duplicates<T>(values: readonly T[]): T[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

export function requiredSupplementIds(record: CaseRecord): string[] {
  return (record.protocol?.findings ?? []).flatMap((f) => f.requiredSupplements.map((s) => s.id));
}

export function openDeadlineKinds(record: CaseRecord): DeadlineKind[] {
  return DEADLINE_KINDS.filter((kind) => {
    const deadline = record.deadlines[kind];
    return deadline !== undefined && deadline.closedOn === undefined;
  });
}

export function newDeadline(dueDate: IsoDate, setOn: IsoDate): DeadlineRecord {
  return { dueDate, setOn, postponements: [] };
}

export function closeDeadline(
  deadlines: CaseRecord["deadlines"],
  kind: DeadlineKind,
  closedOn: IsoDate,
): CaseRecord["deadlines"] {
  const deadline = deadlines[kind];
  if (!deadline || deadline.closedOn !== undefined) return deadlines;
  return { ...deadlines, [kind]: { ...deadline, closedOn } };
}

/** A copy without keys whose value is undefined, so the stored JSON has no holes. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function certificationYears(kind: CaseKind): 3 | 5 {
  return kind === "recertification" ? 5 : 3;
}
