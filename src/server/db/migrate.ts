import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from "kysely";
import { isPostgres } from "./dialect";
import * as m20261128a from "./migrations/2026-11-28T0001-foundation";
import * as m20261128b from "./migrations/2026-11-28T0002-cases";
import * as m20261128c from "./migrations/2026-11-28T0003-notifications";
import * as m20261128d from "./migrations/2026-11-28T0004-documents";
import * as m20261129a from "./migrations/2026-11-29T0005-read-models";
import * as m20261129b from "./migrations/2026-11-29T0006-reviewer-tasks";
import * as m20261129c from "./migrations/2026-11-29T0007-task-sort-key";
import * as m20261129d from "./migrations/2026-11-29T0008-region-status-indexes";
import * as m20261129e from "./migrations/2026-11-29T0009-planned-visits";
import * as m20261129f from "./migrations/2026-11-29T0010-registry-entry-per-version";
import * as m20261129g from "./migrations/2026-11-29T0011-meeting-placements";
import * as m20261130a from "./migrations/2026-11-30T0012-case-list-order";
import * as m20261207a from "./migrations/2026-12-07T0013-login-throttle";
import * as m20261207c from "./migrations/2026-12-07T0015-notification-kinds";
import * as m20261207d from "./migrations/2026-12-07T0016-outbox-cancelled";
import * as m20261207e from "./migrations/2026-12-07T0017-follow-up";
import * as m20261207f from "./migrations/2026-12-07T0018-follow-up-notices";

/** Every migration, in order. Add new files here; never edit one that has landed. */
const MIGRATIONS: Record<string, Migration> = {
  "2026-11-28T0001-foundation": m20261128a,
  "2026-11-28T0002-cases": m20261128b,
  "2026-11-28T0003-notifications": m20261128c,
  "2026-11-28T0004-documents": m20261128d,
  "2026-11-29T0005-read-models": m20261129a,
  "2026-11-29T0006-reviewer-tasks": m20261129b,
  "2026-11-29T0007-task-sort-key": m20261129c,
  "2026-11-29T0008-region-status-indexes": m20261129d,
  "2026-11-29T0009-planned-visits": m20261129e,
  "2026-11-29T0010-registry-entry-per-version": m20261129f,
  "2026-11-29T0011-meeting-placements": m20261129g,
  "2026-11-30T0012-case-list-order": m20261130a,
  "2026-12-07T0013-login-throttle": m20261207a,
  "2026-12-07T0015-notification-kinds": m20261207c,
  "2026-12-07T0016-outbox-cancelled": m20261207d,
  "2026-12-07T0017-follow-up": m20261207e,
  "2026-12-07T0018-follow-up-notices": m20261207f,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return MIGRATIONS;
  }
}

/**
 * On PostgreSQL the migration tables live in the connection's current schema, named explicitly: Kysely
 * otherwise recognises them by name in any schema of the database (several schemas share one database in
 * the tests, one per test).
 */
// biome-ignore lint/suspicious/noExplicitAny: works on any schema
export async function migrator(db: Kysely<any>): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (isPostgres(db)) {
    const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = r.rows[0]?.schema;
  }
  return new Migrator({ db, provider: new StaticProvider(), migrationTableSchema });
}

/** Brings the schema up to date. Safe to call from several processes at once (Kysely takes a lock). */
// biome-ignore lint/suspicious/noExplicitAny: works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await withForeignKeysOff(db, async () => (await migrator(db)).migrateToLatest());
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Undoes the latest migration (tests of a migration's `down`). */
// biome-ignore lint/suspicious/noExplicitAny: works on any schema
export async function migrateDownOne(db: Kysely<any>): Promise<void> {
  const { error } = await withForeignKeysOff(db, async () => (await migrator(db)).migrateDown());
  if (error) throw error;
}

/**
 * SQLite rebuilds a table to change its check constraints (check-constraints.ts): with foreign keys on, dropping a
 * table that others refer to (cases) fails, and the pragma cannot change inside the migrations' transaction. So
 * they are off while migrating, as SQLite's own procedure for altering a table says, and every reference is
 * checked before the result counts.
 */
// biome-ignore lint/suspicious/noExplicitAny: works on any schema
async function withForeignKeysOff<T>(db: Kysely<any>, fn: () => Promise<T>): Promise<T> {
  if (isPostgres(db)) return fn();
  await sql`pragma foreign_keys = off`.execute(db);
  let result: T;
  try {
    result = await fn();
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
  const broken = await sql<Record<string, unknown>>`pragma foreign_key_check`.execute(db);
  if (broken.rows.length)
    throw new Error(`foreign keys broken after migrating: ${JSON.stringify(broken.rows.slice(0, 5))}`);
  return result;
}

/** Names of migrations not yet applied. */
// biome-ignore lint/suspicious/noExplicitAny: works on any schema
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await (await migrator(db)).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

/** Drops every table (for `demo:reset` and tests). */
// biome-ignore lint/suspicious/noExplicitAny: works on any schema
export async function dropEverything(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop schema public cascade`.execute(db);
    await sql`create schema public`.execute(db);
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'
    and name not like 'sqlite_%'`.execute(db);
  for (const t of tables.rows) await sql.raw(`drop table if exists "${t.name}"`).execute(db);
  await sql`pragma foreign_keys = on`.execute(db);
}
