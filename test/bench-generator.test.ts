import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate, type Manifest } from "../bench/generate";
import { connect, type DB } from "../src/server/db/connect";
import { migrateToLatest } from "../src/server/db/migrate";
import { verifyAllStreams } from "../src/server/modules/events/event-log";

/**
 * The benchmark's synthetic country (bench/generate.ts) is loaded in bulk, beside the app's code; what the bench
 * measures is only meaningful if the result is a database the app itself could have written.
 */
describe("the benchmark's data generator", () => {
  let dir: string;
  let db: DB;
  let manifest: Manifest;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "spelplan-gen-test-"));
    manifest = await generate({
      scale: 300,
      dataDir: dir,
      quiet: true,
      now: new Date("2026-11-28T10:00:00Z"),
    });
    db = connect({ dataDir: dir });
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
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
    const schemaOf = async (d: DB) =>
      (
        await sql<{ type: string; name: string; sql: string | null }>`
          select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name`.execute(
          d,
        )
      ).rows;
    const fresh = connect({ sqliteFile: ":memory:" });
    try {
      await migrateToLatest(fresh);
      expect(await schemaOf(db)).toEqual(await schemaOf(fresh));
    } finally {
      await fresh.destroy();
    }
  });
});
