import { randomUUID } from "node:crypto";
import type { ActionName } from "../../domain/certification/actions";
import { addCalendarDays, addCalendarMonths, stockholmDate } from "../../domain/certification/deadlines";
import type { Ctx } from "../context";
import { openCertificationCase, performCaseAction } from "../modules/cases/use-cases";
import { SYSTEM } from "./system";

/**
 * Demo board meetings and certification cases at different steps, so every role has something to see:
 * Norrbotten certified three years ago (expiring soon), Jönköping's provider case waiting for its protocol,
 * Skaraborg drafting its application.
 */

interface DemoPeople {
  secretariatId: string;
  reviewerIds: [string, string];
}

function payloadFor(
  action: ActionName,
  today: string,
  people: DemoPeople,
  meetingId: string,
  groupIds: string[],
): unknown {
  switch (action) {
    case "recordAnchoring":
      return {
        regionalAnchoring: "Förankrat i kommunstyrelserna och hos näringslivet i regionen.",
        localAnchoring: "Förankrat hos skolledning, lärare och företagen lokalt.",
        completedOn: today,
      };
    case "recordSteeringGroups":
      return {
        steeringGroupIds: groupIds,
        note: "Regional och lokala styrgrupper bildade med industrin i majoritet.",
      };
    case "submitInterest":
      return {
        providerIds: [],
        programmeIds: [],
        specialisationIds: [],
        plannedApplicationDate: addCalendarMonths(today, 4),
        contactPerson: { name: "Rebecka Region", email: "region@demo.spelplan.se" },
        steeringGroupApprovedOn: today,
      };
    case "giveFeedback":
      return {
        receivedOn: today,
        feedback: "Tack för intresseanmälan. Kansliet hör av sig om datum för beredning.",
      };
    case "saveApplicationDraft":
      return {
        answers: [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
          criterionNumber: n,
          text: `Regionens beskrivning av hur kriterium ${n} uppfylls.`,
        })),
      };
    case "recordSteeringGroupApproval":
      return { approvedOn: today, minutesReference: "Regional styrgrupp, protokoll §4" };
    case "assignReviewers":
      return { reviewerIds: people.reviewerIds };
    case "planVisit":
      return { plannedDate: addCalendarDays(today, 14), place: "Regionens skolor" };
    case "recordVisit":
      return {
        heldOn: today,
        place: "Regionens skolor",
        participantIds: [...people.reviewerIds, people.secretariatId],
      };
    case "saveProtocol":
      return {
        findings: [1, 2, 3, 4, 5, 6, 7, 8].map((n) =>
          n === 6
            ? {
                criterionNumber: n,
                assessment: "partly",
                remarks: "Lärmiljön i verkstaden behöver moderniseras.",
                requiredSupplements: [{ id: `s${n}`, text: "Plan för modernisering av verkstaden." }],
              }
            : { criterionNumber: n, assessment: "fulfilled", remarks: "", requiredSupplements: [] },
        ),
      };
    case "sendProtocol":
      return { sentOn: today };
    case "submitResponse":
      return {
        answers: [{ supplementId: "s6", text: "Investeringsplan för verkstaden 2025–2026 bifogas." }],
      };
    case "recordDecisionBasis":
      return { recommendation: "approved", summary: "Kommittén rekommenderar certifiering." };
    case "placeOnAgenda":
      return { boardMeetingId: meetingId };
    case "recordDecision":
      return { outcome: "approved", decidedOn: today, motivation: "Regionen uppfyller kriterierna." };
    case "sendDecision":
      return { sentOn: today };
    case "recordCeremony":
      return { heldOn: today, place: "Luleå tekniska universitet" };
    default:
      return {};
  }
}

async function drive(
  ctx: Ctx,
  caseId: string,
  steps: [ActionName, string][],
  people: DemoPeople,
  meetingId = "",
) {
  for (const [action, day] of steps) {
    const now = new Date(`${day}T10:00:00Z`);
    const row = await ctx.db
      .selectFrom("cases")
      .select(["version", "region_id"])
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    const groups = await ctx.db
      .selectFrom("steering_groups")
      .select("id")
      .where("region_id", "=", row.region_id)
      .execute();
    await performCaseAction(
      { ...ctx, now },
      {
        caseId,
        action,
        payload: payloadFor(
          action,
          day,
          people,
          meetingId,
          groups.map((g) => g.id),
        ),
        expectedVersion: row.version,
      },
    );
  }
}

async function meeting(
  ctx: Ctx,
  date: string,
  kind: "ordinary" | "extra",
  title: string,
  status = "planned",
) {
  const id = randomUUID();
  const at = ctx.now.toISOString();
  await ctx.db
    .insertInto("board_meetings")
    .values({ id, date, kind, title, location: "RTS, Stockholm", status, created_at: at, updated_at: at })
    .execute();
  return id;
}

export async function loadDemoCases(
  ctx: Ctx,
  regions: { norrbotten: string; jonkoping: string; skaraborg: string; jonkopingProvider: string },
  people: DemoPeople,
): Promise<void> {
  const today = stockholmDate(ctx.now);
  const sys = { ...ctx, actor: SYSTEM };
  // Upcoming ordinary meetings (and one extra) for placing cases on the agenda.
  for (const [months, kind, title] of [
    [1, "ordinary", "Styrelsemöte"],
    [2, "extra", "Extra styrelsemöte"],
    [3, "ordinary", "Styrelsemöte"],
    [6, "ordinary", "Styrelsemöte"],
  ] as const) {
    const date = addCalendarMonths(today, months);
    await meeting(sys, date, kind, `${title} ${date}`);
  }

  // Norrbotten: certified 2 years and 8 months ago, so it expires within six months.
  const start = addCalendarMonths(today, -32 - 8);
  const day = (offset: number) => addCalendarDays(start, offset);
  const past = await meeting(sys, day(235), "ordinary", `Styrelsemöte ${day(235)}`);
  const n = await openCertificationCase(
    { ...sys, now: new Date(`${start}T09:00:00Z`) },
    { kind: "newRegion", regionId: regions.norrbotten },
  );
  await drive(
    sys,
    n,
    [
      ["recordAnchoring", day(1)],
      ["recordSteeringGroups", day(10)],
      ["submitInterest", day(20)],
      ["giveFeedback", day(25)],
      ["saveApplicationDraft", day(80)],
      ["sendToSteeringGroup", day(85)],
      ["recordSteeringGroupApproval", day(95)],
      ["submitApplication", day(96)],
      ["assignReviewers", day(100)],
      ["planVisit", day(105)],
      ["recordVisit", day(130)],
      ["saveProtocol", day(150)],
      ["sendProtocol", day(155)],
      ["submitResponse", day(200)],
      ["recordDecisionBasis", day(210)],
      ["placeOnAgenda", day(215)],
      ["recordDecision", day(235)],
      ["sendDecision", day(237)],
      ["recordCeremony", day(260)],
    ],
    people,
    past,
  );
  await ctx.db.updateTable("board_meetings").set({ status: "held" }).where("id", "=", past).execute();

  // Jönköping: a new provider case whose visit was held last week; the protocol is due within a month.
  const j = await openCertificationCase(
    { ...sys, now: new Date(`${addCalendarDays(today, -120)}T09:00:00Z`) },
    { kind: "newProvider", regionId: regions.jonkoping, providerId: regions.jonkopingProvider },
  );
  await drive(
    sys,
    j,
    [
      ["recordAnchoring", addCalendarDays(today, -118)],
      ["recordSteeringGroups", addCalendarDays(today, -110)],
      ["submitInterest", addCalendarDays(today, -100)],
      ["giveFeedback", addCalendarDays(today, -95)],
      ["saveApplicationDraft", addCalendarDays(today, -60)],
      ["sendToSteeringGroup", addCalendarDays(today, -55)],
      ["recordSteeringGroupApproval", addCalendarDays(today, -45)],
      ["submitApplication", addCalendarDays(today, -44)],
      ["assignReviewers", addCalendarDays(today, -40)],
      ["planVisit", addCalendarDays(today, -30)],
      ["recordVisit", addCalendarDays(today, -7)],
    ],
    people,
  );

  // Skaraborg: anchoring and steering groups done; the interest notification is the region's next task.
  const s = await openCertificationCase(
    { ...sys, now: new Date(`${addCalendarDays(today, -20)}T09:00:00Z`) },
    { kind: "newRegion", regionId: regions.skaraborg },
  );
  await drive(
    sys,
    s,
    [
      ["recordAnchoring", addCalendarDays(today, -15)],
      ["recordSteeringGroups", addCalendarDays(today, -5)],
    ],
    people,
  );
}
