/**
 * Pages the server renders (src/web/entry-server.tsx): a full page load of the dashboard or a case page
 * arrives with the page in its HTML; the app then takes it over without a hydration error and works on
 * (navigation, an action that needs the session's CSRF token). An account in English gets its page in English.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { waitForState } from "./case-helpers";
import { closeAll, DEMO, login, newContext, startServerAndBrowser, type TestServer } from "./helpers";

describe("pages rendered on the server", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
  });
  afterAll(() => closeAll(browser, server));
  beforeEach(async () => {
    await context?.close();
    context = await newContext(browser, server.url);
    page = await context.newPage();
    problems = [];
    // A hydration mismatch is reported on the console (React then renders the page anew in the browser).
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
  });

  /** Loads `path` afresh (the console from here on); the HTML the server sent, once the app has the page. */
  async function load(path: string, waitForPage = true): Promise<string> {
    problems.length = 0; // the login page's own check answers 401 before anyone is logged in
    const response = await page.goto(path);
    if (!response) throw new Error(`no response for ${path}`);
    const html = await response.text();
    if (waitForPage) await page.locator('html[data-page="ready"]').waitFor({ state: "attached" });
    return html;
  }

  /** The part of the server's HTML inside #root. */
  const root = (html: string) => html.slice(html.indexOf('<div id="root">'), html.indexOf("</body>"));

  it("sends the dashboard rendered, which the app takes over and acts on", async () => {
    await login(page, DEMO.secretariat);
    const html = await load("/dashboard");
    expect(root(html)).toContain("Ärenden per steg");
    expect(root(html)).toContain("Starta omcertifiering av Teknikcollege Norrbotten");
    await page.getByRole("heading", { level: 1, name: "Översikt" }).waitFor();

    // A POST from the page as the server sent it: the CSRF token came with the page's data.
    await page.getByRole("button", { name: "Starta omcertifiering av Teknikcollege Norrbotten" }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await waitForState(page, 1);
    await page.getByText("Omcertifiering: Teknikcollege Norrbotten").waitFor();
    expect(problems).toEqual([]);
  });

  it("sends a case page rendered, with its log, and the app navigates on from it", async () => {
    await login(page, DEMO.secretariat);
    await page.getByRole("navigation").getByRole("link", { name: "Ärenden" }).click();
    const first = page.locator("tbody tr a[href^='/cases/']").first();
    await first.waitFor();
    // Both read at once: the list can change its order between two reads (it is refetched when it mounts).
    const [href, number] = await first.evaluate((a) => [a.getAttribute("href") ?? "", a.textContent ?? ""]);

    const html = await load(href);
    expect(root(html)).toContain(number);
    await page.getByRole("heading", { level: 1 }).filter({ hasText: number }).waitFor();
    await page.getByRole("navigation").getByRole("link", { name: "Mina uppgifter" }).click();
    await page.getByRole("heading", { level: 1, name: "Mina uppgifter" }).waitFor();
    expect(problems).toEqual([]);
  });

  it("leaves the page to the browser without a session", async () => {
    const anonymous = await load("/dashboard", false);
    expect(root(anonymous)).toBe('<div id="root"></div>\n  ');
    await page.waitForURL(/\/login/);
  });

  it("sends an account in English its page in English, which the app takes over in English", async () => {
    await login(page, DEMO.board);
    await page.getByRole("banner").getByText("English").click();
    await page.getByRole("heading", { level: 1, name: "My tasks" }).waitFor();
    // A browser that never chose a language: the page's own language decides, not Swedish by default.
    await page.evaluate(() => window.localStorage.clear());
    // The heading as the server sent it, kept before the app's code runs.
    await page.addInitScript(() => {
      document.addEventListener("DOMContentLoaded", () => {
        (window as unknown as { sentHeading: Element | null }).sentHeading = document.querySelector("h1");
      });
    });
    const html = await load("/meetings");
    expect(html).toContain('<html lang="en"');
    expect(root(html)).toContain("Board meetings");
    expect(root(html)).not.toContain("Styrelsemöten");
    await page.getByRole("heading", { level: 1, name: "Board meetings" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    // Taken over, not rendered anew: the heading the server sent is still the one shown.
    const kept = await page.evaluate(() => {
      const sent = (window as unknown as { sentHeading: Element | null }).sentHeading;
      return sent !== null && sent === document.querySelector("h1") && document.contains(sent);
    });
    expect(kept).toBe(true);
    expect(problems).toEqual([]);
    await page.getByRole("banner").getByText("Svenska").click();
    await page.getByRole("heading", { level: 1, name: "Styrelsemöten" }).waitFor();
  });
});
