import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BACKSTOP_PAGES, startCheckpointer } from "./checkpointer";
import { connect, type DB } from "./connect";

describe("WAL checkpoints in a worker thread (checkpointer.ts)", () => {
  let dir: string;
  let file: string;
  const open: DB[] = [];
  const connectTo = (opts: { checkpointInBackground?: boolean } = {}) => {
    const db = connect({ dataDir: dir, ...opts });
    open.push(db);
    return db;
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "spelplan-checkpoint-"));
    file = path.join(dir, "spelplan.sqlite");
  });
  afterEach(async () => {
    for (const db of open.splice(0)) await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const autocheckpoint = async (db: DB) =>
    Number(
      (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]
        .wal_autocheckpoint,
    );

  /** About 400 pages into the log in one transaction: fewer than any automatic checkpoint waits for. */
  const writePages = (db: DB) =>
    db.transaction().execute(async (tx) => {
      await sql`create table filler (id integer primary key, body blob not null)`.execute(tx);
      for (let i = 0; i < 400; i++)
        await sql`insert into filler (body) values (randomblob(3000))`.execute(tx);
    });

  it("copies the log into the database file while the server's connection only writes", async () => {
    const db = connectTo();
    expect(await autocheckpoint(db)).toBe(BACKSTOP_PAGES);
    await writePages(db);
    const before = fs.statSync(file).size;
    // The worker's next tick (every 100 ms) copies the 400 pages; the server's connection would wait for 10,000.
    const deadline = Date.now() + 10_000;
    while (fs.statSync(file).size < before + 400 * 3000 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(fs.statSync(file).size).toBeGreaterThanOrEqual(before + 400 * 3000);
    expect(Number((await sql<{ n: number }>`select count(*) as n from filler`.execute(db)).rows[0].n)).toBe(
      400,
    );
  });

  it("is not started when asked not to, nor for a database in memory: SQLite checkpoints as it would", async () => {
    const db = connectTo({ checkpointInBackground: false });
    expect(await autocheckpoint(db)).toBe(1000);
    await writePages(db);
    const before = fs.statSync(file).size;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(fs.statSync(file).size).toBe(before);

    const memory = connect({ sqliteFile: ":memory:" });
    open.push(memory);
    expect(await autocheckpoint(memory)).toBe(1000);
  });

  it("ends with the database: after destroy() the last connection has closed and removed the log", async () => {
    const db = connectTo();
    await writePages(db);
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    await db.destroy();
    open.splice(open.indexOf(db), 1);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    // Everything written is in the database file.
    const again = connectTo({ checkpointInBackground: false });
    expect(
      Number((await sql<{ n: number }>`select count(*) as n from filler`.execute(again)).rows[0].n),
    ).toBe(400);
  });

  it("lets a process run on after destroy() and end without it, from any folder and as an ES module", () => {
    const connectTs = path.resolve(import.meta.dirname, "connect.ts");
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
    const out = execFileSync(
      process.execPath,
      [
        "--import",
        tsx,
        "--input-type=module",
        "-e",
        `const { connect } = await import(${JSON.stringify(connectTs)});
         const db = connect({ dataDir: ${JSON.stringify(dir)} });
         await db.schema.createTable("t").addColumn("x", "integer").execute();
         await db.destroy();
         const unused = connect({ dataDir: ${JSON.stringify(dir)} });
         await unused.destroy();
         const leftOpen = connect({ dataDir: ${JSON.stringify(dir)} });
         await leftOpen.schema.createTable("u").addColumn("x", "integer").execute();
         console.log("after destroy");`,
      ],
      { cwd: os.tmpdir(), encoding: "utf8", stdio: "pipe", timeout: 30_000 },
    );
    expect(out.trim()).toBe("after destroy");
  });

  it("reports a worker that cannot open its file, and stops cleanly after it", async () => {
    const errors: Error[] = [];
    const c = startCheckpointer(path.join(dir, "missing", "spelplan.sqlite"), {
      onError: (e) => errors.push(e),
    });
    const deadline = Date.now() + 10_000;
    while (errors.length === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(errors).toHaveLength(1);
    expect(await c.checkpointNow()).toEqual({ log: -1, checkpointed: -1 });
    await c.stop();
  });

  it("checkpoints on request, with what the log held", async () => {
    const db = connectTo({ checkpointInBackground: false });
    await writePages(db);
    const c = startCheckpointer(file, { intervalMs: 60_000 });
    try {
      const r = await c.checkpointNow();
      expect(r.log).toBeGreaterThanOrEqual(400);
      expect(r.checkpointed).toBe(r.log);
    } finally {
      await c.stop();
    }
  });
});
