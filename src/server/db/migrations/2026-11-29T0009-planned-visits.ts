import { type Kysely, sql } from "kysely";
import { isPostgres } from "../dialect";

/**
 * The coming review visit of a case as a column (`cases.visit_date`): the planned date while the case is at the
 * visit step, NULL otherwise (`plannedVisitDate`, kept by every transition). The dashboard reads its coming visits
 * in date order from the partial index; before, it read the planned date out of the record of the 100 cases most
 * recently moved to the visit step, which left out a visit planned long ago. Frozen once landed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cases").addColumn("visit_date", "text").execute();
  const planned = isPostgres(db)
    ? sql`(record::json -> 'visitPlan' ->> 'plannedDate')`
    : sql`json_extract(record, '$.visitPlan.plannedDate')`;
  await sql`update cases set visit_date = ${planned} where state = 'visit' and closed_at is null`.execute(db);
  await sql`create index cases_planned_visit on cases (visit_date, id) where visit_date is not null`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("cases_planned_visit").execute();
  await db.schema.alterTable("cases").dropColumn("visit_date").execute();
}
