/**
 * The browsers the suite runs on. Debian's Chromium where the machine has it, and always the one shipped in
 * @sparticuz/chromium (what a machine without Debian's gets, test/support/chromium.ts): with that package's
 * serverless flags (--single-process, --no-zygote) every context shared one cookie jar, so a second context
 * opened logged in as the first user. Two contexts logged in as different users must stay apart.
 */
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumLaunch } from "../support/chromium";
import {
  closeAll,
  DEMO,
  DEMO_PASSWORD,
  login,
  newContext,
  startTestServer,
  type TestServer,
} from "./helpers";

const launches = {
  "this machine's": () => chromiumLaunch(),
  "@sparticuz/chromium's": () => chromiumLaunch({ SPELPLAN_CHROMIUM: "/nonexistent/chromium" }),
};

describe.each(Object.entries(launches))("%s Chromium", (_name, launch) => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer();
    const { executablePath, args } = await launch();
    browser = await chromium.launch({ executablePath, args });
  });

  afterAll(() => closeAll(browser, server));

  it("keeps two logged-in contexts apart, and a third starts logged out", async () => {
    const a = await newContext(browser, server.url);
    const b = await newContext(browser, server.url);
    const pageA = await a.newPage();
    const pageB = await b.newPage();
    await login(pageA, DEMO.secretariat, DEMO_PASSWORD);
    await login(pageB, DEMO.regionLead, DEMO_PASSWORD);

    // Asked from each page, so the browser's own cookie jar answers (Playwright's request API keeps its own).
    const me = (p: Page) =>
      p.evaluate(async () => {
        const res = await fetch("/api/auth/me");
        return { status: res.status, email: res.ok ? ((await res.json()) as { email: string }).email : null };
      });
    expect(await me(pageA)).toEqual({ status: 200, email: DEMO.secretariat });
    expect(await me(pageB)).toEqual({ status: 200, email: DEMO.regionLead });
    const c = await newContext(browser, server.url);
    const pageC = await c.newPage();
    await pageC.goto("/login");
    expect(await me(pageC)).toEqual({ status: 401, email: null });
    await Promise.all([a.close(), b.close(), c.close()]);
  });
});
