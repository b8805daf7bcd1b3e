/**
 * Counts in running text are written as numbers are in each language: 249 644 (a no-break space between the
 * thousands) in Swedish, 249,644 in English. The case list's total and the tasks' summary reach six figures in a
 * large country.
 */
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import { renderedIn } from "./index";

describe("counts in the UI's texts", () => {
  it("groups the thousands as each language does", async () => {
    expect(i18next.t("cases.count", { count: 249644 })).toBe("249\u00a0644 ärenden");
    expect(i18next.t("cases.count", { count: 1 })).toBe("1 ärende");
    expect(i18next.t("tasks.summaryOverdue", { count: 12500, overdue: 1200 })).toBe(
      "Du har 12\u00a0500 uppgifter, varav 1\u00a0200 försenade.",
    );
    expect(await renderedIn("en", () => i18next.t("cases.count", { count: 249644 }))).toBe("249,644 cases");
    expect(await renderedIn("en", () => i18next.t("tasks.summary", { count: 12500 }))).toBe(
      "You have 12,500 tasks.",
    );
  });
});
