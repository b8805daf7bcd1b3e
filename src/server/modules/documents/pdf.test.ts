import { describe, expect, it } from "vitest";
import { type FollowUpReportData, followUpReportDefinition, renderPdf } from "./pdf";

const report: FollowUpReportData = {
  registrationNumber: "TC 2027/0003",
  regionName: "Teknikcollege Norrbotten",
  subjectName: "Teknikcollege Norrbotten",
  year: 2027,
  stateLabel: "Avslutad",
  openedOn: "2027-03-02",
  dueDate: null,
  submittedOn: "2027-04-20",
  generalPlan: "Styrgruppen följer upp varje kvartal.",
  criteria: [
    {
      number: 8,
      title: "Arbetsplatsförlagt lärande",
      plan: "Fler APL-platser",
      statusLabel: "Risk",
      done: "Två nya avtal",
      plannedActions: [{ action: "Ringa företagen", owner: "Anna", dueDate: "2027-09-01" }],
      contributions: [{ localCollegeName: "Luleå", text: "Tre platser" }],
      supplements: [{ request: "Beskriv åtgärderna", answer: null }],
    },
  ],
  indicators: [
    { label: "Elever", value: 1400 },
    { label: "APL-platser", value: null },
  ],
  review: { outcomeLabel: "Flaggad", decidedOn: "2027-05-02", summary: null, reason: "För få APL-platser" },
  now: new Date("2027-05-02T10:00:00Z"),
};

describe("the follow-up report", () => {
  it("puts each criterion's plan beside its status, the indicators and the review into the document", () => {
    const text = JSON.stringify(followUpReportDefinition(report).content);
    for (const s of [
      "Årlig kvalitetsuppföljning 2027",
      "8. Arbetsplatsförlagt lärande",
      "Fler APL-platser",
      "Risk",
      "Ringa företagen (Anna, senast 1 september 2027)",
      "Luleå: Tre platser",
      "Inte besvarad",
      "1\u00a0400",
      "För få APL-platser",
      "20 april 2027",
    ]) {
      expect(text).toContain(s);
    }
  });

  it("says so when nothing is reviewed or reported yet, and renders as a PDF", async () => {
    const empty = { ...report, review: null, indicators: [], submittedOn: null, generalPlan: null };
    const text = JSON.stringify(followUpReportDefinition(empty).content);
    expect(text).toContain("Uppföljningen är inte granskad ännu.");
    expect(text).toContain("Inga indikatorer.");
    expect(text).toContain("Inte inlämnad");
    expect((await renderPdf(followUpReportDefinition(empty))).subarray(0, 5).toString("latin1")).toBe(
      "%PDF-",
    );
  });
});
