/**
 * The yearly quality follow-up in the browser, on the demo: Norrbotten's region lead finishes this year's
 * self-assessment and submits it, the secretariat asks for a supplement on one criterion, the region answers and
 * resubmits, the secretariat accepts; the region page's matrix and charts then show both years, and a
 * recertification case of the certification shows the history. Screenshots in test-results/e2e/follow-up/.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { done, loggedIn, scanIn } from "./case-helpers";
import { closeAll, DEMO, startServerAndBrowser, type TestServer, visit } from "./helpers";

describe("the yearly follow-up, from self-assessment to acceptance", () => {
  let server: TestServer;
  let browser: Browser;
  let lead: Page;
  let kansli: Page;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    lead = await loggedIn(browser, server.url, DEMO.regionLeadNorrbotten);
    kansli = await loggedIn(browser, server.url, DEMO.secretariat);
  });
  afterAll(async () => {
    await closeAll(browser, server);
  });

  async function regionId(page: Page): Promise<string> {
    const me = await (await page.request.get("/api/auth/me")).json();
    return me.user?.regionId ?? me.regionId;
  }

  it("shows the secretariat the follow-ups per region on the dashboard", async () => {
    await visit(kansli, "/dashboard");
    const card = kansli.locator("section[aria-labelledby='dash-follow-ups']");
    await card.getByRole("heading", { name: "Årlig kvalitetsuppföljning" }).waitFor();
    const row = card.getByRole("table", { name: "Uppföljningar per region" }).getByRole("row", {
      name: /Norrbotten/,
    });
    await row.waitFor();
    // Norrbotten: this year's follow-up open and in time; at risk, since last year's said so of criterion 8 and
    // this year's has not assessed it yet; nothing flagged.
    expect(await row.locator("td").allInnerTexts()).toEqual(["1", "0", "1", "0"]);
    await card.getByText("Pågår, i tid").waitFor();
    await card.getByRole("img", { name: "Karta: uppföljningarna per region" }).waitFor();
    await card
      .getByRole("link", { name: /^TC \d{4}\/\d{4}$/ })
      .first()
      .waitFor();
    await scanIn(kansli, "follow-up", "0-dashboard");
  });

  it("runs a follow-up through a supplement to acceptance and shows two years", async () => {
    const region = await regionId(lead);
    await visit(lead, `/regions/${region}?tab=followUps`);
    await lead.getByRole("link", { name: "Pågående uppföljning" }).click();
    await lead.getByRole("heading", { level: 2, name: /^1\. / }).waitFor();
    // Criteria 1–3 were saved in the demo; the region assesses the rest.
    const sections = lead.locator("main section[aria-labelledby^='criterion-']");
    const n = await sections.count();
    expect(n).toBe(8);
    for (let i = 3; i < n; i++) {
      const s = sections.nth(i);
      await s.getByRole("radio", { name: i === 7 ? "Risk" : "Enligt plan" }).check();
      await s.getByLabel("Vad har gjorts i år").fill(`Arbetet med kriterium ${i + 1} i år.`);
    }
    const c8 = sections.nth(7);
    // An attachment: uploaded under the case's documents, then ticked for criterion 8.
    await lead.getByTestId("documents-panel").getByRole("button", { name: "Ladda upp dokument" }).click();
    const dialog = lead.getByRole("dialog", { name: "Ladda upp dokument" });
    const [chooser] = await Promise.all([
      lead.waitForEvent("filechooser"),
      dialog.getByRole("button", { name: /^Fil\b.*Välj fil$/ }).click(),
    ]);
    await chooser.setFiles({
      name: "apl-plan.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"),
    });
    await dialog.getByRole("combobox", { name: /^Typ av dokument/ }).click();
    await lead.getByRole("option", { name: "Självvärdering", exact: true }).click();
    await dialog.getByLabel(/^Rubrik/).fill("APL-plan 2027");
    await dialog.getByRole("button", { name: "Ladda upp" }).click();
    await dialog.waitFor({ state: "detached" });
    await c8.getByRole("checkbox", { name: "APL-plan 2027" }).check();
    // A planned action for criterion 8: half filled in, the form says what is missing and does not save.
    await c8.getByRole("button", { name: "Lägg till åtgärd" }).click();
    await c8.getByLabel("Åtgärd 1", { exact: true }).fill("Fler APL-avtal med verkstadsföretagen");
    await lead.getByText(/Fyll i åtgärd, ansvarig och datum/).waitFor();
    expect(await lead.getByRole("button", { name: "Spara", exact: true }).isDisabled()).toBe(true);
    await c8.getByLabel("Ansvarig 1", { exact: true }).fill("Regionala styrgruppen");
    await c8.getByLabel("Klart senast 1", { exact: true }).fill("2027-10-01");
    await lead.getByLabel("APL-platser").fill("61");
    await lead.getByLabel("Lärares branschdagar").fill("24");
    await lead.getByRole("button", { name: "Spara", exact: true }).click();
    await done(lead, /sparad/);
    await scanIn(lead, "follow-up", "1-self-assessment");
    await lead.getByRole("button", { name: "Skicka in till kansliet" }).click();
    await lead.getByRole("dialog").getByRole("button", { name: "Skicka in" }).click();
    await done(lead, /inskickad/);
    const caseUrl = lead.url();

    // The secretariat sees the planned action, names a reviewer and writes a note.
    await visit(kansli, new URL(caseUrl).pathname);
    await kansli.getByRole("heading", { level: 2, name: "Granskning" }).waitFor();
    await kansli
      .getByText(/• Fler APL-avtal med verkstadsföretagen \(Regionala styrgruppen, .*2027\)/)
      .waitFor();
    await kansli
      .locator("section[aria-labelledby='criterion-8']")
      .getByRole("listitem")
      .getByRole("link", { name: "APL-plan 2027" })
      .waitFor();
    await kansli.getByRole("combobox", { name: "Granskare (valfritt)" }).click();
    await kansli.getByRole("option").first().click();
    await kansli.getByRole("button", { name: "Utse granskare" }).click();
    await done(kansli, /utsedd/);
    await kansli.getByLabel("Anteckning", { exact: true }).fill("Följ upp APL-avtalen vid nästa besök.");
    await kansli.getByRole("button", { name: "Spara anteckningen" }).click();
    await done(kansli, /Anteckningen är sparad/);
    await kansli
      .getByRole("list", { name: "Granskningsanteckningar" })
      .getByText(/Följ upp APL-avtalen vid nästa besök/)
      .waitFor();

    // The secretariat asks for a supplement on criterion 8.
    await kansli.getByRole("checkbox", { name: /^8\. / }).check();
    await kansli
      .getByLabel("Vad ska kompletteras för kriterium 8")
      .fill("Beskriv hur APL-platserna ska räcka.");
    await kansli.getByRole("button", { name: "Begär komplettering", exact: true }).click();
    await done(kansli, /begärd/);
    // The secretariat moves the region's deadline for the supplement, with the reason (logged).
    await kansli.getByLabel("Ny frist").fill(`${new Date().getFullYear() + 1}-06-30`);
    await kansli.getByLabel("Skäl till att fristen flyttas").fill("Regionen har bytt processledare.");
    await kansli.getByRole("button", { name: "Flytta fristen" }).click();
    await done(kansli, /Fristen är flyttad/);
    await kansli
      .getByText(/flyttade uppföljningens frist/)
      .first()
      .waitFor();
    await kansli
      .getByText(/Regionen har bytt processledare\./)
      .first()
      .waitFor();

    // The region answers and resubmits.
    await visit(lead, new URL(caseUrl).pathname);
    await lead.getByText("Kansliet begär komplettering").waitFor();
    await lead.getByLabel("Komplettering för kriterium 8").fill("Fem nya APL-avtal är tecknade.");
    await lead.getByRole("button", { name: "Spara", exact: true }).click();
    await done(lead, /sparad/);
    await lead.getByRole("button", { name: "Skicka in till kansliet" }).click();
    await lead.getByRole("dialog").getByRole("button", { name: "Skicka in" }).click();
    await done(lead, /inskickad/);

    // The secretariat accepts.
    await visit(kansli, new URL(caseUrl).pathname);
    await kansli.getByLabel("Sammanfattning").fill("Godkänd. Följ APL-arbetet nästa år.");
    await kansli.getByRole("button", { name: "Godkänn uppföljningen" }).click();
    await kansli.getByRole("dialog").getByRole("button", { name: "Godkänn" }).click();
    await done(kansli, /godkänd/);
    await kansli.getByText("Godkänd. Följ APL-arbetet nästa år.", { exact: false }).waitFor();
    // The follow-up report as a PDF, from the case page.
    const report = kansli.getByRole("link", { name: "Ladda ned rapporten (PDF)" });
    const pdf = await kansli.request.get((await report.getAttribute("href"))!);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // The region page: two years, each criterion's status in words, the indicators as charts.
    await visit(lead, `/regions/${region}?tab=followUps`);
    const table = lead.getByRole("table", { name: /Uppföljning per kriterium och år/ });
    await table.waitFor();
    const years = await table.locator("thead th").allInnerTexts();
    expect(years.length).toBe(3);
    const row8 = table.getByRole("row", { name: /^8\. / });
    expect(await row8.getByText("Risk").count()).toBe(2);
    await lead.getByRole("img", { name: /^APL-platser: \d{4}: 58, \d{4}: 61$/ }).waitFor();
    await scanIn(lead, "follow-up", "2-region-matrix");
    const matrix = lead.getByRole("link", { name: "Exportera matrisen (Excel)" });
    const xlsx = await lead.request.get((await matrix.getAttribute("href"))!);
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString("latin1")).toBe("PK");

    // A recertification case of the certification shows the history beside the application.
    const certs = await (await kansli.request.get(`/api/certifications?regionId=${region}`)).json();
    const cert = (certs.items ?? certs).find((c: { status: string }) => c.status === "certified");
    const me = await (await kansli.request.get("/api/auth/me")).json();
    const recert = await kansli.request.post("/api/cases", {
      headers: { "x-csrf-token": me.csrfToken },
      data: { kind: "recertification", regionId: region, certificationId: cert.id },
    });
    expect(recert.status(), await recert.text()).toBe(201);
    await visit(kansli, `/cases/${(await recert.json()).id}`);
    const history = kansli.getByRole("table", { name: "Status per kriterium och år" });
    await history.waitFor();
    expect((await history.locator("thead th").allInnerTexts()).length).toBe(3);
    await scanIn(kansli, "follow-up", "3-recertification-history");
  });
});
