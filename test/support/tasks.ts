import { randomUUID } from "node:crypto";
import type { DB } from "../../src/server/db/connect";
import { NO_DUE_DATE } from "../../src/server/db/schema";

/** One copy of a case: its due date (null: none), since when it is in its step, and optionally another region. */
export interface CaseCopy {
  due: string | null;
  since: string;
  regionId?: string;
}

let batches = 0;

/**
 * Many tasks quickly: copies of a case (same state, record and enabled actions) with their own id, number, due
 * date and step start, written straight into the tables, and an open task on each for the given reviewers as the
 * transitions keep it. Returns the copies' ids in the order given.
 */
export async function copyCase(
  db: DB,
  sourceId: string,
  copies: readonly CaseCopy[],
  reviewerIds: readonly string[] = [],
): Promise<string[]> {
  const source = await db
    .selectFrom("cases")
    .selectAll()
    .where("id", "=", sourceId)
    .executeTakeFirstOrThrow();
  const ids = copies.map(() => randomUUID());
  const year = 3000 + ++batches;
  const rows = copies.map((c, i) => ({
    ...source,
    id: ids[i],
    registration_number: `KOPIA ${year}/${i + 1}`,
    reg_year: year,
    reg_seq: i + 1,
    region_id: c.regionId ?? source.region_id,
    next_due_date: c.due,
    state_since: c.since,
  }));
  for (const batch of slices(rows, 200)) await db.insertInto("cases").values(batch).execute();
  const participants = rows.flatMap((r) =>
    reviewerIds.map((userId) => ({
      case_id: r.id,
      user_id: userId,
      role: "reviewer",
      task_open: 1,
      task_due: r.next_due_date ?? NO_DUE_DATE,
      task_since: r.state_since,
    })),
  );
  for (const batch of slices(participants, 500))
    await db.insertInto("case_participants").values(batch).execute();
  return ids;
}

/** The rows in slices of `size` (one insert each stays under the engines' parameter limits). */
function slices<T>(rows: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
