import type { Kysely } from "kysely";

/**
 * Login throttling kept in the database (domain/policies/login-throttle.ts), so that every app process counts the
 * same failures: one row per account (`account:<e-mail>`) or client address (`ip:<address>`) with failures in its
 * window, the lock's end and its level. A successful login deletes its account's row; rows of quiet keys are
 * pruned as logins go by. Replaces the in-memory per-process rate limit. Frozen once landed.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("login_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_start", "text", (c) => c.notNull())
    .addColumn("locked_until", "text")
    .addColumn("level", "integer", (c) => c.notNull())
    .addColumn("last_failure_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_throttle_locked").on("login_throttle").column("locked_until").execute();
  await db.schema.createIndex("login_throttle_last").on("login_throttle").column("last_failure_at").execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("login_throttle").execute();
}
