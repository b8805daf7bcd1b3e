import { describe, expect, it } from "vitest";
import i18next from "../i18n";
import { date, optionalDate } from "./validation";

describe("date fields' checks in the web", () => {
  it("asks for a required date and for a date that is in the calendar", async () => {
    await i18next.changeLanguage("sv");
    expect(date("2026-11-29")).toBeNull();
    expect(date(null)).toBe(i18next.t("validation.required"));
    expect(date("")).toBe(i18next.t("validation.required"));
    expect(date("2026-02-30")).toBe(i18next.t("validation.date"));
    expect(date("29 nov")).toBe(i18next.t("validation.date"));
  });
  it("lets an optional date be empty, but not wrong", () => {
    expect(optionalDate(null)).toBeNull();
    expect(optionalDate("")).toBeNull();
    expect(optionalDate("2026-11-29")).toBeNull();
    expect(optionalDate("2026-11")).toBe(i18next.t("validation.date"));
  });
});
