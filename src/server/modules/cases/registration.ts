import { sql } from "kysely";
import { formatRegistrationNumber } from "../../../domain/certification/registration-number";
import type { Ctx } from "../../context";

/**
 * The next registration number (diarienummer) of a year, e.g. `TC 2027/0042`. One upsert on a counter row:
 * atomic on both engines, so concurrent case openings (even from several processes) never share a number.
 */
export async function allocateRegistrationNumber(
  ctx: Ctx,
  year: number,
): Promise<{ year: number; seq: number; number: string }> {
  const row = await ctx.db
    .insertInto("registration_counters")
    .values({ year, last: 1 })
    .onConflict((oc) => oc.column("year").doUpdateSet({ last: sql`registration_counters.last + 1` }))
    .returning("last")
    .executeTakeFirstOrThrow();
  return { year, seq: row.last, number: formatRegistrationNumber(year, row.last) };
}
