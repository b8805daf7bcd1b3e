/** The certification machine: each step's preconditions, as the handbook states them. */
import { describe, expect, it } from "vitest";
import { type CaseFacts, enabledActions, openDeadline } from "./machine";
import {
  act,
  afterAction,
  at,
  fresh,
  MEETING_DAY,
  ok,
  reasons,
  secretariat,
  V,
} from "./machine-test-helpers";
import { TEST_TODAY, TEST_USER_IDS, validPayloadFor } from "./test-support";

describe("preconditions", () => {
  it("application: answers only for the case's criteria, all of them answered before sending", () => {
    const drafting = at("drafting");
    expect(
      reasons(
        act(drafting, "saveApplicationDraft", { payload: { answers: [{ criterionNumber: 9, text: "x" }] } }),
      ),
    ).toEqual(["application.unknown_criteria"]);
    expect(reasons(act(drafting, "sendToSteeringGroup"))).toEqual(["application.missing_criteria"]);
  });

  it("submission needs the steering group's approval", () => {
    const submitted = at("submitted");
    expect(reasons(act(submitted, "submitApplication"))).toEqual([
      "application.steering_group_approval_missing",
    ]);
    expect(
      ok(act(afterAction(submitted, act(submitted, "recordSteeringGroupApproval")), "submitApplication"))
        .state,
    ).toBe("preparation");
  });

  it("reviewers: both must be reviewers; a visit needs two assigned", () => {
    const preparation = at("preparation");
    const notReviewers = act(preparation, "assignReviewers", {
      payload: { reviewerIds: [TEST_USER_IDS.reviewers[0], TEST_USER_IDS.secretariat] },
    });
    expect(reasons(notReviewers)).toEqual(["reviewers.not_reviewers"]);
    expect(notReviewers.ok ? null : notReviewers.details?.failures?.[0]).toMatchObject({
      userIds: [TEST_USER_IDS.secretariat],
    });
    const unknown = act(preparation, "assignReviewers", { payload: { reviewerIds: ["nobody", "none"] } });
    expect(reasons(unknown)).toEqual(["reviewers.not_reviewers"]);
    expect(reasons(act(preparation, "planVisit", { actor: secretariat }))).toEqual(["reviewers.not_two"]);
  });

  it("visit: exactly the two assigned reviewers, no other reviewer, at least one from the secretariat", () => {
    const visit = at("visit");
    const [r1, r2] = TEST_USER_IDS.reviewers;
    const s = TEST_USER_IDS.secretariat;
    const world = {
      users: {
        [r1]: { role: "reviewer" as const },
        [r2]: { role: "reviewer" as const },
        [TEST_USER_IDS.otherReviewer]: { role: "reviewer" as const },
        [s]: { role: "secretariat" as const },
        [TEST_USER_IDS.regionLead]: { role: "regionLead" as const },
      },
    };
    const visitWith = (participantIds: string[], heldOn = TEST_TODAY) =>
      act(visit, "recordVisit", { world, payload: { heldOn, place: "Västerås", participantIds } });
    expect(reasons(visitWith([r1, s]))).toEqual(["visit.reviewer_missing"]);
    expect(reasons(visitWith([r1, r2, TEST_USER_IDS.otherReviewer, s]))).toEqual(["visit.other_reviewers"]);
    expect(reasons(visitWith([r1, r2, TEST_USER_IDS.regionLead]))).toEqual(["visit.no_secretariat"]);
    expect(reasons(visitWith([r1, r2, s, "stranger"]))).toEqual(["visit.unknown_participants"]);
    expect(reasons(visitWith([r1, r2, s], "2027-03-16"))).toEqual(["date.in_future"]);
    const held = ok(visitWith([r1, r2, s, TEST_USER_IDS.regionLead]));
    expect(held.state).toBe("protocol");
  });

  it("protocol: findings for the case's criteria, distinct supplements, complete before sending", () => {
    const protocol = at("protocol");
    const finding = (criterionNumber: number, supplementId?: string) => ({
      criterionNumber,
      assessment: "partly",
      remarks: "",
      requiredSupplements: supplementId ? [{ id: supplementId, text: "Beskriv." }] : [],
    });
    expect(reasons(act(protocol, "saveProtocol", { payload: { findings: [finding(12)] } }))).toEqual([
      "protocol.unknown_criteria",
    ]);
    const partial = afterAction(
      protocol,
      act(protocol, "saveProtocol", { payload: { findings: [finding(1, "s1")] } }),
    );
    expect(reasons(act(partial, "saveProtocol", { payload: { findings: [finding(2, "s1")] } }))).toEqual([
      "protocol.duplicate_supplements",
    ]);
    // replacing criterion 1's finding frees its supplement id
    ok(act(partial, "saveProtocol", { payload: { findings: [finding(1), finding(2, "s1")] } }));
    const missing = act(partial, "sendProtocol");
    expect(reasons(missing)).toEqual(["protocol.missing_criteria"]);
    expect(missing.ok ? null : missing.details?.failures?.[0]).toMatchObject({
      criteria: [2, 3, 4, 5, 6, 7, 8],
    });
  });

  it("protocol: sent no later than today and not before the visit", () => {
    const ready = at("protocol", ["saveProtocol"]);
    expect(reasons(act(ready, "sendProtocol", { payload: { sentOn: "2027-03-16" } }))).toEqual([
      "date.in_future",
    ]);
    expect(reasons(act(ready, "sendProtocol", { payload: { sentOn: "2027-03-14" } }))).toEqual([
      "date.too_early",
    ]);
  });

  it("response: every required supplement answered, nothing else", () => {
    const response = at("response");
    expect(reasons(act(response, "submitResponse", { payload: { answers: [] } }))).toEqual([
      "response.missing_supplements",
    ]);
    const extra = {
      answers: [
        { supplementId: "supplement-1", text: "Svar" },
        { supplementId: "supplement-9", text: "Svar" },
      ],
    };
    expect(reasons(act(response, "submitResponse", { payload: extra }))).toEqual([
      "response.unknown_supplements",
    ]);
  });

  it("agenda: decision basis recorded; an ordinary, planned meeting after today", () => {
    const prep = at("decisionPrep");
    expect(reasons(act(prep, "placeOnAgenda"))).toEqual(["decisionBasis.missing"]);
    const ready = afterAction(prep, act(prep, "recordDecisionBasis"));
    const meeting = { id: "m1", date: "2027-04-01", kind: "ordinary" as const, status: "planned" as const };
    const place = (boardMeeting: typeof meeting | undefined, boardMeetingId = "m1") =>
      act(ready, "placeOnAgenda", { world: { boardMeeting }, payload: { boardMeetingId } });
    expect(reasons(place(undefined))).toEqual(["meeting.not_found"]);
    expect(reasons(place(meeting, "m2"))).toEqual(["meeting.not_found"]);
    expect(reasons(place({ ...meeting, kind: "extra" as "ordinary" }))).toEqual(["meeting.not_ordinary"]);
    expect(reasons(place({ ...meeting, status: "held" as "planned" }))).toEqual(["meeting.already_held"]);
    expect(reasons(place({ ...meeting, status: "cancelled" as "planned" }))).toEqual(["meeting.cancelled"]);
    expect(reasons(place({ ...meeting, date: TEST_TODAY }))).toEqual(["meeting.not_in_future"]);
    const placed = ok(place(meeting));
    expect(placed.state).toBe("decision");
    expect(placed.record.agenda).toEqual({
      boardMeetingId: "m1",
      meetingDate: "2027-04-01",
      placedOn: TEST_TODAY,
    });
    expect(placed.effects).toEqual([{ type: "notify", audience: "board", template: "caseOnAgenda" }]);
  });

  it("decision (D2): only at the ordinary meeting the case is on, once its day has come, dated that day", () => {
    const decision = at("decision");
    const placed = decision.record.agenda as NonNullable<CaseFacts["record"]["agenda"]>;
    expect(placed.meetingDate).toBe(MEETING_DAY);
    const meeting = {
      id: placed.boardMeetingId,
      date: MEETING_DAY,
      kind: "ordinary" as const,
      status: "planned" as const,
      title: "Styrelsemöte mars",
    };
    expect(reasons(act(decision, "sendDecision"))).toEqual(["decision.missing"]);
    // The day before the meeting: refused, naming the meeting and its date.
    const early = act(decision, "recordDecision", {
      world: { today: "2027-03-28", agendaMeeting: meeting },
      payload: { ...validPayloadFor("recordDecision", decision), decidedOn: "2027-03-28" },
    });
    expect(reasons(early)).toEqual(["decision.before_meeting"]);
    expect(early.ok === false && early.message).toEqual({
      sv: "Beslutet kan registreras först på styrelsemötet ”Styrelsemöte mars” den 2027-03-29",
      en: 'The decision can be recorded only at the board meeting "Styrelsemöte mars" on 2027-03-29',
    });
    // On or after the meeting's day, dated another day: refused.
    for (const decidedOn of ["2027-03-28", "2027-03-30"]) {
      const other = act(decision, "recordDecision", {
        world: { today: "2027-04-02", agendaMeeting: meeting },
        payload: { ...validPayloadFor("recordDecision", decision), decidedOn },
      });
      expect(reasons(other), decidedOn).toEqual(["decision.not_meeting_date"]);
    }
    // Not on an ordinary meeting's agenda (none, another meeting, an extra meeting, a cancelled one): refused.
    for (const agendaMeeting of [
      undefined,
      { ...meeting, id: "another-meeting" },
      { ...meeting, kind: "extra" as const },
      { ...meeting, status: "cancelled" as const },
    ]) {
      const r = act(decision, "recordDecision", { world: { agendaMeeting } });
      expect(reasons(r), JSON.stringify(agendaMeeting)).toEqual(["decision.not_on_agenda"]);
    }
    // On the day, and recorded a few days later dated the meeting's day: accepted.
    expect(
      act(decision, "recordDecision", { world: { today: MEETING_DAY, agendaMeeting: meeting } }).ok,
    ).toBe(true);
    expect(
      act(decision, "recordDecision", { world: { today: "2027-04-02", agendaMeeting: meeting } }).ok,
    ).toBe(true);
    // The button does not depend on the day (enabled_actions is stored with the case).
    expect(enabledActions(decision, V)).toContain("recordDecision");

    const recorded = afterAction(decision, act(decision, "recordDecision"));
    expect(reasons(act(recorded, "recordDecision"))).toEqual(["decision.already_recorded"]);
    expect(reasons(act(recorded, "sendDecision", { payload: { sentOn: "2027-03-28" } }))).toEqual([
      "date.too_early",
    ]);
  });

  it("meeting moved: the case keeps its place and waits for the new day; cancelled: back to decisionPrep", () => {
    const decision = at("decision");
    const id = (decision.record.agenda as NonNullable<CaseFacts["record"]["agenda"]>).boardMeetingId;
    const newDay = "2027-04-12";
    const moved = afterAction(
      decision,
      act(decision, "meetingMoved", {
        payload: { boardMeetingId: id, fromDate: MEETING_DAY, toDate: newDay },
      }),
    );
    expect(moved.state).toBe("decision");
    expect(moved.record.agenda).toMatchObject({ boardMeetingId: id, meetingDate: newDay });
    const onOldDay = act(moved, "recordDecision", {
      world: { today: MEETING_DAY },
      payload: { ...validPayloadFor("recordDecision", decision), decidedOn: MEETING_DAY },
    });
    expect(reasons(onOldDay)).toEqual(["decision.before_meeting"]);
    const onNewDay = ok(act(moved, "recordDecision"));
    expect(onNewDay.record.decision?.decidedOn).toBe(newDay);

    const cancelled = ok(act(decision, "meetingCancelled"));
    expect(cancelled.state).toBe("decisionPrep");
    expect(cancelled.record.agenda).toBeUndefined();
    expect(cancelled.record.decisionBasis).toEqual(decision.record.decisionBasis);
    expect(cancelled.effects).toEqual([
      { type: "notify", audience: "secretariat", template: "agendaCancelled" },
    ]);
    // Back in decisionPrep it needs a new placement, on a later ordinary meeting.
    const back = { ...decision, state: cancelled.state, record: cancelled.record };
    const later = {
      id: "board-meeting-2",
      date: "2027-04-20",
      kind: "ordinary" as const,
      status: "planned" as const,
    };
    const replaced = ok(act(back, "placeOnAgenda", { options: { boardMeeting: later } }));
    expect(replaced.record.agenda).toMatchObject({
      boardMeetingId: "board-meeting-2",
      meetingDate: "2027-04-20",
    });

    // Only through the meeting: the secretariat taking them on the case is refused, and they are never buttons.
    expect(act(decision, "meetingCancelled", { actor: secretariat }).ok).toBe(false);
    expect(enabledActions(decision, V)).not.toContain("meetingMoved");
    expect(enabledActions(decision, V)).not.toContain("meetingCancelled");
    // Not for another meeting, and not once the board has decided.
    expect(reasons(act(decision, "meetingCancelled", { payload: { boardMeetingId: "other" } }))).toEqual([
      "meeting.not_found",
    ]);
    const decided = afterAction(decision, act(decision, "recordDecision"));
    expect(reasons(act(decided, "meetingMoved"))).toEqual(["meeting.decision_recorded"]);
    expect(reasons(act(decided, "meetingCancelled"))).toEqual(["meeting.decision_recorded"]);
    // A case elsewhere is not affected: the actions belong to the decision step.
    expect(act(at("decisionPrep"), "meetingCancelled", { payload: { boardMeetingId: id } }).ok).toBe(false);
  });

  it("postponement: only of the open deadline, and only to a later date", () => {
    expect(
      reasons(
        act(fresh(), "grantPostponement", {
          payload: { deadline: "protocol", newDueDate: "2027-05-01", reason: "Sjukdom" },
        }),
      ),
    ).toEqual(["deadline.not_open"]);
    const protocol = at("protocol");
    expect(openDeadline(protocol)).toEqual({ deadline: "protocol", dueDate: "2027-04-15" });
    const grant = (deadline: string, newDueDate: string) =>
      act(protocol, "grantPostponement", { payload: { deadline, newDueDate, reason: "Sjukdom" } });
    expect(reasons(grant("response", "2027-08-01"))).toEqual(["deadline.not_open"]);
    expect(reasons(grant("protocol", "2027-04-15"))).toEqual(["deadline.not_later"]);
    expect(reasons(grant("protocol", "2027-04-01"))).toEqual(["deadline.not_later"]);
    expect(grant("protocol", "2027-04-16").ok).toBe(true);
  });
});
