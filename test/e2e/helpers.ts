/**
 * Shared pieces of the browser tests: the real server in-process on a fresh data dir, Chromium (Debian's or
 * @sparticuz/chromium's) driven by playwright-core, login, axe scans and screenshots (in test-results/e2e/).
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { chromiumLaunch } from "../support/chromium";

export const DEMO_PASSWORD = "spelplan-demo";
export const DEMO = {
  secretariat: "kansli@demo.spelplan.se",
  reviewer: "granskare1@demo.spelplan.se",
  board: "styrelse@demo.spelplan.se",
  regionLead: "region@demo.spelplan.se",
  regionLead2: "region2@demo.spelplan.se",
  regionLeadNorrbotten: "norrbotten@demo.spelplan.se",
  localLead: "lokal@demo.spelplan.se",
  admin: "admin@demo.spelplan.se",
} as const;

export const SCREENSHOT_DIR = path.resolve("test-results/e2e");
const WEB_INDEX = path.resolve("dist/web/index.html");

export interface TestServer {
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * The real server with demo data, on a free port and a fresh SQLite data dir. Needs `npm run build` first.
 * `SPELPLAN_E2E_URL` points the tests at an already running server instead (for debugging; its data changes).
 */
export async function startTestServer(): Promise<TestServer> {
  const external = process.env.SPELPLAN_E2E_URL;
  if (external) return { url: external.replace(/\/$/, ""), dataDir: "", close: async () => {} };
  if (!existsSync(WEB_INDEX)) {
    throw new Error(`${WEB_INDEX} is missing: run \`npm run build\` before the browser tests.`);
  }
  const { startServer } = await import("../../src/server/start");
  const dataDir = await mkdtemp(path.join(tmpdir(), "spelplan-e2e-"));
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    dataDir,
    databaseUrl: undefined,
    logger: false,
  });
  return {
    url: server.url,
    dataDir,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, or the one in @sparticuz/chromium where the machine has none (test/support/chromium.ts). */
export async function launchBrowser(): Promise<Browser> {
  const { executablePath, args } = await chromiumLaunch();
  return chromium.launch({ executablePath, args });
}

/** The test server and the browser one file's tests share (close them with `closeAll` in `afterAll`). */
export async function startServerAndBrowser(): Promise<{ server: TestServer; browser: Browser }> {
  const server = await startTestServer();
  return { server, browser: await launchBrowser() };
}

/** Closes, in the order given, what a file's tests opened (contexts, the browser, the server); skips what never opened. */
export async function closeAll(...opened: ({ close(): Promise<unknown> } | undefined)[]): Promise<void> {
  for (const o of opened) await o?.close();
}

/** A desktop-sized Swedish browser context. */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    locale: "sv-SE",
    viewport: { width: 1440, height: 900 },
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * Loads a page of the app afresh and waits until the app has taken it over. The server sends a logged-in user's
 * page rendered, so its text is there before its buttons and links are the app's: a click before that does
 * nothing, or loads the next page afresh.
 */
export async function visit(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator('html[data-page="ready"]').waitFor({ state: "attached" });
}

/** Logs in through the login page and waits for the start page. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel(/^E-postadress/).fill(email);
  await page.getByLabel(/^Lösenord/).fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.getByRole("heading", { level: 1 }).waitFor();
}

export interface AxeProblem {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** WCAG 2.1 A/AA scan; returns the serious and critical violations (an empty list is a pass). */
export async function seriousViolations(page: Page): Promise<AxeProblem[]> {
  // Scan what the user sees once things stand still: an element fading in (a notification) has, for a moment,
  // a lower contrast than it will have, and axe would measure that moment.
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"), undefined, {
      timeout: 5_000,
    })
    .catch(() => {});
  // Transient toasts are left out: they fade in and out on their own timer, so a scan can catch one half
  // transparent. Their text colour is set for contrast in theme.ts (Notification: gray-8 on white, 11:1).
  const results = await new AxeBuilder({ page })
    .exclude(".mantine-Notifications-root")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  // A full-page shot of a scrolled page repeats the fixed header mid-picture; start from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  // Let Mantine's modal and notification transitions (200 ms) finish.
  await page.waitForTimeout(350);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Waits until no Mantine notification or loader is animating, so screenshots and axe see a settled page. */
export async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(250);
}
