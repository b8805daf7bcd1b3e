import { randomUUID } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ActionName } from "../../src/domain/certification/actions";
import { addCalendarDays, stockholmDate } from "../../src/domain/certification/deadlines";
import { bootstrap } from "../../src/server/bootstrap";
import type { CaseDetail } from "../../src/shared/dto";
import { login, type Session, testApp } from "../support/app";
import { act } from "../support/cases";
import { describeEachEngine, freshDb, type TestDb } from "../support/db";
import { testClock } from "../support/factories";

/**
 * The "done when": with the demo accounts only, the demo's Skaraborg case is taken through every
 * remaining step — with a postponement — over the HTTP API, and the expiring Norrbotten certification is
 * renewed with one click.
 */
describeEachEngine("the demo, over the API", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  const clock = testClock("2027-01-11T09:00:00Z");
  const s: Record<string, Session> = {};

  beforeAll(async () => {
    t = await freshDb(engine, { reference: false });
    await bootstrap(t.db, { demo: true, now: clock, newId: randomUUID });
    app = await testApp(t.db, clock, { sessionHours: 24 * 3650 });
    for (const who of ["kansli", "granskare1", "granskare2", "styrelse", "region", "lokal"]) {
      s[who] = await login(app, `${who}@demo.spelplan.se`, "spelplan-demo");
    }
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it("takes the Skaraborg case from its interest notification to the ceremony", async () => {
    const tasks = (await s.region.request({ url: "/api/tasks" })).json().items;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ state: "interest", actions: ["submitInterest"] });
    let c: CaseDetail = (await s.region.request({ url: `/api/cases/${tasks[0].caseId}` })).json();
    expect(c.title).toContain("Skaraborg");
    const users = (await s.kansli.request({ url: "/api/users" })).json().items as {
      id: string;
      email: string;
    }[];
    const id = (email: string) => users.find((u) => u.email === email)!.id;
    const meetings = (await s.kansli.request({ url: "/api/board-meetings" })).json().items as {
      id: string;
      date: string;
      kind: string;
    }[];
    const future = meetings
      .filter((m) => m.kind === "ordinary" && m.date > stockholmDate(clock()))
      .sort((a, b) => a.date.localeCompare(b.date));
    const meeting = (i: number) => ({
      id: future[i].id,
      date: future[i].date,
      kind: "ordinary" as const,
      status: "planned" as const,
    });
    const byRole = {
      regionLead: s.region,
      localLead: s.lokal,
      secretariat: s.kansli,
      reviewer: s.granskare1,
      board: s.styrelse,
    };
    const o = {
      reviewerIds: [id("granskare1@demo.spelplan.se"), id("granskare2@demo.spelplan.se")] as [string, string],
      secretariatIds: [id("kansli@demo.spelplan.se")],
      boardMeeting: meeting(0),
    };
    const run = async (actions: ActionName[], extra = {}) => {
      for (const action of actions) {
        c = await act(byRole, c, action, { ...o, ...extra }, clock());
        clock.advanceDays(1);
      }
    };
    await run([
      "submitInterest",
      "giveFeedback",
      "saveApplicationDraft",
      "sendToSteeringGroup",
      "recordSteeringGroupApproval",
      "submitApplication",
      "assignReviewers",
      "planVisit",
      "recordVisit",
    ]);
    expect(c.nextDeadline?.kind).toBe("protocol");
    await run(["saveProtocol", "sendProtocol"]);
    expect(c.nextDeadline?.kind).toBe("response");
    await run(["submitResponse", "recordDecisionBasis", "placeOnAgenda"]);
    clock.set(`${meeting(0).date}T15:00:00Z`);
    await run(["recordDecision"], { decisionOutcome: "postponed" });
    await run(["sendDecision"]);
    expect(c.state).toBe("response");
    await run(["submitResponse", "recordDecisionBasis"], { boardMeeting: meeting(1) });
    await run(["placeOnAgenda"], { boardMeeting: meeting(1) });
    clock.set(`${meeting(1).date}T15:00:00Z`);
    await run(["recordDecision", "sendDecision", "recordCeremony"], { boardMeeting: meeting(1) });
    expect(c.state).toBe("closed");
    const certs = (await s.region.request({ url: "/api/certifications" })).json();
    expect(certs.map((x: { subjectName: string; status: string }) => [x.subjectName, x.status])).toEqual([
      ["Teknikcollege Skaraborg", "certified"],
    ]);
  });

  it("lists Norrbotten's expiring certification and opens a recertification case with one click", async () => {
    clock.set("2027-01-11T09:00:00Z");
    const expiring = (await s.kansli.request({ url: "/api/certifications/expiring" })).json();
    const norrbotten = expiring.find(
      (x: { regionName: string }) => x.regionName === "Teknikcollege Norrbotten",
    );
    expect(norrbotten.actions).toContain("startRecertification");
    expect(norrbotten.validTo <= addCalendarDays(stockholmDate(clock()), 200)).toBe(true);
    const res = await s.kansli.request({
      method: "POST",
      url: `/api/certifications/${norrbotten.id}/recertify`,
      payload: {},
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: "recertification",
      state: "anchoring",
      certificationId: norrbotten.id,
    });
    const again = await s.kansli.request({
      method: "POST",
      url: `/api/certifications/${norrbotten.id}/recertify`,
      payload: {},
    });
    expect(again.json().error.code).toBe("certification.recertification_open");
    expect((await s.region.request({ url: "/api/certifications/expiring" })).statusCode).toBe(404);
  });

  it("puts overdue tasks first", async () => {
    // The Jönköping protocol is due a month after the demo's visit; two months on it is overdue.
    clock.set("2027-03-20T09:00:00Z");
    const tasks = (await s.granskare1.request({ url: "/api/tasks" })).json();
    expect(tasks.items[0]).toMatchObject({ state: "protocol", overdue: true });
    expect(tasks.overdue).toBe(1);
    const kansli = (await s.kansli.request({ url: "/api/tasks" })).json();
    expect(kansli.total).toBe(kansli.items.length);
    const flags = kansli.items.map((x: { overdue: boolean }) => x.overdue);
    expect(flags).toEqual([...flags].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
    const overdue = (await s.kansli.request({ url: "/api/cases?overdue=true" })).json();
    // Jönköping's protocol, and Norrbotten's follow-up (its self-assessment was due two months after it opened).
    expect(overdue.items.map((x: { state: string }) => x.state).sort()).toEqual([
      "protocol",
      "selfAssessment",
    ]);
  });
});
