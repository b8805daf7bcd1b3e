/**
 * The certification journey in the web: a new-region case for Teknikcollege Skaraborg through all 13 steps,
 * with the region, the secretariat, both reviewers and the board each in their own browser session,
 * including an uppskov of the response deadline and a board postponement (the region answers again and a
 * second meeting approves). A screenshot of every step's page goes to test-results/e2e/journey/.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  actionForm,
  done,
  loggedIn,
  moveMeetingToToday,
  openCase,
  send,
  shotIn,
  waitForState,
} from "./case-helpers";
import { closeAll, DEMO, seriousViolations, startServerAndBrowser, type TestServer, visit } from "./helpers";

const DIR = "journey";
const REVIEWER_2 = "granskare2@demo.spelplan.se";

describe("the certification journey in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let region: Page;
  let kansli: Page;
  let reviewer1: Page;
  let reviewer2: Page;
  let board: Page;
  let caseId = "";

  beforeAll(async () => {
    ({ server, browser } = await startServerAndBrowser());
    [region, kansli, reviewer1, reviewer2, board] = await Promise.all(
      [DEMO.regionLead, DEMO.secretariat, DEMO.reviewer, REVIEWER_2, DEMO.board].map((email) =>
        loggedIn(browser, server.url, email),
      ),
    );
  });

  afterEach(async ({ task }) => {
    // On failure, what each role saw (for the test report).
    if (task.result?.state !== "fail") return;
    for (const [name, page] of Object.entries({ region, kansli, reviewer1, reviewer2, board })) {
      await shotIn(page, DIR, `failure-${name}`).catch(() => {});
    }
  });

  afterAll(() => closeAll(browser, server));

  it("takes a new-region case through all 13 steps with a postponement", async () => {
    // --- The region opens the case from the case list ("Nytt ärende").
    await region.getByRole("navigation").getByRole("link", { name: "Ärenden" }).click();
    await region.getByRole("heading", { level: 1, name: "Ärenden" }).waitFor();
    await region.getByRole("button", { name: "Nytt ärende" }).click();
    const dialog = region.getByRole("dialog", { name: "Nytt certifieringsärende" });
    await dialog.waitFor();
    expect(await dialog.getByLabel(/^Region/).inputValue()).toBe("Teknikcollege Skaraborg");
    await dialog.getByRole("button", { name: "Öppna ärendet" }).click();
    await region.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseId = region.url().split("/").pop() ?? "";
    await waitForState(region, 1);

    // 1. Förankringsarbete (region)
    await shotIn(region, DIR, "01-anchoring");
    const anchoring = actionForm(region, "recordAnchoring");
    await anchoring.getByLabel(/^Regional förankring/).fill("Förankrat i kommunstyrelserna i Skaraborg.");
    await anchoring.getByLabel(/^Lokal förankring/).fill("Förankrat hos skolledningar och företag i Skövde.");
    await send(region, "recordAnchoring");
    await waitForState(region, 2);

    // 2. Styrgrupp formas (region)
    await shotIn(region, DIR, "02-steering-group");
    const groups = actionForm(region, "recordSteeringGroups");
    await groups.getByRole("checkbox").first().check();
    await send(region, "recordSteeringGroups");
    await waitForState(region, 3);

    // 3. Intresseanmälan (region): contact person and dates are prefilled.
    await shotIn(region, DIR, "03-interest");
    expect(
      await actionForm(region, "submitInterest")
        .getByLabel(/^E-post/)
        .inputValue(),
    ).toBe(DEMO.regionLead);
    await send(region, "submitInterest");
    await waitForState(region, 4);

    // 4. Återkoppling från kansliet (secretariat)
    await openCase(kansli, caseId);
    await shotIn(kansli, DIR, "04-feedback");
    await actionForm(kansli, "giveFeedback")
      .getByLabel(/^Återkoppling till regionen/)
      .fill("Välkommen att söka. Kansliet föreslår beredning i vår.");
    await send(kansli, "giveFeedback");
    await waitForState(kansli, 5);

    // 5. Ansökan per kriterium (region): a draft first, then to the regional steering group.
    await openCase(region, caseId);
    const application = region.locator("section").filter({ hasText: "Ansökan per kriterium" }).first();
    const answers = application.locator("textarea");
    expect(await answers.count()).toBe(8);
    for (let i = 0; i < 8; i++) await answers.nth(i).fill(`Så uppfyller Skaraborg kriterium ${i + 1}.`);
    await application.getByRole("button", { name: "Spara utkast" }).click();
    await done(region, "Utkastet är sparat");
    await application.getByText("8 av 8 kriterier besvarade").first().waitFor();
    await shotIn(region, DIR, "05-drafting");
    await application.getByRole("button", { name: "Skicka till regional styrgrupp" }).click();
    await waitForState(region, 6);

    // 6. Ansökan skickas in (region): the steering group's approval, then submission (with confirmation).
    await shotIn(region, DIR, "06-submitted");
    await actionForm(region, "recordSteeringGroupApproval")
      .getByLabel(/^Protokollhänvisning/)
      .fill("Regional styrgrupp, protokoll §4");
    await send(region, "recordSteeringGroupApproval");
    await actionForm(region, "submitApplication").waitFor();
    await send(region, "submitApplication", "Skicka in ansökan?");
    await waitForState(region, 7);

    // 7. Beredning (secretariat): exactly two reviewers, then the visit planned together with the region.
    await openCase(kansli, caseId);
    await shotIn(kansli, DIR, "07-preparation");
    const assign = actionForm(kansli, "assignReviewers");
    await assign.getByRole("checkbox", { name: "Gunnar Granskare" }).check();
    await assign.getByRole("checkbox", { name: "Greta Granskare" }).check();
    await send(kansli, "assignReviewers");
    const plan = actionForm(kansli, "planVisit");
    await plan.waitFor();
    await plan.getByLabel(/^Plats/).fill("Volvo Cars Skövde");
    await send(kansli, "planVisit");
    await waitForState(kansli, 8);

    // 8. Granskningsbesök (secretariat): the participant rule is checked next to the field.
    await shotIn(kansli, DIR, "08-visit");
    const visitForm = actionForm(kansli, "recordVisit");
    await visitForm.getByRole("checkbox", { name: "Karin Kansli" }).uncheck();
    await send(kansli, "recordVisit");
    await visitForm.getByText("Minst en person från kansliet måste delta").waitFor();
    await visitForm.getByRole("checkbox", { name: "Karin Kansli" }).check();
    await send(kansli, "recordVisit");
    await waitForState(kansli, 9);

    // 9. Protokoll: each reviewer assesses four criteria; reviewer 2 requires a supplement; the secretariat sends.
    await openCase(reviewer1, caseId);
    const findings1 = actionForm(reviewer1, "saveProtocol");
    for (const n of [1, 2, 3, 4]) {
      await findings1
        .getByRole("group")
        .nth(n - 1)
        .getByRole("radio", { name: "Uppfyllt", exact: true })
        .check();
    }
    await shotIn(reviewer1, DIR, "09-protocol");
    await send(reviewer1, "saveProtocol");
    await done(reviewer1);
    await openCase(reviewer2, caseId);
    const findings2 = actionForm(reviewer2, "saveProtocol");
    expect(
      await findings2
        .getByRole("group")
        .nth(0)
        .getByRole("radio", { name: "Uppfyllt", exact: true })
        .isChecked(),
    ).toBe(true);
    for (const n of [5, 7, 8]) {
      await findings2
        .getByRole("group")
        .nth(n - 1)
        .getByRole("radio", { name: "Uppfyllt", exact: true })
        .check();
    }
    const sixth = findings2.getByRole("group").nth(5);
    await sixth.getByRole("radio", { name: "Delvis uppfyllt" }).check();
    await sixth.getByLabel(/^Kommentarer/).fill("Verkstaden behöver moderniseras.");
    await sixth.getByRole("button", { name: "Begär komplettering för kriterium 6" }).click();
    await sixth.getByLabel(/^Komplettering 6\.1/).fill("Plan för modernisering av verkstaden.");
    await send(reviewer2, "saveProtocol");
    await done(reviewer2);
    await openCase(kansli, caseId);
    await actionForm(kansli, "sendProtocol").waitFor();
    await send(kansli, "sendProtocol", "Skicka protokollet?");
    await waitForState(kansli, 10);

    // 10. Svar på protokoll: the secretariat grants an uppskov of the response deadline; the region answers.
    const before = (await kansli.getByTestId("case-state").locator("..").textContent()) ?? "";
    await kansli.getByRole("button", { name: "Bevilja uppskov" }).click();
    const postpone = actionForm(kansli, "grantPostponement");
    await postpone.getByLabel(/^Skäl/).fill("Regionen byter processledare.");
    await send(kansli, "grantPostponement");
    await done(kansli);
    await expect
      .poll(async () => (await kansli.getByTestId("case-state").locator("..").textContent()) ?? "")
      .not.toBe(before);
    await openCase(region, caseId);
    await shotIn(region, DIR, "10-response");
    const response = actionForm(region, "submitResponse");
    await response.getByLabel(/^Svar på komplettering 6\.1/).fill("Investeringsplan för verkstaden bifogas.");
    await send(region, "submitResponse");
    await waitForState(region, 11);

    // 11. Beredning av beslut: reviewer 1 records the recommendation; the secretariat places it on a meeting.
    await openCase(reviewer1, caseId);
    await shotIn(reviewer1, DIR, "11-decision-prep");
    const basis = actionForm(reviewer1, "recordDecisionBasis");
    await basis.getByRole("radio", { name: "Godkänd" }).check();
    await basis.getByLabel(/^Sammanfattning/).fill("Kommittén förordar certifiering efter kompletteringen.");
    await send(reviewer1, "recordDecisionBasis");
    await done(reviewer1);
    await openCase(kansli, caseId);
    const agenda = actionForm(kansli, "placeOnAgenda");
    await expect.poll(() => agenda.getByLabel(/^Styrelsemöte/).inputValue()).toMatch(/Styrelsemöte/);
    const firstMeeting = await agenda.getByLabel(/^Styrelsemöte/).inputValue();
    await send(kansli, "placeOnAgenda");
    await waitForState(kansli, 12);

    // 12. Beslut: before the meeting's day the board's button says why it waits (D2)…
    await openCase(board, caseId);
    await expect
      .poll(() => actionForm(board, "recordDecision").getByTestId("action-disabled-reason").textContent())
      .toMatch(/Beslutet kan registreras först på styrelsemötet/);
    expect(
      await actionForm(board, "recordDecision")
        .getByRole("button", { name: "Registrera beslut" })
        .isDisabled(),
    ).toBe(true);
    await shotIn(board, DIR, "12-decision-waits-for-meeting");
    // …the secretariat moves the meeting to today, and the case's decision day moves with it…
    await moveMeetingToToday(kansli, caseId);
    // …and the board postpones at the first meeting (from the meeting's agenda).
    await openCase(board, caseId);
    await shotIn(board, DIR, "12-decision");
    await board
      .getByRole("link", { name: new RegExp(firstMeeting.split(" – ")[1] ?? "Styrelsemöte") })
      .first()
      .click();
    await board.getByRole("heading", { level: 2, name: /Dagordning/ }).waitFor();
    await shotIn(board, DIR, "12a-meeting-agenda");
    expect(await seriousViolations(board)).toEqual([]);
    const regNumber = (await board.locator(`tr[data-case-id="${caseId}"] th a`).textContent()) ?? "";
    await board.getByRole("button", { name: `Registrera beslut för ${regNumber}` }).click();
    let modal = board.getByRole("dialog", { name: `Beslut i ärende ${regNumber}` });
    const decision = modal.locator('form[data-action="recordDecision"]');
    await decision.waitFor();
    await decision.getByRole("radio", { name: "Uppskov" }).check();
    await decision.getByLabel(/^Nytt sista datum för svar/).waitFor();
    await decision.getByLabel(/^Motivering/).fill("Styrelsen vill se en tidsplan för verkstaden först.");
    await shotIn(board, DIR, "12b-decision-postpone");
    await send(board, "recordDecision", "Registrera beslutet?");
    await modal.waitFor({ state: "detached" });
    await board.locator(`tr[data-case-id="${caseId}"]`).getByText("Uppskov").waitFor();

    // …and the secretariat sends the decision from the same agenda: back to step 10.
    await visit(kansli, board.url());
    await kansli.getByRole("button", { name: `Skicka beslut för ${regNumber}` }).click();
    modal = kansli.getByRole("dialog", { name: `Skicka beslutet i ärende ${regNumber}` });
    await modal.locator('form[data-action="sendDecision"]').waitFor();
    await send(kansli, "sendDecision", "Skicka beslutet?");
    await modal.waitFor({ state: "detached" });
    await openCase(kansli, caseId);
    await waitForState(kansli, 10);

    // 10 again: the region answers once more (the earlier answer is prefilled).
    await openCase(region, caseId);
    await shotIn(region, DIR, "10b-response-again");
    const again = actionForm(region, "submitResponse");
    expect(await again.getByLabel(/^Svar på komplettering 6\.1/).inputValue()).toContain("Investeringsplan");
    await again.getByLabel(/^Svar på komplettering 6\.1/).fill("Investeringsplan och tidsplan 2027 bifogas.");
    await send(region, "submitResponse");
    await waitForState(region, 11);

    // 11 again: the secretariat records the basis and chooses the second ordinary meeting.
    await openCase(kansli, caseId);
    const basis2 = actionForm(kansli, "recordDecisionBasis");
    await basis2.getByRole("radio", { name: "Godkänd" }).check();
    await basis2
      .getByLabel(/^Sammanfattning/)
      .fill("Tidsplanen är på plats. Kommittén förordar certifiering.");
    await send(kansli, "recordDecisionBasis");
    await done(kansli);
    const agenda2 = actionForm(kansli, "placeOnAgenda");
    await agenda2.getByLabel(/^Styrelsemöte/).click();
    const options = kansli.getByRole("option");
    expect(await options.count()).toBeGreaterThan(1);
    await options.nth(1).click();
    const secondMeeting = await agenda2.getByLabel(/^Styrelsemöte/).inputValue();
    expect(secondMeeting).not.toBe(firstMeeting);
    await send(kansli, "placeOnAgenda");
    await waitForState(kansli, 12);
    await moveMeetingToToday(kansli, caseId);

    // 12 again: the board approves on the case page; the secretariat sends the decision there.
    await openCase(board, caseId);
    const approve = actionForm(board, "recordDecision");
    await approve.getByRole("radio", { name: "Godkänd" }).check();
    await approve.getByLabel(/^Motivering/).fill("Regionen uppfyller kriterierna.");
    await send(board, "recordDecision", "Registrera beslutet?");
    await done(board);
    await openCase(kansli, caseId);
    await shotIn(kansli, DIR, "12c-send-decision");
    await send(kansli, "sendDecision", "Skicka beslutet?");
    await waitForState(kansli, 13);

    // 13. Certifieringsceremoni (region)
    await openCase(region, caseId);
    await shotIn(region, DIR, "13-ceremony");
    await actionForm(region, "recordCeremony")
      .getByLabel(/^Plats/)
      .fill("Skövde Kulturhus");
    await send(region, "recordCeremony");
    await waitForState(region, "Avslutat");
    await region.getByText("Ärendet är avslutat. Inga fler åtgärder.").waitFor();
    await shotIn(region, DIR, "14-closed");

    // Every step is done in the timeline, and the log tells the story in Swedish.
    const timeline = region.getByRole("list").filter({ has: region.locator("li[data-status]") });
    expect(await timeline.locator('li[data-status="done"]').count()).toBe(13);
    await region.getByRole("button", { name: /Visa alla \d+ händelser/ }).click();
    await region.getByText(/Karin Kansli beviljade uppskov \d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
    await region
      .getByText(/Stig Styrelse registrerade styrelsens beslut/)
      .first()
      .waitFor();
    expect(await seriousViolations(region)).toEqual([]);

    // The certification is public now.
    await visit(region, "/register");
    await region.getByRole("heading", { level: 2, name: "Teknikcollege Skaraborg" }).waitFor();
  });
});
