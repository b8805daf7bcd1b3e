import { type Kysely, sql } from "kysely";
import { inList, setCheck } from "../check-constraints";

/**
 * Two kinds of notice of the yearly follow-up (process C): `followUpReviewerAssigned` (the reviewer the
 * secretariat names for a follow-up) and `followUpReviewed` (the region, once the secretariat has accepted the
 * follow-up or flagged the certification), in the check constraints of the outbox, the in-app notifications and
 * the e-mail preferences, as migration 0015 did for `agendaCancelled`. Frozen once landed.
 */

const BEFORE = [
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
const ADDED = ["followUpReviewerAssigned", "followUpReviewed"] as const;

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
  await setChecks(db, [...BEFORE, ...ADDED]);
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  for (const { table, column } of CHECKS) {
    await sql
      .raw(`delete from ${table} where ${column} in (${ADDED.map((k) => `'${k}'`).join(", ")})`)
      .execute(db);
  }
  await setChecks(db, BEFORE);
}
