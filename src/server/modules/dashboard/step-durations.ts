import { sql } from "kysely";
import { CERTIFICATION_STEPS, type CertificationStep } from "../../../domain/certification/steps";
import type { Executor } from "../../db/connect";
import { isPostgres } from "../../db/dialect";

/**
 * How long cases stay in each step, from the case event log: a case enters a state with `case.opened`
 * (payload.state) or an action event whose payload moves it (`from` → `to`), and leaves it with the next
 * such event. Only stays that ended within the window count; the median is taken per step.
 */

export interface TransitionEvent {
  caseId: string;
  seq: number;
  occurredAt: string;
  /** The state before the event (null for case.opened). */
  from: string | null;
  /** The state after the event. */
  to: string | null;
}

export interface StepDuration {
  step: CertificationStep;
  /** Median whole days (rounded to one decimal), null when no stay ended in the window. */
  medianDays: number | null;
  /** Stays that ended in the window. */
  count: number;
}

const DAY_MS = 86_400_000;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Pure: the stays per step that ended at or after `since`, from events ordered by case and seq. */
export function stepStays(events: readonly TransitionEvent[], since: string): Map<string, number[]> {
  const stays = new Map<string, number[]>();
  let caseId: string | null = null;
  let state: string | null = null;
  let enteredAt = 0;
  for (const e of events) {
    const at = Date.parse(e.occurredAt);
    if (e.caseId !== caseId) {
      caseId = e.caseId;
      state = null;
    }
    if (e.from === null) {
      // case.opened: the first state.
      state = e.to;
      enteredAt = at;
      continue;
    }
    if (e.to === null || e.from === e.to) continue;
    const left = state ?? e.from;
    if (state !== null && e.occurredAt >= since) {
      stays.set(left, [...(stays.get(left) ?? []), (at - enteredAt) / DAY_MS]);
    }
    state = e.to;
    enteredAt = at;
  }
  return stays;
}

export function summarise(stays: Map<string, number[]>): StepDuration[] {
  return CERTIFICATION_STEPS.map((step) => {
    const values = stays.get(step) ?? [];
    const m = median(values);
    return { step, medianDays: m === null ? null : Math.round(m * 10) / 10, count: values.length };
  });
}

/** Action events that never move a case (their payloads can be large): left out of the read. */
const NON_TRANSITIONS = [
  "case.saveApplicationDraft",
  "case.recordSteeringGroupApproval",
  "case.assignReviewers",
  "case.saveProtocol",
  "case.recordPhoneMeeting",
  "case.recordDecisionBasis",
  "case.recordDecision",
  "case.grantPostponement",
];

/**
 * Reads only what is needed: the certification cases with an event in the window (events_occurred index),
 * then their state-changing events (the stream index), with `from`/`to`/`state` extracted in SQL so the
 * payloads never leave the database.
 */
export async function stepDurations(db: Executor, since: string): Promise<StepDuration[]> {
  const pg = isPostgres(db);
  const field = (name: string) =>
    pg
      ? sql<string | null>`(payload::json ->> ${name})`
      : sql<string | null>`json_extract(payload, ${`$.${name}`})`;
  const rows = await db
    .selectFrom("events")
    .select(["stream_id", "seq", "occurred_at", "type"])
    .select([field("from").as("from_state"), field("to").as("to_state"), field("state").as("opened_state")])
    .where("stream_type", "=", "case")
    .where("type", "like", "case.%")
    .where("type", "not in", NON_TRANSITIONS)
    .where("stream_id", "in", (eb) =>
      eb
        .selectFrom("events as recent")
        .innerJoin("cases", "cases.id", "recent.stream_id")
        .select("recent.stream_id")
        .where("recent.stream_type", "=", "case")
        .where("recent.occurred_at", ">=", since)
        .where("cases.process", "=", "certification"),
    )
    .orderBy("stream_id")
    .orderBy("seq")
    .execute();
  const events: TransitionEvent[] = rows.map((r) =>
    r.type === "case.opened"
      ? { caseId: r.stream_id, seq: r.seq, occurredAt: r.occurred_at, from: null, to: r.opened_state }
      : { caseId: r.stream_id, seq: r.seq, occurredAt: r.occurred_at, from: r.from_state, to: r.to_state },
  );
  return summarise(stepStays(events, since));
}
