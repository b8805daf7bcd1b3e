import { randomUUID } from "node:crypto";
import { parseIsoDate, stockholmDate } from "../../../domain/certification/deadlines";
import type { Ctx } from "../../context";
import type { DB } from "../../db/connect";
import { AppError } from "../../http/errors";
import { SYSTEM } from "../../seed/system";
import { openFollowUp } from "./open";

/**
 * The yearly schedule: every certification in force gets its follow-up once a year, from its month on (the
 * certification's `follow_up_month`, else the month of the decision), starting the year after the decision.
 * Driven by data alone, like the reminder scan: a scan that runs late, twice or in two processes at once opens
 * each follow-up once (`follow_ups` is unique per certification and year, and per certification while open).
 */

export interface FollowUpDue {
  certificationId: string;
  year: number;
}

/** Whether a certification's follow-up of this year is due today (pure; the scan asks the database the rest). */
export function followUpDueThisYear(
  cert: { valid_from: string; valid_to: string; follow_up_month: number | null },
  today: string,
): number | null {
  const { year, month } = parseIsoDate(today);
  const decided = parseIsoDate(cert.valid_from);
  if (year <= decided.year || today >= cert.valid_to) return null;
  return month >= (cert.follow_up_month ?? decided.month) ? year : null;
}

export interface FollowUpScanResult {
  certifications: number;
  opened: number;
}

export async function runFollowUpScan(scan: {
  db: DB;
  now: Date;
  newId?: () => string;
}): Promise<FollowUpScanResult> {
  const today = stockholmDate(scan.now);
  const year = Number(today.slice(0, 4));
  const certs = await scan.db
    .selectFrom("certifications")
    .select(["id", "valid_from", "valid_to", "follow_up_month"])
    .where("status", "=", "certified")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("follow_ups")
            .select("follow_ups.case_id")
            .whereRef("follow_ups.certification_id", "=", "certifications.id")
            .where((f) => f.or([f("follow_ups.year", "=", year), f("follow_ups.is_open", "=", 1)])),
        ),
      ),
    )
    .execute();
  const result: FollowUpScanResult = { certifications: certs.length, opened: 0 };
  for (const cert of certs) {
    if (followUpDueThisYear(cert, today) === null) continue;
    try {
      await scan.db.transaction().execute(async (tx) => {
        const ctx: Ctx = { db: tx, actor: SYSTEM, now: scan.now, newId: scan.newId ?? randomUUID, meta: {} };
        await openFollowUp(ctx, { certificationId: cert.id, openedBy: "schedule" }, year);
      });
      result.opened++;
    } catch (err) {
      // Opened meanwhile by the secretariat or another process (409, or the unique index): nothing to do.
      if (err instanceof AppError && err.status === 409) continue;
      if (/unique|duplicate/i.test(String((err as Error).message))) continue;
      throw err;
    }
  }
  return result;
}
