import { describe, expect, it } from "vitest";
import { ACTION_NAMES, type ActionName } from "./actions";
import {
  type ActorFacts,
  type ApplyActionResult,
  applyAction,
  availableActions,
  type CaseFacts,
  CERTIFICATION_PROCESS_VERSION,
  certificationProcesses,
  certificationProcessV1,
  enabledActions,
  nextActors,
  openDeadline,
  plannedVisitDate,
  startCase,
  type WorldFacts,
} from "./machine";
import { ROLES, type Role } from "./permissions";
import type { CaseKind, CaseState } from "./steps";
import {
  actorFor,
  actorWithRole,
  type DriveStep,
  drive,
  HAPPY_PATH,
  type PathOptions,
  stepsUntil,
  TEST_CRITERIA,
  TEST_TODAY,
  TEST_USER_IDS,
  validPayloadFor,
  worldFor,
} from "./test-support";

const V = CERTIFICATION_PROCESS_VERSION;
/** The day of the test meeting (TEST_TODAY + 14): the board decides then, and the steps after follow it. */
const MEETING_DAY = "2027-03-29";

function fresh(kind: CaseKind = "newRegion"): CaseFacts {
  return startCase({ kind, criteriaNumbers: TEST_CRITERIA });
}

/** A newRegion case driven along the main line until it reaches `state`, plus extra steps. */
function at(
  state: CaseState,
  extra: DriveStep[] = [],
  options: PathOptions = {},
  kind: CaseKind = "newRegion",
) {
  return drive(fresh(kind), [...stepsUntil(state, kind), ...extra], options).facts;
}

type Call = {
  actor?: ActorFacts;
  payload?: unknown;
  world?: Partial<WorldFacts>;
  options?: PathOptions;
};

function act(facts: CaseFacts, action: ActionName | string, call: Call = {}): ApplyActionResult {
  const options = call.options ?? {};
  const known = (ACTION_NAMES as readonly string[]).includes(action);
  return applyAction({
    processVersion: V,
    facts,
    actor:
      call.actor ?? (known ? actorFor(action as ActionName, facts, options) : actorWithRole("secretariat")),
    world: { ...worldFor(facts, options), ...call.world },
    action,
    payload: "payload" in call ? call.payload : validPayloadFor(action as ActionName, facts, options),
  });
}

function ok(result: ApplyActionResult) {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${JSON.stringify(result.details)}`);
  return result;
}

function then(facts: CaseFacts, result: ApplyActionResult): CaseFacts {
  const r = ok(result);
  return { ...facts, state: r.state, record: r.record };
}

function reasons(result: ApplyActionResult): string[] {
  if (result.ok) throw new Error("expected a failure");
  expect(result.code).toBe("case.precondition_failed");
  expect(result.status).toBe(422);
  return (result.details?.failures ?? []).map((f) => f.reason);
}

const secretariat = actorWithRole("secretariat");

describe("startCase", () => {
  it("starts every kind at anchoring except decertification, which starts at decisionPrep", () => {
    for (const kind of [
      "newRegion",
      "newProvider",
      "newProgramme",
      "newSpecialisation",
      "recertification",
    ] as const) {
      expect(fresh(kind).state).toBe("anchoring");
    }
    expect(fresh("decertification").state).toBe("decisionPrep");
    expect(fresh().record).toEqual({ phoneMeetings: [], deadlines: {}, previousRounds: [] });
    expect(fresh().criteriaNumbers).toEqual(TEST_CRITERIA);
  });

  it("keeps a registry of process versions and refuses an unknown one", () => {
    expect(certificationProcesses[1]).toBe(certificationProcessV1);
    expect(() => startCase({ kind: "newRegion", criteriaNumbers: [1], processVersion: 99 })).toThrow(
      /version 99/,
    );
    expect(() =>
      applyAction({
        processVersion: 99,
        facts: fresh(),
        actor: secretariat,
        world: worldFor(fresh()),
        action: "recordAnchoring",
        payload: {},
      }),
    ).toThrow(/version 99/);
  });
});

describe("applyAction: checks and error codes", () => {
  it("answers 400 case.action_unknown for an unknown action", () => {
    const result = act(fresh(), "approveEverything", { payload: {} });
    expect(result).toMatchObject({ ok: false, code: "case.action_unknown", status: 400 });
  });

  it("answers 404 case.not_found to anyone but the secretariat outside the case's scope", () => {
    const outsider: ActorFacts = { ...actorWithRole("regionLead"), inScope: false };
    expect(act(fresh(), "recordAnchoring", { actor: outsider })).toMatchObject({
      code: "case.not_found",
      status: 404,
    });
    const admin: ActorFacts = { ...actorWithRole("admin"), inScope: false };
    expect(act(fresh(), "recordAnchoring", { actor: admin })).toMatchObject({ status: 404 });
    expect(act(fresh(), "recordAnchoring", { actor: { ...secretariat, inScope: false } }).ok).toBe(true);
  });

  it("answers 403 case.forbidden when the role may not take the action", () => {
    const cases: [CaseFacts, ActionName, Role][] = [
      [fresh(), "recordAnchoring", "localLead"],
      [fresh(), "recordAnchoring", "admin"],
      [fresh(), "recordAnchoring", "reviewer"],
      [at("feedback"), "giveFeedback", "regionLead"],
      [at("preparation"), "assignReviewers", "regionLead"],
      [at("protocol"), "sendProtocol", "reviewer"],
      [at("decision"), "recordDecision", "regionLead"],
      [at("decision"), "sendDecision", "board"],
      [at("protocol"), "withdrawCase", "regionLead"],
    ];
    for (const [facts, action, role] of cases) {
      const result = act(facts, action, { actor: actorWithRole(role, facts) });
      expect(result, `${role} ${action}`).toMatchObject({ ok: false, code: "case.forbidden", status: 403 });
    }
    const facts = at("protocol");
    const unassigned: ActorFacts = { ...actorWithRole("reviewer", facts), isAssignedReviewer: false };
    expect(act(facts, "saveProtocol", { actor: unassigned })).toMatchObject({ code: "case.forbidden" });
    const decision = at("decision");
    const otherBoard: ActorFacts = { ...actorWithRole("board"), isBoardForAgenda: false };
    expect(act(decision, "recordDecision", { actor: otherBoard })).toMatchObject({ code: "case.forbidden" });
  });

  it("answers 409 case.action_not_allowed_in_state in the wrong step or a final state", () => {
    const result = act(at("drafting"), "recordAnchoring", { payload: {} });
    expect(result).toMatchObject({
      ok: false,
      code: "case.action_not_allowed_in_state",
      status: 409,
      details: { action: "recordAnchoring", state: "drafting" },
    });
    expect(act(at("protocol"), "recordPhoneMeeting")).toMatchObject({ status: 409 });
    const closed = at("closed");
    expect(closed.state).toBe("closed");
    for (const action of ["withdrawCase", "recordCeremony"] as const) {
      expect(act(closed, action, { payload: {} })).toMatchObject({ status: 409 });
    }
  });

  it("checks the state before the payload", () => {
    expect(act(at("drafting"), "recordAnchoring", { payload: { nonsense: true } })).toMatchObject({
      status: 409,
    });
  });

  it("answers 400 case.invalid_payload with the zod issues", () => {
    const result = act(fresh(), "recordAnchoring", {
      payload: { regionalAnchoring: "", localAnchoring: "Ja", completedOn: "2027-02-30" },
    });
    expect(result).toMatchObject({ ok: false, code: "case.invalid_payload", status: 400 });
    if (result.ok) return;
    expect(result.details?.issues?.map((i) => i.path).sort()).toEqual(["completedOn", "regionalAnchoring"]);
  });

  it("answers 422 case.precondition_failed with the reasons and a message in both languages", () => {
    const facts = drive(at("drafting"), [
      {
        action: "saveApplicationDraft",
        payload: { answers: [1, 2, 3, 4, 6].map((n) => ({ criterionNumber: n, text: "Svar" })) },
      },
      { action: "saveApplicationDraft", payload: { answers: [{ criterionNumber: 7, text: "  " }] } },
    ]).facts;
    const result = act(facts, "sendToSteeringGroup");
    expect(result).toMatchObject({
      ok: false,
      code: "case.precondition_failed",
      status: 422,
      message: {
        sv: "Ansökan saknar svar för kriterium 5, 7, 8",
        en: "The application has no answer for criterion 5, 7, 8",
      },
      details: { failures: [{ reason: "application.missing_criteria", criteria: [5, 7, 8] }] },
    });
  });

  it("does not modify the facts it is given", () => {
    const facts = at("protocol", ["saveProtocol"]);
    const copy = structuredClone(facts);
    ok(act(facts, "sendProtocol"));
    ok(act(facts, "withdrawCase"));
    ok(act(facts, "grantPostponement"));
    expect(facts).toEqual(copy);
  });

  it("refuses a world without a valid today", () => {
    expect(() => act(fresh(), "recordAnchoring", { world: { today: "15/3/2027" } })).toThrow(/today/);
  });
});

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
      ok(act(then(submitted, act(submitted, "recordSteeringGroupApproval")), "submitApplication")).state,
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
    const partial = then(
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
    const ready = then(prep, act(prep, "recordDecisionBasis"));
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

    const recorded = then(decision, act(decision, "recordDecision"));
    expect(reasons(act(recorded, "recordDecision"))).toEqual(["decision.already_recorded"]);
    expect(reasons(act(recorded, "sendDecision", { payload: { sentOn: "2027-03-28" } }))).toEqual([
      "date.too_early",
    ]);
  });

  it("meeting moved: the case keeps its place and waits for the new day; cancelled: back to decisionPrep", () => {
    const decision = at("decision");
    const id = (decision.record.agenda as NonNullable<CaseFacts["record"]["agenda"]>).boardMeetingId;
    const newDay = "2027-04-12";
    const moved = then(
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
    const decided = then(decision, act(decision, "recordDecision"));
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

describe("records and effects", () => {
  it("walks the main line, telling the secretariat and the region what the handbook says", () => {
    const { facts, effects } = drive(fresh(), HAPPY_PATH);
    expect(facts.state).toBe("closed");
    const byAction = Object.fromEntries(HAPPY_PATH.map((action, i) => [action, effects[i]]));
    expect(byAction.submitInterest).toEqual([
      { type: "notify", audience: "secretariat", template: "interestSubmitted" },
    ]);
    expect(byAction.giveFeedback).toEqual([
      { type: "notify", audience: "region", template: "feedbackGiven" },
    ]);
    expect(byAction.submitApplication).toEqual([
      { type: "notify", audience: "secretariat", template: "applicationSubmitted" },
    ]);
    expect(byAction.assignReviewers).toEqual([
      { type: "notify", audience: "reviewers", template: "reviewersAssigned" },
    ]);
    expect(byAction.recordVisit).toEqual([
      { type: "deadlineSet", deadline: "protocol", dueDate: "2027-04-15" },
    ]);
    expect(byAction.sendProtocol).toEqual([
      { type: "deadlineClosed", deadline: "protocol" },
      { type: "deadlineSet", deadline: "response", dueDate: "2027-06-15" },
      { type: "notify", audience: "region", template: "protocolSent" },
    ]);
    expect(byAction.submitResponse).toEqual([
      { type: "deadlineClosed", deadline: "response" },
      { type: "notify", audience: "secretariat", template: "responseSubmitted" },
    ]);
    expect(byAction.sendDecision).toEqual([
      { type: "certificationGranted", years: 3 },
      { type: "notify", audience: "region", template: "decisionSent" },
    ]);
    expect(byAction.recordCeremony).toEqual([]);
    expect(facts.record.ceremony).toEqual({ held: true, heldOn: MEETING_DAY, place: "Stadshuset" });
    expect(facts.record.decision?.decidedOn).toBe(MEETING_DAY);
    expect(facts.record.application?.submittedOn).toBe(TEST_TODAY);
    expect(facts.record.deadlines.protocol).toEqual({
      dueDate: "2027-04-15",
      setOn: TEST_TODAY,
      closedOn: TEST_TODAY,
      postponements: [],
    });
  });

  it("sets calendar-month deadlines: visit 2027-01-31 → protocol 2027-02-28; sent 2027-11-30 → 2028-02-29", () => {
    const visit = at("visit", [], { today: "2027-01-31" });
    const held = ok(act(visit, "recordVisit", { options: { today: "2027-01-31" } }));
    expect(held.effects).toEqual([{ type: "deadlineSet", deadline: "protocol", dueDate: "2027-02-28" }]);
    const protocol = drive({ ...visit, state: held.state, record: held.record }, ["saveProtocol"], {
      today: "2027-11-30",
    }).facts;
    const sent = ok(act(protocol, "sendProtocol", { options: { today: "2027-11-30" } }));
    expect(sent.record.deadlines.response?.dueDate).toBe("2028-02-29");
    expect(openDeadline({ ...protocol, state: sent.state, record: sent.record })).toEqual({
      deadline: "response",
      dueDate: "2028-02-29",
    });
  });

  it("grants 5 years for a recertification", () => {
    const decision = at("decision", ["recordDecision"], {}, "recertification");
    expect(ok(act(decision, "sendDecision")).effects).toContainEqual({
      type: "certificationGranted",
      years: 5,
    });
  });

  it("ends a rejection in `rejected` without a certification", () => {
    const decision = at("decision", [], {});
    const rejected = then(
      decision,
      act(decision, "recordDecision", { options: { decisionOutcome: "rejected" } }),
    );
    const sent = ok(act(rejected, "sendDecision"));
    expect(sent.state).toBe("rejected");
    expect(sent.effects).toEqual([{ type: "notify", audience: "region", template: "decisionSent" }]);
  });

  it("sends a postponed case back to the response step with the new due date", () => {
    const decision = at("decision", [
      { action: "recordDecision", options: { decisionOutcome: "postponed" } },
    ]);
    const sent = ok(act(decision, "sendDecision"));
    expect(sent.state).toBe("response");
    expect(sent.effects).toEqual([
      { type: "deadlineSet", deadline: "response", dueDate: "2027-05-29" },
      { type: "notify", audience: "region", template: "decisionSent" },
    ]);
    const record = sent.record;
    expect(record.response).toBeUndefined();
    expect(record.decision).toBeUndefined();
    expect(record.decisionBasis).toBeUndefined();
    expect(record.agenda).toBeUndefined();
    expect(record.protocol).toEqual(decision.record.protocol);
    expect(record.deadlines.response).toEqual({
      dueDate: "2027-05-29",
      setOn: MEETING_DAY,
      postponements: [],
    });
    expect(record.previousRounds).toHaveLength(1);
    expect(record.previousRounds[0]).toMatchObject({
      decision: { outcome: "postponed", newResponseDueDate: "2027-05-29" },
      decisionSentOn: MEETING_DAY,
      response: { answers: [{ supplementId: "supplement-1" }] },
      responseDeadline: { dueDate: "2027-06-15", closedOn: TEST_TODAY },
    });
    const facts = { ...decision, state: sent.state, record };
    const after = drive(facts, stepsUntil("ceremony").slice(stepsUntil("decisionPrep").length - 1)).facts;
    expect(after.state).toBe("ceremony");
    expect(after.record.previousRounds).toHaveLength(1);
  });

  it("records a postponement of a deadline and keeps the old due date", () => {
    const response = at("response");
    const granted = ok(
      act(response, "grantPostponement", {
        payload: { deadline: "response", newDueDate: "2027-07-01", reason: "Sjukdom i styrgruppen" },
      }),
    );
    expect(granted.state).toBe("response");
    expect(granted.effects).toEqual([
      { type: "deadlineSet", deadline: "response", dueDate: "2027-07-01" },
      { type: "notify", audience: "region", template: "deadlinePostponed" },
    ]);
    expect(granted.record.deadlines.response).toEqual({
      dueDate: "2027-07-01",
      setOn: TEST_TODAY,
      postponements: [
        {
          previousDueDate: "2027-06-15",
          newDueDate: "2027-07-01",
          reason: "Sjukdom i styrgruppen",
          grantedOn: TEST_TODAY,
        },
      ],
    });
    const protocol = at("protocol");
    expect(ok(act(protocol, "grantPostponement")).effects).toContainEqual({
      type: "notify",
      audience: "reviewers",
      template: "deadlinePostponed",
    });
  });

  it("withdraws a case from any step, closing the open deadline", () => {
    const protocol = at("protocol");
    const withdrawn = ok(act(protocol, "withdrawCase"));
    expect(withdrawn.state).toBe("withdrawn");
    expect(withdrawn.effects).toEqual([
      { type: "deadlineClosed", deadline: "protocol" },
      { type: "notify", audience: "region", template: "caseWithdrawn" },
    ]);
    expect(withdrawn.record.withdrawal).toEqual({
      reason: "Regionen drar tillbaka ansökan.",
      withdrawnOn: TEST_TODAY,
    });
    expect(withdrawn.record.deadlines.protocol?.closedOn).toBe(TEST_TODAY);
    expect(openDeadline({ ...protocol, state: withdrawn.state, record: withdrawn.record })).toBeNull();
    expect(ok(act(fresh(), "withdrawCase")).effects).toEqual([
      { type: "notify", audience: "region", template: "caseWithdrawn" },
    ]);
  });

  it("merges application drafts and protocol findings by criterion", () => {
    const drafting = at("drafting");
    const first = then(
      drafting,
      act(drafting, "saveApplicationDraft", {
        payload: {
          answers: [
            { criterionNumber: 2, text: "Två" },
            { criterionNumber: 1, text: "Ett" },
          ],
          attachmentIds: ["a1"],
        },
      }),
    );
    const second = ok(
      act(first, "saveApplicationDraft", {
        payload: { answers: [{ criterionNumber: 2, text: "Två, bättre" }] },
      }),
    );
    expect(second.state).toBe("drafting");
    expect(second.record.application).toEqual({
      answers: [
        { criterionNumber: 1, text: "Ett" },
        { criterionNumber: 2, text: "Två, bättre" },
      ],
      attachmentIds: ["a1"],
    });
  });

  it("records phone meetings in the response and decision preparation steps", () => {
    const response = at("response");
    const one = then(response, act(response, "recordPhoneMeeting", { actor: actorWithRole("localLead") }));
    const prep = drive(one, ["submitResponse"]).facts;
    const two = ok(act(prep, "recordPhoneMeeting", { actor: actorWithRole("reviewer", prep) }));
    expect(two.state).toBe("decisionPrep");
    expect(two.effects).toEqual([]);
    expect(two.record.phoneMeetings).toHaveLength(2);
    expect(two.record.phoneMeetings[0]).toMatchObject({ heldOn: TEST_TODAY, recordedOn: TEST_TODAY });
  });

  it("lets the visit be rescheduled before it is held", () => {
    const visit = at("visit");
    const moved = ok(
      act(visit, "planVisit", { payload: { plannedDate: "2027-04-02", place: "Eskilstuna" } }),
    );
    expect(moved.state).toBe("visit");
    expect(moved.record.visitPlan).toEqual({ plannedDate: "2027-04-02", place: "Eskilstuna" });
  });

  it("has a coming visit date only while the case is at the visit step", () => {
    expect(plannedVisitDate(at("preparation"))).toBeNull();
    const visit = at("visit");
    expect(plannedVisitDate(visit)).toBe(visit.record.visitPlan?.plannedDate);
    expect(plannedVisitDate(visit)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const moved = ok(
      act(visit, "planVisit", { payload: { plannedDate: "2027-04-02", place: "Eskilstuna" } }),
    );
    expect(plannedVisitDate({ ...visit, state: moved.state, record: moved.record })).toBe("2027-04-02");
    // Once held, the visit is no longer coming, though the plan stays in the record.
    const held = at("protocol");
    expect(held.record.visitPlan).toBeDefined();
    expect(plannedVisitDate(held)).toBeNull();
  });

  it("closes a case whose ceremony is skipped", () => {
    const skipped = ok(act(at("ceremony"), "skipCeremony", { payload: {} }));
    expect(skipped.state).toBe("closed");
    expect(skipped.record.ceremony).toEqual({ held: false, skippedOn: MEETING_DAY });
  });
});

describe("decertification", () => {
  it("runs from decision preparation to a board decision that withdraws the certification", () => {
    const start = fresh("decertification");
    const { facts, effects } = drive(start, [
      "recordDecisionBasis",
      "placeOnAgenda",
      "recordDecision",
      "sendDecision",
    ]);
    expect(facts.state).toBe("closed");
    expect(effects.at(-1)).toEqual([
      { type: "certificationWithdrawn" },
      { type: "notify", audience: "region", template: "decisionSent" },
    ]);
  });

  it("ends in `rejected` when the board does not decertify, and can be postponed", () => {
    const decision = drive(fresh("decertification"), ["recordDecisionBasis", "placeOnAgenda"]).facts;
    const rejected = drive(decision, [
      { action: "recordDecision", options: { decisionOutcome: "rejected" } },
      "sendDecision",
    ]);
    expect(rejected.facts.state).toBe("rejected");
    const postponed = drive(decision, [
      { action: "recordDecision", options: { decisionOutcome: "postponed" } },
      "sendDecision",
      { action: "submitResponse", payload: { answers: [] } },
    ]);
    expect(postponed.facts.state).toBe("decisionPrep");
  });
});

describe("availableActions", () => {
  const available = (facts: CaseFacts, role: Role, actor?: ActorFacts) =>
    availableActions({
      processVersion: V,
      facts,
      actor: actor ?? actorWithRole(role, facts),
      world: worldFor(facts),
    });

  it("shows each role its buttons", () => {
    expect(available(fresh(), "regionLead")).toEqual(["recordAnchoring"]);
    expect(available(fresh(), "localLead")).toEqual([]);
    expect(available(fresh(), "secretariat")).toEqual(["recordAnchoring", "withdrawCase"]);
    expect(available(at("drafting"), "localLead")).toEqual(["saveApplicationDraft"]);
    expect(available(at("drafting", ["saveApplicationDraft"]), "regionLead")).toEqual([
      "saveApplicationDraft",
      "sendToSteeringGroup",
    ]);
    expect(available(at("protocol"), "reviewer")).toEqual(["saveProtocol"]);
    expect(available(at("protocol"), "secretariat")).toEqual([
      "saveProtocol",
      "grantPostponement",
      "withdrawCase",
    ]);
    expect(available(at("protocol", ["saveProtocol"]), "secretariat")).toEqual([
      "saveProtocol",
      "sendProtocol",
      "grantPostponement",
      "withdrawCase",
    ]);
    expect(available(at("response"), "localLead")).toEqual(["submitResponse", "recordPhoneMeeting"]);
    expect(available(at("decision"), "board")).toEqual(["recordDecision"]);
    expect(available(at("decision", ["recordDecision"]), "board")).toEqual([]);
    expect(available(at("decision", ["recordDecision"]), "secretariat")).toEqual([
      "sendDecision",
      "withdrawCase",
    ]);
    expect(available(at("ceremony"), "regionLead")).toEqual(["recordCeremony", "skipCeremony"]);
  });

  it("shows nothing outside scope, to the admin, or in a final state", () => {
    expect(available(fresh(), "regionLead", { ...actorWithRole("regionLead"), inScope: false })).toEqual([]);
    expect(available(fresh(), "admin")).toEqual([]);
    expect(available(at("closed"), "secretariat")).toEqual([]);
  });

  it("agrees with applyAction for every role, action and step of the main line and a postponement", () => {
    const states: CaseFacts[] = [];
    let facts = fresh();
    const steps: DriveStep[] = [
      ...HAPPY_PATH.slice(0, HAPPY_PATH.indexOf("recordDecision")),
      { action: "recordDecision", options: { decisionOutcome: "postponed" } },
      "sendDecision",
      ...HAPPY_PATH.slice(HAPPY_PATH.indexOf("submitResponse")),
    ];
    for (const step of steps) {
      states.push(facts);
      facts = drive(facts, [step]).facts;
    }
    states.push(facts);
    let checked = 0;
    for (const state of states) {
      for (const role of ROLES) {
        const actor = actorWithRole(role, state);
        const shown = available(state, role);
        for (const action of ACTION_NAMES) {
          let payload: unknown;
          try {
            payload = validPayloadFor(action, state);
          } catch {
            payload = { deadline: "protocol", newDueDate: "2030-01-01", reason: "x" };
          }
          const result = act(state, action, { actor, payload });
          expect(result.ok, `${role} ${action} in ${state.state}`).toBe(shown.includes(action));
          checked++;
        }
      }
    }
    expect(checked).toBe(states.length * ROLES.length * ACTION_NAMES.length);
  });
});

describe("nextActors", () => {
  it("names who must act in each step", () => {
    const expected: [CaseFacts, Role[]][] = [
      [fresh(), ["regionLead"]],
      [at("steeringGroup"), ["regionLead"]],
      [at("interest"), ["regionLead"]],
      [at("feedback"), ["secretariat"]],
      [at("drafting"), ["regionLead", "localLead"]],
      [at("drafting", ["saveApplicationDraft"]), ["regionLead"]],
      [at("submitted"), ["regionLead"]],
      [at("preparation"), ["secretariat"]],
      [at("preparation", ["assignReviewers"]), ["secretariat", "reviewer"]],
      [at("visit"), ["secretariat", "reviewer"]],
      [at("protocol"), ["secretariat", "reviewer"]],
      [at("protocol", ["saveProtocol"]), ["secretariat"]],
      [at("response"), ["regionLead", "localLead"]],
      [at("decisionPrep"), ["secretariat", "reviewer"]],
      [at("decisionPrep", ["recordDecisionBasis"]), ["secretariat"]],
      [at("decision"), ["board"]],
      [at("decision", ["recordDecision"]), ["secretariat"]],
      [at("ceremony"), ["regionLead"]],
      [at("closed"), []],
    ];
    for (const [facts, roles] of expected) {
      expect(nextActors(facts), facts.state).toEqual(roles);
    }
  });
});

describe("openDeadline", () => {
  it("follows the protocol and response deadlines", () => {
    expect(openDeadline(at("visit"))).toBeNull();
    expect(openDeadline(at("protocol"))).toEqual({ deadline: "protocol", dueDate: "2027-04-15" });
    expect(openDeadline(at("response"))).toEqual({ deadline: "response", dueDate: "2027-06-15" });
    expect(openDeadline(at("decisionPrep"))).toBeNull();
    expect(openDeadline(at("closed"))).toBeNull();
  });

  it("tolerates a record without the always-present parts", () => {
    expect(openDeadline({ ...fresh(), record: {} as CaseFacts["record"] })).toBeNull();
  });
});
