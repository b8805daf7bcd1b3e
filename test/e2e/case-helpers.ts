/**
 * Helpers for the case pages in the browser tests: one logged-in page per role, opening a case, filling and
 * sending an action's form (with its confirmation), waiting for the step to change, screenshots in a folder.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { login, newContext, SCREENSHOT_DIR } from "./helpers";

export async function loggedIn(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const context = await newContext(browser, baseURL);
  const page = await context.newPage();
  await login(page, email);
  return page;
}

/** Opens a case page and waits for its heading. */
export async function openCase(page: Page, caseId: string): Promise<void> {
  await page.goto(`/cases/${caseId}`);
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
  await expect
    .poll(async () => (await page.getByTestId("case-state").textContent()) ?? "", { timeout: 15_000 })
    .toContain(expected);
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
    const fieldErrors = await page.locator(".mantine-InputWrapper-error").allTextContents();
    throw new Error(
      `"${text}" did not appear. Alerts: ${JSON.stringify(alerts)}. Field errors: ${JSON.stringify(fieldErrors)}.`,
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
