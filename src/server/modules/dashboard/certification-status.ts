import { type ExpressionBuilder, sql } from "kysely";
import { stockholmDate } from "../../../domain/certification/deadlines";
import type { RegionSummary } from "../../../shared/dto";
import type { Executor } from "../../db/connect";
import type { Database } from "../../db/schema";

export type RegionCertificationStatus = RegionSummary["certificationStatus"];

/** Open certification cases that make a region "under certification" on the map. */
const IN_PROGRESS_KINDS = ["newRegion", "recertification"];

/** What decides a region's status, each read from an index per region (`regionCertificationStatuses`). */
export interface RegionCertificationFacts {
  /** A region certification with status certified whose validity covers today. */
  certifiedToday: boolean;
  /** An open new-region or recertification case. */
  hasOpenCase: boolean;
  /** A region certification that ran out: status expired, or certified but past its end. */
  ranOut: boolean;
}

/**
 * The certification status of a region, pure: certified, else in progress (an open case), else expired, else
 * none (also a decertified region without an open case).
 */
export function statusOf(f: RegionCertificationFacts): RegionCertificationStatus {
  if (f.certifiedToday) return "certified";
  if (f.hasOpenCase) return "inProgress";
  if (f.ranOut) return "expired";
  return "none";
}

/**
 * Every region's certification status as of `today` (YYYY-MM-DD, Stockholm): one read over the regions with a
 * few index seeks each (migration 0008), so its cost does not grow with the number of cases or certifications.
 */
export async function regionCertificationStatuses(
  db: Executor,
  today: string,
): Promise<Map<string, RegionCertificationStatus>> {
  const regionCertifications = (eb: ExpressionBuilder<Database, "regions">) =>
    eb
      .selectFrom("certifications")
      .select(sql<number>`1`.as("one"))
      .where("certifications.subject_kind", "=", "region")
      .whereRef("certifications.region_id", "=", "regions.id");
  const rows = await db
    .selectFrom("regions")
    .select((eb) => [
      "regions.id",
      eb
        .exists(
          regionCertifications(eb)
            .where("certifications.status", "=", "certified")
            .where("certifications.valid_to", ">=", today)
            .where("certifications.valid_from", "<=", today),
        )
        .as("certified_today"),
      eb
        .exists(
          eb
            .selectFrom("cases")
            .select(sql<number>`1`.as("one"))
            .whereRef("cases.region_id", "=", "regions.id")
            .where("cases.closed_at", "is", null)
            .where("cases.process", "=", "certification")
            .where("cases.kind", "in", IN_PROGRESS_KINDS),
        )
        .as("has_open_case"),
      eb.exists(regionCertifications(eb).where("certifications.status", "=", "expired")).as("expired"),
      eb
        .exists(
          regionCertifications(eb)
            .where("certifications.status", "=", "certified")
            .where("certifications.valid_to", "<", today),
        )
        .as("certified_ended"),
    ])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      statusOf({
        certifiedToday: Boolean(r.certified_today),
        hasOpenCase: Boolean(r.has_open_case),
        ranOut: Boolean(r.expired) || Boolean(r.certified_ended),
      }),
    ]),
  );
}

/** The statuses as of today (Stockholm) on the app's clock. */
export function statusesFor(deps: {
  db: Executor;
  clock: () => Date;
}): Promise<Map<string, RegionCertificationStatus>> {
  return regionCertificationStatuses(deps.db, stockholmDate(deps.clock()));
}
