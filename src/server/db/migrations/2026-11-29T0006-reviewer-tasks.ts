import { type Kysely, sql } from "kysely";

/**
 * A reviewer's task list read in order from an index: each assignment carries whether the case is open and waiting
 * for a reviewer, its due date and since when it is in its step (kept by every transition of the case), so "my
 * tasks" reads the reviewer's open tasks first-due first instead of every case the reviewer was ever assigned.
 * Frozen once landed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("case_participants")
    .addColumn("task_open", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("case_participants").addColumn("task_due", "text").execute();
  await db.schema.alterTable("case_participants").addColumn("task_since", "text").execute();
  await sql`update case_participants set
      task_open = coalesce((select case when c.closed_at is null and c.awaiting_roles like '%|reviewer|%'
        then 1 else 0 end from cases c where c.id = case_participants.case_id), 0),
      task_due = (select c.next_due_date from cases c where c.id = case_participants.case_id),
      task_since = (select c.state_since from cases c where c.id = case_participants.case_id)`.execute(db);
  await db.schema
    .createIndex("case_participants_tasks")
    .on("case_participants")
    .columns(["user_id", "role", "task_open", "task_due", "task_since"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("case_participants_tasks").execute();
  await db.schema.alterTable("case_participants").dropColumn("task_since").execute();
  await db.schema.alterTable("case_participants").dropColumn("task_due").execute();
  await db.schema.alterTable("case_participants").dropColumn("task_open").execute();
}
