/**
 * Long lists in the browser: "Mina uppgifter" paged 50 at a time with the page in the address, and the
 * dashboard's lists showing their first ten rows with the rest on demand. The demo has too few cases for either,
 * so copies of a demo case are written straight into the database first (as the API's paging tests do).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCalendarDays, stockholmDate } from "../../src/domain/certification/deadlines";
import { connect, type DB } from "../../src/server/db/connect";
import { copyCase } from "../support/tasks";
import { loggedIn, shotIn } from "./case-helpers";
import { closeAll, DEMO, settle, startServerAndBrowser, type TestServer, visit } from "./helpers";

const DIR = "lists";
const COPIES = 120;

describe("long lists in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let db: DB;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    db = connect({ dataDir: server.dataDir });
    const reviewer = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", DEMO.reviewer)
      .executeTakeFirstOrThrow();
    const assigned = await db
      .selectFrom("case_participants")
      .innerJoin("cases", "cases.id", "case_participants.case_id")
      .select("cases.id")
      .where("case_participants.user_id", "=", reviewer.id)
      .where("case_participants.role", "=", "reviewer")
      .where("cases.closed_at", "is", null)
      .executeTakeFirstOrThrow();
    const today = stockholmDate(new Date());
    // Half overdue (due 1..60 days ago), half due later; each copy its own day, so the order is known.
    await copyCase(
      db,
      assigned.id,
      Array.from({ length: COPIES }, (_, i) => ({
        due: addCalendarDays(today, i < COPIES / 2 ? -(i + 1) : i),
        since: "2026-01-01T09:00:00.000Z",
      })),
      [reviewer.id],
    );
  });

  afterAll(async () => {
    await db?.destroy();
    await closeAll(browser, server);
  });

  const rowIds = (page: Page) =>
    page
      .locator("tbody tr[data-case-id]")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-case-id")));

  it("pages my tasks 50 at a time, with the page in the address and the total in the navigation", async () => {
    const page = await loggedIn(browser, server.url, DEMO.reviewer);
    await page.getByRole("heading", { level: 1, name: "Mina uppgifter" }).waitFor();
    await page.locator("tbody tr[data-case-id]").first().waitFor();
    const first = await rowIds(page);
    expect(first).toHaveLength(50);
    // Overdue first: the first page is all overdue copies.
    expect(await page.locator("tbody tr[data-overdue]").count()).toBe(50);
    const nav = page.getByRole("navigation").getByRole("link", { name: /Mina uppgifter/ });
    const intro = await page.getByText(/Du har \d+ uppgifter/).textContent();
    const total = Number(intro?.match(/Du har (\d+) uppgifter/)?.[1]);
    expect(total).toBeGreaterThan(COPIES);
    expect(await nav.textContent()).toContain(String(total));

    await page.getByRole("button", { name: "Sida 2" }).click();
    await page.waitForURL(/[?&]page=2\b/);
    await expect.poll(async () => (await rowIds(page))[0]).not.toBe(first[0]);
    const second = await rowIds(page);
    expect(second).toHaveLength(50);
    expect(second.filter((id) => first.includes(id))).toEqual([]);
    await settle(page);
    await shotIn(page, DIR, "tasks-page-2");

    // The address keeps the page: a reload shows page 2 again; the last page holds the rest.
    await page.reload();
    await page.locator("tbody tr[data-case-id]").first().waitFor();
    expect(await rowIds(page)).toEqual(second);
    const last = Math.ceil(total / 50);
    await page.getByRole("button", { name: `Sida ${last}` }).click();
    await page.waitForURL(new RegExp(`[?&]page=${last}\\b`));
    await expect.poll(async () => (await rowIds(page)).length).toBe(total - 50 * (last - 1));
    expect(await page.getByRole("button", { name: "Nästa sida" }).isDisabled()).toBe(true);
    await page.context().close();
  });

  it("shows the dashboard's first ten overdue cases, the rest on demand, and links to all of them", async () => {
    const page = await loggedIn(browser, server.url, DEMO.secretariat);
    await visit(page, "/dashboard");
    const overdue = page.getByRole("region", { name: "Försenade ärenden" });
    await overdue.getByRole("listitem").first().waitFor();
    expect(await overdue.getByRole("listitem").count()).toBe(10);
    const more = overdue.getByRole("button", { name: /^Visa \d+ till$/ });
    const hidden = Number((await more.textContent())?.replace(/\D/g, ""));
    expect(hidden).toBeGreaterThan(0);
    await more.click();
    expect(await overdue.getByRole("listitem").count()).toBe(10 + hidden);
    await settle(page);
    await shotIn(page, DIR, "dashboard-overdue-all");
    await overdue.getByRole("button", { name: "Visa färre" }).click();
    expect(await overdue.getByRole("listitem").count()).toBe(10);

    const all = overdue.getByRole("link", { name: /^Alla försenade ärenden \(\d+\)$/ });
    const count = Number((await all.textContent())?.match(/\((\d+)\)/)?.[1]);
    expect(count).toBeGreaterThanOrEqual(COPIES / 2);
    await all.click();
    await page.waitForURL(/\/cases\?overdue=1/);
    expect(await page.getByRole("checkbox", { name: "Endast försenade" }).isChecked()).toBe(true);
    await page.getByText(`${count} ärenden`).waitFor();
    await page.context().close();
  });
});
