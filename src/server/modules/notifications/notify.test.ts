import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, expect, it } from "vitest";
import { login, testApp } from "../../../../test/support/app";
import {
  act,
  caseActors,
  clockFor,
  FULL_PATH,
  factsOf,
  openNewRegionCase,
  planBoardMeeting,
} from "../../../../test/support/cases";
import { describeEachEngine, freshDb, type TestDb } from "../../../../test/support/db";
import {
  makeLocalCollege,
  makeRegion,
  makeUser,
  type TestUser,
  testClock,
} from "../../../../test/support/factories";
import { linksIn, startSmtpServer, type TestSmtpServer } from "../../../../test/support/smtp";
import type { ActionName } from "../../../domain/certification/actions";
import { dispatchOutbox } from "./dispatcher";

const BASE = "https://spelplan.test";

describeEachEngine("notifications for every step, delivered over SMTP", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  let clock: ReturnType<typeof testClock>;
  let actors: Awaited<ReturnType<typeof caseActors>>;
  let regionId: string;
  let u: Record<
    | "secretariat"
    | "secretariat2"
    | "reviewer1"
    | "reviewer2"
    | "otherReviewer"
    | "board"
    | "regionLead"
    | "localLead"
    | "otherRegionLead",
    TestUser
  >;
  let meeting: { id: string; date: string; kind: "ordinary"; status: "planned" };
  const chairEmail = "ordforande@foretag.test";
  const memberEmail = "ledamot@kommun.test";

  beforeEach(async () => {
    t = await freshDb(engine);
    clock = testClock("2027-01-10T09:00:00Z");
    app = await testApp(t.db, clock, { sessionHours: 24 * 3650, baseUrl: BASE });
    smtp = await startSmtpServer();
    regionId = await makeRegion(t.db, "Teknikcollege Skaraborg", ["1496"]);
    const otherRegion = await makeRegion(t.db, "Teknikcollege Annan", ["0680"]);
    const college = await makeLocalCollege(t.db, regionId);
    u = {
      secretariat: await makeUser(t.db, "secretariat"),
      secretariat2: await makeUser(t.db, "secretariat"),
      reviewer1: await makeUser(t.db, "reviewer"),
      reviewer2: await makeUser(t.db, "reviewer"),
      otherReviewer: await makeUser(t.db, "reviewer"),
      board: await makeUser(t.db, "board"),
      regionLead: await makeUser(t.db, "regionLead", { regionId }),
      localLead: await makeUser(t.db, "localLead", { regionId, localCollegeId: college }),
      otherRegionLead: await makeUser(t.db, "regionLead", { regionId: otherRegion }),
    };
    // One secretariat member reads English.
    await t.db.updateTable("users").set({ language: "en" }).where("id", "=", u.secretariat2.id).execute();
    // The regional steering group: its chair (an address, no account) gets the protocol.
    const now = clock().toISOString();
    await t.db
      .insertInto("steering_groups")
      .values({
        id: "sg1",
        region_id: regionId,
        local_college_id: null,
        level: "regional",
        name: "Regional styrgrupp",
        created_at: now,
        updated_at: now,
      })
      .execute();
    await t.db
      .insertInto("steering_group_members")
      .values([
        {
          id: "m1",
          steering_group_id: "sg1",
          position: 1,
          name: "Olga Ordförande",
          email: chairEmail,
          title: null,
          represents_kind: "company",
          represents_id: null,
          represents_name: "Verkstad AB",
          is_chair: 1,
        },
        {
          id: "m2",
          steering_group_id: "sg1",
          position: 2,
          name: "Lars Ledamot",
          email: memberEmail,
          title: null,
          represents_kind: "municipality",
          represents_id: null,
          represents_name: "Skövde kommun",
          is_chair: 0,
        },
      ])
      .execute();
    actors = await caseActors(app, {
      secretariat: u.secretariat,
      reviewer1: u.reviewer1,
      reviewer2: u.reviewer2,
      board: u.board,
      regionLead: u.regionLead,
      localLead: u.localLead,
    });
    const m = await planBoardMeeting(actors.byRole.secretariat, "2027-12-01", "Styrelsemöte december");
    meeting = { id: m.id, date: "2027-12-01", kind: "ordinary", status: "planned" };
  });
  afterEach(async () => {
    await app.close();
    await smtp.close();
    await t.close();
  });

  const openCase = () => openNewRegionCase(actors.byRole.regionLead, regionId);

  /** Sends what the outbox holds now and returns the messages that arrived. */
  async function deliver() {
    const before = smtp.messages.length;
    const transport = smtp.transport();
    const r = await dispatchOutbox({ db: t.db, transport, now: clock(), workerId: "test", batch: 100 });
    expect(r.failed + r.retried).toBe(0);
    return smtp.messages.slice(before);
  }

  it("tells each step's people, with their language, subject and a link to the case", async () => {
    let c = await openCase();
    const opts = {
      reviewerIds: [u.reviewer1.id, u.reviewer2.id] as [string, string],
      secretariatIds: [u.secretariat.id],
      boardMeeting: meeting,
    };
    const link = `${BASE}/cases/${c.id}`;
    const sv = (x: TestUser) => x.email;
    // Per action: who gets which notice (subject starts with the headline), in the recipient's language.
    const expected: Partial<Record<ActionName, Record<string, string>>> = {
      submitInterest: {
        [sv(u.secretariat)]: "Ny intresseanmälan",
        [u.secretariat2.email]: "New notification of interest",
      },
      giveFeedback: { [u.regionLead.email]: "Återkoppling från kansliet", [u.localLead.email]: "Din tur" },
      submitApplication: {
        [u.secretariat.email]: "Ansökan inskickad",
        [u.secretariat2.email]: "Application submitted",
      },
      assignReviewers: {
        [u.reviewer1.email]: "Du är utsedd till granskare",
        [u.reviewer2.email]: "Du är utsedd till granskare",
      },
      planVisit: {
        [u.secretariat2.email]: "Your turn: Review visit",
        [u.reviewer1.email]: "Din tur: Granskningsbesök",
        [u.reviewer2.email]: "Din tur: Granskningsbesök",
      },
      recordVisit: {
        [u.secretariat2.email]: "Your turn: Protocol",
        [u.reviewer1.email]: "Din tur: Protokoll",
        [u.reviewer2.email]: "Din tur: Protokoll",
      },
      sendProtocol: {
        [u.regionLead.email]: "Protokoll från granskningsbesöket",
        [chairEmail]: "Protokoll från granskningsbesöket",
        [u.localLead.email]: "Din tur: Svar på protokoll",
      },
      submitResponse: {
        [u.secretariat.email]: "Svar på protokollet inkommet",
        [u.secretariat2.email]: "Response to the protocol received",
        [u.reviewer1.email]: "Din tur: Beredning av beslut",
        [u.reviewer2.email]: "Din tur: Beredning av beslut",
      },
      placeOnAgenda: { [u.board.email]: "Ärende på styrelsens dagordning" },
      sendDecision: { [u.regionLead.email]: "Styrelsens beslut" },
    };
    const seen: string[] = [];
    for (const action of FULL_PATH) {
      // An hour between steps (the visit on 2027-01-31).
      if (action === "recordVisit") clock.set("2027-01-31T10:00:00Z");
      else clock.set(new Date(clock().getTime() + 3_600_000).toISOString());
      // The board decides at the meeting the case is on (D2): time passes to its day.
      if (clockFor(factsOf(c), clock()) > clock()) clock.set(clockFor(factsOf(c), clock()).toISOString());
      c = await act(actors.byRole, c, action, opts, clock());
      const mails = await deliver();
      const want = expected[action] ?? {};
      const got = Object.fromEntries(mails.map((m) => [m.to.join(","), m.subject]));
      expect(Object.keys(got).sort(), `${action}: recipients`).toEqual(Object.keys(want).sort());
      for (const [to, headline] of Object.entries(want)) {
        expect(got[to], `${action} → ${to}`).toMatch(new RegExp(`^${headline}.* – ${c.registrationNumber}$`));
      }
      for (const m of mails) {
        expect(linksIn(m.text), `${action}: link in text`).toContain(link);
        expect(m.html).toContain(`href="${link}"`);
        expect(m.messageId).toBe(`<${m.outboxId}@spelplan>`);
        seen.push(m.subject);
      }
    }
    expect(c.state).toBe("closed");
    expect(smtp.messages).toHaveLength(
      Object.values(expected).reduce((n, byRecipient) => n + Object.keys(byRecipient ?? {}).length, 0),
    );
    expect(smtp.messages).toHaveLength(23);
    // Never anyone outside the case: another region's lead, an unassigned reviewer, a plain steering-group member.
    const everyone = smtp.messages.flatMap((m) => m.to);
    for (const outsider of [u.otherRegionLead.email, u.otherReviewer.email, memberEmail]) {
      expect(everyone).not.toContain(outsider);
    }
    // The protocol mail tells the region its due date; the decision mail its outcome.
    const protocolMail = smtp.messages.find((m) => m.to.includes(chairEmail));
    expect(protocolMail?.text).toContain("Hej Olga Ordförande!");
    expect(protocolMail?.text).toMatch(/senast 2027-0\d-\d\d/);
    expect(smtp.messages.find((m) => m.subject.startsWith("Styrelsens beslut"))?.text).toContain("godkänd");
    expect(seen.length).toBe(smtp.messages.length);

    // In-app: every account holder got the same notices, linking into the web app.
    const inbox = await actors.byRole.regionLead.request({ method: "GET", url: "/api/notifications" });
    expect(inbox.statusCode).toBe(200);
    const body = inbox.json() as {
      items: { title: string; link: string; readAt: string | null }[];
      unread: number;
    };
    expect(body.items.map((n) => n.title)).toEqual([
      "Styrelsens beslut",
      "Protokoll från granskningsbesöket",
      "Återkoppling från kansliet",
    ]);
    expect(body.unread).toBe(3);
    expect(body.items.every((n) => n.link === `/cases/${c.id}`)).toBe(true);
  });

  it("tells of postponements and withdrawals, and honours switched-off e-mail except for locked kinds", async () => {
    let c = await openCase();
    const opts = {
      reviewerIds: [u.reviewer1.id, u.reviewer2.id] as [string, string],
      secretariatIds: [u.secretariat.id],
      boardMeeting: meeting,
    };
    // The local contact wants no "your turn" e-mail; decisions and reminders cannot be switched off.
    const s = await login(app, u.localLead.email);
    const off = await s.request({
      method: "PUT",
      url: "/api/notification-preferences",
      payload: { items: [{ kind: "yourTurn", email: false }] },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().items.find((i: { kind: string }) => i.kind === "yourTurn")).toMatchObject({
      email: false,
      locked: false,
    });
    const locked = await s.request({
      method: "PUT",
      url: "/api/notification-preferences",
      payload: { items: [{ kind: "reminder", email: false }] },
    });
    expect(locked.statusCode).toBe(422);
    expect(locked.json().error.code).toBe("notificationPreference.locked");
    const noCsrf = await app.inject({
      method: "PUT",
      url: "/api/notification-preferences",
      headers: { cookie: s.cookie },
      payload: { items: [{ kind: "yourTurn", email: true }] },
    });
    expect(noCsrf.statusCode).toBe(403);

    for (const action of FULL_PATH.slice(0, 4)) c = await act(actors.byRole, c, action, opts, clock());
    const mails = await deliver();
    expect(mails.some((m) => m.to.includes(u.localLead.email))).toBe(false);
    const inApp = await s.request({ method: "GET", url: "/api/notifications" });
    expect(inApp.json().items[0].title).toBe("Din tur: Ansökan tas fram, till regional styrgrupp");

    for (const action of FULL_PATH.slice(4, 11)) {
      if (action === "recordVisit") clock.set("2027-01-31T10:00:00Z");
      c = await act(actors.byRole, c, action, opts, clock());
    }
    await deliver();
    c = await act(
      actors.byRole,
      c,
      "grantPostponement",
      {
        ...opts,
        as: "secretariat",
        payload: { deadline: "protocol", newDueDate: "2027-03-15", reason: "Sjukdom" },
      },
      clock(),
    );
    const postponed = await deliver();
    expect(postponed.map((m) => m.to[0]).sort()).toEqual([u.reviewer1.email, u.reviewer2.email].sort());
    expect(postponed[0].subject).toBe(`Tidsfristen är förlängd – ${c.registrationNumber}`);
    expect(postponed[0].text).toContain("sista dag för protokoll är nu 2027-03-15");

    c = await act(
      actors.byRole,
      c,
      "withdrawCase",
      { ...opts, as: "secretariat", payload: { reason: "Regionen avstår" } },
      clock(),
    );
    const withdrawn = await deliver();
    expect(withdrawn.map((m) => [m.to[0], m.subject])).toEqual([
      [u.regionLead.email, `Ärendet är återtaget – ${c.registrationNumber}`],
    ]);
  });

  it("lists my notifications, marks them read one by one or all at once, and keeps them mine", async () => {
    let c = await openCase();
    const opts = { reviewerIds: [u.reviewer1.id, u.reviewer2.id] as [string, string], boardMeeting: meeting };
    for (const action of FULL_PATH.slice(0, 4)) c = await act(actors.byRole, c, action, opts, clock());
    const kansli = actors.byRole.secretariat;
    const list = await kansli.request({ method: "GET", url: "/api/notifications" });
    expect(list.json().unread).toBe(1);
    const [n] = list.json().items;
    expect(n).toMatchObject({ kind: "interestSubmitted", caseId: c.id, readAt: null, actions: ["read"] });
    // Someone else's notification is not found.
    const foreign = await actors.byRole.regionLead.request({
      method: "POST",
      url: `/api/notifications/${n.id}/read`,
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe("notification.not_found");
    const read = await kansli.request({ method: "POST", url: `/api/notifications/${n.id}/read` });
    expect(read.json()).toMatchObject({ id: n.id, readAt: clock().toISOString(), actions: [] });
    expect((await kansli.request({ method: "GET", url: "/api/notifications" })).json().unread).toBe(0);

    const lead = actors.byRole.regionLead;
    expect(
      (await lead.request({ method: "GET", url: "/api/notifications?unreadOnly=true" })).json().items,
    ).toHaveLength(1);
    const all = await lead.request({ method: "POST", url: "/api/notifications/read-all" });
    expect(all.json()).toEqual({ updated: 1, unread: 0 });
    expect(
      (await lead.request({ method: "GET", url: "/api/notifications?unreadOnly=true" })).json().items,
    ).toEqual([]);
    expect((await app.inject({ method: "GET", url: "/api/notifications" })).statusCode).toBe(401);
  });

  it("shows the outbox to the secretariat and admins only, filtered by status", async () => {
    let c = await openCase();
    const opts = { reviewerIds: [u.reviewer1.id, u.reviewer2.id] as [string, string], boardMeeting: meeting };
    for (const action of FULL_PATH.slice(0, 3)) c = await act(actors.byRole, c, action, opts, clock());
    const admin = await makeUser(t.db, "admin");
    const adminSession = await login(app, admin.email);
    const pending = await adminSession.request({ method: "GET", url: "/api/outbox?status=pending" });
    expect(pending.statusCode).toBe(200);
    expect(pending.json()).toMatchObject({
      total: 2,
      counts: { pending: 2, sent: 0 },
      smtpConfigured: false,
    });
    expect(pending.json().items[0]).toMatchObject({
      status: "pending",
      attempts: 0,
      lastError: null,
      caseId: c.id,
    });
    await deliver();
    const sent = await actors.byRole.secretariat.request({ method: "GET", url: "/api/outbox?status=sent" });
    expect(sent.json().total).toBe(2);
    expect(
      sent
        .json()
        .items.map((i: { to: string }) => i.to)
        .sort(),
    ).toEqual([u.secretariat.email, u.secretariat2.email].sort());
    for (const s of [actors.byRole.regionLead, actors.byRole.reviewer, actors.byRole.board]) {
      const res = await s.request({ method: "GET", url: "/api/outbox" });
      expect(res.statusCode).toBe(404);
    }
    const bad = await actors.byRole.secretariat.request({ method: "GET", url: "/api/outbox?status=lost" });
    expect(bad.statusCode).toBe(400);
  });
});
