import { stockholmDate } from "../../../domain/certification/deadlines";
import type { RegionSummary } from "../../../shared/dto";
import type { Executor } from "../../db/connect";

export type RegionCertificationStatus = RegionSummary["certificationStatus"];

/** Open certification cases that make a region "under certification" on the map. */
const IN_PROGRESS_KINDS = ["newRegion", "recertification"];

/**
 * The certification status of a region as of `today` (YYYY-MM-DD, Stockholm), pure:
 * - certified: a region certification with status certified whose validity covers today;
 * - inProgress: otherwise, an open new-region or recertification case;
 * - expired: otherwise, a region certification that ran out (status expired, or certified but past its end);
 * - none: nothing of the above (also a decertified region without an open case).
 */
export function statusOf(
  certifications: readonly { status: string; valid_from: string; valid_to: string }[],
  hasOpenCase: boolean,
  today: string,
): RegionCertificationStatus {
  if (certifications.some((c) => c.status === "certified" && c.valid_from <= today && today <= c.valid_to))
    return "certified";
  if (hasOpenCase) return "inProgress";
  if (certifications.some((c) => c.status === "expired" || (c.status === "certified" && c.valid_to < today)))
    return "expired";
  return "none";
}

/** Every region's certification status, from the certifications table and the open cases (two grouped reads). */
export async function regionCertificationStatuses(
  db: Executor,
  today: string,
): Promise<Map<string, RegionCertificationStatus>> {
  const [certifications, openCases] = await Promise.all([
    db
      .selectFrom("certifications")
      .select(["region_id", "status", "valid_from", "valid_to"])
      .where("subject_kind", "=", "region")
      .execute(),
    db
      .selectFrom("cases")
      .select("region_id")
      .where("process", "=", "certification")
      .where("closed_at", "is", null)
      .where("kind", "in", IN_PROGRESS_KINDS)
      .groupBy("region_id")
      .execute(),
  ]);
  const open = new Set(openCases.map((c) => c.region_id));
  const byRegion = new Map<string, typeof certifications>();
  for (const c of certifications) byRegion.set(c.region_id, [...(byRegion.get(c.region_id) ?? []), c]);
  const regionIds = new Set([...byRegion.keys(), ...open]);
  return new Map(
    [...regionIds].map((id) => [id, statusOf(byRegion.get(id) ?? [], open.has(id), today)] as const),
  );
}

/** The statuses as of today (Stockholm) on the app's clock. */
export function statusesFor(deps: {
  db: Executor;
  clock: () => Date;
}): Promise<Map<string, RegionCertificationStatus>> {
  return regionCertificationStatuses(deps.db, stockholmDate(deps.clock()));
}
