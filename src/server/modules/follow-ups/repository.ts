import type { Principal } from "../../../domain/access";
import { caseStateLabel } from "../../../domain/case-labels";
import { parseIsoDate, stockholmDate } from "../../../domain/certification/deadlines";
import {
  certificationAtRisk,
  type FollowUpYearFacts,
  followUpHistory,
} from "../../../domain/follow-up/history";
import type { CriterionStatus, FollowUpOutcome } from "../../../domain/follow-up/labels";
import { followUpCertificationActions } from "../../../domain/policies/follow-ups";
import type * as dto from "../../../shared/dto";
import type { Executor } from "../../db/connect";
import type { Row } from "../../db/schema";
import { criteriaOfSet } from "../documents/repository";
import { indicatorsOf } from "./open";

/** Reads of the follow-up read model (`follow_ups`): the region's matrix, a certification's history, the overview. */

type FollowUpRow = Row<"follow_ups"> & { registration_number: string };

function yearFacts(r: FollowUpRow): FollowUpYearFacts {
  return {
    year: r.year,
    caseId: r.case_id,
    registrationNumber: r.registration_number,
    state: r.state,
    outcome: r.outcome as FollowUpOutcome | null,
    statuses: JSON.parse(r.statuses) as Record<string, CriterionStatus>,
    indicators: JSON.parse(r.indicators) as Record<string, number>,
  };
}

function followUpRows(db: Executor) {
  return db
    .selectFrom("follow_ups")
    .innerJoin("cases", "cases.id", "follow_ups.case_id")
    .selectAll("follow_ups")
    .select("cases.registration_number");
}

/** The history of one certification's follow-ups, with the criteria of the set it was judged by. */
export async function certificationHistory(
  db: Executor,
  certificationId: string,
): Promise<dto.FollowUpHistory> {
  const cert = await db
    .selectFrom("certifications")
    .innerJoin("cases", "cases.id", "certifications.case_id")
    .select("cases.criteria_set_id")
    .where("certifications.id", "=", certificationId)
    .executeTakeFirst();
  const rows = await followUpRows(db).where("follow_ups.certification_id", "=", certificationId).execute();
  const setId = cert?.criteria_set_id ?? null;
  return followUpHistory(await criteriaOfSet(db, setId), await indicatorsOf(db, setId), rows.map(yearFacts));
}

export async function regionFollowUps(
  db: Executor,
  p: Principal,
  regionId: string,
  now: Date,
): Promise<dto.RegionFollowUps> {
  const today = stockholmDate(now);
  const certs = await db
    .selectFrom("certifications")
    .innerJoin("cases", "cases.id", "certifications.case_id")
    .selectAll("certifications")
    .select("cases.criteria_set_id")
    .where("certifications.region_id", "=", regionId)
    .where((eb) =>
      eb.or([
        eb("certifications.status", "=", "certified"),
        eb.exists(
          eb
            .selectFrom("follow_ups")
            .select("follow_ups.case_id")
            .whereRef("follow_ups.certification_id", "=", "certifications.id"),
        ),
      ]),
    )
    .orderBy("certifications.valid_from")
    .execute();
  const rows = certs.length
    ? await followUpRows(db)
        .where(
          "follow_ups.certification_id",
          "in",
          certs.map((c) => c.id),
        )
        .execute()
    : [];
  const year = Number(today.slice(0, 4));
  const out: dto.CertificationFollowUps[] = [];
  for (const c of certs) {
    const own = rows.filter((r) => r.certification_id === c.id);
    const open = own.find((r) => r.is_open === 1);
    out.push({
      certificationId: c.id,
      subjectName: c.subject_name,
      validFrom: c.valid_from,
      validTo: c.valid_to,
      status: c.status,
      followUpMonth: c.follow_up_month ?? parseIsoDate(c.valid_from).month,
      followUpMonthIsDefault: c.follow_up_month === null,
      attention:
        c.attention_reason !== null
          ? { reason: c.attention_reason, since: c.attention_since ?? c.updated_at }
          : null,
      openFollowUp: open
        ? {
            caseId: open.case_id,
            state: open.state,
            dueDate: open.due_date,
            overdue: open.due_date !== null && open.due_date < today,
          }
        : null,
      history: followUpHistory(
        await criteriaOfSet(db, c.criteria_set_id),
        await indicatorsOf(db, c.criteria_set_id),
        own.map(yearFacts),
      ),
      actions: followUpCertificationActions(p, {
        status: c.status,
        hasOpenFollowUp: open !== undefined,
        hasThisYear: own.some((r) => r.year === year),
      }),
      version: c.version,
    });
  }
  return { regionId, certifications: out };
}

/** Follow-ups due, overdue and at risk, and flagged certifications, per region (the secretariat's dashboard). */
export async function followUpOverview(db: Executor, now: Date): Promise<dto.FollowUpOverview> {
  const today = stockholmDate(now);
  const open = await db
    .selectFrom("follow_ups")
    .innerJoin("cases", "cases.id", "follow_ups.case_id")
    .innerJoin("regions", "regions.id", "follow_ups.region_id")
    .select([
      "follow_ups.case_id",
      "follow_ups.region_id",
      "follow_ups.state",
      "follow_ups.due_date",
      "follow_ups.at_risk",
      "cases.registration_number",
      "cases.title",
      "regions.name as region_name",
    ])
    .where("follow_ups.is_open", "=", 1)
    .orderBy("follow_ups.due_date")
    .orderBy("follow_ups.case_id")
    .execute();
  // At risk: a certification in force whose criterion's latest known status (over its follow-ups) is at risk or
  // not met (history.ts: a follow-up just opened does not hide last year's).
  const rows = await db
    .selectFrom("follow_ups as f")
    .innerJoin("certifications", "certifications.id", "f.certification_id")
    .innerJoin("regions", "regions.id", "f.region_id")
    .select(["f.certification_id", "f.region_id", "f.year", "f.statuses", "regions.name as region_name"])
    .where("certifications.status", "=", "certified")
    .execute();
  const byCertification = new Map<string, typeof rows>();
  for (const r of rows)
    byCertification.set(r.certification_id, [...(byCertification.get(r.certification_id) ?? []), r]);
  const latest = [...byCertification.values()].map((own) => ({
    region_id: own[0].region_id,
    region_name: own[0].region_name,
    atRisk: certificationAtRisk(
      own.map((r) => ({ year: r.year, statuses: JSON.parse(r.statuses) as Record<string, CriterionStatus> })),
    ),
  }));
  const flagged = await db
    .selectFrom("certifications")
    .innerJoin("regions", "regions.id", "certifications.region_id")
    .select(["certifications.region_id", "regions.name as region_name"])
    .where("certifications.status", "=", "certified")
    .where("certifications.attention_reason", "is not", null)
    .execute();
  const regions = new Map<string, dto.FollowUpOverview["regions"][number]>();
  const region = (id: string, name: string) => {
    let r = regions.get(id);
    if (!r) {
      r = { regionId: id, regionName: name, open: 0, overdue: 0, atRisk: 0, flagged: 0 };
      regions.set(id, r);
    }
    return r;
  };
  const overdue = (due: string | null) => due !== null && due < today;
  for (const f of open) {
    const r = region(f.region_id, f.region_name);
    r.open++;
    if (overdue(f.due_date)) r.overdue++;
  }
  for (const f of latest) if (f.atRisk) region(f.region_id, f.region_name).atRisk++;
  for (const c of flagged) region(c.region_id, c.region_name).flagged++;
  return {
    open: open.length,
    due: open.filter((f) => f.due_date !== null && !overdue(f.due_date)).length,
    overdue: open.filter((f) => overdue(f.due_date)).length,
    atRisk: latest.filter((f) => f.atRisk).length,
    flagged: flagged.length,
    regions: [...regions.values()].sort((a, b) => a.regionName.localeCompare(b.regionName, "sv")),
    items: open.map((f) => ({
      caseId: f.case_id,
      registrationNumber: f.registration_number,
      title: f.title,
      regionId: f.region_id,
      regionName: f.region_name,
      state: f.state,
      stateLabel: caseStateLabel(f.state),
      dueDate: f.due_date,
      overdue: overdue(f.due_date),
      atRisk: f.at_risk === 1,
    })),
  };
}
