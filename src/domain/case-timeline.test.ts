import { describe, expect, it } from "vitest";
import { caseTimeline } from "./case-timeline";
import { emptyCaseRecord } from "./certification/record";

describe("case timeline", () => {
  it("marks steps before the current one done when recorded", () => {
    const record = {
      ...emptyCaseRecord(),
      anchoring: { regionalAnchoring: "a", localAnchoring: "b", completedOn: "2027-01-01" },
    };
    const t = caseTimeline("steeringGroup", record);
    expect(t.slice(0, 3).map((s) => s.status)).toEqual(["done", "current", "upcoming"]);
    expect(t).toHaveLength(13);
    expect(t[12].label.sv).toBe("Certifieringsceremoni");
  });
  it("marks the steps a decertification case skips", () => {
    const t = caseTimeline("decisionPrep", emptyCaseRecord());
    expect(t.slice(0, 10).every((s) => s.status === "skipped")).toBe(true);
    expect(t[10].status).toBe("current");
  });
  it("marks unrecorded steps of a closed case skipped", () => {
    const t = caseTimeline("rejected", emptyCaseRecord());
    expect(t.every((s) => s.status === "skipped")).toBe(true);
  });
});
