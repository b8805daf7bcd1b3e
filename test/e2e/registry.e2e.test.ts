import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closeAll,
  DEMO,
  login,
  newContext,
  screenshot,
  seriousViolations,
  settle,
  startServerAndBrowser,
  type TestServer,
  visit,
} from "./helpers";

/** The demo data holds at least one steering group that breaks the composition rule. */
const WARNING_TEXT = /majoritet|Ordföranden ska komma från ett företag/;

describe("registry in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    context = await newContext(browser, server.url);
    page = await context.newPage();
  });

  afterAll(() => closeAll(context, browser, server));

  it("shows an accessible login page with the demo accounts", async () => {
    await page.goto("/login");
    await page.getByRole("heading", { level: 1, name: "Logga in" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("sv");
    expect(await page.title()).toContain("Logga in");
    await page.getByText("Demokonton").waitFor();
    expect(await page.getByText(DEMO.secretariat).count()).toBeGreaterThan(0);
    await screenshot(page, "01-login");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("rejects a wrong password with the server's message", async () => {
    await page.getByLabel(/^E-postadress/).fill(DEMO.secretariat);
    await page.getByLabel(/^Lösenord/).fill("fel-lösenord-123");
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByRole("alert").filter({ hasText: "Inloggningen misslyckades" }).waitFor();
    expect(page.url()).toContain("/login");
  });

  it("logs in as the secretariat and lists the regions with the map", async () => {
    await login(page, DEMO.secretariat);
    // The start page is the task inbox; the regions are one click away.
    await page.getByRole("heading", { level: 1, name: "Mina uppgifter" }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Regioner" }).click();
    await page.getByRole("heading", { level: 1, name: "Regioner" }).waitFor();
    // The heading comes first; the button only with the regions' answer (it says whether the caller may create).
    await page.getByText(/^\d+ region(er)?$/).waitFor();
    expect(await page.getByRole("banner").getByText("RTS kansli", { exact: true }).count()).toBe(1);
    expect(await page.getByRole("navigation").getByRole("link", { name: "Användare" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Ny region" }).count()).toBe(1);
    await page.locator("svg[role=img] path[data-region]").first().waitFor();
    await settle(page);
    await screenshot(page, "02-regions");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("edits the first region's description and keeps it after a reload", async () => {
    const firstRegion = page.locator("table tbody tr").first().getByRole("link");
    const name = (await firstRegion.textContent())?.trim() ?? "";
    await firstRegion.click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    expect(await page.title()).toContain(name);
    await page.locator("svg[role=img] path").first().waitFor();
    await settle(page);
    await screenshot(page, "03-region");
    expect(await seriousViolations(page)).toEqual([]);

    const description = `Beskrivning ändrad av webbläsartestet ${Date.now()}.`;
    await page.getByRole("button", { name: "Redigera region" }).click();
    const dialog = page.getByRole("dialog", { name: "Redigera region" });
    await dialog.waitFor();
    await dialog.getByLabel("Beskrivning").fill(description);
    await screenshot(page, "04-region-edit");
    await dialog.getByRole("button", { name: "Spara" }).click();
    await page.getByText("Sparat").first().waitFor();
    await dialog.waitFor({ state: "detached" });

    await page.reload();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    expect((await page.getByTestId("region-description").textContent())?.trim()).toBe(description);
  });

  it("validates the region form next to the field", async () => {
    await page.getByRole("button", { name: "Redigera region" }).click();
    const dialog = page.getByRole("dialog", { name: "Redigera region" });
    await dialog.getByLabel("Namn").fill("");
    await dialog.getByRole("button", { name: "Spara" }).click();
    await dialog.getByText("Obligatoriskt fält").waitFor();
    await dialog.getByRole("button", { name: "Avbryt" }).click();
    await dialog.waitFor({ state: "detached" });
  });

  it("tells the user when someone else changed the region first", async () => {
    await page.getByRole("button", { name: "Redigera region" }).click();
    const dialog = page.getByRole("dialog", { name: "Redigera region" });
    await dialog.waitFor();
    // Someone else saves in between (same account, straight through the API).
    const me = await (await page.request.get("/api/auth/me")).json();
    const regionId = new URL(page.url()).pathname.split("/").pop();
    const current = await (await page.request.get(`/api/regions/${regionId}`)).json();
    const other = await page.request.patch(`/api/regions/${regionId}`, {
      headers: { "x-csrf-token": me.csrfToken },
      data: { expectedVersion: current.version, website: "https://exempel.se/annan" },
    });
    expect(other.status()).toBe(200);
    await dialog.getByLabel("Beskrivning").fill("Den här ändringen ska inte sparas.");
    await dialog.getByRole("button", { name: "Spara" }).click();
    await dialog.getByText("Någon annan har ändrat detta — ladda om").waitFor();
    await screenshot(page, "04b-region-stale");
    await dialog.getByRole("button", { name: "Ladda om" }).click();
    await page.getByRole("link", { name: "https://exempel.se/annan" }).waitFor();
  });

  it("adds a company with a letter of intent date", async () => {
    await page.getByRole("tab", { name: /Företag/ }).click();
    await page.getByRole("button", { name: "Nytt företag" }).click();
    const dialog = page.getByRole("dialog", { name: "Nytt företag" });
    const company = `Testföretaget ${Date.now()} AB`;
    await dialog.getByLabel(/^Namn/).fill(company);
    await dialog.getByLabel("Organisationsnummer").fill("556000-0000");
    await dialog.getByLabel("Avsiktsförklaring undertecknad").fill("2026-01-15");
    await dialog.getByLabel("Avsiktsförklaring undertecknad").press("Tab");
    await dialog.getByRole("button", { name: "Skapa" }).click();
    await dialog.waitFor({ state: "detached" });
    const row = page.getByRole("row").filter({ hasText: company });
    await row.waitFor();
    expect(await row.textContent()).toContain("556000-0000");
    expect(await row.textContent()).toMatch(/15 jan/);
  });

  it("warns about a steering group that breaks the composition rule", async () => {
    await visit(page, "/regions");
    const links = page.locator("table tbody tr").getByRole("link");
    await links.first().waitFor();
    const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href") ?? ""));
    let found = false;
    for (const href of hrefs) {
      await visit(page, `${href}?tab=steeringGroups`);
      await page.getByRole("tabpanel").waitFor();
      await page.getByRole("tabpanel").getByRole("heading", { level: 2, name: "Styrgrupper" }).waitFor();
      const warning = page.getByRole("tabpanel").getByText(WARNING_TEXT).first();
      if ((await warning.count()) > 0) {
        await warning.scrollIntoViewIfNeeded();
        expect(await warning.isVisible()).toBe(true);
        found = true;
        break;
      }
    }
    expect(found).toBe(true);
    await expect.poll(() => page.getByText(/Företag: \d+ av \d+/).count()).toBeGreaterThan(0);
    await settle(page);
    await screenshot(page, "05-steering-groups");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("updates the composition warnings live in the steering group form", async () => {
    const group = page.getByRole("article").filter({ hasText: WARNING_TEXT }).first();
    await group.getByRole("button", { name: /^Redigera/ }).click();
    const dialog = page.getByRole("dialog", { name: "Redigera styrgrupp" });
    await dialog.waitFor();
    await dialog.getByText(WARNING_TEXT).first().waitFor();
    const before = await dialog.getByText(/Företag: \d+ av \d+/).textContent();
    await dialog.getByRole("button", { name: "Lägg till ledamot" }).click();
    await expect.poll(() => dialog.getByText(/Företag: \d+ av \d+/).textContent()).not.toBe(before);
    await dialog.getByText(/Företag: \d+ av \d+/).scrollIntoViewIfNeeded();
    await screenshot(page, "06-steering-group-edit");
    await dialog.getByRole("button", { name: "Avbryt" }).click();
    await dialog.waitFor({ state: "detached" });
  });

  it("draws every municipality on the map page", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Karta" }).click();
    await page.getByRole("heading", { level: 1, name: "Karta" }).waitFor();
    await page.locator("svg[role=img] path").first().waitFor();
    expect(await page.locator("svg[role=img] path").count()).toBe(290);
    expect(await page.locator("svg[role=img] path[data-region]").count()).toBeGreaterThan(0);
    expect(await page.locator("svg[role=img] path title").first().textContent()).toMatch(/ – /);
    await settle(page);
    await screenshot(page, "07-map");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("lists the users for the secretariat", async () => {
    await page.getByRole("navigation").getByRole("link", { name: "Användare" }).click();
    await page.getByRole("heading", { level: 1, name: "Användare" }).waitFor();
    await page.getByText(DEMO.admin).waitFor();
    await settle(page);
    await screenshot(page, "08-users");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Ny användare" }).click();
    await page.getByRole("dialog", { name: "Ny användare" }).waitFor();
    await screenshot(page, "09-user-new");
    await page.keyboard.press("Escape");
  });

  it("switches the interface to English and back", async () => {
    await visit(page, "/criteria");
    await page.getByRole("heading", { level: 1, name: "Kriterier" }).waitFor();
    await page.getByRole("banner").getByText("English").click();
    await page.getByRole("heading", { level: 1, name: "Criteria" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await settle(page);
    await screenshot(page, "10-criteria-en");
    await page.reload();
    // The choice was saved on the account (PATCH /api/auth/me).
    await page.getByRole("heading", { level: 1, name: "Criteria" }).waitFor();
    await page.getByRole("banner").getByText("Svenska").click();
    await page.getByRole("heading", { level: 1, name: "Kriterier" }).waitFor();
  });

  it("shows a regional process lead only what the server allows", async () => {
    const leadContext = await newContext(browser, server.url);
    const lead = await leadContext.newPage();
    try {
      await login(lead, DEMO.regionLead);
      await lead.getByRole("navigation").getByRole("link", { name: "Regioner" }).click();
      await lead.getByRole("heading", { level: 1, name: "Regioner" }).waitFor();
      await lead.locator("table tbody tr").first().waitFor();
      expect(await lead.getByRole("button", { name: "Ny region" }).count()).toBe(0);
      expect(await lead.getByRole("navigation").getByRole("link", { name: "Användare" }).count()).toBe(0);
      await lead.locator("table tbody tr").first().getByRole("link").click();
      await lead.getByRole("button", { name: "Redigera region" }).waitFor();
      expect(await lead.getByRole("button", { name: "Ta bort region" }).count()).toBe(0);
      expect(await lead.getByRole("button", { name: "Arkivera region" }).count()).toBe(0);
      await lead.goto("/users");
      await lead.getByRole("heading", { level: 1, name: "Sidan finns inte" }).waitFor();
    } finally {
      await leadContext.close();
    }
  });

  it("shows a not-found page for an unknown address", async () => {
    await page.goto("/finns-inte");
    await page.getByRole("heading", { level: 1, name: "Sidan finns inte" }).waitFor();
    await visit(page, "/regions/finns-inte");
    await page.getByRole("heading", { level: 1, name: "Sidan finns inte" }).waitFor();
  });
});
