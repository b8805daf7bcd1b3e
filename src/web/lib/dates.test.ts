import { describe, expect, it } from "vitest";
import { addDays, addMonths } from "./dates";

describe("calendar dates in the web (as the server counts them)", () => {
  it("adds calendar months clamped to the month's end", () => {
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2027-11-30", 3)).toBe("2028-02-29");
    expect(addMonths("2026-11-28", 3)).toBe("2027-02-28");
    expect(addMonths("2027-03-31", -1)).toBe("2027-02-28");
  });
  it("adds days across months and years", () => {
    expect(addDays("2026-12-25", 14)).toBe("2027-01-08");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
  });
});
