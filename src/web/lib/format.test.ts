import { describe, expect, it, vi } from "vitest";

// The UI language, switched by the test (the real module needs a browser).
let language: "sv" | "en" = "sv";
vi.mock("../i18n", () => ({ currentLanguage: () => language }));

const { formatDate, formatDateTime, formatNumber } = await import("./format");

describe("dates and numbers in the UI language (formatters kept per language)", () => {
  it("formats in Swedish, then in English after a switch, then in Swedish again", () => {
    language = "sv";
    expect(formatDate("2026-11-28")).toBe("28 nov. 2026");
    expect(formatNumber(1000)).toBe("1\u00a0000");
    expect(formatDateTime("2026-11-28T13:05:00Z")).toBe("28 nov. 2026 14:05");
    language = "en";
    expect(formatDate("2026-11-28")).toBe("28 Nov 2026");
    expect(formatNumber(1000)).toBe("1,000");
    expect(formatDateTime("2026-11-28T13:05:00Z")).toBe("28 Nov 2026, 14:05");
    language = "sv";
    expect(formatDate("2026-11-28")).toBe("28 nov. 2026");
  });
  it("leaves what is not a date as it is", () => {
    expect(formatDate(null)).toBe("—");
    expect(formatDate("soon")).toBe("soon");
    expect(formatDateTime("not a time")).toBe("not a time");
  });
});
