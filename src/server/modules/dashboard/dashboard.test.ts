import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { login, testApp } from "../../../../test/support/app";
import { driveAsSecretariat, FULL_PATH } from "../../../../test/support/cases";
import { describeEachEngine, freshDb, queryPlan, type TestDb } from "../../../../test/support/db";
import {
  insertCertification,
  inTx,
  makeUser,
  makeWorld,
  testClock,
} from "../../../../test/support/factories";
import { copyCase } from "../../../../test/support/tasks";
import type { Principal } from "../../../domain/access";
import * as plannedVisitsMigration from "../../db/migrations/2026-11-29T0009-planned-visits";
import { rebuildCaseStatistics } from "../cases/statistics";
import { openCertificationCase } from "../cases/use-cases";
import { regionCertificationStatuses, statusOf } from "./certification-status";
import { comingVisits } from "./repository";
import type { Dashboard } from "./schemas";

describe("region certification status (pure)", () => {
  const facts = (certifiedToday: boolean, hasOpenCase: boolean, ranOut: boolean) => ({
    certifiedToday,
    hasOpenCase,
    ranOut,
  });
  it("prefers a valid certification, then an open case, then one that ran out", () => {
    expect(statusOf(facts(true, true, true))).toBe("certified");
    expect(statusOf(facts(false, true, true))).toBe("inProgress");
    expect(statusOf(facts(false, false, true))).toBe("expired");
    expect(statusOf(facts(false, false, false))).toBe("none");
  });
});

describeEachEngine("region certification status from the database", (engine) => {
  let t: TestDb;
  let world: Awaited<ReturnType<typeof makeWorld>>;
  let caseId: string;
  beforeEach(async () => {
    t = await freshDb(engine);
    world = await makeWorld(t.db);
    // A closed case of region B carries the certifications (they need a case); region B's own status is unused.
    caseId = await inTx(t.db, world.users.secretariat.principal, (ctx) =>
      openCertificationCase(
        { ...ctx, now: new Date("2020-01-01T09:00:00Z") },
        {
          kind: "newRegion",
          regionId: world.regionB,
        },
      ),
    );
    await t.db
      .updateTable("cases")
      .set({ closed_at: "2020-06-01T09:00:00Z" })
      .where("id", "=", caseId)
      .execute();
  });
  afterEach(async () => {
    await t.close();
  });

  async function certify(status: string, from: string, to: string, subjectKind = "region") {
    await insertCertification(t.db, {
      caseId,
      regionId: world.regionA,
      subjectKind,
      subjectName: "Region A",
      validFrom: from,
      validTo: to,
      status,
      at: "2020-06-01T09:00:00Z",
    });
  }
  const statusOfA = async (today: string) =>
    (await regionCertificationStatuses(t.db, today)).get(world.regionA);

  it("counts only region certifications, by status and validity on the day", async () => {
    expect(await statusOfA("2027-01-01")).toBe("none");
    await certify("certified", "2025-01-01", "2028-01-01", "provider");
    expect(await statusOfA("2027-01-01")).toBe("none");
    await certify("decertified", "2025-01-01", "2028-01-01");
    expect(await statusOfA("2027-01-01")).toBe("none");
    await certify("certified", "2020-01-01", "2023-01-01");
    expect(await statusOfA("2027-01-01")).toBe("expired");
    // Valid from a later day: not yet certified on the day before, certified on its first and last day.
    await certify("certified", "2027-02-01", "2030-02-01");
    expect(await statusOfA("2027-01-31")).toBe("expired");
    expect(await statusOfA("2027-02-01")).toBe("certified");
    expect(await statusOfA("2030-02-01")).toBe("certified");
    expect(await statusOfA("2030-02-02")).toBe("expired");
  });

  it("is in progress with an open new-region or recertification case, expired by status alone", async () => {
    await certify("expired", "2020-01-01", "2023-01-01");
    expect(await statusOfA("2027-01-01")).toBe("expired");
    await inTx(t.db, world.users.secretariat.principal, (ctx) =>
      openCertificationCase(
        { ...ctx, now: new Date("2026-12-01T09:00:00Z") },
        {
          kind: "newRegion",
          regionId: world.regionA,
        },
      ),
    );
    expect(await statusOfA("2027-01-01")).toBe("inProgress");
  });
});

describeEachEngine("dashboard, reviewers and staff over HTTP", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let clock: ReturnType<typeof testClock>;
  let world: Awaited<ReturnType<typeof makeWorld>>;
  let reviewer2: Awaited<ReturnType<typeof makeUser>>;
  let secretariat: Principal;

  beforeEach(async () => {
    t = await freshDb(engine);
    clock = testClock("2027-03-01T09:00:00Z");
    app = await testApp(t.db, clock, { sessionHours: 24 * 3650 });
    world = await makeWorld(t.db);
    reviewer2 = await makeUser(t.db, "reviewer");
    secretariat = world.users.secretariat.principal;
  });
  afterEach(async () => {
    await app.close();
    await t.close();
  });

  async function openCase(regionId: string, at: string): Promise<string> {
    return inTx(t.db, secretariat, (ctx) =>
      openCertificationCase({ ...ctx, now: new Date(at) }, { kind: "newRegion", regionId }),
    );
  }

  const pathOptions = (now: string) => ({
    now: new Date(now),
    today: now.slice(0, 10),
    reviewerIds: [world.users.reviewer.id, reviewer2.id] as [string, string],
    secretariatIds: [secretariat.id],
  });

  it("answers 404 to everyone but the secretariat, and lists reviewers and staff by role", async () => {
    for (const role of ["regionLeadA", "board", "reviewer", "admin", "localLeadA"] as const) {
      const s = await login(app, world.users[role].email);
      const res = await s.request({ method: "GET", url: "/api/dashboard" });
      expect(res.statusCode, role).toBe(404);
      expect(res.json().error.code).toBe("route.not_found");
    }
    const anonymous = await app.inject({ method: "GET", url: "/api/dashboard" });
    expect(anonymous.statusCode).toBe(401);

    const kansli = await login(app, world.users.secretariat.email);
    const reviewers = (await kansli.request({ method: "GET", url: "/api/reviewers" })).json();
    expect(reviewers.map((r: { id: string }) => r.id).sort()).toEqual(
      [world.users.reviewer.id, reviewer2.id].sort(),
    );
    expect(Object.keys(reviewers[0]).sort()).toEqual(["id", "name"]);

    const asReviewer = await login(app, world.users.reviewer.email);
    expect((await asReviewer.request({ method: "GET", url: "/api/reviewers" })).statusCode).toBe(404);
    const staff = (await asReviewer.request({ method: "GET", url: "/api/staff" })).json();
    expect(new Set(staff.map((s: { role: string }) => s.role))).toEqual(new Set(["secretariat", "reviewer"]));
    expect(staff).toHaveLength(3);
    const lead = await login(app, world.users.regionLeadA.email);
    expect((await lead.request({ method: "GET", url: "/api/staff" })).statusCode).toBe(404);
  });

  it("lists the providers in no region for a joining case (regionLead, secretariat)", async () => {
    const at = new Date().toISOString();
    await t.db
      .insertInto("education_providers")
      .values([
        {
          id: "p-free",
          name: "Fria gymnasiet",
          kind: "private",
          org_number: null,
          municipality_code: "1497",
          region_id: null,
          local_college_id: null,
          created_at: at,
          updated_at: at,
        },
        {
          id: "p-member",
          name: "Regionens gymnasium",
          kind: "public",
          org_number: null,
          municipality_code: null,
          region_id: world.regionA,
          local_college_id: null,
          created_at: at,
          updated_at: at,
        },
      ])
      .execute();
    const lead = await login(app, world.users.regionLeadB.email);
    const res = await lead.request({ method: "GET", url: "/api/unassigned-providers" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      { id: "p-free", name: "Fria gymnasiet", kind: "private", municipalityCode: "1497" },
    ]);
    for (const role of ["reviewer", "board", "localLeadA", "admin"] as const) {
      const s = await login(app, world.users[role].email);
      expect((await s.request({ method: "GET", url: "/api/unassigned-providers" })).statusCode, role).toBe(
        404,
      );
    }
  });

  it("lists coming visits by planned date, however long ago they were planned, and only until they are held", async () => {
    const kansli = await login(app, world.users.secretariat.email);
    // Each case is driven to the visit step on its own day and plans its visit for `planned`.
    const atVisit = async (opened: string, planned: string) => {
      const id = await openCase(world.regionA, `${opened}T09:00:00Z`);
      await driveAsSecretariat(
        t.db,
        secretariat,
        id,
        FULL_PATH.slice(0, 9),
        pathOptions(`${opened}T09:00:00Z`),
      );
      await driveAsSecretariat(t.db, secretariat, id, ["planVisit"], {
        ...pathOptions(`${opened}T10:00:00Z`),
        today: planned,
      });
      return id;
    };
    const early = await atVisit("2026-06-01", "2027-03-20"); // planned nine months ahead
    const late = await atVisit("2027-02-25", "2027-03-05");
    const past = await atVisit("2027-02-01", "2027-02-20"); // its date has passed, the visit is not recorded yet
    const held = await atVisit("2027-02-02", "2027-03-02");
    await driveAsSecretariat(t.db, secretariat, held, ["recordVisit"], pathOptions("2027-02-03T09:00:00Z"));

    // A hundred more cases moved to the visit step after all of these, with visits already past: the list used to
    // read only the hundred cases most recently moved to the step, which left the coming ones out.
    await copyCase(
      t.db,
      past,
      Array.from({ length: 100 }, () => ({ due: null, since: "2027-02-28T09:00:00.000Z" })),
    );
    const visits = async () =>
      ((await kansli.request({ method: "GET", url: "/api/dashboard" })).json() as Dashboard).upcomingVisits;
    expect((await visits()).map((v) => [v.caseId, v.plannedDate])).toEqual([
      [late, "2027-03-05"],
      [early, "2027-03-20"],
    ]);
    expect((await visits())[0]).toMatchObject({ place: expect.any(String), region: { id: world.regionA } });

    // Rescheduled: the column follows the record.
    await driveAsSecretariat(t.db, secretariat, early, ["planVisit"], {
      ...pathOptions("2027-03-01T09:00:00Z"),
      today: "2027-03-02",
    });
    expect((await visits()).map((v) => v.caseId)).toEqual([early, late]);

    // The migration's backfill computes the same column from the records.
    const stored = () => t.db.selectFrom("cases").select(["id", "visit_date"]).orderBy("id").execute();
    const kept = await stored();
    expect(kept.filter((r) => r.visit_date !== null)).toHaveLength(103); // early, late, past and its copies
    await plannedVisitsMigration.down(t.db);
    await plannedVisitsMigration.up(t.db);
    expect(await stored()).toEqual(kept);
  });

  it("counts cases per step, lists deadlines, visits, meetings and expiring certifications, and measures steps", async () => {
    const kansli = await login(app, world.users.secretariat.email);
    const meetingRes = await kansli.request({
      method: "POST",
      url: "/api/board-meetings",
      payload: { date: "2027-06-01", kind: "ordinary", title: "Styrelsemöte juni" },
    });
    expect(meetingRes.statusCode).toBe(201);
    const meeting = {
      id: meetingRes.json().id,
      date: "2027-06-01",
      kind: "ordinary" as const,
      status: "planned" as const,
    };

    // A: at the visit step with a visit planned after today (opened 2027-01-01, anchoring 4 days).
    const a = await openCase(world.regionA, "2027-01-01T09:00:00Z");
    await driveAsSecretariat(t.db, secretariat, a, ["recordAnchoring"], pathOptions("2027-01-05T09:00:00Z"));
    await driveAsSecretariat(
      t.db,
      secretariat,
      a,
      FULL_PATH.slice(1, 9),
      pathOptions("2027-02-20T09:00:00Z"),
    );
    await driveAsSecretariat(t.db, secretariat, a, ["planVisit"], {
      ...pathOptions("2027-02-20T09:00:00Z"),
      today: "2027-03-06", // the planned date
    });
    // B: visit held 2027-01-31, so its protocol was due 2027-02-28: overdue on 2027-03-01.
    const b = await openCase(world.regionB, "2027-01-01T09:00:00Z");
    await driveAsSecretariat(t.db, secretariat, b, ["recordAnchoring"], pathOptions("2027-01-09T09:00:00Z"));
    await driveAsSecretariat(
      t.db,
      secretariat,
      b,
      FULL_PATH.slice(1, 11),
      pathOptions("2027-01-31T09:00:00Z"),
    );
    // C: a second region-A case at anchoring; D: on the meeting's agenda.
    await openCase(world.regionA, "2027-02-01T09:00:00Z");
    const d = await openCase(world.regionB, "2027-02-01T09:00:00Z");
    await driveAsSecretariat(t.db, secretariat, d, FULL_PATH.slice(0, 16), {
      ...pathOptions("2027-02-20T09:00:00Z"),
      boardMeeting: meeting,
    });

    const res = await kansli.request({ method: "GET", url: "/api/dashboard" });
    expect(res.statusCode, res.body).toBe(200);
    const dash = res.json() as Dashboard;
    expect(dash.today).toBe("2027-03-01");
    const count = (step: string) => dash.casesByStep.find((s) => s.step === step)?.count;
    expect(dash.casesByStep).toHaveLength(13);
    expect(count("anchoring")).toBe(1);
    expect(count("visit")).toBe(1);
    expect(count("protocol")).toBe(1);
    expect(count("decision")).toBe(1);
    expect(dash.totals).toMatchObject({ openCertification: 4, openJoining: 0, overdue: 1 });
    expect(dash.overdue.map((c) => c.id)).toEqual([b]);
    expect(dash.overdue[0]).toMatchObject({ dueDate: "2027-02-28", deadline: "protocol", stepNumber: 9 });
    expect(dash.upcomingVisits).toEqual([
      expect.objectContaining({
        caseId: a,
        plannedDate: "2027-03-06",
        region: { id: world.regionA, name: "Region A" },
      }),
    ]);
    expect(dash.upcomingMeetings).toEqual([
      expect.objectContaining({ id: meeting.id, date: "2027-06-01", agendaCount: 1 }),
    ]);
    const anchoring = dash.stepDurations.find((s) => s.step === "anchoring");
    // Stays in anchoring: A 4 days, B 8 days, D 19 days (C is still there).
    expect(anchoring).toMatchObject({ count: 3, medianDays: 8 });

    // The statistics kept by each transition are what a rebuild from the event log computes.
    await t.db.transaction().execute((tx) => rebuildCaseStatistics(tx));
    const rebuilt = (await kansli.request({ method: "GET", url: "/api/dashboard" })).json() as Dashboard;
    expect(rebuilt.casesByStep).toEqual(dash.casesByStep);
    expect(rebuilt.stepDurations).toEqual(dash.stepDurations);
    expect(rebuilt.totals).toEqual(dash.totals);

    // Due soon: B's protocol deadline postponed to 10 days from now.
    clock.set("2027-03-01T10:00:00Z");
    const bCase = (await kansli.request({ method: "GET", url: `/api/cases/${b}` })).json();
    const post = await kansli.request({
      method: "POST",
      url: `/api/cases/${b}/actions/grantPostponement`,
      payload: {
        expectedVersion: bCase.version,
        payload: { deadline: "protocol", newDueDate: "2027-03-11", reason: "Sjukdom" },
      },
    });
    expect(post.statusCode, post.body).toBe(200);
    const after = (await kansli.request({ method: "GET", url: "/api/dashboard" })).json() as Dashboard;
    expect(after.totals.overdue).toBe(0);
    expect(after.totals.dueSoon).toBe(1);
    expect(after.dueSoon[0]).toMatchObject({ id: b, dueDate: "2027-03-11" });
  });

  it("lists expiring certifications with one-click recertification, and colours regions by status", async () => {
    const kansli = await login(app, world.users.secretariat.email);
    const meeting = { id: "", date: "2024-05-20", kind: "ordinary" as const, status: "planned" as const };
    const m = await kansli.request({
      method: "POST",
      url: "/api/board-meetings",
      payload: { date: meeting.date, kind: "ordinary", title: "Styrelsemöte 2024" },
    });
    meeting.id = m.json().id;
    // Region A certified at the board meeting of 2024-05-20: valid to 2027-05-20, within six months of 2027-03-01.
    const a = await openCase(world.regionA, "2024-01-01T09:00:00Z");
    await driveAsSecretariat(t.db, secretariat, a, FULL_PATH, {
      ...pathOptions("2024-05-06T09:00:00Z"),
      boardMeeting: meeting,
    });
    // Region B: a case in progress.
    await openCase(world.regionB, "2027-02-01T09:00:00Z");

    const regions = (await kansli.request({ method: "GET", url: "/api/regions" })).json().items as {
      id: string;
      certificationStatus: string;
    }[];
    expect(regions.find((r) => r.id === world.regionA)?.certificationStatus).toBe("certified");
    expect(regions.find((r) => r.id === world.regionB)?.certificationStatus).toBe("inProgress");

    let dash = (await kansli.request({ method: "GET", url: "/api/dashboard" })).json() as Dashboard;
    expect(dash.expiring).toEqual([
      expect.objectContaining({
        regionId: world.regionA,
        subjectKind: "region",
        validTo: "2027-05-20",
        canRecertify: true,
        recertificationCaseId: null,
      }),
    ]);
    const recert = await kansli.request({
      method: "POST",
      url: `/api/certifications/${dash.expiring[0].id}/recertify`,
    });
    expect(recert.statusCode, recert.body).toBe(201);
    dash = (await kansli.request({ method: "GET", url: "/api/dashboard" })).json() as Dashboard;
    expect(dash.expiring[0]).toMatchObject({ canRecertify: false, recertificationCaseId: recert.json().id });

    // After the end of the validity, with the recertification still open: in progress; withdrawn: expired.
    clock.set("2027-06-01T09:00:00Z");
    const lead = await login(app, world.users.regionLeadA.email);
    const leadRegions = (await lead.request({ method: "GET", url: "/api/regions" })).json().items;
    expect(leadRegions).toEqual([
      expect.objectContaining({ id: world.regionA, certificationStatus: "inProgress" }),
    ]);
    const open = (await kansli.request({ method: "GET", url: `/api/cases/${recert.json().id}` })).json();
    const withdrawn = await kansli.request({
      method: "POST",
      url: `/api/cases/${open.id}/actions/withdrawCase`,
      payload: { expectedVersion: open.version, payload: { reason: "Regionen avvaktar" } },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const finalRegions = (await kansli.request({ method: "GET", url: "/api/regions" })).json().items;
    expect(finalRegions.find((r: { id: string }) => r.id === world.regionA).certificationStatus).toBe(
      "expired",
    );
  });
});

describe("the dashboard's coming visits on SQLite", () => {
  let t: TestDb | undefined;
  afterEach(async () => t?.close());

  it("are read in order from the planned-visit index, without a sort", async () => {
    t = await freshDb("sqlite");
    const plan = await queryPlan(t.db, comingVisits(t.db, "2027-03-01").compile());
    expect(plan).toContain("USING INDEX cases_planned_visit");
    expect(plan).not.toContain("TEMP B-TREE");
  });
});
