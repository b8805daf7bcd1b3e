/**
 * Helpers for the case pages in the browser tests: one logged-in page per role, opening a case, filling and
 * sending an action's form (with its confirmation), waiting for the step to change, screenshots in a folder.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { login, newContext, SCREENSHOT_DIR, seriousViolations, settle, visit } from "./helpers";

export async function loggedIn(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const context = await newContext(browser, baseURL);
  const page = await context.newPage();
  await record(page);
  await login(page, email);
  return page;
}

/**
 * What a page did lately, for the message of a wait that failed: its API requests (answered or not), console
 * errors, and where its pointer events and form submissions landed (a click that lands on another element than
 * the one Playwright aimed at, because the layout moved under it, shows up here).
 */
const journals = new WeakMap<Page, { lines: string[]; unanswered: Set<string> }>();

async function record(page: Page): Promise<void> {
  const lines: string[] = [];
  const unanswered = new Set<string>();
  journals.set(page, { lines, unanswered });
  const note = (line: string) => {
    lines.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (lines.length > 60) lines.shift();
  };
  const api = (r: { url(): string }) => new URL(r.url()).pathname.startsWith("/api/");
  const name = (r: { method(): string; url(): string }) => `${r.method()} ${new URL(r.url()).pathname}`;
  page.on("request", (r) => {
    if (!api(r)) return;
    unanswered.add(name(r));
    note(`→ ${name(r)}`);
  });
  page.on("response", (r) => {
    if (!api(r)) return;
    unanswered.delete(name(r.request()));
    note(`← ${r.status()} ${name(r.request())}`);
  });
  page.on("requestfailed", (r) => {
    if (!api(r)) return;
    unanswered.delete(name(r));
    note(`✗ ${name(r)}: ${r.failure()?.errorText ?? ""}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error") note(`console error: ${m.text().slice(0, 300)}`);
    else if (m.text().startsWith("e2e:")) note(m.text().slice(5));
  });
  page.on("pageerror", (e) => note(`page error: ${e.message.slice(0, 300)}`));
  await page.addInitScript(() => {
    const describe = (target: EventTarget | null) => {
      const el = target as HTMLElement | null;
      if (!el?.tagName) return String(target);
      const form = el.closest("form")?.getAttribute("data-action") ?? "-";
      return `${el.tagName.toLowerCase()} "${(el.textContent ?? "").slice(0, 30)}" (form ${form})`;
    };
    for (const type of ["pointerdown", "pointerup", "click", "submit"]) {
      document.addEventListener(
        type,
        (e) => {
          const at = e instanceof MouseEvent ? ` at ${Math.round(e.clientX)},${Math.round(e.clientY)}` : "";
          console.log(`e2e: ${type} on ${describe(e.target)}${at}`);
        },
        true,
      );
    }
  });
}

async function whatHappened(page: Page): Promise<string> {
  const dir = path.join(SCREENSHOT_DIR, "failures");
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${Date.now()}.png`);
  await page.screenshot({ path: file, fullPage: true }).catch(() => {});
  const busy = await page.locator("button[data-loading]").count();
  const journal = journals.get(page);
  return [
    `Busy buttons: ${busy}. Unanswered: ${JSON.stringify([...(journal?.unanswered ?? [])])}. Screenshot: ${file}`,
    "Lately:",
    ...(journal?.lines ?? []).map((line) => `  ${line}`),
  ].join("\n");
}

/**
 * Opens an accordion section (unless it is open) and waits until it has finished opening. While it grows, the
 * panel clips its content and can scroll it: a click there can land, between its press and its release, on what
 * the button's focus has scrolled into place, and the form is not sent.
 */
export async function expand(control: Locator): Promise<void> {
  if ((await control.getAttribute("aria-expanded")) !== "true") await control.click();
  const panel = await control.getAttribute("aria-controls");
  if (!panel) throw new Error("the accordion control names no panel");
  await control.page().waitForFunction((id) => {
    const el = document.getElementById(id);
    return el?.getAttribute("aria-hidden") === "false" && !el.style.height && !el.style.overflow;
  }, panel);
}

/** Opens a case page and waits for its heading. */
export async function openCase(page: Page, caseId: string): Promise<void> {
  await visit(page, `/cases/${caseId}`);
  await page.getByRole("heading", { level: 1, name: /^TC \d{4}\/\d{4}$/ }).waitFor();
  await page.getByTestId("case-state").waitFor();
  await page.waitForLoadState("networkidle");
}

/** The form of one action on the case page. */
export function actionForm(page: Page, action: string): Locator {
  return page.locator(`form[data-action="${action}"]`);
}

/** Clicks the form's submit button and, for irreversible actions, the confirmation's button. */
export async function send(page: Page, action: string, confirm?: string): Promise<void> {
  const form = actionForm(page, action);
  await form.locator('button[type="submit"]').click();
  if (confirm) {
    const dialog = page.getByRole("dialog", { name: confirm });
    await dialog.waitFor();
    await dialog.getByRole("button").last().click();
    await dialog.waitFor({ state: "detached" });
  }
}

/** Waits until the case header says "Steg n av 13" (or a final state's name). */
export async function waitForState(page: Page, state: number | string): Promise<void> {
  const expected = typeof state === "number" ? `Steg ${state} av 13` : state;
  try {
    await expect
      .poll(async () => (await page.getByTestId("case-state").textContent()) ?? "", { timeout: 15_000 })
      .toContain(expected);
  } catch (error) {
    throw new Error(`The case did not reach "${expected}".\n${await whatHappened(page)}`, { cause: error });
  }
  await page.waitForLoadState("networkidle");
}

/**
 * Waits for a text (the first of several is enough). When it does not come, the error says what the page shows
 * instead: its alerts and the forms' field errors, so that a failure in CI tells why an action did not go through.
 */
export async function waitForText(page: Page, text: string): Promise<void> {
  try {
    await page.getByText(text).first().waitFor();
  } catch (error) {
    const alerts = await page.getByRole("alert").allTextContents();
    const fieldErrors = await page.locator('.mantine-InputWrapper-error, [id$="-error"]').allTextContents();
    throw new Error(
      `"${text}" did not appear. Alerts: ${JSON.stringify(alerts)}. Field errors: ${JSON.stringify(fieldErrors)}.\n${await whatHappened(page)}`,
      { cause: error },
    );
  }
}

/** Waits for the success notification of an action and lets it go. */
export async function done(page: Page, text: string | RegExp = /klart|sparat/i): Promise<void> {
  await page.getByRole("alert").filter({ hasText: text }).first().waitFor();
}

export async function shotIn(page: Page, folder: string, name: string): Promise<string> {
  const dir = path.join(SCREENSHOT_DIR, folder);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  // The step's page without the stack of "klart" notifications of earlier steps over it.
  const hide = await page.addStyleTag({
    content: ".mantine-Notifications-root { display: none !important; }",
  });
  await page.screenshot({ path: file, fullPage: true });
  await hide.evaluate((el) => (el as HTMLElement).remove());
  return file;
}

/** Today in Stockholm, as the server and the web app count days. */
export function stockholmToday(): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm" }).format(new Date());
}

/**
 * From a case page on a meeting's agenda, the secretariat moves that meeting to today (the board decides only at
 * the meeting, on its day: D2), and comes back to the case.
 */
export async function moveMeetingToToday(page: Page, caseId: string): Promise<void> {
  await openCase(page, caseId);
  // The case's meeting, linked in its header (not the menu's list of meetings).
  await page.locator('main a[href^="/meetings/"]').first().click();
  await page.getByRole("heading", { level: 2, name: /Dagordning/ }).waitFor();
  await page.getByRole("button", { name: "Flytta mötet" }).click();
  const dialog = page.getByRole("dialog", { name: "Flytta mötet till ett annat datum" });
  await dialog.getByLabel(/^Nytt datum/).fill(stockholmToday());
  await dialog.getByRole("button", { name: "Flytta mötet" }).click();
  await dialog.waitFor({ state: "detached" });
  await openCase(page, caseId);
}

/** A page settled, its screenshot in `folder`, and axe's scan: no serious or critical violation. */
export async function scanIn(page: Page, folder: string, name: string): Promise<void> {
  await settle(page);
  await shotIn(page, folder, name);
  expect(await seriousViolations(page), name).toEqual([]);
}
