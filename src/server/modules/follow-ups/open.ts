/**
 * Opening a certification's yearly follow-up (process C): by the yearly schedule or by the secretariat. The case
 * gets a registration number, the criteria set the certification was judged by, the indicators that set asks
 * for, and the quality plan's item per criterion (the previous follow-up's planned actions, else the quality plan
 * of the region's joining cases, A8), all in the caller's transaction with its event, counters and read model.
 */
import { stockholmDate } from "../../../domain/certification/deadlines";
import {
  DEFAULT_INDICATORS,
  FOLLOW_UP_KIND,
  type IndicatorDefinition,
} from "../../../domain/follow-up/labels";
import {
  FOLLOW_UP_PROCESS_VERSION,
  followUpNextActors,
  followUpOpenDeadline,
  startFollowUp,
} from "../../../domain/follow-up/machine";
import type { FollowUpRecord, PlanItem } from "../../../domain/follow-up/record";
import type { JoiningRecord } from "../../../domain/joining/machine";
import { actorOf, type Ctx } from "../../context";
import type { Executor } from "../../db/connect";
import { AppError, errors } from "../../http/errors";
import { criteriaNumbersOf } from "../cases/facts";
import { insertOpenedCase } from "../cases/registration";
import { caseForNotice } from "../notifications/repository";
import { caseVars, deliverNotice, usersForRoles } from "../notifications/use-cases";

export interface OpenFollowUp {
  certificationId: string;
  openedBy: "schedule" | "secretariat";
}

const conflict = (code: string, sv: string, en: string) => new AppError(code, 409, { sv, en });

/** The indicators a criteria set asks for (its own list, else the default four). */
export async function indicatorsOf(
  db: Executor,
  criteriaSetId: string | null,
): Promise<IndicatorDefinition[]> {
  if (!criteriaSetId) return [...DEFAULT_INDICATORS];
  const set = await db
    .selectFrom("criteria_sets")
    .select("indicators")
    .where("id", "=", criteriaSetId)
    .executeTakeFirst();
  if (!set?.indicators) return [...DEFAULT_INDICATORS];
  return JSON.parse(set.indicators) as IndicatorDefinition[];
}

/** The plan item per criterion: the previous follow-up's planned actions, else the region's quality plan (A8). */
async function planFor(
  db: Executor,
  certificationId: string,
  regionId: string,
  criteria: readonly number[],
): Promise<{ plan: PlanItem[]; generalPlan?: string }> {
  const plan: PlanItem[] = [];
  const previous = await db
    .selectFrom("follow_ups")
    .innerJoin("cases", "cases.id", "follow_ups.case_id")
    .select(["cases.id", "cases.registration_number", "cases.record"])
    .where("follow_ups.certification_id", "=", certificationId)
    .where("follow_ups.state", "=", "closed")
    .orderBy("follow_ups.year", "desc")
    .executeTakeFirst();
  const previousRecord = previous ? (JSON.parse(previous.record) as FollowUpRecord) : undefined;
  const joining = await db
    .selectFrom("cases")
    .select(["id", "registration_number", "record", "updated_at"])
    .where("process", "=", "joining")
    .where("region_id", "=", regionId)
    .where("state", "=", "completed")
    .orderBy("updated_at", "desc")
    .execute();
  const qualityPlan = joining
    .map((c) => ({ c, item: (JSON.parse(c.record) as JoiningRecord).items.qualityPlan }))
    .find((x) => x.item);
  const qp = qualityPlan?.item?.data as
    | { regionalPlan: string; localPlan: string; perCriterion: { criterionNumber: number; text: string }[] }
    | undefined;
  for (const n of criteria) {
    const actions = previousRecord?.assessments.find((a) => a.criterionNumber === n)?.plannedActions ?? [];
    if (previous && actions.length) {
      plan.push({
        criterionNumber: n,
        text: actions.map((a) => `${a.action} (${a.owner}, ${a.dueDate})`).join("\n"),
        source: "followUp",
        sourceCaseId: previous.id,
        sourceRegistrationNumber: previous.registration_number,
      });
      continue;
    }
    const item = qp?.perCriterion.find((p) => p.criterionNumber === n);
    if (item && qualityPlan) {
      plan.push({
        criterionNumber: n,
        text: item.text,
        source: "qualityPlan",
        sourceCaseId: qualityPlan.c.id,
        sourceRegistrationNumber: qualityPlan.c.registration_number,
      });
    }
  }
  return { plan, ...(qp ? { generalPlan: qp.regionalPlan } : {}) };
}

/** Opens the follow-up of `year` (default: this year in Stockholm); 409 when one is open or the year has one. */
export async function openFollowUp(ctx: Ctx, input: OpenFollowUp, year?: number): Promise<string> {
  const p = actorOf(ctx);
  if (p.role !== "secretariat") throw errors.forbidden("certification");
  const cert = await ctx.db
    .selectFrom("certifications")
    .innerJoin("cases", "cases.id", "certifications.case_id")
    .select([
      "certifications.id",
      "certifications.region_id",
      "certifications.subject_name",
      "certifications.status",
      "cases.criteria_set_id",
      "cases.local_college_id",
    ])
    .where("certifications.id", "=", input.certificationId)
    .executeTakeFirst();
  if (!cert) throw errors.notFound("certification");
  if (cert.status !== "certified")
    throw conflict(
      "followUp.not_certified",
      "Certifieringen är inte giltig: ingen uppföljning kan öppnas.",
      "The certification is not in force: no follow-up can be opened.",
    );
  const today = stockholmDate(ctx.now);
  const forYear = year ?? Number(today.slice(0, 4));
  const existing = await ctx.db
    .selectFrom("follow_ups")
    .select(["year", "is_open"])
    .where("certification_id", "=", cert.id)
    .where((eb) => eb.or([eb("is_open", "=", 1), eb("year", "=", forYear)]))
    .execute();
  if (existing.some((f) => f.is_open === 1))
    throw conflict(
      "followUp.already_open",
      "Certifieringen har redan en pågående uppföljning.",
      "The certification already has a follow-up in progress.",
    );
  if (existing.length)
    throw conflict(
      "followUp.year_done",
      `Certifieringen har redan en uppföljning för ${forYear}.`,
      `The certification already has a follow-up for ${forYear}.`,
    );
  const criteria = await criteriaNumbersOf(ctx.db, cert.criteria_set_id);
  const facts = startFollowUp({
    record: {
      certificationId: cert.id,
      subjectName: cert.subject_name,
      year: forYear,
      openedOn: today,
      openedBy: input.openedBy,
      indicatorDefinitions: await indicatorsOf(ctx.db, cert.criteria_set_id),
      ...(await planFor(ctx.db, cert.id, cert.region_id, criteria)),
    },
    criteriaNumbers: criteria,
  });
  const deadline = followUpOpenDeadline(facts);
  const { id } = await insertOpenedCase(
    ctx,
    {
      process: "followUp",
      processVersion: FOLLOW_UP_PROCESS_VERSION,
      kind: FOLLOW_UP_KIND,
      state: facts.state,
      title: `Uppföljning ${forYear}: ${cert.subject_name}`,
      regionId: cert.region_id,
      localCollegeId: cert.local_college_id,
      certificationId: cert.id,
      criteriaSetId: cert.criteria_set_id,
      record: facts.record,
      createdBy: p.id,
    },
    {
      kind: FOLLOW_UP_KIND,
      certificationId: cert.id,
      regionId: cert.region_id,
      year: forYear,
      openedBy: input.openedBy,
      dueDate: deadline?.dueDate ?? null,
    },
  );
  // The region is told its follow-up has opened, and when it is due.
  const c = await caseForNotice(ctx.db, id);
  const recipients = await usersForRoles(ctx.db, c, followUpNextActors(facts));
  if (recipients.length)
    await deliverNotice(ctx, { kind: "yourTurn", caseId: id, vars: caseVars(c), recipients });
  return id;
}
