/**
 * Login throttling as people meet it: the login page says why and for how long, and an admin lifts the lock on
 * the users page after confirming.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closeAll,
  DEMO,
  DEMO_PASSWORD,
  login,
  newContext,
  screenshot,
  startServerAndBrowser,
  type TestServer,
  visit,
} from "./helpers";

describe("locked logins", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
  });
  afterAll(() => closeAll(browser, server));

  it("tells the user to wait, and lets an admin unlock the account", async () => {
    const context = await newContext(browser, server.url);
    const page = await context.newPage();
    for (let i = 0; i < 5; i++) {
      const r = await context.request.post(`${server.url}/api/auth/login`, {
        data: { email: DEMO.localLead, password: "wrong-password" },
      });
      expect(r.status()).toBe(401);
    }
    await page.goto("/login");
    await page.getByLabel(/^E-postadress/).fill(DEMO.localLead);
    await page.getByLabel(/^Lösenord/).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Logga in" }).click();
    await page.getByText(/För många misslyckade inloggningar\. Försök igen om 1 minut\./).waitFor();
    await screenshot(page, "login-locked");

    const adminContext = await newContext(browser, server.url);
    const admin = await adminContext.newPage();
    await login(admin, DEMO.admin);
    await visit(admin, "/users");
    const panel = admin.getByRole("alert").filter({ hasText: "Låsta inloggningar" });
    await panel.getByText(DEMO.localLead).waitFor();
    await screenshot(admin, "users-login-locks");
    await panel.getByRole("button", { name: "Lås upp" }).click();
    const dialog = admin.getByRole("dialog", { name: "Låsa upp inloggningen?" });
    await dialog.getByRole("button", { name: "Lås upp" }).click();
    await dialog.waitFor({ state: "detached" });
    await admin.getByText("Inloggningen är upplåst.").waitFor();

    await login(page, DEMO.localLead);
    expect(new URL(page.url()).pathname).not.toBe("/login");
    await Promise.all([context.close(), adminContext.close()]);
  });
});
