import { describe, expect, it } from "vitest";
import { certificationAtRisk, latestStatuses } from "./history";
import type { CriterionStatus } from "./labels";

type Year = { year: number; statuses: Record<string, CriterionStatus> };

describe("a certification's latest statuses", () => {
  it("takes each criterion's status from the latest year that assessed it", () => {
    const years: Year[] = [
      { year: 2027, statuses: { "1": "onTrack", "8": "atRisk" } },
      { year: 2028, statuses: { "1": "notMet" } },
    ];
    expect(latestStatuses(years)).toEqual({ "1": "notMet", "8": "atRisk" });
    expect(latestStatuses([...years].reverse())).toEqual({ "1": "notMet", "8": "atRisk" });
  });

  it("stays at risk when this year's follow-up has not assessed the risky criterion yet, until it is on track", () => {
    const last: Year = { year: 2027, statuses: { "8": "atRisk" } };
    expect(certificationAtRisk([last, { year: 2028, statuses: { "1": "onTrack" } }])).toBe(true);
    expect(certificationAtRisk([last, { year: 2028, statuses: { "8": "onTrack" } }])).toBe(false);
    expect(certificationAtRisk([])).toBe(false);
  });
});
