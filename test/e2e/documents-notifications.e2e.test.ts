/**
 * Documents, notifications, the outbox and calendars in the browser (issues 6 and 7, web side):
 * the secretariat uploads a PDF and a second version to a demo case, sees both in the list and the diarium,
 * downloads version 1, generates PDFs and an archive package, exports the case list; opens the Utkorg with the
 * demo's kept mail. A reviewer sees the bell's count, reads the notifications, switches an e-mail preference,
 * creates a calendar feed and fetches it. axe scans every new page; screenshots in
 * test-results/e2e/docs-notifications/.
 */
import { readFile } from "node:fs/promises";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedIn, openCase, scanIn, shotIn } from "./case-helpers";
import { closeAll, DEMO, seriousViolations, startServerAndBrowser, type TestServer, visit } from "./helpers";

const DIR = "docs-notifications";

/** The smallest file the server takes for a PDF (it judges by the magic bytes). */
function pdf(text: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n`);
}

interface CaseRow {
  id: string;
  registrationNumber: string;
  state: string;
  process: string;
  region: { name: string };
}

async function csrf(page: Page): Promise<string> {
  const me = await (await page.request.get("/api/auth/me")).json();
  return me.csrfToken as string;
}

async function cases(page: Page, query: string): Promise<CaseRow[]> {
  const res = await page.request.get(`/api/cases?${query}`);
  expect(res.status()).toBe(200);
  return (await res.json()).items as CaseRow[];
}

describe("documents, notifications, outbox and calendars in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let kansli: Page;
  let jonkoping: CaseRow;
  let norrbotten: CaseRow;

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    kansli = await loggedIn(browser, server.url, DEMO.secretariat);
    const all = (await cases(kansli, "pageSize=100")).filter((c) => c.process === "certification");
    jonkoping = all.find((c) => c.region.name.includes("Jönköping") && c.state === "protocol")!;
    norrbotten = all.find((c) => c.region.name.includes("Norrbotten") && c.state === "closed")!;
    expect(jonkoping, "the demo's Jönköping case at the protocol step").toBeTruthy();
    expect(norrbotten, "the demo's closed Norrbotten case").toBeTruthy();
  });

  afterAll(() => closeAll(browser, server));

  it("uploads a PDF to a case, shows it in the documents and the diarium, adds a version, downloads v1", async () => {
    await openCase(kansli, jonkoping.id);
    const panel = kansli.getByTestId("documents-panel");
    await panel.getByText("Ärendet har inga dokument ännu.").waitFor();

    // Keyboard: Enter opens the form with focus inside it, Escape closes it and focus returns.
    const uploadButton = panel.getByRole("button", { name: "Ladda upp dokument" });
    await uploadButton.focus();
    await kansli.keyboard.press("Enter");
    let dialog = kansli.getByRole("dialog", { name: "Ladda upp dokument" });
    await dialog.waitFor();
    await expect
      .poll(() => kansli.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]'))))
      .toBe(true);
    await kansli.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await expect
      .poll(() => kansli.evaluate(() => document.activeElement?.textContent ?? ""))
      .toContain("Ladda upp dokument");

    // A refused file: the server's 415 message in the form.
    await uploadButton.click();
    dialog = kansli.getByRole("dialog", { name: "Ladda upp dokument" });
    await chooseFile(kansli, dialog, {
      name: "anteckning.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("bara text"),
    });
    await dialog.getByRole("combobox", { name: /^Typ av dokument/ }).click();
    await kansli.getByRole("option", { name: "Ansökan", exact: true }).click();
    await dialog.getByRole("button", { name: "Ladda upp" }).click();
    const error = dialog.getByTestId("upload-error");
    await error.getByText("Filtypen stöds inte").waitFor();
    await error.getByText(/Tillåtna är PDF/).waitFor();
    await shotIn(kansli, DIR, "upload-refused");

    // The PDF: slot, title, counterpart; progress, then the list and the diarium.
    await chooseFile(kansli, dialog, {
      name: "ansökan.pdf",
      mimeType: "application/pdf",
      buffer: pdf("version 1"),
    });
    await dialog.getByLabel(/^Rubrik/).fill("Ansökan om certifiering (webbtest)");
    await dialog.getByLabel(/^Avsändare eller mottagare/).fill("Jönköpings kommun");
    expect(await scanDialog(kansli)).toEqual([]);
    await dialog.getByRole("button", { name: "Ladda upp" }).click();
    await dialog.waitFor({ state: "detached" });
    await kansli
      .getByRole("alert")
      .filter({ hasText: /registrerat som TC \d{4}\/\d{4}-1/ })
      .first()
      .waitFor();

    const doc = panel.getByTestId("document").filter({ hasText: "Ansökan om certifiering (webbtest)" });
    await doc.getByRole("link", { name: "Ladda ned ansökan.pdf, version 1" }).waitFor();
    await doc.getByText("Aktuell version 1").waitFor();
    const diarium = kansli.getByTestId("diarium");
    const row1 = diarium.locator("tbody tr").filter({ hasText: `${jonkoping.registrationNumber}-1` });
    await row1.getByText("Inkommande").waitFor();
    await row1.getByText("Jönköpings kommun").waitFor();
    await row1.getByText("Ansökan om certifiering (webbtest)").first().waitFor();

    // A second version of the same document.
    await doc.getByRole("button", { name: "Ny version: Ansökan om certifiering (webbtest)" }).click();
    dialog = kansli.getByRole("dialog", { name: "Ny version av ”Ansökan om certifiering (webbtest)”" });
    await chooseFile(kansli, dialog, {
      name: "ansökan v2.pdf",
      mimeType: "application/pdf",
      buffer: pdf("version 2"),
    });
    await dialog.getByRole("button", { name: "Ladda upp" }).click();
    await dialog.waitFor({ state: "detached" });
    await doc.getByText("Aktuell version 2").waitFor();
    await doc.getByRole("link", { name: "Ladda ned ansökan v2.pdf, version 2" }).waitFor();
    await diarium
      .locator("tbody tr")
      .filter({ hasText: `${jonkoping.registrationNumber}-2` })
      .waitFor();
    expect(await diarium.locator("tbody tr").count()).toBe(2);

    // Download version 1: the bytes as uploaded, under its own name.
    const [download] = await Promise.all([
      kansli.waitForEvent("download"),
      doc.getByRole("link", { name: "Ladda ned ansökan.pdf, version 1" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("ansökan.pdf");
    const bytes = await readFile((await download.path())!);
    expect(bytes.toString("latin1")).toContain("version 1");
    expect(bytes.subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
    const href = await doc
      .getByRole("link", { name: "Ladda ned ansökan.pdf, version 1" })
      .getAttribute("href");
    const res = await kansli.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    expect(res.headers()["content-disposition"]).toContain("attachment");

    await panel.scrollIntoViewIfNeeded();
    await scanIn(kansli, DIR, "case-documents");
  });

  it("generates the protocol PDF on the Jönköping case once its protocol is saved", async () => {
    await openCase(kansli, jonkoping.id);
    const panel = kansli.getByTestId("documents-panel");
    // No protocol yet: the server would answer 409, so the button is not offered.
    await panel
      .getByText("Protokoll, beslutsbrev och certifikat kan skapas när ärendet har kommit så långt.")
      .waitFor();
    expect(await panel.getByRole("button", { name: "Skapa protokoll (PDF)" }).count()).toBe(0);
    const refused = await kansli.request.post(`/api/cases/${jonkoping.id}/generate/protocol`, {
      headers: { "x-csrf-token": await csrf(kansli) },
    });
    expect(refused.status()).toBe(409);

    // The reviewers' protocol is saved (through the API, as the case pages' own test covers the form).
    const current = await (await kansli.request.get(`/api/cases/${jonkoping.id}`)).json();
    const saved = await kansli.request.post(`/api/cases/${jonkoping.id}/actions/saveProtocol`, {
      headers: { "x-csrf-token": await csrf(kansli) },
      data: {
        expectedVersion: current.version,
        payload: {
          findings: [
            {
              criterionNumber: 1,
              assessment: "fulfilled",
              remarks: "Tydlig process.",
              requiredSupplements: [],
            },
            {
              criterionNumber: 2,
              assessment: "partly",
              remarks: "Samverkan med företagen behöver beskrivas.",
              requiredSupplements: [{ id: "s1", text: "Beskriv företagens medverkan." }],
            },
          ],
        },
      },
    });
    expect(saved.status()).toBe(200);

    await openCase(kansli, jonkoping.id);
    await panel.getByRole("button", { name: "Skapa protokoll (PDF)" }).click();
    await kansli.getByRole("alert").filter({ hasText: "Protokollet är skapat" }).first().waitFor();
    const protocol = panel.locator('[data-slot="protocol"]').getByTestId("document");
    await protocol.getByText("Skapad av Spelplan").waitFor();
    await kansli
      .getByTestId("diarium")
      .locator("tbody tr")
      .filter({ hasText: `${jonkoping.registrationNumber}-3` })
      .getByText("Utgående")
      .waitFor();
    const link = protocol.getByRole("link", { name: /^Ladda ned .*\.pdf, version 1$/ });
    const res = await kansli.request.get((await link.getAttribute("href"))!);
    expect(res.status()).toBe(200);
    expect((await res.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    await shotIn(kansli, DIR, "case-protocol-generated");
  });

  it("writes the decision letter and certificate of a closed case and downloads its archive package", async () => {
    await openCase(kansli, norrbotten.id);
    const panel = kansli.getByTestId("documents-panel");
    for (const [button, done] of [
      ["Skapa protokoll (PDF)", "Protokollet är skapat"],
      ["Skapa beslutsbrev (PDF)", "Beslutsbrevet är skapat"],
      ["Skapa certifikat (PDF)", "Certifikatet är skapat"],
    ] as const) {
      await panel.getByRole("button", { name: button }).click();
      await kansli.getByRole("alert").filter({ hasText: done }).first().waitFor();
    }
    for (const slot of ["protocol", "decision", "certificate"]) {
      await panel.locator(`[data-slot="${slot}"]`).getByText("Skapad av Spelplan").waitFor();
    }
    // The visit of a certified case as a calendar file.
    const ics = kansli.getByRole("link", { name: "Granskningsbesöket som kalenderfil (.ics)" });
    const visit = await kansli.request.get((await ics.getAttribute("href"))!);
    expect(visit.status()).toBe(200);
    expect(visit.headers()["content-type"]).toContain("text/calendar");
    expect(await visit.text()).toContain("BEGIN:VEVENT");

    const [zip] = await Promise.all([
      kansli.waitForEvent("download"),
      panel.getByRole("button", { name: "Ladda ned arkivpaket (ZIP)" }).click(),
    ]);
    expect(zip.suggestedFilename()).toMatch(/^arkiv TC 2023-0001\.zip$/);
    const bytes = await readFile((await zip.path())!);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(bytes.toString("latin1")).toContain("manifest-sha256.txt");
    await scanIn(kansli, DIR, "case-closed-documents");
  });

  it("exports the case list with its filters, and a region's certification history", async () => {
    await visit(kansli, "/cases?closed=1&q=Norrbotten");
    await kansli.getByRole("heading", { level: 1, name: "Ärenden" }).waitFor();
    const csvLink = kansli.getByRole("link", { name: "Exportera CSV" });
    const href = (await csvLink.getAttribute("href"))!;
    expect(href).toContain("q=Norrbotten");
    expect(href).not.toContain("page");
    const [csv] = await Promise.all([kansli.waitForEvent("download"), csvLink.click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = (await readFile((await csv.path())!)).toString("utf8");
    expect(text).toContain("TC 2023/0001");
    expect(text).not.toContain("TC 2026/0001");
    const xlsx = await kansli.request.get(
      (await kansli.getByRole("link", { name: "Exportera Excel" }).getAttribute("href"))!,
    );
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString("latin1")).toBe("PK");

    const regions = (await (await kansli.request.get("/api/regions")).json()).items as {
      id: string;
      name: string;
    }[];
    const region = regions.find((r) => r.name.includes("Norrbotten"))!;
    await visit(kansli, `/regions/${region.id}`);
    const history = kansli.getByRole("link", { name: "Certifieringshistorik (CSV)" });
    const res = await kansli.request.get((await history.getAttribute("href"))!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toContain("text/csv");
  });

  it("shows the outbox with the demo's mail, kept because no SMTP server is configured", async () => {
    await visit(kansli, "/");
    await kansli.getByRole("navigation").getByRole("link", { name: "Utkorg" }).click();
    await kansli.getByRole("heading", { level: 1, name: "Utkorg" }).waitFor();
    await kansli
      .getByTestId("smtp-banner")
      .getByText(/E-post sparas här i stället för att skickas/)
      .waitFor();
    const rows = kansli.getByTestId("outbox-row");
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(5);
    await rows.first().getByText("Sparad").waitFor();
    await kansli.getByText(/^Sparad \(\d+\)$/).click();
    await kansli.waitForURL(/status=kept/);
    const failed = kansli.getByText("Misslyckad (0)");
    await failed.waitFor();
    // A message opens in a dialog with its text.
    await rows.first().getByRole("button").first().click();
    const message = kansli.getByRole("dialog");
    await message.getByText(/Hej /).waitFor();
    await message.getByRole("button", { name: "Stäng" }).click();
    await message.waitFor({ state: "detached" });
    await scanIn(kansli, DIR, "outbox");

    await kansli.getByRole("link", { name: "Påminnelser" }).click();
    await kansli.getByRole("heading", { level: 1, name: "Påminnelser om tidsfrister" }).waitFor();
    const offsets = kansli.getByLabel(/^Dagar före sista dagen/);
    expect(await offsets.inputValue()).toBe("14, 3, 0");
    await offsets.fill("30, 14, 3, 0");
    await kansli.getByRole("button", { name: "Spara" }).click();
    await kansli.getByRole("alert").filter({ hasText: "Sparat" }).first().waitFor();
    const stored = await (await kansli.request.get("/api/settings/reminders")).json();
    expect(stored.offsets).toEqual([30, 14, 3, 0]);
    await scanIn(kansli, DIR, "reminder-settings");
  });

  it("gives a reviewer the bell, the notifications page, preferences and a calendar feed", async () => {
    const reviewer = await loggedIn(browser, server.url, DEMO.reviewer);
    expect(await reviewer.getByRole("navigation").getByRole("link", { name: "Utkorg" }).count()).toBe(0);
    const bell = reviewer.getByTestId("notification-bell");
    await expect.poll(async () => Number(await bell.getAttribute("data-unread"))).toBeGreaterThan(0);
    const before = Number(await bell.getAttribute("data-unread"));
    expect(await bell.getAttribute("aria-label")).toBe(`Aviseringar, ${before} olästa`);

    // The bell is a link: keyboard users reach it with Tab and follow it with Enter.
    await bell.focus();
    await reviewer.keyboard.press("Enter");
    await reviewer.getByRole("heading", { level: 1, name: "Aviseringar" }).waitFor();
    // The menu carries the same count (the bell has no room on narrow screens).
    expect(
      await reviewer
        .getByRole("navigation")
        .getByRole("link", { name: /^Aviseringar/ })
        .textContent(),
    ).toContain(`${before} olästa`);
    await reviewer.getByTestId("notification").first().waitFor();
    await scanIn(reviewer, DIR, "notifications");

    // One read, then all.
    await reviewer
      .getByRole("button", { name: /^Markera som läst: / })
      .first()
      .click();
    await expect.poll(async () => Number(await bell.getAttribute("data-unread"))).toBe(before - 1);
    await reviewer.getByRole("button", { name: "Markera alla som lästa" }).click();
    await reviewer.getByTestId("unread-count").getByText("Inga olästa").waitFor();
    await expect.poll(async () => Number(await bell.getAttribute("data-unread"))).toBe(0);
    expect(await bell.getAttribute("aria-label")).toBe("Aviseringar, inga olästa");
    expect(await reviewer.locator('[data-testid="notification"][data-unread]').count()).toBe(0);
    await shotIn(reviewer, DIR, "notifications-read");

    // E-mail preferences: one switched off; decisions and reminders locked on.
    await reviewer.getByRole("link", { name: "Inställningar för e-post och kalender" }).click();
    await reviewer.getByRole("heading", { level: 1, name: "Aviseringar och kalender" }).waitFor();
    const yourTurn = reviewer.getByRole("switch", { name: "Din tur i ett ärende E-post" });
    expect(await yourTurn.isChecked()).toBe(true);
    await yourTurn.click();
    await expect
      .poll(async () => {
        const prefs = (await (await reviewer.request.get("/api/notification-preferences")).json()).items as {
          kind: string;
          email: boolean;
        }[];
        return prefs.find((p) => p.kind === "yourTurn")?.email;
      })
      .toBe(false);
    const decision = reviewer.locator('tr[data-kind="decisionSent"]');
    await decision.getByText("Alltid på").waitFor();
    expect(await decision.getByRole("switch").count()).toBe(0);

    // The calendar feed: shown once, fetched without the session, revoked.
    await reviewer.getByRole("button", { name: "Skapa kalenderlänk" }).click();
    const url = await reviewer.getByTestId("calendar-url").inputValue();
    expect(url).toMatch(/\/api\/calendar\/[^/]+\.ics$/);
    await reviewer.getByRole("button", { name: "Kopiera länken" }).waitFor();
    await reviewer.getByText("Så prenumererar du").waitFor();
    await scanIn(reviewer, DIR, "settings-notifications");
    const feedPath = new URL(url).pathname;
    const anonymous = await browser.newContext({ baseURL: server.url });
    const feed = await anonymous.request.get(feedPath);
    expect(feed.status()).toBe(200);
    expect(feed.headers()["content-type"]).toContain("text/calendar");
    const body = await feed.text();
    expect(body).toContain("BEGIN:VCALENDAR");
    expect(body).toContain("BEGIN:VEVENT");

    await reviewer.getByRole("button", { name: "Återkalla kalenderlänken" }).click();
    const confirm = reviewer.getByRole("dialog", { name: "Återkalla kalenderlänken?" });
    await confirm.getByRole("button", { name: "Återkalla" }).click();
    await reviewer.getByRole("alert").filter({ hasText: "Kalenderlänken är återkallad" }).first().waitFor();
    expect((await anonymous.request.get(feedPath)).status()).toBe(404);
    await anonymous.close();

    // The visit of an assigned case as a calendar file; reviewers may upload (their protocol slots).
    await openCase(reviewer, jonkoping.id);
    const visit = reviewer.getByRole("link", { name: "Granskningsbesöket som kalenderfil (.ics)" });
    expect((await reviewer.request.get((await visit.getAttribute("href"))!)).status()).toBe(200);
    expect(await reviewer.getByRole("button", { name: "Ladda upp dokument" }).count()).toBe(1);
    await reviewer.context().close();
  });

  it("shows the board the documents without upload, and a meeting as a calendar file", async () => {
    const board = await loggedIn(browser, server.url, DEMO.board);
    await openCase(board, norrbotten.id);
    const panel = board.getByTestId("documents-panel");
    await panel.getByTestId("document").first().waitFor();
    expect(await panel.getByRole("button", { name: "Ladda upp dokument" }).count()).toBe(0);
    expect(await panel.getByRole("button", { name: /^Ny version/ }).count()).toBe(0);
    expect(await panel.getByRole("button", { name: /^Skapa / }).count()).toBe(0);
    const meetings = (await (await board.request.get("/api/board-meetings")).json()).items as {
      id: string;
    }[];
    await visit(board, `/meetings/${meetings[0]!.id}`);
    const ics = board.getByRole("link", { name: "Mötet som kalenderfil (.ics)" });
    const res = await board.request.get((await ics.getAttribute("href"))!);
    expect(res.status()).toBe(200);
    expect(await res.text()).toContain("BEGIN:VEVENT");
    await board.context().close();
  });
});

/** Picks a file the way a user does: the form's "Välj fil" button opens the browser's file chooser. */
async function chooseFile(
  page: Page,
  dialog: Locator,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent("filechooser"),
    dialog.getByRole("button", { name: /^Fil\b.*Välj fil$/ }).click(),
  ]);
  await chooser.setFiles(file);
  await dialog.getByText(file.name, { exact: false }).first().waitFor();
}

/** axe on the open dialog (the upload form). */
async function scanDialog(page: Page) {
  await page.waitForTimeout(300);
  return seriousViolations(page);
}
