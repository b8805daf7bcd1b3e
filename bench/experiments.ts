/**
 * Bench-only experiments behind the changes: the server's own read paths called in process against a generated
 * database, each beside a variant that changes one thing — a statement cache, or the implementation the server
 * had before a change (bench-only copies kept here), so the report shows before and after on the same data.
 */
import { sql } from "kysely";
import type { Principal } from "../src/domain/access";
import { addCalendarMonths, stockholmDate } from "../src/domain/certification/deadlines";
import { availableActions } from "../src/domain/certification/machine";
import { type CaseState, STATE_LABELS, stepNumber } from "../src/domain/certification/steps";
import { connect, type DB } from "../src/server/db/connect";
import { listCases } from "../src/server/modules/cases/case-list";
import { actorFactsOf, caseFactsOf, criteriaNumbersOf, scopeOf } from "../src/server/modules/cases/facts";
import {
  findCaseForPrincipal,
  presentCase,
  presentSummary,
  scoped,
  tasksFor,
} from "../src/server/modules/cases/repository";
import { loadDashboard } from "../src/server/modules/dashboard/repository";
import { connectSqliteBench, sqliteCounters } from "./engine";
import type { Manifest } from "./generate";

export interface Experiment {
  name: string;
  current: { label: string; ms: number; statements?: number; rows?: number };
  variant: { label: string; ms: number; statements?: number; rows?: number };
  /** variant ÷ current time. */
  ratio: number;
}

async function time(iterations: number, f: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < (iterations >= 10 ? 5 : 1); i++) await f();
  const t = performance.now();
  for (let i = 0; i < iterations; i++) await f();
  return Math.round(((performance.now() - t) / iterations) * 1000) / 1000;
}

/** Statements a call runs, counted on the bench connection. */
async function statements(f: () => Promise<unknown>): Promise<number> {
  const before = sqliteCounters.prepares;
  await f();
  return sqliteCounters.prepares - before;
}

export async function runExperiments(opts: {
  dataDir: string;
  manifest: Manifest;
  iterations: number;
  log: (m: string) => void;
}): Promise<Experiment[]> {
  const plain = connect({ dataDir: opts.dataDir });
  const counted = connectSqliteBench(opts.dataDir, false);
  const out: Experiment[] = [];
  try {
    const now = new Date();
    const today = stockholmDate(now);
    const principal = async (db: DB, email: string): Promise<Principal> => {
      const u = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
      return {
        id: u.id,
        role: u.role as "secretariat",
        regionId: u.region_id,
        localCollegeId: u.local_college_id,
      };
    };
    const secretariat = await principal(plain, opts.manifest.users.secretariat[0]);
    const reviewer = await principal(plain, opts.manifest.busiestReviewer.email);
    const ids = (
      await plain.selectFrom("cases").select("id").orderBy(sql`random()`).limit(200).execute()
    ).map((r) => r.id);
    let next = 0;
    const caseId = () => ids[next++ % ids.length];
    /** The cases a principal sees, every column (the record too) and the region's name, as reads were before. */
    const everyColumn = (db: DB, p: Principal) =>
      scoped(
        db
          .selectFrom("cases")
          .innerJoin("regions", "regions.id", "cases.region_id")
          .selectAll("cases")
          .select("regions.name as region_name"),
        p,
      );
    const n = opts.iterations;

    // (a) the case page, with and without a statement cache.
    const page = (db: DB) => async () => {
      const row = await findCaseForPrincipal(db, secretariat, caseId());
      if (row) await presentCase(db, secretariat, row, now);
    };
    out.push({
      name: "(a) case page: findCaseForPrincipal + presentCase",
      current: {
        label: "every statement prepared anew (Kysely's SQLite driver as it comes)",
        ms: await time(n, page(counted)),
        statements: await statements(page(counted)),
      },
      variant: {
        label: "statements cached per SQL text (connect.ts since a26aa4c)",
        ms: await time(n, page(plain)),
      },
      ratio: 0,
    });

    // (b) the busiest reviewer's tasks (the first page, as GET /api/tasks answers): as the server does it (stored
    // enabled_actions, no record read) and as it did before 9255ba4 (every column including the record, the
    // process definition replayed per row), over as many rows as a page.
    const firstPage = { page: 1, pageSize: 50 };
    const tasksReplayed = async (db: DB, limit = firstPage.pageSize, sqlOnly = false) => {
      const rows = await everyColumn(db, reviewer)
        .where("cases.closed_at", "is", null)
        .where("cases.awaiting_roles", "like", `%|${reviewer.role}|%`)
        .orderBy("cases.next_due_date")
        .orderBy("cases.state_since")
        .limit(limit)
        .execute();
      if (sqlOnly) return rows;
      const tasks = [];
      for (const row of rows) {
        const actor = actorFactsOf(reviewer, scopeOf(row, [reviewer.id]));
        const facts = caseFactsOf(row, await criteriaNumbersOf(db, row.criteria_set_id));
        const actions = availableActions({
          processVersion: row.process_version,
          facts,
          actor,
          world: { today, users: {} },
        });
        if (actions.length === 0) continue;
        tasks.push({
          caseId: row.id,
          state: row.state,
          stateLabel: STATE_LABELS[row.state as CaseState],
          stepNumber: stepNumber(row.state as CaseState),
          actions,
          dueDate: row.next_due_date,
          overdue: row.next_due_date !== null && row.next_due_date < today,
        });
      }
      return tasks;
    };
    const nB = Math.max(3, Math.round(n / 5));
    const rowsB = (await tasksFor(plain, reviewer, now, firstPage)).items.length;
    const tasksMs = await time(nB, () => tasksFor(plain, reviewer, now, firstPage));
    out.push({
      name: "(b) GET /api/tasks of the busiest reviewer: tasksFor",
      current: {
        label: "stored enabled_actions narrowed per actor, no record read",
        ms: tasksMs,
        statements: await statements(() => tasksFor(counted, reviewer, now, firstPage)),
        rows: rowsB,
      },
      variant: {
        label: "before 9255ba4: record read, process definition replayed per row",
        ms: await time(nB, () => tasksReplayed(plain)),
      },
      ratio: 0,
    });
    out.push({
      name: "(b) tasksFor: its SQL alone (what is left is SQLite reading the reviewer's cases)",
      current: { label: "tasksFor", ms: tasksMs, rows: rowsB },
      variant: {
        label: `the SQL query alone, every column (up to ${firstPage.pageSize} rows, by the old query)`,
        ms: await time(nB, () => tasksReplayed(plain, firstPage.pageSize, true)),
      },
      ratio: 0,
    });

    // (d) the case list: as the server does it, and with every column (the record too).
    const listQuery = {
      step: "protocol" as const,
      page: 1,
      pageSize: 25,
      overdue: undefined,
      open: undefined,
    };
    const listWithRecord = async (db: DB) => {
      const q = everyColumn(db, secretariat).where("cases.state", "=", "protocol");
      const total = await q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirst();
      const rows = await q.orderBy("cases.updated_at", "desc").orderBy("cases.id").limit(25).execute();
      return { items: rows.map((r) => presentSummary(r, now)), total: Number(total?.n ?? 0) };
    };
    out.push({
      name: "(d) GET /api/cases?step=protocol: listCases",
      current: {
        label: "listed columns only",
        ms: await time(n, () => listCases(plain, secretariat, listQuery as never, now)),
        statements: await statements(() => listCases(counted, secretariat, listQuery as never, now)),
      },
      variant: { label: "every column, the record too", ms: await time(n, () => listWithRecord(plain)) },
      ratio: 0,
    });

    // (c) the dashboard: as the server does it, and the two reads it replaced in 9255ba4.
    const dashN = 3;
    out.push({
      name: "(c) GET /api/dashboard: loadDashboard",
      current: {
        label: "counters kept by the transitions, indexed lists",
        ms: await time(dashN * 5, () => loadDashboard(plain, today)),
        statements: await statements(() => loadDashboard(counted, today)),
      },
      variant: {
        label: "before 9255ba4: step durations from the events of every recently active case (alone)",
        ms: await time(1, () =>
          stepDurationsFromEvents(plain, `${addCalendarMonths(today, -12)}T00:00:00.000Z`),
        ),
      },
      ratio: 0,
    });
    out.push({
      name: "(c) dashboard: open cases per step",
      current: {
        label: "case_state_counts",
        ms: await time(dashN * 5, () => plain.selectFrom("case_state_counts").selectAll().execute()),
      },
      variant: {
        label: "before 9255ba4: group by over the open cases",
        ms: await time(dashN, () =>
          plain
            .selectFrom("cases")
            .select(["process", "state"])
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("closed_at", "is", null)
            .groupBy(["process", "state"])
            .execute(),
        ),
      },
      ratio: 0,
    });
    for (const e of out)
      e.ratio = e.current.ms > 0 ? Math.round((e.variant.ms / e.current.ms) * 1000) / 1000 : 0;
    for (const e of out) opts.log(`  ${e.name}: ${e.current.ms} ms → ${e.variant.ms} ms`);
  } finally {
    await plain.destroy();
    await counted.destroy();
  }
  return out;
}

/** The dashboard's step durations as computed before 9255ba4 (a bench-only copy): from the case events. */
async function stepDurationsFromEvents(db: DB, since: string): Promise<number> {
  const rows = await db
    .selectFrom("events")
    .select(["stream_id", "seq", "occurred_at", "type"])
    .select([
      sql<string | null>`json_extract(payload, '$.from')`.as("from_state"),
      sql<string | null>`json_extract(payload, '$.to')`.as("to_state"),
      sql<string | null>`json_extract(payload, '$.state')`.as("opened_state"),
    ])
    .where("stream_type", "=", "case")
    .where("type", "like", "case.%")
    .where("type", "not in", [
      "case.saveApplicationDraft",
      "case.recordSteeringGroupApproval",
      "case.assignReviewers",
      "case.saveProtocol",
      "case.recordPhoneMeeting",
      "case.recordDecisionBasis",
      "case.recordDecision",
      "case.grantPostponement",
    ])
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
  const stays = new Map<string, number[]>();
  let caseId: string | null = null;
  let state: string | null = null;
  let enteredAt = 0;
  for (const r of rows) {
    const at = Date.parse(r.occurred_at);
    if (r.stream_id !== caseId) {
      caseId = r.stream_id;
      state = null;
    }
    if (r.type === "case.opened") {
      state = r.opened_state;
      enteredAt = at;
      continue;
    }
    if (r.to_state === null || r.from_state === r.to_state) continue;
    if (state !== null && r.occurred_at >= since) {
      const list = stays.get(state) ?? [];
      list.push((at - enteredAt) / 86_400_000);
      stays.set(state, list);
    }
    state = r.to_state;
    enteredAt = at;
  }
  for (const list of stays.values()) list.sort((a, b) => a - b);
  return stays.size;
}
