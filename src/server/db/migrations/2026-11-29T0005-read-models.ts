import { type Kysely, sql } from "kysely";

/**
 * Read models for the pages everyone opens (docs/performance.md): what each case allows next, stored with the
 * case at every transition (`cases.enabled_actions`, as "|action|action|"; null until the case's next
 * transition or the read-model rebuild), open cases per state and the stays per step as a histogram
 * (kept in the same transaction as each transition, rebuilt from the event log by `readmodels:rebuild`),
 * and the indexes the dashboard's deadline and certification lists read. Frozen once landed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cases").addColumn("enabled_actions", "text").execute();

  await db.schema
    .createTable("case_state_counts")
    .addColumn("process", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("case_state_counts_pk", ["process", "state"])
    .execute();

  // One row per (process, state, calendar month the stay ended, length bucket): the bucket is the stay in
  // tenths of a day below ten days and in whole days (times ten) from there on.
  await db.schema
    .createTable("step_stay_counts")
    .addColumn("process", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("bucket", "integer", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("step_stay_counts_pk", ["process", "month", "state", "bucket"])
    .execute();

  // Which read models have been built from the data already there (0: still to build).
  await db.schema
    .createTable("read_models")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.insertInto("read_models").values({ name: "caseStatistics", version: 0 }).execute();

  await sql`create index cases_open_due on cases (next_due_date) where closed_at is null`.execute(db);
  await sql`create index cases_open_state_since on cases (state, state_since) where closed_at is null`.execute(
    db,
  );
  await db.schema.createIndex("cases_certification").on("cases").column("certification_id").execute();
  await db.schema
    .createIndex("certifications_status_valid")
    .on("certifications")
    .columns(["status", "valid_to"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("certifications_status_valid").execute();
  await db.schema.dropIndex("cases_certification").execute();
  await db.schema.dropIndex("cases_open_state_since").execute();
  await db.schema.dropIndex("cases_open_due").execute();
  await db.schema.dropTable("read_models").execute();
  await db.schema.dropTable("step_stay_counts").execute();
  await db.schema.dropTable("case_state_counts").execute();
  await db.schema.alterTable("cases").dropColumn("enabled_actions").execute();
}
