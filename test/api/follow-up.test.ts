import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, expect, it } from "vitest";
import { rebuildFollowUpRows } from "../../src/server/modules/cases/follow-up-row";
import { runFollowUpScan } from "../../src/server/modules/follow-ups/schedule";
import { runReminderScan } from "../../src/server/modules/notifications/reminders";
import type { CaseDetail, RegionFollowUps } from "../../src/shared/dto";
import { loginAll, type Session, testApp } from "../support/app";
import { describeEachEngine, freshDb, type TestDb } from "../support/db";
import { insertCertification, makeWorld, testClock } from "../support/factories";

/** A granted certification of a region (its certification case closed), as the decision's effect leaves it. */
async function makeCertification(
  t: TestDb,
  regionId: string,
  validFrom: string,
  validTo: string,
): Promise<string> {
  const set = await t.db
    .selectFrom("criteria_sets")
    .select("id")
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  const caseId = randomUUID();
  const at = `${validFrom}T10:00:00.000Z`;
  await t.db
    .insertInto("cases")
    .values({
      id: caseId,
      registration_number: `TC 2024/${caseId.slice(0, 4)}`,
      reg_year: 2024,
      reg_seq: Math.floor(Math.random() * 1e6),
      process: "certification",
      process_version: 1,
      kind: "newRegion",
      state: "closed",
      title: "Ny region",
      region_id: regionId,
      local_college_id: null,
      provider_id: null,
      programme_id: null,
      specialisation_id: null,
      municipality_code: null,
      certification_id: null,
      linked_case_id: null,
      criteria_set_id: set.id,
      board_meeting_id: null,
      record: "{}",
      next_due_date: null,
      next_deadline: null,
      visit_date: null,
      awaiting_roles: "",
      enabled_actions: "",
      created_by: null,
      created_at: at,
      updated_at: at,
      state_since: at,
      closed_at: at,
    })
    .execute();
  return insertCertification(t.db, {
    caseId,
    regionId,
    subjectName: "Teknikcollege A",
    validFrom,
    validTo,
    at,
  });
}

describeEachEngine("the yearly quality follow-up over HTTP", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let clock: ReturnType<typeof testClock>;
  let world: Awaited<ReturnType<typeof makeWorld>>;
  let s: Record<string, Session>;
  let certId: string;

  beforeEach(async () => {
    t = await freshDb(engine);
    clock = testClock("2027-03-15T09:00:00Z");
    app = await testApp(t.db, clock, { sessionHours: 24 * 3650 });
    world = await makeWorld(t.db);
    s = await loginAll(app, world.users);
    certId = await makeCertification(t, world.regionA, "2026-03-02", "2029-03-02");
  });
  afterEach(async () => {
    await app.close();
    await t.close();
  });

  async function openByHand(): Promise<CaseDetail> {
    const res = await s.secretariat.request({
      method: "POST",
      url: `/api/certifications/${certId}/follow-ups`,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  }

  async function act(who: string, c: CaseDetail, action: string, payload: unknown, status = 200) {
    const res = await s[who].request({
      method: "POST",
      url: `/api/cases/${c.id}/actions/${action}`,
      payload: { expectedVersion: c.version, payload },
    });
    expect(res.statusCode, `${action} as ${who}: ${res.body}`).toBe(status);
    return res.json();
  }

  const criteriaOf = (c: CaseDetail) => c.criteriaSet?.criteria.map((x) => x.number) ?? [];

  it("opens by hand once, then runs self-assessment → supplement → acceptance, logged and in the matrix", async () => {
    let c = await openByHand();
    expect(c).toMatchObject({ process: "followUp", kind: "followUp", state: "selfAssessment" });
    expect(c.nextDeadline).toMatchObject({ kind: "followUp", dueDate: "2027-05-15" });
    // One open follow-up per certification, one per year.
    const again = await s.secretariat.request({
      method: "POST",
      url: `/api/certifications/${certId}/follow-ups`,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("followUp.already_open");
    // Only the secretariat opens one (403); another region's lead does not see the certification (404).
    expect(
      (await s.regionLeadA.request({ method: "POST", url: `/api/certifications/${certId}/follow-ups` }))
        .statusCode,
    ).toBe(403);
    expect(
      (await s.regionLeadB.request({ method: "POST", url: `/api/certifications/${certId}/follow-ups` }))
        .statusCode,
    ).toBe(404);

    // The region lead's task inbox has it; the other region's lead cannot see or act on it.
    const tasks = (await s.regionLeadA.request({ url: "/api/tasks" })).json();
    expect(tasks.items.map((x: { caseId: string }) => x.caseId)).toContain(c.id);
    expect((await s.regionLeadB.request({ url: `/api/cases/${c.id}` })).statusCode).toBe(404);
    await act("regionLeadB", c, "saveSelfAssessment", { criteria: [] }, 404);
    await act("board", c, "saveSelfAssessment", { criteria: [] }, 404);
    await act("localLeadA", c, "saveSelfAssessment", { criteria: [] }, 403);

    const numbers = criteriaOf(c);
    c = await act("regionLeadA", c, "saveSelfAssessment", {
      criteria: numbers.map((n) => ({
        criterionNumber: n,
        status: n === 8 ? "atRisk" : "onTrack",
        done: `Gjort ${n}`,
      })),
      indicators: { students: 140, workplaceLearningPlaces: 35 },
    });
    // Stale version: 409.
    const stale = await s.regionLeadA.request({
      method: "POST",
      url: `/api/cases/${c.id}/actions/saveSelfAssessment`,
      payload: { expectedVersion: c.version - 1, payload: { criteria: [] } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("case.stale_version");
    // A criterion's attachments are documents of this case, and its planned actions have owner and date.
    const docId = randomUUID();
    await t.db
      .insertInto("documents")
      .values({
        id: docId,
        owner_type: "case",
        owner_id: c.id,
        case_id: c.id,
        slot: "other",
        title: "APL-plan",
        created_at: new Date().toISOString(),
        created_by: null,
        current_version: 1,
      })
      .execute();
    const foreignDoc = await s.regionLeadA.request({
      method: "POST",
      url: `/api/cases/${c.id}/actions/saveSelfAssessment`,
      payload: {
        expectedVersion: c.version,
        payload: { criteria: [{ criterionNumber: 8, documentIds: [randomUUID()] }] },
      },
    });
    expect(foreignDoc.statusCode, foreignDoc.body).toBe(422);
    expect(JSON.stringify(foreignDoc.json())).toContain("document.not_of_case");
    c = await act("regionLeadA", c, "saveSelfAssessment", {
      criteria: [
        {
          criterionNumber: 8,
          documentIds: [docId],
          plannedActions: [{ action: "Fler APL-avtal", owner: "Styrgruppen", dueDate: "2027-10-01" }],
        },
      ],
    });
    expect(
      (c.record as { assessments: { criterionNumber: number; documentIds: string[] }[] }).assessments.find(
        (a) => a.criterionNumber === 8,
      )?.documentIds,
    ).toEqual([docId]);
    c = await act("localLeadA", c, "addLocalContribution", {
      criterionNumber: 2,
      text: "Två nya företag i styrgruppen",
    });
    c = await act("regionLeadA", c, "submitSelfAssessment", {});
    expect(c.state).toBe("review");
    await act("regionLeadA", c, "acceptFollowUp", {}, 403);
    // The secretariat names a reviewer, who is told and may write notes.
    c = await act("secretariat", c, "assignFollowUpReviewer", { reviewerId: world.users.reviewer.id });
    const told = (await s.reviewer.request({ url: "/api/notifications" })).json();
    expect(told.items.map((n: { kind: string }) => n.kind)).toContain("followUpReviewerAssigned");
    c = await act("reviewer", c, "recordReviewNote", { criterionNumber: 8, note: "Fråga om APL-avtalen" });

    c = await act("secretariat", c, "requestFollowUpSupplement", {
      items: [{ criterionNumber: 8, request: "Beskriv åtgärderna för APL" }],
    });
    expect(c.state).toBe("supplementRequested");
    await act("regionLeadA", c, "submitSelfAssessment", {}, 422);
    c = await act("regionLeadA", c, "saveSelfAssessment", {
      criteria: [{ criterionNumber: 8, supplementAnswer: "Nya avtal med fem företag" }],
    });
    c = await act("regionLeadA", c, "submitSelfAssessment", {});
    c = await act("secretariat", c, "flagCertification", { reason: "APL-platserna räcker inte" });
    expect(c.state).toBe("closed");
    // The region is told that the follow-up is reviewed.
    const reviewed = (await s.regionLeadA.request({ url: "/api/notifications" })).json();
    expect(reviewed.items.map((n: { kind: string }) => n.kind)).toContain("followUpReviewed");
    expect(
      (await s.regionLeadB.request({ url: "/api/notifications" }))
        .json()
        .items.map((n: { kind: string }) => n.kind),
    ).not.toContain("followUpReviewed");

    const matrix = (
      await s.regionLeadA.request({ url: `/api/regions/${world.regionA}/follow-ups` })
    ).json() as RegionFollowUps;
    const cert = matrix.certifications[0];
    expect(cert.attention?.reason).toBe("APL-platserna räcker inte");
    expect(cert.history.years).toMatchObject([{ year: 2027, outcome: "flagged", state: "closed" }]);
    expect(cert.history.criteria.find((x) => x.number === 8)?.statuses).toEqual(["atRisk"]);
    expect(cert.history.indicators.find((x) => x.key === "students")?.values).toEqual([140]);
    expect(
      (await s.regionLeadB.request({ url: `/api/regions/${world.regionA}/follow-ups` })).statusCode,
    ).toBe(404);
    expect((await s.reviewer.request({ url: `/api/regions/${world.regionA}/follow-ups` })).statusCode).toBe(
      404,
    );

    const overview = (await s.secretariat.request({ url: "/api/follow-ups/overview" })).json();
    expect(overview).toMatchObject({ open: 0, atRisk: 1, flagged: 1 });

    // Exports: the report as a PDF, the matrix as a workbook; outside the region 404.
    const pdf = await s.regionLeadA.request({ url: `/api/cases/${c.id}/follow-up-report.pdf` });
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(String(pdf.headers["content-disposition"])).toContain(
      "kvalitetsuppf%C3%B6ljning%202027%20TC%202027-",
    );
    expect((await s.regionLeadB.request({ url: `/api/cases/${c.id}/follow-up-report.pdf` })).statusCode).toBe(
      404,
    );
    const xlsx = await s.regionLeadA.request({ url: `/api/regions/${world.regionA}/follow-ups.xlsx` });
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const header = sheet.getRow(4).values as unknown[];
    expect(header.slice(1)).toEqual(["Nr", "Kriterium", 2027]);
    const row8 = sheet.getRows(5, numbers.length)?.find((r) => r.getCell(1).value === 8);
    expect(row8?.getCell(3).value).toBe("Risk");
    const values: unknown[] = [];
    sheet.eachRow((r) => values.push(r.getCell(2).value));
    expect(values).toContain("Elever");
    expect(
      (await s.regionLeadB.request({ url: `/api/regions/${world.regionA}/follow-ups.xlsx` })).statusCode,
    ).toBe(404);
    // A certification case is not a follow-up: no follow-up report (404).
    const recertCandidate = (await s.secretariat.request({ url: `/api/cases?pageSize=100` }))
      .json()
      .items.find((x: { process: string }) => x.process !== "followUp");
    if (recertCandidate) {
      expect(
        (await s.secretariat.request({ url: `/api/cases/${recertCandidate.id}/follow-up-report.pdf` }))
          .statusCode,
      ).toBe(404);
    }

    // Every step is in the case's log, and the flag in the certification's.
    const log = (await s.secretariat.request({ url: `/api/cases/${c.id}/log` })).json();
    expect(log.map((e: { type: string }) => e.type)).toEqual([
      "case.opened",
      "case.saveSelfAssessment",
      "case.saveSelfAssessment",
      "case.addLocalContribution",
      "case.submitSelfAssessment",
      "case.assignFollowUpReviewer",
      "case.recordReviewNote",
      "case.requestFollowUpSupplement",
      "case.saveSelfAssessment",
      "case.submitSelfAssessment",
      "case.flagCertification",
    ]);
    const certEvents = await t.db
      .selectFrom("events")
      .select("type")
      .where("stream_id", "=", certId)
      .execute();
    expect(certEvents.map((e) => e.type)).toContain("certification.flagged");

    // The read model equals a rebuild from the cases.
    const before = await t.db.selectFrom("follow_ups").selectAll().orderBy("case_id").execute();
    await t.db.transaction().execute((tx) => rebuildFollowUpRows(tx, new Date().toISOString()));
    const after = await t.db.selectFrom("follow_ups").selectAll().orderBy("case_id").execute();
    expect(after).toEqual(before);

    // Next year's follow-up opens by the schedule, carries the planned actions forward, and an accepted one
    // clears the flag; a recertification case of the certification shows both years.
    clock.set("2028-03-03T09:00:00Z");
    expect(await runFollowUpScan({ db: t.db, now: clock() })).toMatchObject({ opened: 1 });
    expect(await runFollowUpScan({ db: t.db, now: clock() })).toMatchObject({ opened: 0 });
    // Last year's risk stays on the dashboard until this year's assesses the criterion again.
    expect((await s.secretariat.request({ url: "/api/follow-ups/overview" })).json()).toMatchObject({
      open: 1,
      atRisk: 1,
    });
    const second = (await s.regionLeadA.request({ url: `/api/regions/${world.regionA}/follow-ups` })).json()
      .certifications[0];
    expect(second.openFollowUp).toMatchObject({ state: "selfAssessment", dueDate: "2028-05-03" });
    let c2 = (
      await s.regionLeadA.request({ url: `/api/cases/${second.openFollowUp.caseId}` })
    ).json() as CaseDetail;
    c2 = await act("regionLeadA", c2, "saveSelfAssessment", {
      criteria: numbers.map((n) => ({ criterionNumber: n, status: "onTrack", done: `Gjort ${n} igen` })),
      indicators: { students: 150 },
    });
    c2 = await act("regionLeadA", c2, "submitSelfAssessment", {});
    c2 = await act("secretariat", c2, "acceptFollowUp", { summary: "Bra arbete" });
    expect((await s.secretariat.request({ url: "/api/follow-ups/overview" })).json()).toMatchObject({
      open: 0,
      atRisk: 0,
    });
    const recert = await s.regionLeadA.request({
      method: "POST",
      url: "/api/cases",
      payload: { kind: "recertification", regionId: world.regionA, certificationId: certId },
    });
    expect(recert.statusCode, recert.body).toBe(201);
    const history = (
      await s.regionLeadA.request({ url: `/api/cases/${recert.json().id}/follow-up-history` })
    ).json();
    expect(history.years.map((y: { year: number }) => y.year)).toEqual([2027, 2028]);
    expect(history.indicators.find((x: { key: string }) => x.key === "students").values).toEqual([140, 150]);
    const cleared = (await s.secretariat.request({ url: `/api/regions/${world.regionA}/follow-ups` })).json();
    expect(cleared.certifications[0].attention).toBeNull();
  });

  it("reminds the region before the due date, tells the secretariat once it passed, and logs a postponement", async () => {
    let c = await openByHand();
    expect(c.nextDeadline).toMatchObject({ kind: "followUp", dueDate: "2027-05-15" });
    // Three days before: the region lead and the local lead (who contributes) are reminded, once, however
    // often the scan runs.
    clock.set("2027-05-12T08:00:00Z");
    expect(await runReminderScan({ db: t.db, now: clock() })).toMatchObject({ reminders: 2 });
    expect(await runReminderScan({ db: t.db, now: clock() })).toMatchObject({ reminders: 0 });
    const reminded = (await s.regionLeadA.request({ url: "/api/notifications" })).json();
    expect(reminded.items.map((n: { kind: string }) => n.kind)).toContain("reminder");
    // The day after the due date: overdue on the case, the secretariat told.
    clock.set("2027-05-16T08:00:00Z");
    expect(await runReminderScan({ db: t.db, now: clock() })).toMatchObject({ passed: 1 });
    c = (await s.secretariat.request({ url: `/api/cases/${c.id}` })).json();
    expect(c.nextDeadline).toMatchObject({ dueDate: "2027-05-15", overdue: true });
    const overview = (await s.secretariat.request({ url: "/api/follow-ups/overview" })).json();
    expect(overview).toMatchObject({ open: 1, overdue: 1 });
    // Only the secretariat postpones (403 for the region), to a day ahead (422), with the reason logged.
    await act("regionLeadA", c, "postponeFollowUp", { newDueDate: "2027-06-30", reason: "Sjukdom" }, 403);
    await act("secretariat", c, "postponeFollowUp", { newDueDate: "2027-05-01", reason: "Sjukdom" }, 422);
    c = await act("secretariat", c, "postponeFollowUp", { newDueDate: "2027-06-30", reason: "Sjukdom" });
    expect(c.nextDeadline).toMatchObject({ dueDate: "2027-06-30", overdue: false });
    const log = (await s.secretariat.request({ url: `/api/cases/${c.id}/log` })).json();
    expect(log.at(-1)).toMatchObject({ type: "case.postponeFollowUp" });
    expect(JSON.stringify(log.at(-1))).toContain("Sjukdom");
    // Withdrawn, the follow-up closes: nothing open, a new one may be opened by hand next year only.
    c = await act("secretariat", c, "withdrawFollowUp", { reason: "Regionen slås ihop" });
    expect(c.state).toBe("withdrawn");
    expect((await s.secretariat.request({ url: "/api/follow-ups/overview" })).json()).toMatchObject({
      open: 0,
    });
    const before = await t.db.selectFrom("follow_ups").selectAll().orderBy("case_id").execute();
    await t.db.transaction().execute((tx) => rebuildFollowUpRows(tx, new Date().toISOString()));
    expect(await t.db.selectFrom("follow_ups").selectAll().orderBy("case_id").execute()).toEqual(before);
  });

  it("opens nothing before the certification's month or in the year of the decision; the month can be set", async () => {
    clock.set("2027-02-20T09:00:00Z");
    expect(await runFollowUpScan({ db: t.db, now: clock() })).toMatchObject({ opened: 0 });
    clock.set("2026-12-20T09:00:00Z");
    expect(await runFollowUpScan({ db: t.db, now: clock() })).toMatchObject({ opened: 0 });
    const cert = (await s.secretariat.request({ url: `/api/regions/${world.regionA}/follow-ups` })).json()
      .certifications[0];
    expect(cert).toMatchObject({ followUpMonth: 3, followUpMonthIsDefault: true });
    const set = await s.secretariat.request({
      method: "PUT",
      url: `/api/certifications/${certId}/follow-up-month`,
      payload: { expectedVersion: cert.version, month: 2 },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ followUpMonth: 2, followUpMonthIsDefault: false });
    const stale = await s.secretariat.request({
      method: "PUT",
      url: `/api/certifications/${certId}/follow-up-month`,
      payload: { expectedVersion: cert.version, month: 4 },
    });
    expect(stale.statusCode).toBe(409);
    expect(
      (
        await s.regionLeadA.request({
          method: "PUT",
          url: `/api/certifications/${certId}/follow-up-month`,
          payload: { expectedVersion: 1, month: 4 },
        })
      ).statusCode,
    ).toBe(403);
    clock.set("2027-02-20T09:00:00Z");
    expect(await runFollowUpScan({ db: t.db, now: clock() })).toMatchObject({ opened: 1 });
  });
});
