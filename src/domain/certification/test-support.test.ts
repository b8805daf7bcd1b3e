import { describe, expect, it } from "vitest";
import { startCase } from "./machine";
import { CASE_KINDS } from "./steps";
import { drive, mainLine, stepsUntil, TEST_CRITERIA, validPayloadFor } from "./test-support";

describe("test support", () => {
  it.each(CASE_KINDS)("drives a %s case along its main line to closed", (kind) => {
    const { facts } = drive(startCase({ kind, criteriaNumbers: TEST_CRITERIA }), mainLine(kind));
    expect(facts.state).toBe("closed");
  });

  it("finds the steps that lead into a state", () => {
    expect(stepsUntil("anchoring")).toEqual([]);
    expect(stepsUntil("drafting")).toEqual([
      "recordAnchoring",
      "recordSteeringGroups",
      "submitInterest",
      "giveFeedback",
    ]);
    expect(stepsUntil("decisionPrep", "decertification")).toEqual([]);
    expect(stepsUntil("decision", "decertification")).toEqual(["recordDecisionBasis", "placeOnAgenda"]);
    expect(() => stepsUntil("protocol", "decertification")).toThrow(/not on the main line/);
  });

  it("refuses to invent a postponement when no deadline is open", () => {
    expect(() =>
      validPayloadFor("grantPostponement", startCase({ kind: "newRegion", criteriaNumbers: [1] })),
    ).toThrow(/no open deadline/);
  });

  it("reports which step failed", () => {
    const fresh = startCase({ kind: "newRegion", criteriaNumbers: TEST_CRITERIA });
    expect(() => drive(fresh, ["giveFeedback"])).toThrow(
      /giveFeedback in anchoring failed: case.action_not_allowed_in_state/,
    );
    expect(() => drive(fresh, [{ action: "recordAnchoring", payload: {} }])).toThrow(/case.invalid_payload/);
  });
});
