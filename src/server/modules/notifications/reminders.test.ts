import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { login, testApp } from "../../../../test/support/app";
import { actOn, driveAsSecretariat, FULL_PATH, insertBoardMeeting } from "../../../../test/support/cases";
import { describeEachEngine, freshDb, type TestDb } from "../../../../test/support/db";
import { makeRegion, makeUser, type TestUser } from "../../../../test/support/factories";
import { testPgUrl } from "../../../../test/support/pg";
import { startSmtpServer, type TestSmtpServer } from "../../../../test/support/smtp";
import type { Principal } from "../../../domain/access";
import { addCalendarDays } from "../../../domain/certification/deadlines";
import type { DB } from "../../db/connect";
import type { Database } from "../../db/schema";
import { openCertificationCase } from "../cases/use-cases";
import { drainOutbox } from "./dispatcher";
import { reminderMilestone, runReminderScan } from "./reminders";

const PG_URL = testPgUrl();

describe("reminderMilestone", () => {
  const offsets = [14, 3, 0];
  it("gives the latest milestone reached, before and after the due date", () => {
    const table: [number, number | null][] = [
      [30, null],
      [15, null],
      [14, 14],
      [13, 14],
      [4, 14],
      [3, 3],
      [1, 3],
      [0, 0],
      [-1, 0],
      [-6, 0],
      [-7, -7],
      [-13, -7],
      [-14, -14],
      [-70, -70],
    ];
    for (const [daysLeft, want] of table)
      expect(reminderMilestone(daysLeft, offsets), `${daysLeft}`).toBe(want);
  });
  it("skips milestones that had passed when the due date was set", () => {
    // Set 10 days ahead: no "14 days before"; 3, 0 and the weekly ones follow.
    expect(reminderMilestone(10, offsets, 10)).toBeNull();
    expect(reminderMilestone(3, offsets, 10)).toBe(3);
    expect(reminderMilestone(0, offsets, 10)).toBe(0);
    expect(reminderMilestone(-7, offsets, 10)).toBe(-7);
    // Set 2 days ahead: straight to the day itself.
    expect(reminderMilestone(2, offsets, 2)).toBeNull();
    expect(reminderMilestone(0, offsets, 2)).toBe(0);
  });
});

/** Step a clock day by day over three months; scan twice a day, in two "processes" at once. */
describeEachEngine("deadline reminders over three simulated months", (engine) => {
  let t: TestDb;
  let other: DB;
  let smtp: TestSmtpServer;
  let s1: TestUser;
  let r1: TestUser;
  let r2: TestUser;
  let secretariat: Principal;
  let regionId: string;

  beforeEach(async () => {
    t = await freshDb(engine);
    if (engine === "postgres") {
      const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0].s;
      const pool = new pg.Pool({ connectionString: PG_URL, max: 5, options: `-c search_path=${schema}` });
      other = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    } else {
      other = t.db;
    }
    smtp = await startSmtpServer();
    regionId = await makeRegion(t.db, "Teknikcollege Påminnelse", ["1496"]);
    s1 = await makeUser(t.db, "secretariat");
    r1 = await makeUser(t.db, "reviewer");
    r2 = await makeUser(t.db, "reviewer");
    // A region lead: not asked to act on a protocol, so never reminded of it.
    await makeUser(t.db, "regionLead", { regionId });
    secretariat = s1.principal;
    await insertBoardMeeting(t.db, { id: "m1", date: "2027-12-01", at: "2027-01-01T00:00:00Z" });
  });
  afterEach(async () => {
    if (other !== t.db) await other.destroy();
    await smtp.close();
    await t.close();
  });

  const at = (day: string, time = "10:00:00") => new Date(`${day}T${time}Z`);

  async function caseWithProtocolDue(): Promise<{ id: string; reg: string }> {
    const now = at("2027-01-31");
    const id = await t.db
      .transaction()
      .execute((tx) =>
        openCertificationCase(
          { db: tx, actor: secretariat, now, newId: randomUUID, meta: {} },
          { kind: "newRegion", regionId },
        ),
      );
    // Visit held 2027-01-31: the protocol is due 2027-02-28.
    const c = await driveAsSecretariat(t.db, secretariat, id, FULL_PATH.slice(0, 11), {
      now,
      reviewerIds: [r1.id, r2.id],
      secretariatIds: [s1.id],
      boardMeeting: { id: "m1", date: "2027-12-01", kind: "ordinary", status: "planned" },
    });
    expect(c.nextDeadline?.dueDate).toBe("2027-02-28");
    expect(c.awaiting).toEqual(["secretariat", "reviewer"]);
    return { id, reg: c.registrationNumber };
  }

  const act = (caseId: string, action: string, payload: unknown, now: Date) =>
    actOn(t.db, { actor: secretariat, now, caseId, action, payload });

  it("reminds 14 and 3 days before, on the day and weekly while overdue; tells the secretariat once; stops when done or moved", async () => {
    const A = await caseWithProtocolDue(); // never done until 2027-04-05
    const B = await caseWithProtocolDue(); // protocol sent 2027-02-20
    const C = await caseWithProtocolDue(); // postponed on 2027-02-26 to 2027-03-31
    const D = await caseWithProtocolDue(); // postponed on 2027-02-26 to 2027-03-08 (10 days ahead)
    const findings = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
      criterionNumber: n,
      assessment: "fulfilled",
      remarks: "Bra.",
      requiredSupplements: [],
    }));
    const events: Record<string, () => Promise<void>> = {
      "2027-02-20": async () => {
        await act(B.id, "saveProtocol", { findings }, at("2027-02-20"));
        await act(B.id, "sendProtocol", { sentOn: "2027-02-20" }, at("2027-02-20"));
      },
      "2027-02-26": async () => {
        const reason = "Sjukdom i kommittén";
        await act(
          C.id,
          "grantPostponement",
          { deadline: "protocol", newDueDate: "2027-03-31", reason },
          at("2027-02-26"),
        );
        await act(
          D.id,
          "grantPostponement",
          { deadline: "protocol", newDueDate: "2027-03-08", reason },
          at("2027-02-26"),
        );
      },
      "2027-04-05": async () => {
        await act(A.id, "saveProtocol", { findings }, at("2027-04-05"));
        await act(A.id, "sendProtocol", { sentOn: "2027-04-05" }, at("2027-04-05"));
      },
    };
    // Drop the notices of the steps themselves; from here on only reminders arrive.
    await t.db.deleteFrom("outbox").execute();
    const transport = smtp.transport();
    let scans = 0;
    for (let day = "2027-02-01"; day <= "2027-04-30"; day = addCalendarDays(day, 1)) {
      // 06:00 in Stockholm: two processes scan at once; at 10:00 the day's work; at 21:00 another scan.
      const morning = at(day, "05:00:00");
      await Promise.all([
        runReminderScan({ db: t.db, now: morning }),
        runReminderScan({ db: other, now: morning }),
      ]);
      await events[day]?.();
      await runReminderScan({ db: t.db, now: at(day, "20:00:00") });
      scans += 3;
      await drainOutbox({ db: t.db, transport, now: at(day, "20:30:00"), workerId: "w" });
    }
    expect(scans).toBe(89 * 3);

    const given = await t.db
      .selectFrom("reminders_sent")
      .select(["case_id", "notice", "due_date", "offset_days", "user_id", "created_at"])
      .execute();
    const who = new Map([
      [s1.id, "s1"],
      [r1.id, "r1"],
      [r2.id, "r2"],
    ]);
    const name = new Map([
      [A.id, "A"],
      [B.id, "B"],
      [C.id, "C"],
      [D.id, "D"],
    ]);
    const actual = given
      .map(
        (g) =>
          `${name.get(g.case_id)} ${g.notice} due ${g.due_date} offset ${g.offset_days} on ${g.created_at.slice(0, 10)} to ${who.get(g.user_id)}`,
      )
      .sort();

    const expected: string[] = [];
    const toActors = (c: string, due: string, days: [number, string][]) => {
      for (const [offset, on] of days)
        for (const u of ["s1", "r1", "r2"])
          expected.push(`${c} reminder due ${due} offset ${offset} on ${on} to ${u}`);
    };
    const passed = (c: string, due: string, on: string) =>
      expected.push(`${c} deadlinePassed due ${due} offset -1 on ${on} to s1`);
    // A: overdue from March until sent on 2027-04-05, then its response (due 2027-07-05) is months away.
    toActors("A", "2027-02-28", [
      [14, "2027-02-14"],
      [3, "2027-02-25"],
      [0, "2027-02-28"],
      [-7, "2027-03-07"],
      [-14, "2027-03-14"],
      [-21, "2027-03-21"],
      [-28, "2027-03-28"],
      [-35, "2027-04-04"],
    ]);
    passed("A", "2027-02-28", "2027-03-01");
    // B: done on 2027-02-20, after the 14-day reminder: no 3-day, no same-day, no overdue reminder.
    toActors("B", "2027-02-28", [[14, "2027-02-14"]]);
    // C: the old due date's reminders up to the postponement, then the new date's full schedule.
    toActors("C", "2027-02-28", [
      [14, "2027-02-14"],
      [3, "2027-02-25"],
    ]);
    toActors("C", "2027-03-31", [
      [14, "2027-03-17"],
      [3, "2027-03-28"],
      [0, "2027-03-31"],
      [-7, "2027-04-07"],
      [-14, "2027-04-14"],
      [-21, "2027-04-21"],
      [-28, "2027-04-28"],
    ]);
    passed("C", "2027-03-31", "2027-04-01");
    // D: moved to 10 days ahead: "14 days before" had passed when it was set, so 3, 0 and weekly follow.
    toActors("D", "2027-02-28", [
      [14, "2027-02-14"],
      [3, "2027-02-25"],
    ]);
    toActors("D", "2027-03-08", [
      [3, "2027-03-05"],
      [0, "2027-03-08"],
      [-7, "2027-03-15"],
      [-14, "2027-03-22"],
      [-21, "2027-03-29"],
      [-28, "2027-04-05"],
      [-35, "2027-04-12"],
      [-42, "2027-04-19"],
      [-49, "2027-04-26"],
    ]);
    passed("D", "2027-03-08", "2027-03-09");
    expect(actual).toEqual(expected.sort());

    // Every reminder arrived by e-mail exactly once, and in-app too (besides the notices of the day's work:
    // two protocols sent to the region lead, two postponements to both reviewers).
    const reminderIds = new Set(
      (
        await t.db
          .selectFrom("outbox")
          .select("id")
          .where("template", "in", ["reminder", "deadlinePassed"])
          .execute()
      ).map((r) => r.id),
    );
    const reminderMails = smtp.messages.filter((m) => reminderIds.has(m.outboxId));
    expect(reminderMails).toHaveLength(expected.length);
    expect(new Set(reminderMails.map((m) => m.outboxId)).size).toBe(expected.length);
    expect(smtp.messages).toHaveLength(expected.length + 2 + 4);
    const mailsToR1 = smtp.messages.filter((m) => m.to.includes(r1.email)).map((m) => m.subject);
    expect(mailsToR1).toContain(`Påminnelse: protokoll senast 2027-02-28 – ${A.reg}`);
    expect(mailsToR1).toContain(`Påminnelse: protokoll senast i dag – ${A.reg}`);
    expect(mailsToR1).toContain(`Försenat: protokoll skulle ha kommit in 2027-02-28 – ${A.reg}`);
    const fourteen = smtp.messages.find(
      (m) => m.subject === `Påminnelse: protokoll senast 2027-02-28 – ${A.reg}` && m.to.includes(r1.email),
    );
    expect(fourteen?.text).toContain("om 14 dagar");
    const passedMail = smtp.messages.filter((m) => m.subject.startsWith("Tidsfrist passerad"));
    expect(passedMail.map((m) => m.to[0])).toEqual([s1.email, s1.email, s1.email]);
    expect(passedMail[0].text).toContain("Ärendet väntar på kansliet och granskarna");
    const inApp = await t.db
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("template", "in", ["reminder", "deadlinePassed"])
      .executeTakeFirstOrThrow();
    expect(Number(inApp.n)).toBe(expected.length);
  });

  it("re-checks a reminder when it is sent: done, postponed or no longer the recipient's task → cancelled with the reason", async () => {
    const done = await caseWithProtocolDue();
    const moved = await caseWithProtocolDue();
    const handedOver = await caseWithProtocolDue();
    await t.db.deleteFrom("outbox").execute();
    // The scan gives the 14-day reminders (three people on each case) …
    const scan = await runReminderScan({ db: t.db, now: at("2027-02-14", "05:00:00") });
    expect(scan.reminders).toBe(9);
    // … and before the dispatcher's turn the first protocol is sent, the second deadline postponed, and the
    // second reviewer's account is disabled (the third case's reminder to r2 is no longer anybody's task).
    const findings = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
      criterionNumber: n,
      assessment: "fulfilled",
      remarks: "Bra.",
      requiredSupplements: [],
    }));
    await act(done.id, "saveProtocol", { findings }, at("2027-02-14", "08:00:00"));
    await act(done.id, "sendProtocol", { sentOn: "2027-02-14" }, at("2027-02-14", "08:00:00"));
    await act(
      moved.id,
      "grantPostponement",
      { deadline: "protocol", newDueDate: "2027-03-31", reason: "Sjukdom i kommittén" },
      at("2027-02-14", "08:00:00"),
    );
    await t.db.updateTable("users").set({ status: "disabled" }).where("id", "=", r2.id).execute();
    const reminders = () =>
      t.db
        .selectFrom("outbox")
        .select(["id", "case_id", "user_id", "status", "cancel_reason", "cancelled_at"])
        .where("template", "=", "reminder")
        .orderBy("case_id")
        .orderBy("user_id")
        .execute();
    expect((await reminders()).map((r) => r.status)).toEqual(Array(9).fill("pending"));
    // The step's own notices of the morning's work go out as usual; of the reminders, only two.
    const r = await drainOutbox({
      db: t.db,
      transport: smtp.transport(),
      now: at("2027-02-14", "09:00:00"),
      workerId: "w",
    });
    const after = await reminders();
    const reasonOf = (caseId: string) =>
      after
        .filter((x) => x.case_id === caseId)
        .map(
          (x) =>
            `${x.user_id === r1.id ? "r1" : x.user_id === r2.id ? "r2" : "s1"}:${x.status}:${x.cancel_reason}`,
        )
        .sort();
    expect(reasonOf(done.id)).toEqual([
      "r1:cancelled:taskDone",
      "r2:cancelled:taskDone",
      "s1:cancelled:taskDone",
    ]);
    expect(reasonOf(moved.id)).toEqual([
      "r1:cancelled:postponed",
      "r2:cancelled:postponed",
      "s1:cancelled:postponed",
    ]);
    expect(reasonOf(handedOver.id)).toEqual(["r1:sent:null", "r2:cancelled:reassigned", "s1:sent:null"]);
    expect(r.cancelled).toBe(7);
    expect(after.filter((x) => x.status === "cancelled").every((x) => x.cancelled_at !== null)).toBe(true);
    const reminderIds = new Set(after.map((x) => x.id));
    const mailed = smtp.messages.filter((m) => reminderIds.has(m.outboxId));
    expect(mailed.map((m) => m.to[0]).sort()).toEqual([r1.email, s1.email].sort());
    // Each cancellation is logged, with its reason, on the message's own stream.
    const log = await t.db
      .selectFrom("events")
      .select(["stream_id", "payload"])
      .where("type", "=", "outbox.cancelled")
      .execute();
    expect(log).toHaveLength(7);
    expect(new Set(log.map((e) => e.stream_id))).toEqual(
      new Set(after.filter((x) => x.status === "cancelled").map((x) => x.id)),
    );
    const firstCancelled = after.find((x) => x.status === "cancelled");
    expect(JSON.parse(log.find((e) => e.stream_id === firstCancelled?.id)?.payload ?? "{}")).toMatchObject({
      deadline: "protocol",
      dueDate: "2027-02-28",
    });
    // A second pass has nothing left to decide.
    expect(
      await drainOutbox({
        db: t.db,
        transport: smtp.transport(),
        now: at("2027-02-14", "09:05:00"),
        workerId: "w",
      }),
    ).toMatchObject({ claimed: 0 });
  });

  it("uses the reminder days the secretariat sets", async () => {
    const clock = Object.assign(() => at("2027-02-01"), { set() {}, advanceDays() {} });
    const app: FastifyInstance = await testApp(t.db, clock);
    try {
      const kansli = await login(app, s1.email);
      expect((await kansli.request({ method: "GET", url: "/api/settings/reminders" })).json()).toEqual({
        offsets: [14, 3, 0],
        updatedAt: null,
        actions: ["update"],
      });
      const put = await kansli.request({
        method: "PUT",
        url: "/api/settings/reminders",
        payload: { offsets: [1, 7, 7] },
      });
      expect(put.statusCode, put.body).toBe(200);
      expect(put.json()).toMatchObject({ offsets: [7, 1], updatedAt: at("2027-02-01").toISOString() });
      const bad = await kansli.request({
        method: "PUT",
        url: "/api/settings/reminders",
        payload: { offsets: [-1] },
      });
      expect(bad.statusCode).toBe(400);
      const reviewer = await login(app, r1.email);
      expect((await reviewer.request({ method: "GET", url: "/api/settings/reminders" })).statusCode).toBe(
        404,
      );
      expect(
        (await reviewer.request({ method: "PUT", url: "/api/settings/reminders", payload: { offsets: [1] } }))
          .statusCode,
      ).toBe(404);
      const log = await t.db
        .selectFrom("events")
        .select(["type", "payload", "actor_id"])
        .where("stream_type", "=", "setting")
        .execute();
      expect(log).toEqual([
        {
          type: "setting.changed",
          actor_id: s1.id,
          payload: JSON.stringify({ key: "reminders.offsets", from: [14, 3, 0], to: [7, 1] }),
        },
      ]);
    } finally {
      await app.close();
    }
    const A = await caseWithProtocolDue();
    await t.db.deleteFrom("outbox").execute();
    const found: string[] = [];
    for (let day = "2027-02-14"; day <= "2027-02-28"; day = addCalendarDays(day, 1)) {
      const r = await runReminderScan({ db: t.db, now: at(day, "06:00:00") });
      if (r.reminders) found.push(`${day}:${r.reminders}`);
    }
    // 7 days and 1 day before, three people each; no more on the day itself.
    expect(found).toEqual(["2027-02-21:3", "2027-02-27:3"]);
    expect(A.id).toBeTruthy();
  });
});
