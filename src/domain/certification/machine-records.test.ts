/** The certification machine: what each action records and sets off, and decertification. */
import { describe, expect, it } from "vitest";
import { openDeadline, plannedVisitDate } from "./machine";
import { act, afterAction, at, fresh, MEETING_DAY, ok } from "./machine-test-helpers";
import { actorWithRole, drive, HAPPY_PATH, stepsUntil, TEST_TODAY } from "./test-support";

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
    const rejected = afterAction(
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
    const first = afterAction(
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
    const one = afterAction(
      response,
      act(response, "recordPhoneMeeting", { actor: actorWithRole("localLead") }),
    );
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
