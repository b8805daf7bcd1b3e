import { randomUUID } from "node:crypto";
import { type CompiledQuery, Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { describe } from "vitest";
import { connect, type DB } from "../../src/server/db/connect";
import { ensureDatabase } from "../../src/server/db/local-postgres";
import { migrateToLatest } from "../../src/server/db/migrate";
import type { Database } from "../../src/server/db/schema";
import { loadReferenceData } from "../../src/server/modules/reference/load";
import { SYSTEM, seedCriteria } from "../../src/server/seed/demo";
import { testPgAdminUrl, testPgUrl } from "./pg";

/**
 * Every repository and use-case test runs on both engines: `describeEachEngine("…", (engine) => …)`.
 * SQLite: a fresh in-memory database per test. PostgreSQL: a fresh schema per test in the database of
 * SPELPLAN_TEST_PG (default postgres://postgres@127.0.0.1:5432/spelplan_test, created when missing; an embedded
 * PostgreSQL when nothing answers there, started by pg-global-setup.ts). Without a reachable PostgreSQL that
 * suite is skipped with a notice; SPELPLAN_REQUIRE_PG=1 makes it fail.
 */

export type Engine = "sqlite" | "postgres";

/** The payloads, parsed, of the events of one type logged on one stream, oldest first. */
export async function loggedPayloads(db: DB, streamId: string, type: string): Promise<unknown[]> {
  const rows = await db
    .selectFrom("events")
    .select("payload")
    .where("stream_id", "=", streamId)
    .where("type", "=", type)
    .orderBy("seq")
    .execute();
  return rows.map((r) => JSON.parse(r.payload));
}

/** SQLite's plan of a compiled query, a step a line ("SEARCH cases USING INDEX …", "USE TEMP B-TREE …"). */
export async function queryPlan(db: DB, query: CompiledQuery): Promise<string> {
  const rows = await db.executeQuery<{ detail: string }>({
    ...query,
    sql: `explain query plan ${query.sql}`,
  });
  return rows.rows.map((r) => r.detail).join("\n");
}

const PG_URL = testPgUrl();

let pgAvailable: Promise<boolean> | undefined;

async function ensurePgDatabase(): Promise<boolean> {
  try {
    await ensureDatabase(testPgAdminUrl(), new URL(PG_URL).pathname.slice(1));
    return true;
  } catch {
    return false;
  }
}

export function postgresAvailable(): Promise<boolean> {
  pgAvailable ??= ensurePgDatabase();
  return pgAvailable;
}

export const ENGINES: Engine[] = ["sqlite", "postgres"];

const pgReachable = await postgresAvailable();
if (!pgReachable) {
  if (process.env.SPELPLAN_REQUIRE_PG === "1") {
    throw new Error(`SPELPLAN_REQUIRE_PG=1 but PostgreSQL is not reachable at ${PG_URL}`);
  }
  console.warn(`NOTICE: PostgreSQL not reachable at ${PG_URL}: the PostgreSQL suite is skipped.`);
}

export function describeEachEngine(name: string, fn: (engine: Engine) => void): void {
  for (const engine of ENGINES) {
    const d = engine === "postgres" && !pgReachable ? describe.skip : describe;
    d(`${name} [${engine}]`, () => fn(engine));
  }
}

export interface TestDb {
  db: DB;
  engine: Engine;
  close(): Promise<void>;
}

/** A fresh, migrated database with the reference data and criteria sets. */
export async function freshDb(engine: Engine, opts: { reference?: boolean } = {}): Promise<TestDb> {
  // On a heavily loaded PostgreSQL (several suites in parallel) the setup of a fresh schema has failed now and
  // then ("schema … does not exist" while migrating); a second attempt with a new schema has always worked.
  for (let attempt = 1; ; attempt++) {
    try {
      return await tryFreshDb(engine, opts);
    } catch (err) {
      if (engine === "sqlite" || attempt >= 3) throw err;
      console.warn(`freshDb: PostgreSQL setup failed (${(err as Error).message}); trying again`);
    }
  }
}

async function tryFreshDb(engine: Engine, opts: { reference?: boolean }): Promise<TestDb> {
  let db: DB;
  let cleanup: () => Promise<void>;
  if (engine === "sqlite") {
    db = connect({ sqliteFile: ":memory:" });
    cleanup = async () => db.destroy();
  } else {
    const schema = `t_${randomUUID().replace(/-/g, "").slice(0, 20)}`;
    const setup = new pg.Client({ connectionString: PG_URL });
    await setup.connect();
    await setup.query(`create schema ${schema}`);
    await setup.end();
    const pool = new pg.Pool({ connectionString: PG_URL, max: 5, options: `-c search_path=${schema}` });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    cleanup = async () => {
      await sql.raw(`drop schema if exists ${schema} cascade`).execute(db);
      await db.destroy();
    };
  }
  try {
    await migrateToLatest(db);
    if (opts.reference !== false) {
      await loadReferenceData(db);
      await seedCriteria({
        db,
        actor: SYSTEM,
        now: new Date("2026-01-01T00:00:00Z"),
        newId: randomUUID,
        meta: {},
      });
    }
  } catch (err) {
    await cleanup().catch(() => {});
    throw err;
  }
  return { db, engine, close: cleanup };
}
