import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS } from "../../../domain/policies/notifications";
import { NOTIFICATION_KIND_LABELS, renderNotice, type TemplateVars } from "./templates";

const vars: Omit<TemplateVars, "recipientName"> = {
  caseId: "case-1",
  registrationNumber: "TC 2027/0042",
  caseTitle: "Ny region: <Teknikcollege & Co>",
  regionName: "Teknikcollege Skaraborg",
  stepLabel: { sv: "Protokoll", en: "Protocol" },
  deadline: "response",
  dueDate: "2028-02-29",
  daysLeft: 3,
  meetingDate: "2027-12-01",
  outcome: "postponed",
  waitingFor: ["regionLead", "localLead"],
};

describe("notice templates", () => {
  it("render every kind in Swedish and English, with the case and an absolute link", () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const lang of ["sv", "en"] as const) {
        const n = renderNotice(kind, lang, { ...vars, recipientName: "Anna" }, "https://spelplan.example/");
        expect(n.subject, `${kind} ${lang}`).toMatch(/ – TC 2027\/0042$/);
        expect(n.text).toContain("https://spelplan.example/cases/case-1");
        expect(n.text).toContain(lang === "sv" ? "Hej Anna!" : "Hello Anna,");
        expect(n.html).toContain('<a href="https://spelplan.example/cases/case-1">');
        expect(n.html).toContain(`<html lang="${lang}">`);
        expect(n.link).toBe("/cases/case-1");
        expect(n.title.length).toBeGreaterThan(3);
        expect(n.body).toContain("TC 2027/0042");
        expect(NOTIFICATION_KIND_LABELS[kind][lang].length).toBeGreaterThan(3);
      }
    }
  });

  it("escapes what users typed in the HTML, not in the plain text", () => {
    const n = renderNotice("protocolSent", "sv", { ...vars, recipientName: "<b>Anna</b>" }, "https://x.test");
    expect(n.html).toContain("Ny region: &lt;Teknikcollege &amp; Co&gt;");
    expect(n.html).toContain("Hej &lt;b&gt;Anna&lt;/b&gt;!");
    expect(n.html).not.toContain("<Teknikcollege");
    expect(n.text).toContain("Ny region: <Teknikcollege & Co>");
  });

  it("says how far a deadline is, or how long ago it passed", () => {
    const at = (daysLeft: number) =>
      renderNotice("reminder", "sv", { ...vars, daysLeft, recipientName: "A" });
    expect(at(14).subject).toBe("Påminnelse: svar på protokoll senast 2028-02-29 – TC 2027/0042");
    expect(at(14).text).toContain("om 14 dagar");
    expect(at(1).text).toContain("om 1 dag.");
    expect(at(0).subject).toBe("Påminnelse: svar på protokoll senast i dag – TC 2027/0042");
    expect(at(-7).text).toContain("för 7 dagar sedan");
    const en = renderNotice("reminder", "en", { ...vars, daysLeft: -14, recipientName: "A" });
    expect(en.subject).toBe("Overdue: response to the protocol was due 2028-02-29 – TC 2027/0042");
    const passed = renderNotice("deadlinePassed", "sv", { ...vars, recipientName: "A" });
    expect(passed.text).toContain("Ärendet väntar på regionens processledare och lokal kontakt.");
    const decision = renderNotice("decisionSent", "sv", { ...vars, recipientName: "A" });
    expect(decision.text).toContain("uppskov");
    expect(decision.text).toContain("svara senast 2028-02-29");
  });
});
