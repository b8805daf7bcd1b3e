import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ActionName } from "../../src/domain/certification/actions";
import { addCalendarMonths, protocolDueDate, stockholmDate } from "../../src/domain/certification/deadlines";
import { validPayloadFor } from "../../src/domain/certification/test-support";
import type { CaseDetail } from "../../src/shared/dto";
import { FULL_PATH, factsOf } from "../support/cases";
import { postgresAvailable } from "../support/db";
import {
  httpLogin,
  type ServerProcess,
  startServerProcess,
  tempDataDir,
  tempPgDatabase,
} from "../support/process";
import { startSmtpServer, type TestSmtpServer } from "../support/smtp";

/**
 * Several app processes on one PostgreSQL database: sessions, registration numbers and case actions stay
 * correct whichever process serves a request.
 */
const pgUp = await postgresAvailable();
const d = pgUp ? describe : describe.skip;

d("two server processes on one PostgreSQL", () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let drop: () => Promise<void>;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    const db = await tempPgDatabase();
    drop = db.drop;
    smtp = await startSmtpServer();
    // Both processes send the outbox and scan for reminders, every few hundred milliseconds.
    const env = {
      DATABASE_URL: db.url,
      SMTP_URL: smtp.url,
      SPELPLAN_DISPATCH_EVERY_MS: "200",
      SPELPLAN_REMINDER_SCAN_EVERY_MS: "250",
    };
    // A migrates and loads the demo; B starts on the same database as it would behind a balancer.
    a = await startServerProcess({ ...env, SPELPLAN_DATA_DIR: tempDataDir() });
    b = await startServerProcess({ ...env, SPELPLAN_DATA_DIR: tempDataDir() });
  }, 120_000);
  afterAll(async () => {
    await a?.kill("SIGTERM");
    await b?.kill("SIGTERM");
    await smtp?.close();
    await drop?.();
  });

  it("shares the login throttle: failures on either process count together, and so does the lock", async () => {
    const tryLogin = (url: string, password: string) =>
      fetch(`${url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "region2@demo.spelplan.se", password }),
      });
    for (const url of [a.url, b.url, a.url, b.url])
      expect((await tryLogin(url, "wrong-password")).status).toBe(401);
    // The fifth failure, on A, locks the account for both: B refuses even the right password.
    expect((await tryLogin(a.url, "wrong-password")).status).toBe(401);
    const refused = await tryLogin(b.url, "spelplan-demo");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await tryLogin(a.url, "spelplan-demo")).status).toBe(429);
    // The secretariat lifts the lock on B; A lets the user in.
    const kansli = await httpLogin(b.url, "kansli@demo.spelplan.se");
    const locks = await kansli.call("GET", "/api/users/login-locks");
    expect(locks.body.items.map((l: { email: string }) => l.email)).toContain("region2@demo.spelplan.se");
    expect(
      (
        await kansli.call("POST", "/api/users/login-locks/unlock", {
          key: "account:region2@demo.spelplan.se",
        })
      ).status,
    ).toBe(204);
    expect((await tryLogin(a.url, "spelplan-demo")).status).toBe(200);
  });

  it("shares sessions: a login on one process is valid on the other, and so is the logout", async () => {
    const s = await httpLogin(a.url, "kansli@demo.spelplan.se");
    expect((await s.call("GET", "/api/auth/me", undefined, b.url)).body.email).toBe(
      "kansli@demo.spelplan.se",
    );
    expect((await s.call("POST", "/api/auth/logout", {}, b.url)).status).toBe(204);
    expect((await s.call("GET", "/api/auth/me", undefined, a.url)).status).toBe(401);
  });

  it("hands out unique, gap-free registration numbers from both processes at once", async () => {
    const s = await httpLogin(a.url, "kansli@demo.spelplan.se");
    const regions = (await s.call("GET", "/api/regions")).body.items as { id: string }[];
    const opened = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        s.call(
          "POST",
          "/api/cases",
          { kind: "newRegion", regionId: regions[i % 3].id },
          i % 2 ? a.url : b.url,
        ),
      ),
    );
    expect(opened.every((r) => r.status === 201)).toBe(true);
    const numbers = opened.map((r) => (r.body as CaseDetail).registrationNumber);
    expect(new Set(numbers).size).toBe(30);
    const seqs = numbers.map((n) => Number(n.split("/")[1])).sort((x, y) => x - y);
    expect(seqs[seqs.length - 1] - seqs[0]).toBe(29);
    console.log(
      `multi-process: 30 cases opened through 2 processes, numbers ${numbers.sort()[0]} … ${numbers.sort()[29]}, no duplicate`,
    );
  });

  it("lets exactly one of two concurrent actions on a case win; the loser gets 409 and the log has no gap", async () => {
    const s = await httpLogin(a.url, "kansli@demo.spelplan.se");
    const regions = (await s.call("GET", "/api/regions")).body.items as { id: string }[];
    let wins = 0;
    let conflicts = 0;
    for (let i = 0; i < 10; i++) {
      const c = (await s.call("POST", "/api/cases", { kind: "newRegion", regionId: regions[0].id }))
        .body as CaseDetail;
      const payload = {
        regionalAnchoring: "Regionen",
        localAnchoring: "Skolorna",
        completedOn: new Date().toISOString().slice(0, 10),
      };
      const [x, y] = await Promise.all(
        [a.url, b.url].map((url) =>
          s.call(
            "POST",
            `/api/cases/${c.id}/actions/recordAnchoring`,
            { expectedVersion: c.version, payload },
            url,
          ),
        ),
      );
      const statuses = [x.status, y.status].sort();
      expect(statuses).toEqual([200, 409]);
      expect([x, y].find((r) => r.status === 409)?.body.error.code).toBe("case.stale_version");
      wins++;
      conflicts++;
      const log = (await s.call("GET", `/api/cases/${c.id}/log`, undefined, b.url)).body as {
        seq: number;
        type: string;
      }[];
      expect(log.map((e) => e.type)).toEqual(["case.opened", "case.recordAnchoring"]);
    }
    console.log(
      `multi-process: 10 races between 2 processes: ${wins} won, ${conflicts} answered 409, no lost update`,
    );
  });

  it("delivers each outbox message once and each reminder once, with both processes dispatching and scanning", async () => {
    const s = await httpLogin(a.url, "kansli@demo.spelplan.se");
    const users = (await s.call("GET", "/api/users")).body.items as { id: string; email: string }[];
    const id = (e: string) => users.find((u) => u.email === e)!.id;
    const regions = (await s.call("GET", "/api/regions")).body.items as { id: string }[];
    const today = stockholmDate(new Date());
    // A visit held a month ago: the protocol is due today (or just passed, at a month's end), so a reminder is due now.
    const heldOn = addCalendarMonths(today, -1);
    const options = {
      today: heldOn,
      reviewerIds: [id("granskare1@demo.spelplan.se"), id("granskare2@demo.spelplan.se")] as [string, string],
      secretariatIds: [id("kansli@demo.spelplan.se")],
    };
    const cases: CaseDetail[] = [];
    for (let i = 0; i < 4; i++) {
      let c = (
        await s.call(
          "POST",
          "/api/cases",
          { kind: "newRegion", regionId: regions[i % 3].id },
          i % 2 ? a.url : b.url,
        )
      ).body as CaseDetail;
      for (const action of FULL_PATH.slice(0, FULL_PATH.indexOf("recordVisit") + 1) as ActionName[]) {
        const payload = validPayloadFor(action, factsOf(c), options);
        const r = await s.call(
          "POST",
          `/api/cases/${c.id}/actions/${action}`,
          { expectedVersion: c.version, payload },
          i % 2 ? b.url : a.url,
        );
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        c = r.body as CaseDetail;
      }
      expect(c.nextDeadline?.dueDate).toBe(protocolDueDate(heldOn));
      cases.push(c);
    }
    // Wait until both dispatchers have drained the outbox.
    let counts: Record<string, number> = {};
    for (let i = 0; i < 150; i++) {
      counts = (await s.call("GET", "/api/outbox?pageSize=1")).body.counts;
      if (counts.pending === 0 && counts.sending === 0 && counts.sent > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 1500)); // a few more scans and dispatch rounds in both processes
    counts = (await s.call("GET", "/api/outbox?pageSize=1")).body.counts;
    expect(counts.pending + counts.sending).toBe(0);
    const ids = smtp.messages.map((m) => m.outboxId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(counts.sent);
    const reminders = smtp.messages.filter(
      (m) => m.subject.includes("Påminnelse") || m.subject.includes("Reminder"),
    );
    const perRecipientAndCase = new Set(
      reminders.map((m) => `${m.to.join(",")}|${m.text.match(/cases\/([\w-]+)/)?.[1]}`),
    );
    expect(reminders.length).toBeGreaterThanOrEqual(cases.length);
    expect(perRecipientAndCase.size).toBe(reminders.length);
    console.log(
      `multi-process: ${ids.length} e-mails delivered by 2 dispatchers, each exactly once; ${reminders.length} reminders for ${cases.length} deadlines, none twice`,
    );
  });
});
