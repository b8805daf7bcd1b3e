import { type Kysely, sql } from "kysely";

/**
 * The reviewers' task index becomes the task list's sort key, so a page of "my tasks" is read in its final order
 * straight from the index on both engines: `task_due` is never NULL any more (SQLite sorts NULLs first,
 * PostgreSQL last): a case without a due date gets NO_DUE_DATE, after every real date. The index also ends with
 * the case id, the order's last tie-break, so no sort is needed for a stable page. The task's due date shown to
 * the user still comes from `cases.next_due_date`. Frozen once landed.
 */

/** `case_participants.task_due` of a case without a due date: after every real date, so such tasks come last. */
export const NO_DUE_DATE = "9999-12-31";

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await sql`update case_participants set task_due = ${NO_DUE_DATE} where task_due is null`.execute(db);
  await db.schema.dropIndex("case_participants_tasks").execute();
  await db.schema
    .createIndex("case_participants_tasks")
    .on("case_participants")
    .columns(["user_id", "role", "task_open", "task_due", "task_since", "case_id"])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("case_participants_tasks").execute();
  await db.schema
    .createIndex("case_participants_tasks")
    .on("case_participants")
    .columns(["user_id", "role", "task_open", "task_due", "task_since"])
    .execute();
  await sql`update case_participants set task_due = null where task_due = ${NO_DUE_DATE}`.execute(db);
}
