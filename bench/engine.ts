/**
 * In-process comparisons: Spelplan's use cases driving certification cases through the 13 steps (FULL_PATH,
 * one transaction per action) against bpmn-engine running the same 13 steps as user tasks with its state
 * serialised and saved after each step; and the action throughput against a bare one-row insert loop on the
 * same driver.
 */
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import * as Elements from "bpmn-elements";
import { Engine } from "bpmn-engine";
import BpmnModdle from "bpmn-moddle";
import { Kysely, SqliteDialect, sql } from "kysely";
import serializer, { TypeResolver } from "moddle-context-serializer";
import pg from "pg";
import type { Principal } from "../src/domain/access";
import type { ActionName } from "../src/domain/certification/actions";
import { addCalendarDays, daysUntil, stockholmDate } from "../src/domain/certification/deadlines";
import { applyAction, CERTIFICATION_PROCESS_VERSION, startCase } from "../src/domain/certification/machine";
import { ACTION_RESPONSIBLE, type Role } from "../src/domain/certification/permissions";
import { actorWithRole, validPayloadFor, worldFor } from "../src/domain/certification/test-support";
import { bootstrap } from "../src/server/bootstrap";
import { connect, type DB, type Tx } from "../src/server/db/connect";
import { transact } from "../src/server/db/group-commit";
import { type LocalPostgres, postgresAnswers, startLocalPostgres } from "../src/server/db/local-postgres";
import type { Database } from "../src/server/db/schema";
import { criteriaNumbersOf } from "../src/server/modules/cases/facts";
import { openCertificationCase, performCaseAction } from "../src/server/modules/cases/use-cases";
import { activeCriteriaSet } from "../src/server/modules/registry/criteria";
import * as registry from "../src/server/modules/registry/use-cases";
import { SYSTEM } from "../src/server/seed/demo";
import { FULL_PATH } from "../test/support/cases";
import { ROOT } from "./processes";
import { insertUserRow } from "./user-row";

export interface Rate {
  label: string;
  count: number;
  seconds: number;
  perSecond: number;
}

function rate(label: string, count: number, ms: number): Rate {
  return {
    label,
    count,
    seconds: Math.round(ms) / 1000,
    perSecond: Math.round((count / (ms / 1000)) * 10) / 10,
  };
}

/** `one` again and again, `concurrency` at a time, until `seconds` have passed: how many ran, in how many ms. */
async function repeatFor(
  seconds: number,
  concurrency: number,
  one: () => Promise<unknown>,
): Promise<{ done: number; ms: number }> {
  let done = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await one();
        done += 1;
      }
    }),
  );
  return { done, ms: performance.now() - started };
}

// ---- databases -----------------------------------------------------------------------------------------

const CONFIGURED_PG_ADMIN =
  process.env.SPELPLAN_BENCH_PG ??
  process.env.SPELPLAN_TEST_PG_ADMIN ??
  "postgres://postgres@127.0.0.1:5432/postgres";

let adminUrl: Promise<string | null> | undefined;
let embedded: LocalPostgres | undefined;

/**
 * The PostgreSQL server the benchmark creates its databases on: the machine's (or SPELPLAN_BENCH_PG) when it
 * answers, otherwise an embedded one started once for the run (null when that fails too).
 */
function benchPgAdminUrl(): Promise<string | null> {
  adminUrl ??= (async () => {
    if (await postgresAnswers(CONFIGURED_PG_ADMIN)) return CONFIGURED_PG_ADMIN;
    try {
      embedded = await startLocalPostgres();
      console.log(
        `(no PostgreSQL at ${new URL(CONFIGURED_PG_ADMIN).host}: an embedded one on port ${embedded.port})`,
      );
      return embedded.adminUrl;
    } catch (err) {
      console.warn(`(no PostgreSQL: ${(err as Error).message.split("\n")[0]})`);
      return null;
    }
  })();
  return adminUrl;
}

/** Stops the embedded PostgreSQL, if the run started one. */
export async function stopBenchPostgres(): Promise<void> {
  await embedded?.stop();
  embedded = undefined;
  adminUrl = undefined;
}

/** A fresh PostgreSQL database (null when no server can be had). */
export async function tempPgDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const PG_ADMIN_URL = await benchPgAdminUrl();
  if (!PG_ADMIN_URL) return null;
  const name = `spelplan_bench_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch {
    return null;
  } finally {
    await admin.end().catch(() => {});
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Counts of what a SQLite connection was asked to do (the experiment below). */
export const sqliteCounters = { prepares: 0, compiled: 0 };

/**
 * The experiment behind the statement-cache recommendation: connect.ts's SQLite connection, with
 * better-sqlite3's `prepare` memoised per SQL text (Kysely's SqliteDriver prepares every query anew).
 * `cache: false` only counts, so both runs pay the same bookkeeping.
 */
export function connectSqliteBench(dataDir: string, cache: boolean): DB {
  fs.mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(path.join(dataDir, "spelplan.sqlite"));
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const statements = new Map<string, SQLite.Statement>();
  const database = {
    close: () => sqlite.close(),
    prepare(text: string) {
      sqliteCounters.prepares += 1;
      if (!cache) {
        sqliteCounters.compiled += 1;
        return sqlite.prepare(text);
      }
      let st = statements.get(text);
      // A statement still iterating (a streamed query) cannot be reused: prepare another.
      if (!st || st.busy) {
        sqliteCounters.compiled += 1;
        st = sqlite.prepare(text);
        if (statements.size >= 1000) statements.delete(statements.keys().next().value as string);
        statements.set(text, st);
      }
      return st;
    },
  };
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

// ---- Spelplan: use cases through FULL_PATH ------------------------------------------------------------------

interface World {
  principals: Record<Role, Principal>;
  regionId: string;
  /** Each action of FULL_PATH with its payload, who takes it, and how many days after the start (D2: the board
   * decides on the meeting's day, so time passes to it). */
  payloads: { action: ActionName; payload: unknown; as: Principal; dayOffset: number }[];
}

/** One region, the people of a case, a future board meeting; the payloads of FULL_PATH, computed once. */
async function seedWorld(db: DB, now: Date): Promise<World> {
  await bootstrap(db, { demo: false, now: () => now, newId: () => randomUUID() });
  return db.transaction().execute(async (tx) => {
    const ctx = { db: tx, actor: SYSTEM, now, newId: () => randomUUID(), meta: {} };
    const regionId = await registry.createRegion(ctx, {
      name: `Teknikcollege Benchmark ${randomUUID().slice(0, 8)}`,
      description: "",
      website: null,
      municipalityCodes: [],
    });
    const nowIso = now.toISOString();
    const user = async (role: Role, n: number, regionOf: string | null = null): Promise<Principal> => {
      const id = randomUUID();
      await insertUserRow(tx, {
        id,
        email: `${role}${n}@engine.bench`,
        name: `${role} ${n}`,
        passwordHash: "not-used",
        role,
        regionId: regionOf,
        localCollegeId: null,
        at: nowIso,
      });
      return { id, role, regionId: regionOf, localCollegeId: null };
    };
    const secretariat = await user("secretariat", 1);
    const reviewer1 = await user("reviewer", 1);
    const reviewer2 = await user("reviewer", 2);
    const board = await user("board", 1);
    const regionLead = await user("regionLead", 1, regionId);
    const today = stockholmDate(now);
    const meetingId = randomUUID();
    const meetingDate = addCalendarDays(today, 30);
    await tx
      .insertInto("board_meetings")
      .values({
        id: meetingId,
        date: meetingDate,
        kind: "ordinary",
        title: "Styrelsemöte",
        created_at: nowIso,
        updated_at: nowIso,
      })
      .execute();
    const set = await activeCriteriaSet(tx);
    if (!set) throw new Error("no active criteria set");
    const criteria = await criteriaNumbersOf(tx, set.id);
    const principals = {
      secretariat,
      reviewer: reviewer1,
      board,
      regionLead,
      localLead: regionLead,
      admin: secretariat,
    } as Record<Role, Principal>;
    // The payloads along FULL_PATH, from the pure definition (the same for every instance).
    const options = {
      today,
      reviewerIds: [reviewer1.id, reviewer2.id] as [string, string],
      secretariatIds: [secretariat.id],
      boardMeeting: {
        id: meetingId,
        date: meetingDate,
        kind: "ordinary" as const,
        status: "planned" as const,
      },
    };
    let facts = startCase({
      kind: "newRegion",
      criteriaNumbers: criteria,
      processVersion: CERTIFICATION_PROCESS_VERSION,
    });
    const payloads: World["payloads"] = [];
    for (const action of FULL_PATH) {
      const payload = validPayloadFor(action, facts, options);
      const role = ACTION_RESPONSIBLE[action][0] ?? "secretariat";
      // The day of the step as the tests walk it (the meeting's day once the case is on its agenda).
      const world = worldFor(facts, options);
      const result = applyAction({
        processVersion: CERTIFICATION_PROCESS_VERSION,
        facts,
        actor: { ...actorWithRole(role), userId: principals[role].id },
        world,
        action,
        payload,
      });
      if (!result.ok) throw new Error(`FULL_PATH ${action}: ${result.code}`);
      facts = { ...facts, state: result.state, record: result.record };
      payloads.push({
        action,
        payload,
        as: principals[role],
        dayOffset: -daysUntil(today, new Date(`${world.today}T12:00:00Z`)),
      });
    }
    return { principals, regionId, payloads };
  });
}

async function runInstance(db: DB, w: World, now: Date, groupCommit: boolean): Promise<void> {
  const meta = { ip: "127.0.0.1", userAgent: "spelplan-bench" };
  const newId = () => randomUUID();
  // As the server runs a request's transaction (inTransaction: group commit on SQLite), or one commit each.
  const inTx = <T>(fn: (tx: Tx) => Promise<T>) =>
    groupCommit ? transact(db, fn) : db.transaction().execute(fn);
  const caseId = await inTx((tx) =>
    openCertificationCase(
      { db: tx, actor: w.principals.regionLead, now, newId, meta },
      { kind: "newRegion", regionId: w.regionId },
    ),
  );
  let version = 1;
  for (const p of w.payloads) {
    const at = p.dayOffset === 0 ? now : new Date(now.getTime() + p.dayOffset * 86_400_000);
    await inTx((tx) =>
      performCaseAction(
        { db: tx, actor: p.as, now: at, newId, meta },
        { caseId, action: p.action, payload: p.payload, expectedVersion: version },
      ),
    );
    version += 1;
  }
}

export interface SpelplanRun {
  engine: "sqlite" | "postgres";
  concurrency: number;
  instances: Rate;
  /** performCaseAction calls per second (the opening of each case counted in the time, not as an action). */
  actions: Rate;
  /** With the statement-cache experiment: SQL statements run, and compiled, per instance. */
  queriesPerInstance?: number;
  compiledPerInstance?: number;
}

/** Instances of FULL_PATH one after another (or `concurrency` at a time), for at least `seconds`. */
export async function spelplanInstances(opts: {
  databaseUrl?: string;
  seconds: number;
  concurrency?: number;
  warmup?: number;
  /** SQLite only: the statement-cache experiment (true) or its counting baseline (false). */
  statementCache?: boolean;
  /** Each transaction through `transact`, as the server runs a request's (group commit on SQLite). */
  groupCommit?: boolean;
  /** SQLite: WAL checkpoints in a worker thread (the server's default) or inside the commits. */
  checkpointInBackground?: boolean;
}): Promise<SpelplanRun> {
  const groupCommit = opts.groupCommit ?? false;
  const dir = opts.databaseUrl ? null : tempDir("spelplan-engine-");
  const db =
    dir && opts.statementCache !== undefined
      ? connectSqliteBench(dir, opts.statementCache)
      : connect({
          databaseUrl: opts.databaseUrl,
          dataDir: dir ?? undefined,
          poolSize: 10,
          checkpointInBackground: opts.checkpointInBackground,
        });
  try {
    const now = new Date();
    const w = await seedWorld(db, now);
    for (let i = 0; i < (opts.warmup ?? 3); i++) await runInstance(db, w, now, groupCommit);
    const concurrency = opts.concurrency ?? 1;
    sqliteCounters.prepares = 0;
    sqliteCounters.compiled = 0;
    const { done, ms } = await repeatFor(opts.seconds, concurrency, () =>
      runInstance(db, w, now, groupCommit),
    );
    return {
      engine: opts.databaseUrl ? "postgres" : "sqlite",
      concurrency,
      instances: rate("Spelplan instances (FULL_PATH)", done, ms),
      actions: rate("Spelplan actions", done * w.payloads.length, ms),
      ...(opts.statementCache !== undefined
        ? {
            queriesPerInstance: Math.round(sqliteCounters.prepares / Math.max(1, done)),
            compiledPerInstance: Math.round((sqliteCounters.compiled / Math.max(1, done)) * 10) / 10,
          }
        : {}),
    };
  } finally {
    await db.destroy();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- bpmn-engine ------------------------------------------------------------------------------------------

export const BPMN_FILE = path.join(ROOT, "bench/certification.bpmn");

/** The user tasks of the BPMN definition, in order. */
function userTaskIds(xml: string): string[] {
  return [...xml.matchAll(/<userTask id="([^"]+)"/g)].map((m) => m[1]);
}

export interface BpmnRun {
  instances: Rate;
  steps: Rate;
  /** Size of one serialised state (engine.getState()) after the first step, in bytes. */
  stateBytes: number;
  variant: "in-memory" | "recover-each-step";
}

/**
 * bpmn-engine, instance after instance: execute, then signal each user task in turn; after the start and
 * after every step the engine's state (engine.getState()) is serialised and saved to SQLite in its own
 * transaction. `recover` (variant): each step recovers a new engine from the saved state first, as a server
 * would between two requests.
 */
export async function bpmnInstances(opts: {
  seconds: number;
  recover?: boolean;
  warmup?: number;
}): Promise<BpmnRun> {
  const xml = fs.readFileSync(BPMN_FILE, "utf8");
  const tasks = userTaskIds(xml);
  // Parsed and mapped once, reused by every engine (no XML parsing per instance).
  const moddleContext = await new BpmnModdle().fromXML(xml);
  const sourceContext = serializer(moddleContext as never, TypeResolver({ ...Elements }));
  const dir = tempDir("spelplan-bpmn-");
  const db = connect({ dataDir: dir });
  let stateBytes = 0;
  try {
    await sql`create table bpmn_instances (id text primary key, step integer not null, state text not null,
      updated_at text not null)`.execute(db);
    const save = async (id: string, step: number, state: unknown, first: boolean) => {
      const text = JSON.stringify(state);
      if (!stateBytes && step === 1) stateBytes = text.length;
      const at = new Date().toISOString();
      await db.transaction().execute(async (tx) => {
        if (first)
          await sql`insert into bpmn_instances (id, step, state, updated_at) values (${id}, ${step}, ${text}, ${at})`.execute(
            tx,
          );
        else
          await sql`update bpmn_instances set step = ${step}, state = ${text}, updated_at = ${at} where id = ${id}`.execute(
            tx,
          );
      });
    };
    const load = async (id: string) => {
      const r = await sql<{ state: string }>`select state from bpmn_instances where id = ${id}`.execute(db);
      return JSON.parse(r.rows[0].state);
    };
    const one = async () => {
      const id = randomUUID();
      let engine = new Engine({ name: id, sourceContext });
      let execution = await engine.execute({ listener: new EventEmitter() });
      await save(id, 0, await engine.getState(), true);
      for (const [i, task] of tasks.entries()) {
        if (opts.recover) {
          engine = new Engine({ name: id }).recover(await load(id));
          execution = await engine.resume({ listener: new EventEmitter() });
        }
        const waiting = execution.getPostponed().map((a) => a.id);
        if (!waiting.includes(task))
          throw new Error(`bpmn: expected ${task} to wait, got ${waiting.join(",")}`);
        execution.signal({ id: task, step: i + 1 });
        await save(id, i + 1, await engine.getState(), false);
      }
      if (engine.state !== "idle" || execution.getPostponed().length) {
        throw new Error(`bpmn: instance did not complete (${engine.state})`);
      }
    };
    for (let i = 0; i < (opts.warmup ?? 3); i++) await one();
    const { done, ms } = await repeatFor(opts.seconds, 1, one);
    return {
      instances: rate(`bpmn-engine instances (${tasks.length} user tasks)`, done, ms),
      steps: rate("bpmn-engine steps", done * tasks.length, ms),
      stateBytes,
      variant: opts.recover ? "recover-each-step" : "in-memory",
    };
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---- the bare insert loop ------------------------------------------------------------------------------------

/** One-row inserts, each in its own transaction, through the same Kysely driver as the app. */
export async function bareInsertLoop(opts: {
  databaseUrl?: string;
  seconds: number;
  concurrency?: number;
}): Promise<Rate> {
  const dir = opts.databaseUrl ? null : tempDir("spelplan-bare-");
  const db = connect({ databaseUrl: opts.databaseUrl, dataDir: dir ?? undefined, poolSize: 10 });
  try {
    await sql`create table bench_bare (id text primary key, payload text not null, created_at text not null)`.execute(
      db,
    );
    const payload = JSON.stringify({ action: "recordAnchoring", payload: { completedOn: "2026-11-28" } });
    const insertOne = () =>
      db
        .transaction()
        .execute((tx) =>
          sql`insert into bench_bare (id, payload, created_at) values (${randomUUID()}, ${payload}, ${new Date().toISOString()})`.execute(
            tx,
          ),
        );
    for (let i = 0; i < 200; i++) await insertOne();
    const { done, ms } = await repeatFor(opts.seconds, opts.concurrency ?? 1, insertOne);
    return rate("bare one-row insert transactions", done, ms);
  } finally {
    if (opts.databaseUrl) await sql`drop table if exists bench_bare`.execute(db).catch(() => {});
    await db.destroy();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
