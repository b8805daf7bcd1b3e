import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, expect, it } from "vitest";
import { stockholmDate } from "../../src/domain/certification/deadlines";
import { migrateDownOne, migrateToLatest } from "../../src/server/db/migrate";
import { verifyAllStreams } from "../../src/server/modules/events/event-log";
import {
  act,
  type caseActors,
  caseTeamApp,
  FULL_PATH,
  openNewRegionCase,
  planBoardMeeting,
} from "../support/cases";
import { describeEachEngine, freshDb, type TestDb } from "../support/db";
import { testClock } from "../support/factories";
import { copyCase } from "../support/tasks";

describeEachEngine("certification cases over HTTP", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let clock: ReturnType<typeof testClock>;
  let actors: Awaited<ReturnType<typeof caseActors>>;
  let regionId: string;
  let meeting: { id: string; date: string; kind: "ordinary"; status: "planned" };
  let reviewerIds: [string, string];
  let secretariatId: string;

  beforeEach(async () => {
    t = await freshDb(engine);
    clock = testClock("2027-01-10T09:00:00Z");
    const setup = await caseTeamApp(t.db, clock);
    ({ app, actors } = setup);
    ({ regionId, reviewerIds } = setup.team);
    secretariatId = setup.team.users.secretariat.id;
    const m = await planBoardMeeting(actors.byRole.secretariat, "2027-12-01", "Styrelsemöte december");
    meeting = { id: m.id, date: "2027-12-01", kind: "ordinary", status: "planned" };
  });
  afterEach(async () => {
    await app.close();
    await t.close();
  });

  const opts = () => ({ reviewerIds, secretariatIds: [secretariatId], boardMeeting: meeting });

  const openCase = () => openNewRegionCase(actors.byRole.regionLead, regionId);

  it("takes a new-region case through all 13 steps, including a postponement, with deadlines and a certification", async () => {
    let c = await openCase();
    expect(c.registrationNumber).toBe("TC 2027/0001");
    expect(c.state).toBe("anchoring");
    expect(c.actions).toContain("recordAnchoring");
    expect(c.steps).toHaveLength(13);
    const o = opts();
    // Everything up to the visit: anchoring, interest, application, reviewers, the visit planned.
    for (const action of FULL_PATH.slice(0, FULL_PATH.indexOf("recordVisit"))) {
      c = await act(actors.byRole, c, action, o, clock());
    }
    expect(c.state).toBe("visit");
    expect(c.reviewers.map((r) => r.id).sort()).toEqual([...reviewerIds].sort());
    // The visit on 2027-01-31: protocol due one calendar month later, end-of-month clamped.
    clock.set("2027-01-31T10:00:00Z");
    c = await act(actors.byRole, c, "recordVisit", o, clock());
    expect(c.state).toBe("protocol");
    expect(c.nextDeadline).toMatchObject({ kind: "protocol", dueDate: "2027-02-28", overdue: false });
    c = await act(actors.byRole, c, "saveProtocol", o, clock());
    // A postponement (uppskov) of the protocol deadline by the secretariat: the log keeps both dates.
    c = await act(
      actors.byRole,
      c,
      "grantPostponement",
      {
        ...o,
        as: "secretariat",
        payload: { deadline: "protocol", newDueDate: "2027-03-15", reason: "Sjukdom i kommittén" },
      },
      clock(),
    );
    expect(c.nextDeadline?.dueDate).toBe("2027-03-15");
    clock.set("2027-03-01T10:00:00Z");
    c = await act(actors.byRole, c, "sendProtocol", { ...o, as: "secretariat" }, clock());
    expect(c.state).toBe("response");
    expect(c.nextDeadline).toMatchObject({ kind: "response", dueDate: "2027-06-01" });
    c = await act(actors.byRole, c, "recordPhoneMeeting", { ...o, as: "regionLead" }, clock());
    c = await act(actors.byRole, c, "submitResponse", { ...o, as: "localLead" }, clock());
    c = await act(actors.byRole, c, "recordDecisionBasis", o, clock());
    c = await act(actors.byRole, c, "placeOnAgenda", o, clock());
    expect(c.state).toBe("decision");
    expect(c.boardMeeting?.id).toBe(meeting.id);
    // The board postpones: back to the response step with a new due date.
    clock.set("2027-12-01T14:00:00Z");
    c = await act(actors.byRole, c, "recordDecision", { ...o, decisionOutcome: "postponed" }, clock());
    c = await act(actors.byRole, c, "sendDecision", o, clock());
    expect(c.state).toBe("response");
    expect(c.nextDeadline?.kind).toBe("response");
    // Second round, on a later meeting.
    const m2 = await actors.byRole.secretariat.request({
      method: "POST",
      url: "/api/board-meetings",
      payload: { date: "2028-03-01", title: "Styrelsemöte mars" },
    });
    const o2 = {
      ...o,
      boardMeeting: {
        id: m2.json().id,
        date: "2028-03-01",
        kind: "ordinary" as const,
        status: "planned" as const,
      },
    };
    clock.set("2027-12-20T10:00:00Z");
    c = await act(actors.byRole, c, "submitResponse", { ...o2, as: "regionLead" }, clock());
    c = await act(actors.byRole, c, "recordDecisionBasis", o2, clock());
    c = await act(actors.byRole, c, "placeOnAgenda", o2, clock());
    clock.set("2028-03-01T14:00:00Z");
    c = await act(actors.byRole, c, "recordDecision", o2, clock());
    c = await act(actors.byRole, c, "sendDecision", o2, clock());
    expect(c.state).toBe("ceremony");
    c = await act(actors.byRole, c, "recordCeremony", o2, clock());
    expect(c.state).toBe("closed");
    expect(c.steps.every((s) => s.status === "done")).toBe(true);
    // Both meetings keep their agenda: the first with its postponement, the second with the approval.
    const first = (
      await actors.byRole.secretariat.request({ url: `/api/board-meetings/${meeting.id}` })
    ).json();
    const second = (
      await actors.byRole.secretariat.request({ url: `/api/board-meetings/${m2.json().id}` })
    ).json();
    expect(
      first.agenda.map((a: { id: string; decision: { outcome: string } }) => [a.id, a.decision?.outcome]),
    ).toEqual([[c.id, "postponed"]]);
    expect(
      second.agenda.map((a: { id: string; decision: { outcome: string } }) => [a.id, a.decision?.outcome]),
    ).toEqual([[c.id, "approved"]]);
    expect(c.actions).toEqual([]);
    // The placements as migration 0011 rebuilds them from the log (the first meeting's is only in its events).
    const placements = () =>
      t.db.selectFrom("meeting_placements").selectAll().orderBy("board_meeting_id").execute();
    const kept = await placements();
    expect(kept.map((p) => [p.board_meeting_id, p.case_id]).sort()).toEqual(
      [
        [meeting.id, c.id],
        [m2.json().id, c.id],
      ].sort(),
    );
    await migrateDownOne(t.db);
    await migrateToLatest(t.db);
    expect(await placements()).toEqual(kept);

    // Approved: a certification for the region, valid 3 years from the decision date.
    const certs = (
      await actors.byRole.regionLead.request({ url: `/api/certifications?regionId=${regionId}` })
    ).json();
    expect(certs).toMatchObject([
      { subjectKind: "region", validFrom: "2028-03-01", validTo: "2031-03-01", status: "certified" },
    ]);

    // The log: one event per action, hash-chained, with actor, IP and process version.
    const log = (await actors.byRole.secretariat.request({ url: `/api/cases/${c.id}/log` })).json();
    expect(log[0].type).toBe("case.opened");
    expect(log.map((e: { seq: number }) => e.seq)).toEqual(log.map((_: unknown, i: number) => i + 1));
    expect(log.length).toBe(c.version); // opened at version 1, then one event per action
    const postponement = log.find((e: { type: string }) => e.type === "case.grantPostponement");
    expect(postponement.payload.payload).toMatchObject({
      newDueDate: "2027-03-15",
      reason: "Sjukdom i kommittén",
    });
    expect(postponement.actor.role).toBe("secretariat");
    expect(log.every((e: { ip: string; processVersion: number }) => e.ip && e.processVersion === 1)).toBe(
      true,
    );
    expect((await verifyAllStreams(t.db, "case")).broken).toEqual([]);
    // Where an action came from is for the secretariat only.
    const regionsView = (await actors.byRole.regionLead.request({ url: `/api/cases/${c.id}/log` })).json();
    expect(
      regionsView.every(
        (e: { ip: string | null; userAgent: string | null }) => e.ip === null && e.userAgent === null,
      ),
    ).toBe(true);
  });

  it("answers 409 case.stale_version to the second of two actions on one version", async () => {
    let c = await openCase();
    c = await act(actors.byRole, c, "recordAnchoring", opts(), clock());
    const payload = { steeringGroupIds: ["g1"] };
    const [a, b] = await Promise.all(
      [actors.byRole.regionLead, actors.byRole.secretariat].map((s) =>
        s.request({
          method: "POST",
          url: `/api/cases/${c.id}/actions/recordSteeringGroups`,
          payload: { expectedVersion: c.version, payload },
        }),
      ),
    );
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)?.json().error.code).toBe("case.stale_version");
    const log = (await actors.byRole.secretariat.request({ url: `/api/cases/${c.id}/log` })).json();
    expect(log.map((e: { type: string }) => e.type)).toEqual([
      "case.opened",
      "case.recordAnchoring",
      "case.recordSteeringGroups",
    ]);
  });

  it("explains refusals: wrong state 409, wrong role 403, missing records 422, bad payload 400, outsiders 404", async () => {
    const c = await openCase();
    const post = (who: string, action: string, payload: unknown, version = c.version) =>
      actors.byRole[who].request({
        method: "POST",
        url: `/api/cases/${c.id}/actions/${action}`,
        payload: { expectedVersion: version, payload },
      });
    expect(
      (await post("regionLead", "giveFeedback", { receivedOn: "2027-01-10", feedback: "x" })).statusCode,
    ).toBe(403);
    const wrongState = await post("secretariat", "giveFeedback", { receivedOn: "2027-01-10", feedback: "x" });
    expect(wrongState.statusCode).toBe(409);
    expect(wrongState.json().error.code).toBe("case.action_not_allowed_in_state");
    const bad = await post("regionLead", "recordAnchoring", {
      regionalAnchoring: "",
      completedOn: "2027-02-30",
    });
    expect(bad.statusCode).toBe(400);
    expect((await actors.byRole.reviewer.request({ url: `/api/cases/${c.id}` })).statusCode).toBe(404);
    expect((await actors.byRole.board.request({ url: `/api/cases/${c.id}` })).statusCode).toBe(404);
    const log = (await actors.byRole.secretariat.request({ url: `/api/cases/${c.id}/log` })).json();
    expect(log).toHaveLength(1);
    // In drafting, sending to the steering group before every criterion is answered: 422 naming the gaps.
    let d = c;
    for (const action of [
      "recordAnchoring",
      "recordSteeringGroups",
      "submitInterest",
      "giveFeedback",
    ] as const) {
      d = await act(actors.byRole, d, action, opts(), clock());
    }
    const early = await actors.byRole.regionLead.request({
      method: "POST",
      url: `/api/cases/${c.id}/actions/sendToSteeringGroup`,
      payload: { expectedVersion: d.version, payload: {} },
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.code).toBe("case.precondition_failed");
    expect(JSON.stringify(early.json().error.details)).toContain("8");
  });

  it("lists cases with filters and gives each role its tasks, overdue first", async () => {
    const a = await openCase();
    const b = await openCase();
    expect(b.registrationNumber).toBe("TC 2027/0002");
    await act(actors.byRole, b, "recordAnchoring", opts(), clock());
    const list = (await actors.byRole.secretariat.request({ url: "/api/cases?step=anchoring" })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(list.total).toBe(1);
    const search = (await actors.byRole.secretariat.request({ url: "/api/cases?q=2027/0002" })).json();
    expect(search.items.map((x: { id: string }) => x.id)).toEqual([b.id]);
    expect(search.total).toBe(1);
    // The count and the page agree, with and without a search in the region's name.
    const region = list.items[0].region.name as string;
    const byRegion = (
      await actors.byRole.secretariat.request({
        url: `/api/cases?q=${encodeURIComponent(region.slice(0, 6))}&pageSize=1`,
      })
    ).json();
    expect(byRegion.total).toBe(2);
    expect(byRegion.items).toHaveLength(1);
    const regionLeads = (await actors.byRole.regionLead.request({ url: "/api/cases?pageSize=1" })).json();
    expect(regionLeads.total).toBe(2);
    expect(regionLeads.items).toHaveLength(1);
    const tasks = (await actors.byRole.regionLead.request({ url: "/api/tasks" })).json();
    expect(tasks.items.map((x: { caseId: string }) => x.caseId).sort()).toEqual([a.id, b.id].sort());
    expect(tasks).toMatchObject({ total: 2, overdue: 0, page: 1, pageSize: 50, totalCapped: false });
    expect((await actors.byRole.secretariat.request({ url: "/api/tasks" })).json()).toMatchObject({
      items: [],
      total: 0,
    });
    expect(stockholmDate(clock())).toBe("2027-01-10");
  });

  it("pages the tasks: validated page and page size, counts up to 1,000 that say when there are more", async () => {
    // A region's new case waits for its lead; 1,000 copies of it more (straight into the tables) make 1,001.
    const source = await openCase();
    const copies = Array.from({ length: 1000 }, (_, i) => ({
      due: i % 4 === 0 ? null : `2027-0${1 + (i % 9)}-15`,
      since: `2027-01-01T09:${String(i % 60).padStart(2, "0")}:00.000Z`,
    }));
    await copyCase(t.db, source.id, copies);
    const lead = actors.byRole.regionLead;
    const first = (await lead.request({ url: "/api/tasks" })).json();
    expect(first).toMatchObject({ total: 1000, totalCapped: true, page: 1, pageSize: 50 });
    expect(first.items).toHaveLength(50);
    // None is overdue on 2027-01-10 (the earliest is due 2027-01-15): the first page is the earliest due.
    expect(first.overdue).toBe(0);
    expect(first.items[0]).toMatchObject({ dueDate: "2027-01-15", overdue: false });
    // Paging goes on past the counted 1,000: the 1,001st task is on page 6 of 200.
    const last = (await lead.request({ url: "/api/tasks?page=6&pageSize=200" })).json();
    expect(last.items).toHaveLength(1);
    expect(last.items[0].dueDate).toBeNull();
    const pages = [];
    for (let page = 1; page <= 6; page++)
      pages.push(...(await lead.request({ url: `/api/tasks?page=${page}&pageSize=200` })).json().items);
    expect(new Set(pages.map((x: { caseId: string }) => x.caseId)).size).toBe(1001);
    expect(pages.slice(0, 50)).toEqual(first.items);
    clock.set("2027-03-01T09:00:00Z");
    const later = (await lead.request({ url: "/api/tasks?pageSize=1" })).json();
    const overdue = copies.filter((c) => c.due !== null && c.due < "2027-03-01").length;
    expect(overdue).toBeGreaterThan(100);
    expect(later).toMatchObject({ total: 1000, totalCapped: true, overdue });
    expect(later.items[0]).toMatchObject({ dueDate: "2027-01-15", overdue: true });

    for (const query of ["pageSize=0", "pageSize=201", "page=0", "page=x", "pageSize=2.5"]) {
      const res = await lead.request({ url: `/api/tasks?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBe("request.invalid");
    }
    expect((await lead.request({ url: "/api/tasks?pageSize=200" })).json().items).toHaveLength(200);

    // A reviewer's tasks (from the task index) the same way: a case at the protocol step and 1,000 copies.
    let c = await openCase();
    for (const action of FULL_PATH.slice(0, 11)) c = await act(actors.byRole, c, action, opts(), clock());
    expect(c.state).toBe("protocol");
    await copyCase(t.db, c.id, copies, [reviewerIds[0]]);
    const reviewer = actors.byRole.reviewer;
    const mine = (await reviewer.request({ url: "/api/tasks?pageSize=200" })).json();
    expect(mine).toMatchObject({ total: 1000, totalCapped: true, overdue });
    expect(mine.items).toHaveLength(200);
    expect(mine.items.every((x: { actions: string[] }) => x.actions.includes("saveProtocol"))).toBe(true);
    const reviewed = [];
    for (let page = 1; page <= 6; page++)
      reviewed.push(
        ...(await reviewer.request({ url: `/api/tasks?page=${page}&pageSize=200` })).json().items,
      );
    expect(new Set(reviewed.map((x: { caseId: string }) => x.caseId)).size).toBe(1001);
    expect(reviewed.slice(0, 200)).toEqual(mine.items);
    // The other reviewer has only the case itself; the region's lead still its own 1,001 (and not these).
    expect((await actors.sessions.reviewer2.request({ url: "/api/tasks" })).json()).toMatchObject({
      total: 1,
      totalCapped: false,
      items: [{ caseId: c.id }],
    });
  });
});
