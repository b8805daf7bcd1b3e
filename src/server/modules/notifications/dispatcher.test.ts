import { randomUUID } from "node:crypto";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterEach, beforeEach, expect, it } from "vitest";
import { testApp } from "../../../../test/support/app";
import { describeEachEngine, freshDb, type TestDb } from "../../../../test/support/db";
import { testPgUrl } from "../../../../test/support/pg";
import { startSmtpServer, type TestSmtpServer } from "../../../../test/support/smtp";
import { buildApp } from "../../app";
import { loadConfig } from "../../config";
import type { DB } from "../../db/connect";
import type { Database } from "../../db/schema";
import { CLAIM_MS, claimOutbox, dispatchOutbox, drainOutbox, MAX_ATTEMPTS } from "./dispatcher";

const PG_URL = testPgUrl();
const T0 = new Date("2027-03-01T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

async function enqueue(db: DB, n: number, at = T0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const id = randomUUID();
    ids.push(id);
    await db
      .insertInto("outbox")
      .values({
        id,
        kind: "email",
        user_id: null,
        to_address: `mottagare${i}@test.spelplan.se`,
        language: "sv",
        template: "reminder",
        subject: `Påminnelse ${i}`,
        text: `Text ${i}`,
        html: `<p>Text ${i}</p>`,
        case_id: null,
        dedupe_key: null,
        next_attempt_at: at.toISOString(),
        last_error: null,
        created_at: at.toISOString(),
        sent_at: null,
        claimed_by: null,
        claimed_until: null,
      })
      .execute();
  }
  return ids;
}

const rowOf = (db: DB, id: string) =>
  db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describeEachEngine("outbox dispatcher", (engine) => {
  let t: TestDb;
  let smtp: TestSmtpServer;
  beforeEach(async () => {
    t = await freshDb(engine, { reference: false });
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    await smtp.close();
    await t.close();
  });

  it("sends due mail once, with the sender, subject, text and HTML of the row", async () => {
    const [id] = await enqueue(t.db, 1);
    const r = await dispatchOutbox({
      db: t.db,
      transport: smtp.transport(),
      now: T0,
      workerId: "w1",
      from: "Spelplan <noreply@spelplan.test>",
    });
    expect(r).toEqual({ claimed: 1, sent: 1, retried: 0, failed: 0, kept: 0, cancelled: 0 });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatchObject({
      to: ["mottagare0@test.spelplan.se"],
      from: "noreply@spelplan.test",
      subject: "Påminnelse 0",
      text: "Text 0",
      outboxId: id,
    });
    expect(smtp.messages[0].html).toContain("<p>Text 0</p>");
    expect(await rowOf(t.db, id)).toMatchObject({
      status: "sent",
      attempts: 1,
      sent_at: T0.toISOString(),
      claimed_by: null,
    });
    // Nothing more to do: a second pass claims nothing.
    expect(
      (await dispatchOutbox({ db: t.db, transport: smtp.transport(), now: minutes(10), workerId: "w1" }))
        .claimed,
    ).toBe(0);
    expect(smtp.messages).toHaveLength(1);
  });

  it("keeps mail in the database when no SMTP server is configured", async () => {
    const ids = await enqueue(t.db, 3);
    const r = await drainOutbox({ db: t.db, transport: null, now: T0, workerId: "w1" });
    expect(r).toMatchObject({ kept: 3, sent: 0 });
    for (const id of ids) expect((await rowOf(t.db, id)).status).toBe("kept");
  });

  it("does not send before the row is due", async () => {
    const [id] = await enqueue(t.db, 1, minutes(5));
    expect(
      (await dispatchOutbox({ db: t.db, transport: smtp.transport(), now: minutes(4), workerId: "w" }))
        .claimed,
    ).toBe(0);
    expect(
      (await dispatchOutbox({ db: t.db, transport: smtp.transport(), now: minutes(5), workerId: "w" })).sent,
    ).toBe(1);
    expect((await rowOf(t.db, id)).status).toBe("sent");
  });

  it("retries a refused message after 1, 5, 25 and 125 minutes, then gives up", async () => {
    const [id] = await enqueue(t.db, 1);
    smtp.failWhile = () => true;
    const transport = smtp.transport();
    let now = T0;
    const schedule: string[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const r = await dispatchOutbox({ db: t.db, transport, now, workerId: "w" });
      expect(r.claimed, `attempt ${attempt}`).toBe(1);
      const row = await rowOf(t.db, id);
      expect(row.attempts).toBe(attempt);
      expect(row.last_error).toContain("451");
      if (attempt < MAX_ATTEMPTS) {
        expect(row.status).toBe("pending");
        schedule.push(`${(new Date(row.next_attempt_at).getTime() - now.getTime()) / 60_000}`);
        // Not a minute early.
        const early = new Date(new Date(row.next_attempt_at).getTime() - 1000);
        expect((await dispatchOutbox({ db: t.db, transport, now: early, workerId: "w" })).claimed).toBe(0);
        now = new Date(row.next_attempt_at);
      } else {
        expect(row.status).toBe("failed");
      }
    }
    expect(schedule).toEqual(["1", "5", "25", "125"]);
    expect(smtp.refused).toBe(MAX_ATTEMPTS);
    expect(smtp.messages).toHaveLength(0);
    // A failed row is left alone (and shown in the outbox).
    expect(
      (await dispatchOutbox({ db: t.db, transport, now: minutes(100_000), workerId: "w" })).claimed,
    ).toBe(0);
  });

  it("delivers on a later attempt once the server accepts again", async () => {
    const [id] = await enqueue(t.db, 1);
    let refusals = 2;
    smtp.failWhile = () => refusals-- > 0;
    const transport = smtp.transport();
    await dispatchOutbox({ db: t.db, transport, now: T0, workerId: "w" });
    await dispatchOutbox({ db: t.db, transport, now: minutes(1), workerId: "w" });
    await dispatchOutbox({ db: t.db, transport, now: minutes(6), workerId: "w" });
    expect(await rowOf(t.db, id)).toMatchObject({ status: "sent", attempts: 3, last_error: null });
    expect(smtp.messages.map((m) => m.outboxId)).toEqual([id]);
  });

  it("reclaims a claim left by a crashed worker once it expires, and ignores the crashed worker's late word", async () => {
    const [id] = await enqueue(t.db, 1);
    // Worker A claims and "crashes" before sending.
    const claimed = await claimOutbox(t.db, { now: T0, workerId: "A", batch: 10 });
    expect(claimed.map((r) => r.id)).toEqual([id]);
    expect(await rowOf(t.db, id)).toMatchObject({ status: "sending", claimed_by: "A" });
    // While A's claim holds, B leaves the row alone.
    expect(
      (await dispatchOutbox({ db: t.db, transport: smtp.transport(), now: minutes(1), workerId: "B" }))
        .claimed,
    ).toBe(0);
    // After it expires, B takes it over and sends it.
    const later = new Date(T0.getTime() + CLAIM_MS + 1000);
    expect(
      (await dispatchOutbox({ db: t.db, transport: smtp.transport(), now: later, workerId: "B" })).sent,
    ).toBe(1);
    expect(await rowOf(t.db, id)).toMatchObject({ status: "sent", claimed_by: null });
    expect(smtp.messages).toHaveLength(1);
    // A comes back and records a failure: the row is no longer A's, nothing changes.
    const res = await t.db
      .updateTable("outbox")
      .set({ status: "pending" })
      .where("id", "=", id)
      .where("status", "=", "sending")
      .where("claimed_by", "=", "A")
      .executeTakeFirst();
    expect(Number(res.numUpdatedRows)).toBe(0);
  });

  it("runs inside the server when enabled (sending at start, stopping on close), and not in tests", async () => {
    const ids = await enqueue(t.db, 2);
    const idle = await testApp(t.db);
    await idle.close();
    expect((await rowOf(t.db, ids[0])).status).toBe("pending");

    const config = {
      ...loadConfig({}),
      smtpUrl: smtp.url,
      baseUrl: "https://spelplan.test",
      loadDemoData: false,
    };
    const app = await buildApp(
      { db: t.db, config, clock: () => T0, newId: randomUUID },
      { backgroundJobs: true, mailFrom: "Kansliet <kansli@spelplan.test>" },
    );
    await app.ready();
    // Closing waits for the run in progress, then stops the intervals.
    await app.close();
    expect(smtp.messages.map((m) => m.outboxId).sort()).toEqual([...ids].sort());
    expect(smtp.messages[0].from).toBe("kansli@spelplan.test");
    for (const id of ids) expect((await rowOf(t.db, id)).status).toBe("sent");
  });

  it.runIf(engine === "postgres")(
    "two dispatchers with their own connection pools deliver each message exactly once",
    async () => {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0].s;
      const pool = new pg.Pool({ connectionString: PG_URL, max: 5, options: `-c search_path=${schema}` });
      const other = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      try {
        const ids = await enqueue(t.db, 300);
        const [a, b] = await Promise.all([
          drainOutbox({ db: t.db, transport: smtp.transport(), now: T0, workerId: "A", batch: 7 }),
          drainOutbox({ db: other, transport: smtp.transport(), now: T0, workerId: "B", batch: 7 }),
        ]);
        expect(a.sent + b.sent).toBe(300);
        // Both took part.
        expect(a.sent).toBeGreaterThan(0);
        expect(b.sent).toBeGreaterThan(0);
        expect(smtp.messages).toHaveLength(300);
        expect(new Set(smtp.messages.map((m) => m.outboxId))).toEqual(new Set(ids));
        const statuses = await t.db
          .selectFrom("outbox")
          .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
          .groupBy("status")
          .execute();
        expect(statuses.map((s) => [s.status, Number(s.n)])).toEqual([["sent", 300]]);
      } finally {
        await other.destroy();
      }
    },
  );
});
