import { isFollowUpFinal } from "../../../domain/follow-up/machine";
import { criteriaAtRisk, type FollowUpRecord } from "../../../domain/follow-up/record";
import type { Executor } from "../../db/connect";
import type { Row } from "../../db/schema";

/**
 * The follow-up's read model (`follow_ups`, migration 0017): one row per follow-up case with what the region's
 * matrix, the dashboard and a recertification's history read, derived from the case alone and written in the
 * transaction of its opening and of every transition (and by `readmodels:rebuild`).
 */
export function followUpRowOf(
  row: Pick<Row<"cases">, "id" | "region_id">,
  state: string,
  record: FollowUpRecord,
  at: string,
): Row<"follow_ups"> {
  const open = !isFollowUpFinal(state);
  const deadline = record.deadlines.followUp;
  return {
    case_id: row.id,
    certification_id: record.certificationId,
    region_id: row.region_id,
    year: record.year,
    state,
    is_open: open ? 1 : 0,
    due_date: open && deadline && !deadline.closedOn ? deadline.dueDate : null,
    at_risk: criteriaAtRisk(record).length > 0 ? 1 : 0,
    outcome: record.review?.outcome ?? null,
    statuses: JSON.stringify(
      Object.fromEntries(
        record.assessments.filter((a) => a.status).map((a) => [a.criterionNumber, a.status]),
      ),
    ),
    indicators: JSON.stringify(record.indicators),
    updated_at: at,
  };
}

export async function writeFollowUpRow(
  db: Executor,
  row: Pick<Row<"cases">, "id" | "region_id">,
  state: string,
  record: FollowUpRecord,
  at: string,
): Promise<void> {
  const values = followUpRowOf(row, state, record, at);
  const { case_id: _id, ...changes } = values;
  await db
    .insertInto("follow_ups")
    .values(values)
    .onConflict((oc) => oc.column("case_id").doUpdateSet(changes))
    .execute();
}

/** Recomputes every follow-up's row from its case (`readmodels:rebuild`). Runs in the caller's transaction. */
export async function rebuildFollowUpRows(db: Executor, at: string): Promise<number> {
  await db.deleteFrom("follow_ups").execute();
  const cases = await db
    .selectFrom("cases")
    .select(["id", "region_id", "state", "record", "updated_at"])
    .where("process", "=", "followUp")
    .orderBy("id")
    .execute();
  for (const c of cases)
    await writeFollowUpRow(db, c, c.state, JSON.parse(c.record) as FollowUpRecord, c.updated_at ?? at);
  return cases.length;
}
