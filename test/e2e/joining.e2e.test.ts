/**
 * A joining case (process A) in the web: the region's process lead starts the joining of Hjo (1497, in no
 * region) into Teknikcollege Skaraborg from the region page, completes every item of the checklist and the
 * joining itself; the region page then shows the new municipality, its local steering group, the
 * representative in the regional steering group and the addendum.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionForm, done, expand, loggedIn, send, shotIn, waitForText } from "./case-helpers";
import { closeAll, DEMO, seriousViolations, settle, startServerAndBrowser, type TestServer } from "./helpers";

const DIR = "joining";

describe("a joining case in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    page = await loggedIn(browser, server.url, DEMO.regionLead);
  });

  afterAll(() => closeAll(browser, server));

  /** Opens a checklist item (an accordion section) unless it is open, and waits until it has opened. */
  async function openItem(number: number, label: string) {
    await expand(page.getByRole("button", { name: new RegExp(`^${number}\\. ${label}`) }));
  }

  it("starts and completes the joining of Hjo to Teknikcollege Skaraborg", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Regioner" }).click();
    await page.getByRole("rowheader").getByRole("link", { name: "Teknikcollege Skaraborg" }).click();
    await page.getByRole("heading", { level: 1, name: "Teknikcollege Skaraborg" }).waitFor();
    expect(await page.getByRole("tab", { name: /Kommuner/ }).textContent()).not.toContain("Hjo");

    // The start form: a municipality without a region, no own provider, the steering group's agreement.
    await page.getByRole("button", { name: "Starta anslutning" }).click();
    const dialog = page.getByRole("dialog", { name: "Starta anslutning till Teknikcollege Skaraborg" });
    await dialog.waitFor();
    await dialog.getByLabel(/^Kommun/).fill("Hjo");
    await page.getByRole("option", { name: "Hjo (1497)" }).click();
    await dialog
      .getByLabel(/^Protokollhänvisning/)
      .fill("Regional styrgrupp Skaraborg, protokoll 2026-11 §7");
    await shotIn(page, DIR, "01-start");
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Starta anslutningen" }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 2, name: "Checklista" }).waitFor();
    await waitForText(page, "0 av 7 punkter klara");
    await settle(page);
    await shotIn(page, DIR, "02-checklist");
    expect(await seriousViolations(page)).toEqual([]);

    // 1. Anchoring
    await openItem(1, "Förankra idén");
    let form = actionForm(page, "completeAnchoring");
    await form
      .getByLabel(/^Nyckelpersoner i regionen/)
      .fill("Processledaren och regionala styrgruppens ordförande.");
    await form
      .getByLabel(/^Nyckelpersoner i befintliga kommuner/)
      .fill("Kommundirektörerna i Skövde och Falköping.");
    await form
      .getByLabel(/^Nyckelpersoner hos Hjo/)
      .fill("Kommunstyrelsens ordförande och skolchefen i Hjo.");
    await send(page, "completeAnchoring");
    await waitForText(page, "1 av 7 punkter klara");

    // 2. A new local steering group (companies hold the majority and the chair).
    await openItem(2, "Lokal styrgrupp");
    form = actionForm(page, "completeLocalSteeringGroup");
    const members = form.getByRole("group", { name: /^Ledamot/ });
    await members.nth(0).getByLabel(/^Namn/).fill("Karin Verkstad");
    await members
      .nth(0)
      .getByLabel(/^Organisationens namn/)
      .fill("Hjo Mekaniska AB");
    await members.nth(0).getByRole("checkbox", { name: "Ordförande" }).check();
    await members.nth(1).getByLabel(/^Namn/).fill("Per Plast");
    await members
      .nth(1)
      .getByLabel(/^Organisationens namn/)
      .fill("Hjo Plast AB");
    await members.nth(2).getByLabel(/^Namn/).fill("Lisa Skola");
    await form.getByText("Företag: 2 av 3").waitFor();
    await form.getByText("Sammansättningen följer kriterierna.").waitFor();
    expect(await form.locator("[data-warning]").count()).toBe(0);
    await shotIn(page, DIR, "03-local-steering-group");
    await send(page, "completeLocalSteeringGroup");
    await waitForText(page, "2 av 7 punkter klara");

    // 3. The representative in the regional steering group.
    await openItem(3, "Representation");
    form = actionForm(page, "completeRegionalRepresentation");
    await form.getByLabel(/^Namn/).fill("Anna Hjoberg");
    await form.getByLabel(/^Titel/).fill("Kommunstyrelsens ordförande");
    await send(page, "completeRegionalRepresentation");
    await waitForText(page, "3 av 7 punkter klara");

    // 5 before 4 is refused: the political decision waits for the addendum.
    await openItem(5, "Politiskt beslut");
    await page.getByText("Registreras efter hängavtalet.").waitFor();

    // 4. Addendum to the region's cooperation agreement.
    await openItem(4, "Hängavtal");
    form = actionForm(page, "completeAgreement");
    expect(await form.getByLabel(/^Parter/).inputValue()).toBe("Hjo");
    await send(page, "completeAgreement");
    await waitForText(page, "4 av 7 punkter klara");

    // 5. Political decision with the chair's signature.
    form = actionForm(page, "completePoliticalDecision");
    await form.waitFor();
    await form.getByLabel(/^Undertecknat av/).fill("Anna Hjoberg");
    await send(page, "completePoliticalDecision");
    await waitForText(page, "5 av 7 punkter klara");

    // 6. Hjo has no own provider: a cooperation agreement (the secretariat is told).
    await openItem(6, "Samverkansavtal");
    form = actionForm(page, "completeNoProviderAgreement");
    await form.getByLabel(/^Samverkar med/).fill("Skövde kommun (Katedralskolan)");
    await send(page, "completeNoProviderAgreement");
    await waitForText(page, "6 av 7 punkter klara");

    // 7 does not apply (no provider to certify); 8. Quality plan.
    await openItem(7, "Certifiering av utbildningsanordnaren");
    await page.getByText("Ingen utbildningsanordnare ska certifieras i denna anslutning.").waitFor();
    await openItem(8, "Plan för kvalitetssäkring");
    form = actionForm(page, "completeQualityPlan");
    await form.getByLabel(/^Regional plan/).fill("Hjo ingår i regionens årliga kvalitetsdialog.");
    await form.getByLabel(/^Lokal plan/).fill("Lokal styrgrupp följer upp kriterierna varje termin.");
    await send(page, "completeQualityPlan");
    await waitForText(page, "7 av 7 punkter klara");
    await done(page);

    // Complete the joining (with confirmation): the registry is updated.
    await actionForm(page, "completeJoining").waitFor();
    await settle(page);
    await shotIn(page, DIR, "04-all-done");
    expect(await seriousViolations(page)).toEqual([]);
    await send(page, "completeJoining", "Slutför anslutningen?");
    await page.getByTestId("case-state").filter({ hasText: "Ansluten" }).waitFor();
    await page.getByText(/Rebecka Region slutförde anslutningen/).waitFor();
    await settle(page);
    await shotIn(page, DIR, "05-joined");

    // The region page: Hjo among the municipalities, the steering-group change and the addendum.
    await page.getByRole("link", { name: "Teknikcollege Skaraborg" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Teknikcollege Skaraborg" }).waitFor();
    await page.getByRole("tabpanel").getByText("Hjo", { exact: true }).first().waitFor();
    await page.getByRole("tab", { name: /Styrgrupper/ }).click();
    await page.getByRole("tabpanel").getByText("Lokal styrgrupp Hjo").waitFor();
    await page.getByRole("tabpanel").getByText("Anna Hjoberg").waitFor();
    await page.getByRole("tabpanel").getByText("Karin Verkstad").waitFor();
    await shotIn(page, DIR, "06-region-steering-groups");
    await page.getByRole("tab", { name: /Samverkansavtal/ }).click();
    await page.getByRole("tabpanel").getByRole("row").filter({ hasText: "Kommun: Hjo" }).first().waitFor();
    await shotIn(page, DIR, "07-region-agreements");
    await page.getByRole("tab", { name: /Ärenden/ }).click();
    await page.getByRole("tabpanel").getByText("Anslutning: Hjo till Teknikcollege Skaraborg").waitFor();
    await settle(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
