import { type Kysely, sql } from "kysely";
import { inList, setCheck } from "../check-constraints";

/**
 * A new kind of notice, `agendaCancelled` (the secretariat is told when a cancelled board meeting sends its cases
 * back to decision preparation, D2), in the check constraints of the outbox, the in-app notifications and the
 * e-mail preferences (check-constraints.ts: PostgreSQL replaces each constraint, SQLite rebuilds the table from its
 * stored definition). Frozen once landed.
 */

const NOTIFICATION_KINDS = [
  "interestSubmitted",
  "feedbackGiven",
  "applicationSubmitted",
  "reviewersAssigned",
  "protocolSent",
  "responseSubmitted",
  "caseOnAgenda",
  "decisionSent",
  "deadlinePostponed",
  "caseWithdrawn",
  "noProviderAgreement",
  "joiningCompleted",
  "yourTurn",
  "reminder",
  "deadlinePassed",
  "agendaCancelled",
] as const;

const CHECKS = [
  { table: "outbox", name: "outbox_template", column: "template" },
  { table: "notifications", name: "notifications_template", column: "template" },
  { table: "notification_preferences", name: "notification_preferences_kind", column: "kind" },
] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
async function setChecks(db: Kysely<any>, kinds: readonly string[]): Promise<void> {
  for (const { table, name, column } of CHECKS)
    await setCheck(db, { table, name, expression: inList(column, kinds) });
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await setChecks(db, NOTIFICATION_KINDS);
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  for (const { table, column } of CHECKS) {
    await sql.raw(`delete from ${table} where ${column} = 'agendaCancelled'`).execute(db);
  }
  await setChecks(
    db,
    NOTIFICATION_KINDS.filter((k) => k !== "agendaCancelled"),
  );
}
