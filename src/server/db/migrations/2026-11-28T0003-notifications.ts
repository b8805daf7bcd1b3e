import { type Kysely, sql } from "kysely";

/**
 * Notifications: the outbox (e-mail waiting to go out, with its delivery state), in-app notifications,
 * e-mail preferences per kind, the reminder ledger (each reminder at most once, across processes) and the
 * secret calendar-feed tokens. Frozen once landed.
 */

function inList(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);
}

const OUTBOX_KINDS = ["email", "inApp"] as const;
const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "kept"] as const;
const LANGUAGES = ["sv", "en"] as const;
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
] as const;
const DEADLINE_KINDS = ["protocol", "response"] as const;
const REMINDER_NOTICES = ["reminder", "deadlinePassed"] as const;

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    // The recipient's user id; null for addresses without an account (steering-group chairs).
    .addColumn("user_id", "text", (c) => c.references("users.id"))
    .addColumn("to_address", "text", (c) => c.notNull())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("html", "text", (c) => c.notNull())
    .addColumn("case_id", "text", (c) => c.references("cases.id"))
    .addColumn("dedupe_key", "text", (c) => c.unique())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("claimed_by", "text")
    .addColumn("claimed_until", "text")
    .addCheckConstraint("outbox_kind", inList("kind", OUTBOX_KINDS))
    .addCheckConstraint("outbox_status", inList("status", OUTBOX_STATUSES))
    .addCheckConstraint("outbox_language", inList("language", LANGUAGES))
    .addCheckConstraint("outbox_template", inList("template", NOTIFICATION_KINDS))
    .execute();
  // The dispatcher's claim query: due pending rows and stale claims, oldest first.
  await db.schema.createIndex("outbox_due").on("outbox").columns(["status", "next_attempt_at"]).execute();
  await db.schema.createIndex("outbox_created").on("outbox").column("created_at").execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("case_id", "text", (c) => c.references("cases.id"))
    .addColumn("template", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("link", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("read_at", "text")
    .addCheckConstraint("notifications_template", inList("template", NOTIFICATION_KINDS))
    .execute();
  await db.schema
    .createIndex("notifications_user")
    .on("notifications")
    .columns(["user_id", "created_at"])
    .execute();

  await db.schema
    .createTable("notification_preferences")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("email", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_preferences_pk", ["user_id", "kind"])
    .addCheckConstraint("notification_preferences_kind", inList("kind", NOTIFICATION_KINDS))
    .addCheckConstraint("notification_preferences_email", sql`email in (0, 1)`)
    .execute();

  // One row per reminder given: the unique key makes each (case, deadline, due date, offset, recipient)
  // happen at most once, whichever process scans first. Inserted in the transaction of its outbox row.
  await db.schema
    .createTable("reminders_sent")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("case_id", "text", (c) => c.notNull().references("cases.id"))
    .addColumn("deadline", "text", (c) => c.notNull())
    .addColumn("due_date", "text", (c) => c.notNull())
    // Days before the due date (14, 3, 0); negative while overdue (-7, -14, …).
    .addColumn("offset_days", "integer", (c) => c.notNull())
    .addColumn("notice", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("reminders_sent_once", [
      "case_id",
      "deadline",
      "due_date",
      "offset_days",
      "notice",
      "user_id",
    ])
    .addCheckConstraint("reminders_sent_deadline", inList("deadline", DEADLINE_KINDS))
    .addCheckConstraint("reminders_sent_notice", inList("notice", REMINDER_NOTICES))
    .execute();

  await db.schema
    .createTable("calendar_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    // sha256 of the token: the token itself is only shown once, to its owner.
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("revoked_at", "text")
    .execute();
  await db.schema.createIndex("calendar_tokens_user").on("calendar_tokens").column("user_id").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "calendar_tokens",
    "reminders_sent",
    "notification_preferences",
    "notifications",
    "outbox",
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
