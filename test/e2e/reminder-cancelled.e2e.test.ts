/**
 * A reminder re-checked at send, as the secretariat meets it: the scan gives the "3 days left" reminders of a demo
 * case's protocol, the secretariat then grants a postponement, and when the dispatcher's turn comes those reminders
 * are not sent: the Utkorg lists them as "Avbruten" with the reason in words. Screenshot in
 * test-results/e2e/reminders/.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCalendarDays, type IsoDate } from "../../src/domain/certification/deadlines";
import { connect, type DB } from "../../src/server/db/connect";
import { drainOutbox } from "../../src/server/modules/notifications/dispatcher";
import { runReminderScan } from "../../src/server/modules/notifications/reminders";
import { loggedIn, shotIn } from "./case-helpers";
import { closeAll, DEMO, seriousViolations, startServerAndBrowser, type TestServer, visit } from "./helpers";

describe("a reminder no longer due is cancelled, and the outbox says why", () => {
  let server: TestServer;
  let browser: Browser;
  let db: DB;
  let kansli: Page;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    kansli = await loggedIn(browser, server.url, DEMO.secretariat);
    // The server's own database file: the scan and the dispatcher run here as the server's jobs would.
    db = connect({ dataDir: server.dataDir, checkpointInBackground: false });
  });
  afterAll(async () => {
    await db?.destroy();
    await closeAll(browser, server);
  });

  it("lists the postponed deadline's reminders as cancelled, with the reason", async () => {
    const list = await (await kansli.request.get("/api/cases?pageSize=100")).json();
    const c = list.items.find(
      (x: { state: string; region: { name: string } }) =>
        x.state === "protocol" && x.region.name.includes("Jönköping"),
    );
    expect(c, "the demo's Jönköping case at the protocol step").toBeTruthy();
    const detail = await (await kansli.request.get(`/api/cases/${c.id}`)).json();
    const due = detail.nextDeadline.dueDate as IsoDate;
    // Three days before the due date, early in the morning: the scan reminds the secretariat and the reviewers.
    const morning = new Date(`${addCalendarDays(due, -3)}T05:00:00Z`);
    await runReminderScan({ db, now: morning });
    const pending = await db
      .selectFrom("outbox")
      .select("id")
      .where("case_id", "=", c.id)
      .where("template", "=", "reminder")
      .where("status", "=", "pending")
      .execute();
    expect(pending.length).toBeGreaterThan(0);

    const me = await (await kansli.request.get("/api/auth/me")).json();
    const postponed = await kansli.request.post(`/api/cases/${c.id}/actions/grantPostponement`, {
      headers: { "x-csrf-token": me.csrfToken },
      data: {
        expectedVersion: detail.version,
        payload: {
          deadline: "protocol",
          newDueDate: addCalendarDays(due, 21),
          reason: "Sjukdom i kommittén",
        },
      },
    });
    expect(postponed.status(), await postponed.text()).toBe(200);

    const r = await drainOutbox({
      db,
      transport: null,
      now: new Date(morning.getTime() + 3_600_000),
      workerId: "e2e",
    });
    expect(r.cancelled).toBe(pending.length);

    await visit(kansli, "/outbox?status=cancelled");
    await kansli.getByRole("heading", { level: 1, name: "Utkorg" }).waitFor();
    const rows = kansli.getByTestId("outbox-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBe(pending.length);
    await rows.first().getByText("Avbruten", { exact: true }).waitFor();
    await rows.first().getByText("Skickades inte: fristen har flyttats.").waitFor();
    await kansli.getByText(`Avbruten (${pending.length})`).waitFor();
    await rows.first().getByRole("button").first().click();
    const message = kansli.getByRole("dialog");
    await message.getByText(`Påminnelse om protokollet, sista dag ${due}.`, { exact: false }).waitFor();
    await shotIn(kansli, "reminders", "outbox-cancelled");
    expect(await seriousViolations(kansli)).toEqual([]);
  });
});
