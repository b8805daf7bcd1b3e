/**
 * Bench-only experiments behind the recommendations: the server's own read paths called in process against
 * a generated database, each beside a variant that changes one thing (a statement cache, "today" computed
 * once per request, a bounded query). No server code changes; the variants are copies kept here.
 */
import { sql } from "kysely";
import type { Principal } from "../src/domain/access";
import { addCalendarMonths, stockholmDate } from "../src/domain/certification/deadlines";
import { availableActions } from "../src/domain/certification/machine";
import { type CaseState, STATE_LABELS, stepNumber } from "../src/domain/certification/steps";
import { connect, type DB } from "../src/server/db/connect";
import { actorFactsOf, caseFactsOf, criteriaNumbersOf, scopeOf } from "../src/server/modules/cases/facts";
import {
  findCaseForPrincipal,
  listCases,
  presentCase,
  presentSummary,
  scoped,
  tasksFor,
} from "../src/server/modules/cases/repository";
import { loadDashboard } from "../src/server/modules/dashboard/repository";
import { stepDurations } from "../src/server/modules/dashboard/step-durations";
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

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** presentSummary with the deadline from calendar-date strings: today is computed once per request. */
function presentSummaryToday(row: Parameters<typeof presentSummary>[0], now: Date, today: string) {
  const base = presentSummary({ ...row, next_due_date: null, next_deadline: null }, now);
  const due = row.next_due_date;
  return {
    ...base,
    nextDeadline:
      due && row.next_deadline
        ? {
            kind: row.next_deadline as "protocol",
            dueDate: due,
            overdue: due < today,
            daysLeft: daysBetween(today, due),
          }
        : null,
  };
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

    // (b) the busiest reviewer's tasks: today once per request instead of once per row.
    const tasksToday = async (db: DB, limit = 500, sqlOnly = false) => {
      const rows = await scoped(
        db
          .selectFrom("cases")
          .innerJoin("regions", "regions.id", "cases.region_id")
          .selectAll("cases")
          .select("regions.name as region_name"),
        reviewer,
      )
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
    const rowsB = (await tasksFor(plain, reviewer, now)).length;
    out.push({
      name: "(b) GET /api/tasks of the busiest reviewer: tasksFor",
      current: {
        label: "stockholmDate(now) per row (in processes.ts available())",
        ms: await time(Math.max(3, Math.round(n / 5)), () => tasksFor(plain, reviewer, now)),
        statements: await statements(() => tasksFor(counted, reviewer, now)),
        rows: rowsB,
      },
      variant: {
        label: "today computed once per request",
        ms: await time(Math.max(3, Math.round(n / 5)), () => tasksToday(plain)),
      },
      ratio: 0,
    });
    const tasksMs = out[out.length - 1].current.ms;
    out.push({
      name: "(b) tasksFor: its SQL alone (the rest is per-row facts and available actions)",
      current: { label: "tasksFor", ms: tasksMs, rows: rowsB },
      variant: {
        label: "the SQL query alone (up to 500 rows)",
        ms: await time(Math.max(3, Math.round(n / 5)), () => tasksToday(plain, 500, true)),
      },
      ratio: 0,
    });
    out.push({
      name: "(b) tasksFor: a first page of 50 tasks",
      current: { label: "tasksFor (up to 500 tasks)", ms: tasksMs, rows: rowsB },
      variant: {
        label: "today once, 50 rows",
        ms: await time(Math.max(3, Math.round(n / 5)), () => tasksToday(plain, 50)),
      },
      ratio: 0,
    });

    // (d) the case list: the deadline of each row without time-zone arithmetic.
    const listFast = async (db: DB) => {
      let q = scoped(
        db
          .selectFrom("cases")
          .innerJoin("regions", "regions.id", "cases.region_id")
          .selectAll("cases")
          .select("regions.name as region_name"),
        secretariat,
      ).where("cases.state", "=", "protocol");
      const total = await q
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirst();
      q = q.orderBy("cases.updated_at", "desc").orderBy("cases.id").limit(25);
      const rows = await q.execute();
      return { items: rows.map((r) => presentSummaryToday(r, now, today)), total: Number(total?.n ?? 0) };
    };
    const listQuery = {
      step: "protocol" as const,
      page: 1,
      pageSize: 25,
      overdue: undefined,
      open: undefined,
    };
    out.push({
      name: "(d) GET /api/cases?step=protocol: listCases",
      current: {
        label: "isOverdue/daysUntil per row (@date-fns/tz)",
        ms: await time(n, () => listCases(plain, secretariat, listQuery as never, now)),
        statements: await statements(() => listCases(counted, secretariat, listQuery as never, now)),
      },
      variant: {
        label: "today once per request, due < today, day difference of two dates",
        ms: await time(n, () => listFast(plain)),
      },
      ratio: 0,
    });

    // (c) the dashboard: the whole, its step durations, and its unbounded expiring list.
    const dashN = 2;
    const dashboardMs = await time(dashN, () => loadDashboard(plain, today));
    const since = `${addCalendarMonths(today, -12)}T00:00:00.000Z`;
    const durationsMs = await time(dashN, () => stepDurations(plain, since));
    out.push({
      name: "(c) GET /api/dashboard: loadDashboard, and its step durations alone",
      current: {
        label: "loadDashboard (step durations kept per process for 10 min since a26aa4c)",
        ms: dashboardMs,
        statements: await statements(() => loadDashboard(counted, today)),
      },
      variant: { label: "stepDurations alone: what the first request every 10 min pays", ms: durationsMs },
      ratio: 0,
    });
    const expiringLimit = addCalendarMonths(today, 6);
    // As loadDashboard reads it (first 100 by valid_to, with the open recertification of each).
    const expiringRows = async (bounded: boolean) => {
      let q = plain
        .selectFrom("certifications")
        .innerJoin("regions", "regions.id", "certifications.region_id")
        .leftJoin("cases as recert", (join) =>
          join
            .onRef("recert.certification_id", "=", "certifications.id")
            .on("recert.kind", "=", "recertification")
            .on("recert.closed_at", "is", null),
        )
        .select(["certifications.id", "certifications.valid_to", "recert.id as recert_id"])
        .where("certifications.status", "=", "certified")
        .where("certifications.valid_to", "<=", expiringLimit);
      if (bounded) q = q.where("certifications.valid_to", ">=", today);
      return q.orderBy("certifications.valid_to").limit(100).execute();
    };
    const expiring = (bounded: boolean) => async () => (await expiringRows(bounded)).length;
    const lapsed = (await expiringRows(false)).filter((r) => r.valid_to < today).length;
    const inForce = await plain
      .selectFrom("certifications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "certified")
      .where("valid_to", ">=", today)
      .where("valid_to", "<=", expiringLimit)
      .executeTakeFirst();
    out.push({
      name: `(c) dashboard 'expiring' list: of the 100 it shows, ${lapsed} lapsed before today; ${Number(inForce?.n ?? 0)} certifications really end within 6 months`,
      current: {
        label: "certified, valid_to ≤ today + 6 months, first 100 by valid_to",
        ms: await time(dashN, expiring(false)),
        rows: await expiring(false)(),
      },
      variant: {
        label: "also valid_to ≥ today",
        ms: await time(dashN, expiring(true)),
        rows: await expiring(true)(),
      },
      ratio: 0,
    });

    // Indexes the dashboard's reads lack, created on the generated database for the measurement and dropped.
    const openCounts = () =>
      plain
        .selectFrom("cases")
        .select(["process", "state"])
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("closed_at", "is", null)
        .groupBy(["process", "state"])
        .execute();
    const beforeCounts = await time(dashN + 1, openCounts);
    const beforeExpiring = await time(dashN, expiring(false));
    const beforeDashboard = await time(dashN, () => loadDashboard(plain, today));
    await sql`create index bench_cases_open on cases (process, state) where closed_at is null`.execute(plain);
    await sql`create index bench_cases_certification on cases (certification_id)`.execute(plain);
    await sql`create index bench_events_recent on events (stream_type, occurred_at, stream_id)`.execute(
      plain,
    );
    try {
      out.push({
        name: "(c) dashboard: open cases per step (where closed_at is null, no index: a scan of every case)",
        current: { label: "no index", ms: beforeCounts },
        variant: {
          label: "partial index cases(process, state) where closed_at is null",
          ms: await time(dashN + 1, openCounts),
        },
        ratio: 0,
      });
      out.push({
        name: "(c) dashboard 'expiring': the open recertification of each certification (cases.certification_id unindexed)",
        current: { label: "no index (SQLite builds an automatic index per request)", ms: beforeExpiring },
        variant: { label: "index cases(certification_id)", ms: await time(dashN, expiring(false)) },
        ratio: 0,
      });
      out.push({
        name: "(c) step durations: the cases active in the window (the subquery reads every case event via (stream_type, stream_id, seq))",
        current: { label: "no index on events(stream_type, occurred_at)", ms: durationsMs },
        variant: {
          label: "index events(stream_type, occurred_at, stream_id)",
          ms: await time(dashN, () => stepDurations(plain, since)),
        },
        ratio: 0,
      });
      out.push({
        name: "(c) loadDashboard with the three indexes (queries unchanged)",
        current: { label: "schema as migrated", ms: beforeDashboard },
        variant: {
          label: "plus the three indexes",
          ms: await time(dashN, () => loadDashboard(plain, today)),
        },
        ratio: 0,
      });
    } finally {
      await sql`drop index bench_cases_open`.execute(plain);
      await sql`drop index bench_cases_certification`.execute(plain);
      await sql`drop index bench_events_recent`.execute(plain);
    }
    for (const e of out)
      e.ratio = e.current.ms > 0 ? Math.round((e.variant.ms / e.current.ms) * 1000) / 1000 : 0;
    for (const e of out) opts.log(`  ${e.name}: ${e.current.ms} ms → ${e.variant.ms} ms`);
  } finally {
    await plain.destroy();
    await counted.destroy();
  }
  return out;
}
