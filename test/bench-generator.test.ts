import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { generate, type Manifest } from "../bench/generate";
import { connect, type DB } from "../src/server/db/connect";
import { migrateToLatest } from "../src/server/db/migrate";
import { verifyAllStreams } from "../src/server/modules/events/event-log";
import { describeEachEngine, type Engine } from "./support/db";
import { tempPgDatabase } from "./support/process";

/** Where a generated (or a freshly migrated) database lives, for either engine. */
interface Target {
  opts: { dataDir?: string; databaseUrl?: string };
  drop(): Promise<void>;
}

async function target(engine: Engine): Promise<Target> {
  if (engine === "postgres") {
    const pg = await tempPgDatabase();
    return { opts: { databaseUrl: pg.url }, drop: () => pg.drop() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spelplan-gen-test-"));
  return { opts: { dataDir: dir }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The schema as the engine describes it: tables, columns, indexes (and SQLite's own text of each). */
async function schemaOf(d: DB, engine: Engine) {
  if (engine === "sqlite") {
    return (
      await sql<{ type: string; name: string; sql: string | null }>`
        select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name`.execute(
        d,
      )
    ).rows;
  }
  const columns = await sql<{
    table_name: string;
    column_name: string;
    data_type: string;
    is_nullable: string;
  }>`
    select table_name, column_name, data_type, is_nullable from information_schema.columns
    where table_schema = 'public' order by table_name, column_name`.execute(d);
  const indexes = await sql<{ tablename: string; indexname: string; indexdef: string }>`
    select tablename, indexname, indexdef from pg_indexes where schemaname = 'public'
    order by tablename, indexname`.execute(d);
  return { columns: columns.rows, indexes: indexes.rows };
}

/**
 * The benchmark's synthetic country (bench/generate.ts) is loaded in bulk, beside the app's code; what the bench
 * measures is only meaningful if the result is a database the app itself could have written.
 */
describeEachEngine("the benchmark's data generator", (engine) => {
  let where: Target;
  let db: DB;
  let manifest: Manifest;
  beforeAll(async () => {
    where = await target(engine);
    manifest = await generate({
      scale: 300,
      ...where.opts,
      quiet: true,
      now: new Date("2026-11-28T10:00:00Z"),
    });
    db = connect(where.opts);
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
    await where?.drop();
  });

  it("writes the cases and events it reports", async () => {
    const count = async (table: "cases" | "events") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count("cases")).toBe(300);
    expect(manifest.counts.cases).toBe(300);
    expect(await count("events")).toBe(manifest.counts.events);
    expect(manifest.counts.events).toBeGreaterThan(300 * 20);
  });

  it("fills the read models the transitions keep: each case on a meeting is on that meeting's agenda", async () => {
    const onMeetings = await db
      .selectFrom("cases")
      .select(["board_meeting_id", "id"])
      .where("board_meeting_id", "is not", null)
      .orderBy("id")
      .execute();
    expect(onMeetings.length).toBeGreaterThan(0);
    const placements = await db
      .selectFrom("meeting_placements")
      .select(["board_meeting_id", "case_id as id"])
      .orderBy("case_id")
      .execute();
    expect(placements).toEqual(onMeetings);
  });

  it("writes every stream's events as a hash chain that log:verify accepts", async () => {
    const report = await verifyAllStreams(db);
    expect(report.broken).toEqual([]);
    expect(report.events).toBe(manifest.counts.events);
  });

  it("leaves the schema exactly as the migrations make it (the indexes dropped for the load are back)", async () => {
    const other = await target(engine);
    const fresh = connect(other.opts);
    try {
      await migrateToLatest(fresh);
      const generated = await schemaOf(db, engine);
      expect(generated).toEqual(await schemaOf(fresh, engine));
      expect(JSON.stringify(generated)).toContain("events");
    } finally {
      await fresh.destroy();
      await other.drop();
    }
  });

  it("reports the engine it wrote to", () => {
    expect(manifest.engine).toBe(engine);
  });
});
