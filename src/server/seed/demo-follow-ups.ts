import { addCalendarDays, addCalendarMonths, stockholmDate } from "../../domain/certification/deadlines";
import type { Ctx } from "../context";
import { performCaseAction } from "../modules/cases/use-cases";
import { openFollowUp } from "../modules/follow-ups/open";
import { SYSTEM } from "./system";

/**
 * Norrbotten's yearly follow-ups: last year's, assessed by the region and accepted by the secretariat, and this
 * year's, opened three weeks ago with part of the self-assessment saved, so the region page's matrix and charts
 * show two years and the region lead has a follow-up to finish.
 */
export async function loadDemoFollowUps(ctx: Ctx, regionId: string, regionLeadId: string): Promise<void> {
  const cert = await ctx.db
    .selectFrom("certifications")
    .select("id")
    .where("region_id", "=", regionId)
    .where("status", "=", "certified")
    .executeTakeFirst();
  if (!cert) return;
  const lead = { id: regionLeadId, role: "regionLead" as const, regionId, localCollegeId: null };
  const today = stockholmDate(ctx.now);
  const at = (date: string) => new Date(`${date}T09:00:00Z`);
  const act = async (
    caseId: string,
    actor: typeof lead | typeof SYSTEM,
    date: string,
    action: string,
    payload: unknown,
  ) => {
    const row = await ctx.db
      .selectFrom("cases")
      .select("version")
      .where("id", "=", caseId)
      .executeTakeFirstOrThrow();
    await performCaseAction(
      { ...ctx, actor, now: at(date) },
      { caseId, action, payload, expectedVersion: row.version },
    );
  };
  const criteria = [1, 2, 3, 4, 5, 6, 7, 8];

  const lastOpened = addCalendarMonths(today, -12);
  const last = await openFollowUp(
    { ...ctx, actor: SYSTEM, now: at(lastOpened) },
    { certificationId: cert.id, openedBy: "schedule" },
    Number(today.slice(0, 4)) - 1,
  );
  await act(last, lead, addCalendarDays(lastOpened, 30), "saveSelfAssessment", {
    criteria: criteria.map((n) => ({
      criterionNumber: n,
      status: n === 8 ? "atRisk" : "onTrack",
      done:
        n === 8
          ? "Färre företag än planerat har kunnat ta emot elever på APL."
          : `Arbetet med kriterium ${n} har följt kvalitetsplanen.`,
      plannedActions:
        n === 8
          ? [
              {
                action: "Nya APL-avtal med verkstadsföretagen i Luleå",
                owner: "Regional styrgrupp",
                dueDate: addCalendarMonths(lastOpened, 9),
              },
            ]
          : [],
    })),
    indicators: {
      students: 412,
      steeringGroupCompanies: 14,
      workplaceLearningPlaces: 58,
      teacherIndustryDays: 21,
    },
  });
  await act(last, lead, addCalendarDays(lastOpened, 31), "submitSelfAssessment", {});
  await act(last, SYSTEM, addCalendarDays(lastOpened, 45), "acceptFollowUp", {
    summary: "Uppföljningen godkänns. Följ upp APL-platserna nästa år.",
  });

  const opened = addCalendarDays(today, -21);
  const current = await openFollowUp(
    { ...ctx, actor: SYSTEM, now: at(opened) },
    { certificationId: cert.id, openedBy: "schedule" },
    Number(today.slice(0, 4)),
  );
  await act(current, lead, addCalendarDays(opened, 7), "saveSelfAssessment", {
    criteria: [1, 2, 3].map((n) => ({
      criterionNumber: n,
      status: "onTrack",
      done: `Kriterium ${n}: arbetet fortsätter enligt planen.`,
    })),
    indicators: { students: 436, steeringGroupCompanies: 16 },
  });
}
