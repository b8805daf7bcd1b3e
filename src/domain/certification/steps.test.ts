import { describe, expect, it } from "vitest";
import {
  ASSESSMENTS,
  CASE_FINAL_STATES,
  CASE_KINDS,
  CASE_STATES,
  CERTIFICATION_STEPS,
  DECISION_OUTCOMES,
  isCaseState,
  isFinalState,
  RECOMMENDATIONS,
  STATE_LABELS,
  STEP_LABELS,
  STEP_NUMBERS,
  stepNumber,
} from "./steps";

describe("steps", () => {
  it("lists the 13 steps in handbook order, then the final states", () => {
    expect(CERTIFICATION_STEPS).toEqual([
      "anchoring",
      "steeringGroup",
      "interest",
      "feedback",
      "drafting",
      "submitted",
      "preparation",
      "visit",
      "protocol",
      "response",
      "decisionPrep",
      "decision",
      "ceremony",
    ]);
    expect(CASE_FINAL_STATES).toEqual(["closed", "rejected", "withdrawn"]);
    expect(CASE_STATES).toEqual([...CERTIFICATION_STEPS, ...CASE_FINAL_STATES]);
    expect(CASE_KINDS).toEqual([
      "newRegion",
      "newProvider",
      "newProgramme",
      "newSpecialisation",
      "recertification",
      "decertification",
    ]);
    expect(ASSESSMENTS).toEqual(["fulfilled", "partly", "notFulfilled"]);
    expect(DECISION_OUTCOMES).toEqual(["approved", "postponed", "rejected"]);
    expect(RECOMMENDATIONS).toEqual(DECISION_OUTCOMES);
  });

  it("numbers the steps 1..13", () => {
    expect(CERTIFICATION_STEPS.map((s) => STEP_NUMBERS[s])).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
    ]);
    expect(stepNumber("protocol")).toBe(9);
    expect(stepNumber("closed")).toBeNull();
  });

  it("labels every step and state in Swedish and English with the handbook's names", () => {
    expect(STEP_LABELS.anchoring.sv).toBe("Förankringsarbete");
    expect(STEP_LABELS.feedback.sv).toBe("Återkoppling från kansliet");
    expect(STEP_LABELS.visit.sv).toBe("Granskningsbesök");
    expect(STEP_LABELS.response.sv).toBe("Svar på protokoll");
    expect(STEP_LABELS.ceremony.sv).toBe("Certifieringsceremoni");
    for (const state of CASE_STATES) {
      expect(STATE_LABELS[state].sv.length).toBeGreaterThan(0);
      expect(STATE_LABELS[state].en.length).toBeGreaterThan(0);
    }
  });

  it("recognises states and final states", () => {
    expect(isCaseState("decisionPrep")).toBe(true);
    expect(isCaseState("start")).toBe(false);
    expect(isCaseState(3)).toBe(false);
    expect(CASE_STATES.filter(isFinalState)).toEqual(CASE_FINAL_STATES);
  });
});
