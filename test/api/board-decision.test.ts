/**
 * D2, "RTS styrelse beslutar på ordinarie möten", over HTTP with an injected clock: the board records a decision
 * only for a case on the agenda of an ordinary meeting, once the meeting's day has come, dated that day; a
 * meeting moved takes its agenda along, a meeting cancelled sends its cases back to decision preparation.
 */
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, expect, it } from "vitest";
import { verifyAllStreams } from "../../src/server/modules/events/event-log";
import type { CaseDetail } from "../../src/shared/dto";
import {
  act,
  type caseActors,
  caseTeamApp,
  FULL_PATH,
  openNewRegionCase,
  planBoardMeeting,
} from "../support/cases";
import { describeEachEngine, freshDb, loggedPayloads, type TestDb } from "../support/db";
import { testClock } from "../support/factories";

describeEachEngine("board decisions at ordinary meetings (D2)", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let clock: ReturnType<typeof testClock>;
  let actors: Awaited<ReturnType<typeof caseActors>>;
  let regionId: string;
  let reviewerIds: [string, string];
  let secretariatId: string;

  beforeEach(async () => {
    t = await freshDb(engine);
    clock = testClock("2027-01-10T09:00:00Z");
    const setup = await caseTeamApp(t.db, clock);
    ({ app, actors } = setup);
    ({ regionId, reviewerIds } = setup.team);
    secretariatId = setup.team.users.secretariat.id;
  });
  afterEach(async () => {
    await app.close();
    await t.close();
  });

  const newMeeting = (date: string, title: string, kind = "ordinary") =>
    planBoardMeeting(actors.byRole.secretariat, date, title, kind);

  /** A case driven to the decision step, placed on `meeting` (the clock stays before the meeting). */
  async function onAgenda(meeting: { id: string; date: string }): Promise<CaseDetail> {
    clock.set("2027-01-10T09:00:00Z");
    let c = await openNewRegionCase(actors.byRole.regionLead, regionId);
    const o = {
      reviewerIds,
      secretariatIds: [secretariatId],
      boardMeeting: {
        id: meeting.id,
        date: meeting.date,
        kind: "ordinary" as const,
        status: "planned" as const,
      },
    };
    for (const action of FULL_PATH.slice(0, FULL_PATH.indexOf("placeOnAgenda") + 1)) {
      if (action === "recordVisit") clock.set("2027-01-31T10:00:00Z");
      c = await act(actors.byRole, c, action, o, clock());
    }
    expect(c.state).toBe("decision");
    return c;
  }

  const decide = (c: CaseDetail, decidedOn: string, headers: Record<string, string> = {}) =>
    actors.byRole.board.request({
      method: "POST",
      url: `/api/cases/${c.id}/actions/recordDecision`,
      headers,
      payload: {
        expectedVersion: c.version,
        payload: { outcome: "approved", decidedOn, motivation: "Regionen uppfyller kriterierna." },
      },
    });

  const load = async (c: CaseDetail) =>
    (
      await actors.byRole.secretariat.request({ method: "GET", url: `/api/cases/${c.id}` })
    ).json() as CaseDetail;

  it("refuses a decision before the meeting's day and on another date, and takes it on the day", async () => {
    const meeting = await newMeeting("2027-12-01", "Styrelsemöte december");
    const c = await onAgenda(meeting);

    clock.set("2027-11-30T15:00:00Z"); // the day before, in Stockholm
    const early = await decide(c, "2027-11-30");
    expect(early.statusCode).toBe(422);
    expect(early.json().error).toMatchObject({
      code: "case.precondition_failed",
      message: "Beslutet kan registreras först på styrelsemötet ”Styrelsemöte december” den 2027-12-01",
    });
    const inEnglish = await decide(c, "2027-11-30", { "accept-language": "en" });
    expect(inEnglish.json().error.message).toBe(
      'The decision can be recorded only at the board meeting "Styrelsemöte december" on 2027-12-01',
    );
    // 23:30 UTC on 30 November is already 1 December in Stockholm.
    clock.set("2027-11-30T23:30:00Z");
    const wrongDay = await decide(c, "2027-11-30");
    expect(wrongDay.statusCode).toBe(422);
    expect(wrongDay.json().error.details.failures[0]).toMatchObject({
      reason: "decision.not_meeting_date",
      date: "2027-12-01",
    });
    const ok = await decide(c, "2027-12-01");
    expect(ok.statusCode, ok.body).toBe(200);
    expect((ok.json() as CaseDetail).record).toMatchObject({ decision: { decidedOn: "2027-12-01" } });
  });

  it("offers the decision as a button whatever the day, with the meeting's date to fill in", async () => {
    const meeting = await newMeeting("2027-12-01", "Styrelsemöte december");
    const c = await onAgenda(meeting);
    const asBoard = (await actors.byRole.board.request({ method: "GET", url: `/api/cases/${c.id}` })).json();
    expect(asBoard.actions).toContain("recordDecision");
    expect(asBoard.boardMeeting).toMatchObject({ id: meeting.id, date: "2027-12-01" });
  });

  it("never takes a meeting's change as an action on the case itself", async () => {
    const meeting = await newMeeting("2027-12-01", "Styrelsemöte december");
    const c = await onAgenda(meeting);
    for (const action of ["meetingMoved", "meetingCancelled"]) {
      const res = await actors.byRole.secretariat.request({
        method: "POST",
        url: `/api/cases/${c.id}/actions/${action}`,
        payload: {
          expectedVersion: c.version,
          payload:
            action === "meetingMoved"
              ? { boardMeetingId: meeting.id, fromDate: "2027-12-01", toDate: "2027-12-15" }
              : { boardMeetingId: meeting.id },
        },
      });
      expect(res.statusCode, action).toBe(404); // no such route: not an action on a case
    }
    expect((await load(c)).version).toBe(c.version);
  });

  it("moves the cases' decision day with the meeting, logged on each case", async () => {
    const meeting = await newMeeting("2027-12-01", "Styrelsemöte december");
    const a = await onAgenda(meeting);
    const b = await onAgenda(meeting);
    const patch = await actors.byRole.secretariat.request({
      method: "PATCH",
      url: `/api/board-meetings/${meeting.id}`,
      payload: { expectedVersion: meeting.version, date: "2027-12-15" },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    for (const c of [a, b]) {
      const after = await load(c);
      expect(after.state).toBe("decision");
      expect(after.version).toBe(c.version + 1);
      expect(after.record).toMatchObject({
        agenda: { boardMeetingId: meeting.id, meetingDate: "2027-12-15" },
      });
      const moved = await loggedPayloads(t.db, c.id, "case.meetingMoved");
      expect(moved).toHaveLength(1);
      expect(moved[0]).toMatchObject({
        payload: { boardMeetingId: meeting.id, fromDate: "2027-12-01", toDate: "2027-12-15" },
      });
    }
    clock.set("2027-12-01T12:00:00Z");
    expect((await decide(await load(a), "2027-12-01")).statusCode).toBe(422);
    clock.set("2027-12-15T12:00:00Z");
    expect((await decide(await load(a), "2027-12-15")).statusCode).toBe(200);
    expect((await verifyAllStreams(t.db)).broken).toEqual([]);
  });

  it("sends the cases of a cancelled meeting back to decision preparation and tells the secretariat", async () => {
    const meeting = await newMeeting("2027-12-01", "Styrelsemöte december");
    const c = await onAgenda(meeting);
    const patch = await actors.byRole.secretariat.request({
      method: "PATCH",
      url: `/api/board-meetings/${meeting.id}`,
      payload: { expectedVersion: meeting.version, status: "cancelled" },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    const after = await load(c);
    expect(after.state).toBe("decisionPrep");
    expect(after.boardMeeting).toBeNull();
    expect((after.record as { agenda?: unknown }).agenda).toBeUndefined();
    expect(after.actions).toContain("placeOnAgenda");
    const notice = await t.db
      .selectFrom("notifications")
      .select(["user_id", "template"])
      .where("case_id", "=", c.id)
      .where("template", "=", "agendaCancelled")
      .execute();
    expect(notice).toEqual([{ user_id: secretariatId, template: "agendaCancelled" }]);
    expect(await loggedPayloads(t.db, c.id, "case.meetingCancelled")).toHaveLength(1);
    // Off the board's agenda, the case is no longer the board's to see, let alone decide (404).
    clock.set("2027-12-01T12:00:00Z");
    expect((await decide(after, "2027-12-01")).statusCode).toBe(404);
    // A new placement on a later ordinary meeting, then a decision there.
    clock.set("2027-12-02T09:00:00Z");
    const later = await newMeeting("2028-01-20", "Styrelsemöte januari");
    const placed = await actors.byRole.secretariat.request({
      method: "POST",
      url: `/api/cases/${c.id}/actions/placeOnAgenda`,
      payload: { expectedVersion: after.version, payload: { boardMeetingId: later.id } },
    });
    expect(placed.statusCode, placed.body).toBe(200);
    clock.set("2028-01-20T12:00:00Z");
    expect((await decide(placed.json(), "2028-01-20")).statusCode).toBe(200);
  });

  it("refuses to move or cancel a meeting once a decision is recorded on its agenda, changing nothing", async () => {
    const meeting = await newMeeting("2027-12-01", "Styrelsemöte december");
    const decided = await onAgenda(meeting);
    const waiting = await onAgenda(meeting);
    clock.set("2027-12-01T12:00:00Z");
    expect((await decide(decided, "2027-12-01")).statusCode).toBe(200);
    for (const change of [{ date: "2027-12-15" }, { status: "cancelled" }]) {
      const res = await actors.byRole.secretariat.request({
        method: "PATCH",
        url: `/api/board-meetings/${meeting.id}`,
        payload: { expectedVersion: meeting.version, ...change },
      });
      expect(res.statusCode, JSON.stringify(change)).toBe(422);
      expect(res.json().error.details.failures[0].reason).toBe("meeting.decision_recorded");
    }
    const m = (
      await actors.byRole.secretariat.request({ method: "GET", url: `/api/board-meetings/${meeting.id}` })
    ).json();
    expect(m).toMatchObject({ date: "2027-12-01", status: "planned", version: meeting.version });
    expect((await load(waiting)).version).toBe(waiting.version);
  });
});
