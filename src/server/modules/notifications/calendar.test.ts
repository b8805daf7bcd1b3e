import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import ICAL from "ical.js";
import { afterEach, beforeEach, expect, it } from "vitest";
import { login, type Session, testApp } from "../../../../test/support/app";
import { actOn, driveAsSecretariat, FULL_PATH } from "../../../../test/support/cases";
import { describeEachEngine, freshDb, type TestDb } from "../../../../test/support/db";
import { makeRegion, makeUser, type TestUser, testClock } from "../../../../test/support/factories";
import type { ActionName } from "../../../domain/certification/actions";
import { openCertificationCase } from "../cases/use-cases";

interface ParsedEvent {
  uid: string;
  summary: string;
  start: string;
  end: string;
  allDay: boolean;
  status: string | null;
  location: string | null;
}

/** Parses a feed with ical.js (an independent parser), events sorted by UID. */
function parseIcs(body: string): { name: string; events: ParsedEvent[] } {
  const cal = new ICAL.Component(ICAL.parse(body));
  const events = cal.getAllSubcomponents("vevent").map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      summary: e.summary,
      start: e.startDate.toString(),
      end: e.endDate.toString(),
      allDay: e.startDate.isDate,
      status: (v.getFirstPropertyValue("status") as string | null) ?? null,
      location: e.location ?? null,
    };
  });
  return {
    name: String(cal.getFirstPropertyValue("x-wr-calname") ?? ""),
    events: events.sort((a, b) => a.uid.localeCompare(b.uid)),
  };
}

describeEachEngine("calendar feeds and downloads", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let clock: ReturnType<typeof testClock>;
  let u: Record<"kansli" | "r1" | "r2" | "r3" | "board" | "lead" | "otherLead" | "admin", TestUser>;
  let case1: string;
  let case2: string;
  let regionId: string;

  const act = (caseId: string, action: ActionName, payload: unknown) =>
    actOn(t.db, { actor: u.kansli.principal, now: clock(), caseId, action, payload });

  async function open(): Promise<string> {
    return t.db
      .transaction()
      .execute((tx) =>
        openCertificationCase(
          { db: tx, actor: u.kansli.principal, now: clock(), newId: randomUUID, meta: {} },
          { kind: "newRegion", regionId },
        ),
      );
  }

  beforeEach(async () => {
    t = await freshDb(engine);
    clock = testClock("2027-03-01T09:00:00Z");
    app = await testApp(t.db, clock, { sessionHours: 24 * 3650, baseUrl: "https://spelplan.test" });
    regionId = await makeRegion(t.db, "Teknikcollege Kalender", ["1496"]);
    const otherRegion = await makeRegion(t.db, "Teknikcollege Annan", ["0680"]);
    u = {
      kansli: await makeUser(t.db, "secretariat"),
      r1: await makeUser(t.db, "reviewer"),
      r2: await makeUser(t.db, "reviewer"),
      r3: await makeUser(t.db, "reviewer"),
      board: await makeUser(t.db, "board"),
      lead: await makeUser(t.db, "regionLead", { regionId }),
      otherLead: await makeUser(t.db, "regionLead", { regionId: otherRegion }),
      admin: await makeUser(t.db, "admin"),
    };
    const now = clock().toISOString();
    await t.db
      .insertInto("board_meetings")
      .values([
        {
          id: "m1",
          date: "2027-06-01",
          kind: "ordinary",
          title: "Junimötet",
          location: "Stockholm",
          status: "planned",
          created_at: now,
          updated_at: now,
        },
        {
          id: "m2",
          date: "2027-05-01",
          kind: "extra",
          title: "Extramöte",
          location: "",
          status: "cancelled",
          created_at: now,
          updated_at: now,
        },
      ])
      .execute();
    const board = { id: "m1", date: "2027-06-01", kind: "ordinary" as const, status: "planned" as const };
    // Case 1: reviewers r1, r2; a visit planned for 2027-04-20.
    case1 = await open();
    await driveAsSecretariat(t.db, u.kansli.principal, case1, FULL_PATH.slice(0, 9), {
      now: clock(),
      reviewerIds: [u.r1.id, u.r2.id],
      secretariatIds: [u.kansli.id],
      boardMeeting: board,
    });
    await act(case1, "planVisit", { plannedDate: "2027-04-20", place: "Skövde" });
    // Case 2: reviewers r1, r3; visited 2027-03-01, so its protocol is due 2027-04-01.
    case2 = await open();
    await driveAsSecretariat(t.db, u.kansli.principal, case2, FULL_PATH.slice(0, 11), {
      now: clock(),
      reviewerIds: [u.r1.id, u.r3.id],
      secretariatIds: [u.kansli.id],
      boardMeeting: board,
    });
  });
  afterEach(async () => {
    await app.close();
    await t.close();
  });

  async function feedUrl(s: Session): Promise<string> {
    const res = await s.request({ method: "POST", url: "/api/calendar/token" });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { url: string; path: string };
    expect(body.url).toBe(`https://spelplan.test${body.path}`);
    expect(body.path).toMatch(/^\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    return body.path;
  }

  /** The feed, fetched without any session: the token is the only credential. */
  async function feed(path: string) {
    const res = await app.inject({ method: "GET", url: path });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(res.body).not.toMatch(/TZID|X-WR-TIMEZONE/);
    return parseIcs(res.body);
  }

  it("gives each person their visits, meetings and open deadlines, following the cases as they move", async () => {
    const r1 = await login(app, u.r1.email);
    const path = await feedUrl(r1);
    const first = await feed(path);
    expect(first.name).toBe(`Spelplan – Test reviewer`);
    expect(first.events).toEqual(
      [
        {
          uid: `board-meeting-m1@spelplan`,
          summary: "Styrelsemöte: Junimötet",
          start: "2027-06-01",
          end: "2027-06-02",
          allDay: true,
          status: "CONFIRMED",
          location: "Stockholm",
        },
        {
          uid: `board-meeting-m2@spelplan`,
          summary: "Styrelsemöte: Extramöte (extra)",
          start: "2027-05-01",
          end: "2027-05-02",
          allDay: true,
          status: "CANCELLED",
          location: null,
        },
        {
          uid: `deadline-${case2}-protocol@spelplan`,
          summary: expect.stringMatching(
            /^Sista dag: Protokoll – TC 2027\/000\d Ny region: Teknikcollege Kalender$/,
          ),
          start: "2027-04-01",
          end: "2027-04-02",
          allDay: true,
          status: null,
          location: null,
        },
        {
          uid: `visit-${case1}@spelplan`,
          summary: expect.stringMatching(/^Granskningsbesök \(planerat\): /),
          start: "2027-04-20",
          end: "2027-04-21",
          allDay: true,
          status: "CONFIRMED",
          location: "Skövde",
        },
        {
          uid: `visit-${case2}@spelplan`,
          summary: expect.stringMatching(/^Granskningsbesök: /),
          start: "2027-03-01",
          end: "2027-03-02",
          allDay: true,
          status: "CONFIRMED",
          location: "Västerås",
        },
      ].sort((a, b) => a.uid.localeCompare(b.uid)),
    );

    // The visit moves, then takes place; the deadline is postponed, then met: same UIDs, new dates.
    await act(case1, "planVisit", { plannedDate: "2027-04-22", place: "Skövde" });
    await act(case2, "grantPostponement", {
      deadline: "protocol",
      newDueDate: "2027-04-15",
      reason: "Sjukdom",
    });
    const moved = await feed(path);
    expect(moved.events.map((e) => e.uid)).toEqual(first.events.map((e) => e.uid));
    expect(moved.events.find((e) => e.uid === `visit-${case1}@spelplan`)?.start).toBe("2027-04-22");
    expect(moved.events.find((e) => e.uid === `deadline-${case2}-protocol@spelplan`)?.start).toBe(
      "2027-04-15",
    );

    clock.set("2027-04-22T12:00:00Z");
    await act(case1, "recordVisit", {
      heldOn: "2027-04-22",
      place: "Skövde tekniska gymnasium",
      participantIds: [u.r1.id, u.r2.id, u.kansli.id],
    });
    await driveAsSecretariat(t.db, u.kansli.principal, case2, ["saveProtocol", "sendProtocol"], {
      now: clock(),
    });
    const later = await feed(path);
    const visit = later.events.find((e) => e.uid === `visit-${case1}@spelplan`);
    expect(visit).toMatchObject({ start: "2027-04-22", location: "Skövde tekniska gymnasium" });
    expect(visit?.summary).toMatch(/^Granskningsbesök: /);
    // Case 1 now has a protocol deadline (2027-05-22); case 2's protocol is done and its response runs.
    expect(later.events.map((e) => e.uid)).toEqual(
      [
        "board-meeting-m1@spelplan",
        "board-meeting-m2@spelplan",
        `deadline-${case1}-protocol@spelplan`,
        `deadline-${case2}-response@spelplan`,
        `visit-${case1}@spelplan`,
        `visit-${case2}@spelplan`,
      ].sort(),
    );
    expect(later.events.find((e) => e.uid === `deadline-${case2}-response@spelplan`)?.start).toBe(
      "2027-07-22",
    );
  });

  it("shows each role only its own cases, and no case content to an administrator", async () => {
    const uidsOf = async (user: TestUser) =>
      (await feed(await feedUrl(await login(app, user.email)))).events.map((e) => e.uid);
    expect(await uidsOf(u.r2)).toEqual([
      "board-meeting-m1@spelplan",
      "board-meeting-m2@spelplan",
      `visit-${case1}@spelplan`,
    ]);
    expect(await uidsOf(u.lead)).toEqual(
      [`deadline-${case2}-protocol@spelplan`, `visit-${case1}@spelplan`, `visit-${case2}@spelplan`].sort(),
    );
    expect(await uidsOf(u.otherLead)).toEqual([]);
    // The board sees meetings (and cases only once on an agenda).
    expect(await uidsOf(u.board)).toEqual(["board-meeting-m1@spelplan", "board-meeting-m2@spelplan"]);
    const admin = await login(app, u.admin.email);
    expect((await admin.request({ method: "POST", url: "/api/calendar/token" })).statusCode).toBe(404);
    // A feed in English for someone who reads English.
    await t.db.updateTable("users").set({ language: "en" }).where("id", "=", u.r2.id).execute();
    const en = await feed(await feedUrl(await login(app, u.r2.email)));
    expect(en.events.find((e) => e.uid === `visit-${case1}@spelplan`)?.summary).toMatch(
      /^Review visit \(planned\): /,
    );
  });

  it("rotates and revokes the secret: an old or revoked token answers 404", async () => {
    const s = await login(app, u.r1.email);
    const firstPath = await feedUrl(s);
    await feed(firstPath);
    const secondPath = await feedUrl(s);
    expect(secondPath).not.toBe(firstPath);
    const old = await app.inject({ method: "GET", url: firstPath });
    expect(old.statusCode).toBe(404);
    expect(old.json().error.code).toBe("calendar.not_found");
    await feed(secondPath);
    const del = await s.request({ method: "DELETE", url: "/api/calendar/token" });
    expect(del.statusCode).toBe(204);
    expect((await app.inject({ method: "GET", url: secondPath })).statusCode).toBe(404);
    const again = await s.request({ method: "DELETE", url: "/api/calendar/token" });
    expect(again.json().error.code).toBe("calendarToken.not_found");
    expect(
      (await app.inject({ method: "GET", url: "/api/calendar/not-a-real-token-at-all-xxxxxxxx.ics" }))
        .statusCode,
    ).toBe(404);
    // Changing the token needs the CSRF header, like every change.
    const noCsrf = await app.inject({
      method: "POST",
      url: "/api/calendar/token",
      headers: { cookie: s.cookie },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe("auth.csrf");
    // A disabled user's feed stops too.
    const path = await feedUrl(s);
    await t.db.updateTable("users").set({ status: "disabled" }).where("id", "=", u.r1.id).execute();
    expect((await app.inject({ method: "GET", url: path })).statusCode).toBe(404);
    const log = await t.db
      .selectFrom("events")
      .select("type")
      .where("stream_type", "=", "user")
      .where("stream_id", "=", u.r1.id)
      .where("type", "like", "user.calendar%")
      .orderBy("seq")
      .execute();
    expect(log.map((e) => e.type)).toEqual([
      "user.calendarTokenCreated",
      "user.calendarTokenCreated",
      "user.calendarTokenRevoked",
      "user.calendarTokenCreated",
    ]);
  });

  it("downloads a case's visit and a board meeting as files, and hides them from outsiders", async () => {
    const lead = await login(app, u.lead.email);
    const res = await lead.request({ method: "GET", url: `/api/cases/${case1}/visit.ics` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="visit-TC-2027-000\d\.ics"$/);
    const { events } = parseIcs(res.body);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ uid: `visit-${case1}@spelplan`, start: "2027-04-20", allDay: true });
    const outsider = await login(app, u.otherLead.email);
    const hidden = await outsider.request({ method: "GET", url: `/api/cases/${case1}/visit.ics` });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe("case.not_found");
    const r3 = await login(app, u.r3.email);
    expect((await r3.request({ method: "GET", url: `/api/cases/${case1}/visit.ics` })).statusCode).toBe(404);
    // A case without a planned visit has nothing to download.
    const bare = await open();
    const none = await lead.request({ method: "GET", url: `/api/cases/${bare}/visit.ics` });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe("visit.not_found");

    const board = await login(app, u.board.email);
    const m = await board.request({ method: "GET", url: "/api/board-meetings/m1.ics" });
    expect(m.statusCode).toBe(200);
    expect(m.headers["content-disposition"]).toBe('attachment; filename="board-meeting-2027-06-01.ics"');
    expect(parseIcs(m.body).events[0]).toMatchObject({
      uid: "board-meeting-m1@spelplan",
      start: "2027-06-01",
    });
    // The plain meeting route still answers JSON.
    expect((await board.request({ method: "GET", url: "/api/board-meetings/m1" })).json().id).toBe("m1");
    const notBoard = await lead.request({ method: "GET", url: "/api/board-meetings/m1.ics" });
    expect(notBoard.statusCode).toBe(404);
    expect((await board.request({ method: "GET", url: "/api/board-meetings/nope.ics" })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ method: "GET", url: `/api/cases/${case1}/visit.ics` })).statusCode).toBe(401);
  });

  it("lists the routes in the OpenAPI document", async () => {
    const doc = (await app.inject({ url: "/api/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/notifications",
        "/api/notifications/{id}/read",
        "/api/notifications/read-all",
        "/api/notification-preferences",
        "/api/outbox",
        "/api/settings/reminders",
        "/api/calendar/token",
        "/api/calendar/{token}.ics",
        "/api/cases/{id}/visit.ics",
        "/api/board-meetings/{id}.ics",
      ]),
    );
    expect(doc.paths["/api/notification-preferences"].put.requestBody).toBeTruthy();
    expect(doc.paths["/api/calendar/{token}.ics"].get.security).toEqual([]);
  });
});
