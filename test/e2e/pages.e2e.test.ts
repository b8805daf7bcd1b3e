/**
 * Every page of the case work, scanned by axe (WCAG 2.1 AA: no serious or critical violation), with a
 * screenshot each; a keyboard-only pass (Tab, Enter, Space) over the task inbox and an action form; the
 * dashboard's one-click recertification; the public register without login.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedIn, openCase, scanIn, shotIn, waitForState } from "./case-helpers";
import { closeAll, DEMO, newContext, startServerAndBrowser, type TestServer, visit } from "./helpers";

const DIR = "pages";

describe("case pages in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let kansli: Page;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    kansli = await loggedIn(browser, server.url, DEMO.secretariat);
  });

  afterAll(() => closeAll(browser, server));

  it("starts at the task inbox, overdue first, with the count in the navigation", async () => {
    await kansli.getByRole("heading", { level: 1, name: "Mina uppgifter" }).waitFor();
    const rows = kansli.locator("tbody tr[data-case-id]");
    await rows.first().waitFor();
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    const nav = kansli.getByRole("navigation").getByRole("link", { name: /Mina uppgifter/ });
    expect(await nav.textContent()).toContain(String(count));
    await scanIn(kansli, DIR, "tasks");
  });

  it("lists, filters and searches cases", async () => {
    await kansli.getByRole("navigation").getByRole("link", { name: "Ärenden" }).click();
    await kansli.getByRole("heading", { level: 1, name: "Ärenden" }).waitFor();
    await kansli.locator("tbody tr").first().waitFor();
    // Two certifications and Norrbotten's open follow-up; with the closed ones, also Norrbotten's certification
    // and last year's follow-up.
    expect(await kansli.getByText("3 ärenden").count()).toBe(1);
    // The filters live in the address; the checkbox follows the URL once the navigation is done.
    await kansli.getByRole("checkbox", { name: "Visa avslutade ärenden" }).click();
    await kansli.getByText("5 ärenden").waitFor();
    await kansli.getByRole("searchbox", { name: "Sök" }).fill("Norrbotten");
    await kansli.getByText("3 ärenden").waitFor();
    expect(kansli.url()).toContain("q=Norrbotten");
    await kansli.getByRole("searchbox", { name: "Sök" }).fill("");
    await kansli.getByText("5 ärenden").waitFor();
    await kansli.getByRole("combobox", { name: "Steg" }).click();
    await kansli.getByRole("option", { name: "9. Protokoll" }).click();
    await kansli.getByText("1 ärende", { exact: true }).waitFor();
    await scanIn(kansli, DIR, "cases");
    await kansli.locator("tbody tr").first().getByRole("link").click();
    await kansli.getByTestId("case-state").waitFor();
    await kansli.getByRole("heading", { level: 2, name: "Ärendets steg" }).waitFor();
    await kansli.getByText("Väntar på: RTS kansli och Granskare (granskningskommittén)").first().waitFor();
    await scanIn(kansli, DIR, "case-protocol");
  });

  it("explains a conflict when someone else changed the case first", async () => {
    const list = await (await kansli.request.get("/api/cases?step=protocol")).json();
    const caseId = list.items[0].id as string;
    await openCase(kansli, caseId);
    const form = kansli.locator('form[data-action="saveProtocol"]');
    await form
      .getByRole("group", { name: /^1\. / })
      .getByRole("radio", { name: "Uppfyllt", exact: true })
      .check();
    // Someone else saves in between, straight through the API.
    const me = await (await kansli.request.get("/api/auth/me")).json();
    const current = await (await kansli.request.get(`/api/cases/${caseId}`)).json();
    const other = await kansli.request.post(`/api/cases/${caseId}/actions/grantPostponement`, {
      headers: { "x-csrf-token": me.csrfToken },
      data: {
        expectedVersion: current.version,
        payload: { deadline: "protocol", newDueDate: "2099-01-01", reason: "Test" },
      },
    });
    expect(other.status()).toBe(200);
    await form.locator('button[type="submit"]').click();
    await form.getByText("Någon annan har ändrat ärendet — ladda om").waitFor();
    await shotIn(kansli, DIR, "case-conflict");
    await form.getByRole("button", { name: "Ladda om ärendet" }).click();
    await kansli
      .getByText(/Protokoll senast 1 jan\. 2099/)
      .first()
      .waitFor();
  });

  it("shows the board meetings and a meeting's agenda", async () => {
    await kansli.getByRole("navigation").getByRole("link", { name: "Styrelsemöten" }).click();
    await kansli.getByRole("heading", { level: 1, name: "Styrelsemöten" }).waitFor();
    await kansli.locator("tbody tr").first().waitFor();
    await kansli.getByRole("button", { name: "Nytt styrelsemöte" }).click();
    const dialog = kansli.getByRole("dialog", { name: "Nytt styrelsemöte" });
    await dialog.getByLabel(/^Rubrik/).fill("Styrelsemöte (webbtest)");
    await dialog.getByLabel(/^Plats/).fill("Stockholm");
    await dialog.getByRole("button", { name: "Skapa" }).click();
    await kansli.getByRole("heading", { level: 1, name: "Styrelsemöte (webbtest)" }).waitFor();
    await kansli.getByText("Inga ärenden på dagordningen.").waitFor();
    await scanIn(kansli, DIR, "meeting");
    await kansli.getByRole("link", { name: "Alla styrelsemöten" }).click();
    await kansli.locator("tbody tr").first().waitFor();
    await scanIn(kansli, DIR, "meetings");
  });

  it("takes dates typed as ÅÅÅÅ-MM-DD, with the browser's calendar behind a button where it can open one", async () => {
    // A browser that can open its calendar from a script: the button is there; a date that does not exist is refused.
    await visit(kansli, "/meetings");
    await kansli.getByRole("button", { name: "Nytt styrelsemöte" }).click();
    let dialog = kansli.getByRole("dialog", { name: "Nytt styrelsemöte" });
    await dialog.getByRole("button", { name: "Välj datum i kalendern" }).waitFor();
    await dialog.getByLabel(/^Datum/).fill("2027-02-30");
    await dialog.getByRole("button", { name: "Skapa" }).click();
    await dialog.getByText("Ange ett datum som ÅÅÅÅ-MM-DD").waitFor();
    await dialog.getByRole("button", { name: "Avbryt" }).click();
    await dialog.waitFor({ state: "hidden" });

    // A browser without showPicker: no button that would do nothing; the typed date is saved.
    const older = await loggedIn(browser, server.url, DEMO.secretariat);
    await older.addInitScript(() => {
      Reflect.deleteProperty(HTMLInputElement.prototype, "showPicker");
    });
    try {
      await visit(older, "/meetings");
      await older.getByRole("button", { name: "Nytt styrelsemöte" }).click();
      dialog = older.getByRole("dialog", { name: "Nytt styrelsemöte" });
      await dialog.getByLabel(/^Rubrik/).waitFor();
      expect(await dialog.getByRole("button", { name: "Välj datum i kalendern" }).count()).toBe(0);
      await dialog.getByLabel(/^Datum/).fill("2027-03-17");
      await dialog.getByLabel(/^Rubrik/).fill("Styrelsemöte (datum skrivet)");
      await dialog.getByRole("button", { name: "Skapa" }).click();
      await older.getByRole("heading", { level: 1, name: "Styrelsemöte (datum skrivet)" }).waitFor();
      await older
        .getByText(/17 mars 2027|2027-03-17/)
        .first()
        .waitFor();
    } finally {
      await older.context().close();
    }
  });

  it("shows the secretariat's dashboard and starts a recertification in one click", async () => {
    await kansli.getByRole("navigation").getByRole("link", { name: "Översikt" }).click();
    await kansli.getByRole("heading", { level: 1, name: "Översikt" }).waitFor();
    await kansli.getByRole("table", { name: /Ärenden per steg|Pågående certifieringsärenden/ }).waitFor();
    await kansli.locator("svg[role=img] path[data-region]").first().waitFor();
    // Norrbotten is certified (green), Skaraborg under certification (blue).
    expect(
      await kansli.locator("svg[role=img] path title").filter({ hasText: "(Certifierad)" }).count(),
    ).toBeGreaterThan(0);
    await scanIn(kansli, DIR, "dashboard");
    await kansli.getByRole("button", { name: "Starta omcertifiering av Teknikcollege Norrbotten" }).click();
    await kansli.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await waitForState(kansli, 1);
    await kansli.getByText("Omcertifiering: Teknikcollege Norrbotten").waitFor();
    await kansli.getByRole("navigation").getByRole("link", { name: "Översikt" }).click();
    await kansli.getByRole("link", { name: "Omcertifiering pågår" }).waitFor();
  });

  it("shows the public register without login, linked from the login page", async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    // The app's script and styles travel compressed (the build's .br/.gz copies).
    const encodings: string[] = [];
    page.on("response", (r) => {
      if (/\/assets\/index-[^/]+\.(js|css)$/.test(r.url()))
        encodings.push(r.headers()["content-encoding"] ?? "none");
    });
    try {
      await page.goto("/login");
      expect(encodings.length).toBeGreaterThanOrEqual(2);
      for (const e of encodings) expect(["br", "gzip"]).toContain(e);
      await page.getByRole("link", { name: /Offentligt register/ }).click();
      await page.getByRole("heading", { level: 1, name: "Certifierade Teknikcollege" }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Teknikcollege Norrbotten" }).waitFor();
      expect(await page.getByText(/@/).count()).toBe(0);
      await scanIn(page, DIR, "register");
    } finally {
      await context.close();
    }
  });

  it("works with the keyboard alone: the task inbox and an action form (Tab, Enter, Space)", async () => {
    const page = await loggedIn(browser, server.url, DEMO.regionLead);
    try {
      // A fresh page load: the first Tab stop is the skip link.
      await visit(page, "/cases");
      await page.getByRole("heading", { level: 1, name: "Ärenden" }).waitFor();
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          return {
            tag: el?.tagName ?? "",
            text: (el?.textContent ?? "").trim(),
            type: el?.getAttribute("type"),
          };
        });
      await page.keyboard.press("Tab");
      expect((await focused()).text).toBe("Hoppa till innehållet");
      // On through the header to "Mina uppgifter" in the menu (with its count), opened with Enter.
      let onTasks = false;
      for (let i = 0; i < 20 && !onTasks; i++) {
        await page.keyboard.press("Tab");
        onTasks = (await focused()).text.startsWith("Mina uppgifter");
      }
      expect(onTasks).toBe(true);
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: "Mina uppgifter" }).waitFor();
      await page.locator("tbody tr[data-case-id]").first().waitFor();
      // Focus moved to the new page's heading.
      expect((await focused()).text).toBe("Mina uppgifter");
      // Tab on to the Skaraborg case in the inbox and open it with Enter.
      let found = false;
      for (let i = 0; i < 30 && !found; i++) {
        await page.keyboard.press("Tab");
        found = /^TC \d{4}\/\d{4}$/.test((await focused()).text);
      }
      expect(found).toBe(true);
      await page.keyboard.press("Enter");
      await page.getByTestId("case-state").waitFor();
      await waitForState(page, 3);
      await page.locator('form[data-action="submitInterest"]').waitFor();
      // Through the interest form (prefilled) to its button, sent with Space.
      let onSubmit = false;
      for (let i = 0; i < 60 && !onSubmit; i++) {
        await page.keyboard.press("Tab");
        const f = await focused();
        onSubmit = f.tag === "BUTTON" && f.text === "Skicka intresseanmälan";
      }
      expect(onSubmit).toBe(true);
      await shotIn(page, DIR, "keyboard-interest-form");
      await page.keyboard.press("Space");
      await waitForState(page, 4);
      await openCase(page, page.url().split("/").pop() ?? "");
      await page.getByText("Du har inget att göra i ärendet just nu.", { exact: false }).waitFor();
    } finally {
      await page.context().close();
    }
  });
});
