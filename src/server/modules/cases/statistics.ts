import { sql } from "kysely";
import { monthOf, stayBucket, stayDays } from "../../../domain/case-statistics";
import type { DB, Executor } from "../../db/connect";
import { isPostgres } from "../../db/dialect";
import { fields, prepared } from "../../db/prepared";
import type { Database, Row } from "../../db/schema";
import { processOf } from "./processes";

/**
 * Case statistics kept in the transaction of every transition (the dashboard reads them instead of scanning
 * cases and events): open cases per state, and each finished stay in a state counted by the month it ended and
 * its length (domain/case-statistics.ts). Both can be rebuilt from the cases and the event log.
 */

export interface CaseStatisticsChange {
  process: string;
  /** The case before the action; null for a case just opened. */
  before: { state: string; open: boolean; since: string } | null;
  after: { state: string; open: boolean };
  /** When the action happened (ISO). */
  at: string;
}

export async function recordCaseStatistics(db: Executor, change: CaseStatisticsChange): Promise<void> {
  const { process, before, after } = change;
  const deltas = new Map<string, number>();
  const add = (state: string, d: number) => deltas.set(state, (deltas.get(state) ?? 0) + d);
  if (before?.open) add(before.state, -1);
  if (after.open) add(after.state, 1);
  // Rows are updated in one order (by state), so two transactions never wait for each other in a circle.
  for (const [state, n] of [...deltas].filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b))) {
    await addOpen.all(db, { process, state, n });
  }
  if (before && before.state !== after.state) {
    await addStay.all(db, {
      process,
      state: before.state,
      month: monthOf(change.at),
      bucket: stayBucket(stayDays(before.since, change.at)),
      n: 1,
    });
  }
}

const addOpen = prepared<Row<"case_state_counts">, never, Database>((db, a) =>
  db
    .insertInto("case_state_counts")
    .values(fields(a, ["process", "state", "n"]))
    .onConflict((oc) =>
      oc.columns(["process", "state"]).doUpdateSet({ n: sql<number>`case_state_counts.n + excluded.n` }),
    ),
);

const addStay = prepared<Row<"step_stay_counts">, never, Database>((db, a) =>
  db
    .insertInto("step_stay_counts")
    .values(fields(a, ["process", "state", "month", "bucket", "n"]))
    .onConflict((oc) =>
      oc
        .columns(["process", "month", "state", "bucket"])
        .doUpdateSet({ n: sql<number>`step_stay_counts.n + excluded.n` }),
    ),
);

type StayCount = Row<"step_stay_counts">;

async function addStays(db: Executor, rows: StayCount[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("step_stay_counts")
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(["process", "month", "state", "bucket"])
        .doUpdateSet({ n: sql<number>`step_stay_counts.n + excluded.n` }),
    )
    .execute();
}

/** Action events that never move a case: left out of the rebuild's read. */
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

const EVENT_BATCH = 20_000;
const CASE_BATCH = 500;

/**
 * Recomputes the statistics from the cases and the event log (a case enters a state with `case.opened` or an
 * action event whose payload moves it `from` → `to`, and leaves it with the next such event), and fills
 * `cases.enabled_actions` where a case has none yet. Runs in the caller's transaction.
 */
export async function rebuildCaseStatistics(
  db: Executor,
  opts: { eventBatch?: number } = {},
): Promise<{ openCases: number; stays: number }> {
  const eventBatch = opts.eventBatch ?? EVENT_BATCH;
  await db.deleteFrom("case_state_counts").execute();
  await sql`insert into case_state_counts (process, state, n)
    select process, state, count(*) from cases where closed_at is null group by process, state`.execute(db);
  await db.deleteFrom("step_stay_counts").execute();

  const pg = isPostgres(db);
  const field = (name: string) =>
    pg
      ? sql<string | null>`(events.payload::json ->> ${name})`
      : sql<string | null>`json_extract(events.payload, ${`$.${name}`})`;
  const counts = new Map<string, StayCount>();
  let stays = 0;
  // Events in (case, seq) order, a batch at a time. The position is kept as (case, seq): the next batch first
  // finishes the case it stopped in, then goes on with the cases after it — each an index range, never a scan
  // from the start (a row comparison would not use the index on SQLite).
  let at: { caseId: string; seq: number } = { caseId: "", seq: 0 };
  let current: { id: string; state: string | null; since: string } = { id: "", state: null, since: "" };
  const transitions = () =>
    db
      .selectFrom("events")
      .innerJoin("cases", "cases.id", "events.stream_id")
      .select(["events.stream_id", "events.seq", "events.occurred_at", "events.type", "cases.process"])
      .select([field("from").as("from_state"), field("to").as("to_state"), field("state").as("opened_state")])
      .where("events.stream_type", "=", "case")
      .where("events.type", "like", "case.%")
      .where("events.type", "not in", NON_TRANSITIONS)
      .orderBy("events.stream_id")
      .orderBy("events.seq")
      .limit(eventBatch);
  for (;;) {
    let rows =
      at.seq > 0
        ? await transitions()
            .where("events.stream_id", "=", at.caseId)
            .where("events.seq", ">", at.seq)
            .execute()
        : [];
    if (rows.length < eventBatch) {
      const rest = await transitions()
        .where("events.stream_id", ">", at.caseId)
        .limit(eventBatch - rows.length)
        .execute();
      rows = [...rows, ...rest];
    }
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.stream_id !== current.id) current = { id: r.stream_id, state: null, since: "" };
      if (r.type === "case.opened") {
        current.state = r.opened_state;
        current.since = r.occurred_at;
        continue;
      }
      if (r.to_state === null || r.from_state === r.to_state) continue;
      const left = current.state ?? r.from_state;
      if (current.state !== null && left !== null) {
        const row: StayCount = {
          process: r.process,
          state: left,
          month: monthOf(r.occurred_at),
          bucket: stayBucket(stayDays(current.since, r.occurred_at)),
          n: 1,
        };
        const key = `${row.process}|${row.state}|${row.month}|${row.bucket}`;
        const seen = counts.get(key);
        if (seen) seen.n += 1;
        else counts.set(key, row);
        stays += 1;
      }
      current.state = r.to_state;
      current.since = r.occurred_at;
    }
    const tail = rows[rows.length - 1];
    at = { caseId: tail.stream_id, seq: tail.seq };
    if (rows.length < eventBatch) break;
  }
  const all = [...counts.values()];
  for (let i = 0; i < all.length; i += CASE_BATCH) await addStays(db, all.slice(i, i + CASE_BATCH));

  // A certification case in a final state allows nothing; the others are derived from their process.
  await db
    .updateTable("cases")
    .set({ enabled_actions: "" })
    .where("enabled_actions", "is", null)
    .where("process", "=", "certification")
    .where("closed_at", "is not", null)
    .execute();
  for (;;) {
    const rows = await db
      .selectFrom("cases")
      .selectAll()
      .where("enabled_actions", "is", null)
      .orderBy("id")
      .limit(CASE_BATCH)
      .execute();
    for (const row of rows) {
      const derived = await processOf(row).derive(db, row, row.state, JSON.parse(row.record));
      await db
        .updateTable("cases")
        .set({ enabled_actions: derived.enabledActions })
        .where("id", "=", row.id)
        .execute();
    }
    if (rows.length < CASE_BATCH) break;
  }
  return { openCases: await openCaseCount(db), stays };
}

const openInState = prepared<{ state: string }, { n: number }, Database>((db, a) =>
  db
    .selectFrom("case_state_counts")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("n"), sql<number>`0`).as("n"))
    .where("state", "=", a.state),
);

const openInAll = prepared<Record<string, never>, { n: number }, Database>((db) =>
  db
    .selectFrom("case_state_counts")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("n"), sql<number>`0`).as("n")),
);

/** Open cases from the counters: those in one state (of every process), or all of them. */
export async function openCaseCount(db: Executor, state?: string): Promise<number> {
  const row = state === undefined ? await openInAll.first(db, {}) : await openInState.first(db, { state });
  return Number(row?.n ?? 0);
}

const READ_MODEL = "caseStatistics";

/**
 * Builds the statistics once after the migration that added them (the server calls this at start). Safe with
 * several processes starting at once: the first to flip the marker builds, in the same transaction.
 */
export async function ensureCaseStatistics(db: DB): Promise<boolean> {
  const marker = await db
    .selectFrom("read_models")
    .select("version")
    .where("name", "=", READ_MODEL)
    .executeTakeFirst();
  if (!marker || marker.version >= 1) return false;
  return db.transaction().execute(async (tx) => {
    const claimed = await tx
      .updateTable("read_models")
      .set({ version: 1 })
      .where("name", "=", READ_MODEL)
      .where("version", "=", 0)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return false;
    await rebuildCaseStatistics(tx);
    return true;
  });
}
