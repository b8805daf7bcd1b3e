import { describe, expect, it } from "vitest";
import {
  ACTION_NAMES,
  ACTION_SCHEMAS,
  type ActionName,
  isMeetingAction,
  isoDateSchema,
  parseActionPayload,
} from "./actions";
import { startCase } from "./machine";
import { drive, stepsUntil, TEST_CRITERIA, validPayloadFor } from "./test-support";

/** A case in the protocol step with a saved protocol, so every payload builder has what it needs. */
function caseWithProtocol() {
  const start = startCase({ kind: "newRegion", criteriaNumbers: TEST_CRITERIA });
  return drive(start, [...stepsUntil("protocol"), "saveProtocol"]).facts;
}

function issuesOf(action: ActionName, payload: unknown): string[] {
  const result = parseActionPayload(action, payload);
  return result.ok ? [] : result.issues.map((i) => i.path);
}

describe("ACTION_SCHEMAS", () => {
  it("has one schema per action", () => {
    expect(Object.keys(ACTION_SCHEMAS).sort()).toEqual([...ACTION_NAMES].sort());
  });

  it.each(ACTION_NAMES.filter((a) => a !== "grantPostponement"))(
    "accepts the test payload for %s",
    (action) => {
      const facts = isMeetingAction(action)
        ? drive(startCase({ kind: "newRegion", criteriaNumbers: TEST_CRITERIA }), stepsUntil("decision"))
            .facts
        : caseWithProtocol();
      const payload = validPayloadFor(action, facts);
      expect(parseActionPayload(action, payload)).toEqual({ ok: true, payload });
    },
  );

  it("trims text and rejects blank required text", () => {
    const result = parseActionPayload("withdrawCase", { reason: "  Regionen avstår.  " });
    expect(result).toEqual({ ok: true, payload: { reason: "Regionen avstår." } });
    expect(issuesOf("withdrawCase", { reason: "   " })).toEqual(["reason"]);
  });

  it("rejects unknown keys", () => {
    expect(issuesOf("sendProtocol", { sentOn: "2027-03-01", extra: 1 })).toEqual([""]);
    expect(issuesOf("submitApplication", { anything: true })).toEqual([""]);
  });
});

describe("date fields", () => {
  it.each([
    ["2027-02-28", true],
    ["2028-02-29", true],
    ["2027-02-29", false],
    ["2100-02-29", false],
    ["2027-04-31", false],
    ["2027-13-01", false],
    ["27-01-01", false],
    ["2027-01-01T10:00", false],
    ["", false],
  ])("%s valid: %s", (date, valid) => {
    expect(isoDateSchema.safeParse(date).success).toBe(valid);
    expect(issuesOf("sendDecision", { sentOn: date })).toEqual(valid ? [] : ["sentOn"]);
  });
});

describe("payload rules", () => {
  it("needs at least one steering group", () => {
    expect(issuesOf("recordSteeringGroups", { steeringGroupIds: [] })).toEqual(["steeringGroupIds"]);
    expect(issuesOf("recordSteeringGroups", { steeringGroupIds: [""] })).toEqual(["steeringGroupIds.0"]);
    expect(issuesOf("recordSteeringGroups", { steeringGroupIds: ["g1"], note: "Ny" })).toEqual([]);
  });

  it("checks the contact person's e-mail", () => {
    const payload = {
      providerIds: [],
      programmeIds: [],
      specialisationIds: [],
      plannedApplicationDate: "2027-06-01",
      contactPerson: { name: "Anna", email: "not-an-email" },
      steeringGroupApprovedOn: "2027-03-01",
    };
    expect(issuesOf("submitInterest", payload)).toEqual(["contactPerson.email"]);
    expect(
      issuesOf("submitInterest", { ...payload, contactPerson: { name: "Anna", email: "a@b.se" } }),
    ).toEqual([]);
  });

  it("takes one application answer per criterion, criterion numbers from 1", () => {
    expect(issuesOf("saveApplicationDraft", { answers: [{ criterionNumber: 0, text: "x" }] })).toEqual([
      "answers.0.criterionNumber",
    ]);
    expect(issuesOf("saveApplicationDraft", { answers: [{ criterionNumber: 1.5, text: "x" }] })).toEqual([
      "answers.0.criterionNumber",
    ]);
    expect(
      issuesOf("saveApplicationDraft", {
        answers: [
          { criterionNumber: 1, text: "a" },
          { criterionNumber: 1, text: "b" },
        ],
      }),
    ).toEqual(["answers"]);
    expect(issuesOf("saveApplicationDraft", { answers: [{ criterionNumber: 2, text: "" }] })).toEqual([]);
  });

  it("takes exactly two distinct reviewers", () => {
    expect(issuesOf("assignReviewers", { reviewerIds: ["a"] })).toEqual(["reviewerIds"]);
    expect(issuesOf("assignReviewers", { reviewerIds: ["a", "b", "c"] })).toEqual(["reviewerIds"]);
    expect(issuesOf("assignReviewers", { reviewerIds: ["a", "a"] })).toEqual(["reviewerIds"]);
    expect(issuesOf("assignReviewers", { reviewerIds: ["a", "b"] })).toEqual([]);
  });

  it("checks findings: assessment values, one per criterion, distinct supplement ids", () => {
    const finding = (n: number, supplementId?: string) => ({
      criterionNumber: n,
      assessment: "partly",
      remarks: "",
      requiredSupplements: supplementId ? [{ id: supplementId, text: "Beskriv." }] : [],
    });
    expect(issuesOf("saveProtocol", { findings: [finding(1, "s1"), finding(2, "s2")] })).toEqual([]);
    expect(issuesOf("saveProtocol", { findings: [] })).toEqual(["findings"]);
    expect(issuesOf("saveProtocol", { findings: [{ ...finding(1), assessment: "good" }] })).toEqual([
      "findings.0.assessment",
    ]);
    expect(issuesOf("saveProtocol", { findings: [finding(1), finding(1)] })).toEqual(["findings"]);
    expect(issuesOf("saveProtocol", { findings: [finding(1, "s"), finding(2, "s")] })).toEqual(["findings"]);
  });

  it("takes one answer per supplement", () => {
    const answer = { supplementId: "s1", text: "Svar" };
    expect(issuesOf("submitResponse", { answers: [] })).toEqual([]);
    expect(issuesOf("submitResponse", { answers: [answer] })).toEqual([]);
    expect(issuesOf("submitResponse", { answers: [answer, answer] })).toEqual(["answers"]);
    expect(issuesOf("submitResponse", { answers: [{ supplementId: "s1", text: "" }] })).toEqual([
      "answers.0.text",
    ]);
  });

  it("needs a later response due date exactly when the decision is a postponement", () => {
    const base = { decidedOn: "2027-05-10", motivation: "Motivering" };
    expect(issuesOf("recordDecision", { ...base, outcome: "approved" })).toEqual([]);
    expect(issuesOf("recordDecision", { ...base, outcome: "postponed" })).toEqual(["newResponseDueDate"]);
    expect(
      issuesOf("recordDecision", { ...base, outcome: "postponed", newResponseDueDate: "2027-05-10" }),
    ).toEqual(["newResponseDueDate"]);
    expect(
      issuesOf("recordDecision", { ...base, outcome: "postponed", newResponseDueDate: "2027-08-10" }),
    ).toEqual([]);
    expect(
      issuesOf("recordDecision", { ...base, outcome: "rejected", newResponseDueDate: "2027-08-10" }),
    ).toEqual(["newResponseDueDate"]);
    expect(issuesOf("recordDecision", { ...base, outcome: "maybe" })).toEqual(["outcome"]);
  });

  it("names which deadline a postponement moves", () => {
    const payload = { deadline: "protocol", newDueDate: "2027-05-01", reason: "Sjukdom" };
    expect(issuesOf("grantPostponement", payload)).toEqual([]);
    expect(issuesOf("grantPostponement", { ...payload, deadline: "visit" })).toEqual(["deadline"]);
    expect(issuesOf("grantPostponement", { ...payload, reason: "" })).toEqual(["reason"]);
  });

  it("accepts an empty payload or an optional reason where nothing else is asked", () => {
    expect(issuesOf("sendToSteeringGroup", {})).toEqual([]);
    expect(issuesOf("skipCeremony", {})).toEqual([]);
    expect(issuesOf("skipCeremony", { reason: "Ingen ceremoni" })).toEqual([]);
    expect(issuesOf("sendToSteeringGroup", null)).toEqual([""]);
  });
});
