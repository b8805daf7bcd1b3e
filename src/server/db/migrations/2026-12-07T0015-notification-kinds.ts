import { type Kysely, sql } from "kysely";
import { isPostgres } from "../dialect";

/**
 * A new kind of notice, `agendaCancelled` (the secretariat is told when a cancelled board meeting sends its cases
 * back to decision preparation, D2), in the check constraints of the outbox, the in-app notifications and the
 * e-mail preferences. PostgreSQL replaces each constraint; SQLite cannot alter a check constraint, so each table is
 * rebuilt from its own stored definition with only that constraint changed (columns added by later migrations
 * come along), its rows copied and its indexes recreated. Frozen once landed.
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

function inList(column: string, values: readonly string[]): string {
  return `${column} in (${values.map((v) => `'${v}'`).join(", ")})`;
}

/** The definition with `constraint "name" check (…)` replaced (the parentheses balanced, quotes respected). */
export function replaceCheck(createSql: string, name: string, expression: string): string {
  const head = new RegExp(`constraint\\s+"?${name}"?\\s+check\\s*\\(`, "i").exec(createSql);
  if (!head) throw new Error(`check constraint ${name} not found`);
  let depth = 1;
  let i = head.index + head[0].length;
  let quoted = false;
  for (; i < createSql.length && depth > 0; i++) {
    const ch = createSql[i];
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === "(") depth++;
    else if (!quoted && ch === ")") depth--;
  }
  if (depth !== 0) throw new Error(`check constraint ${name} is not closed`);
  return `${createSql.slice(0, head.index)}constraint "${name}" check (${expression})${createSql.slice(i)}`;
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
async function setChecks(db: Kysely<any>, kinds: readonly string[]): Promise<void> {
  const postgres = isPostgres(db);
  for (const { table, name, column } of CHECKS) {
    if (postgres) {
      await sql.raw(`alter table ${table} drop constraint ${name}`).execute(db);
      await sql
        .raw(`alter table ${table} add constraint ${name} check (${inList(column, kinds)})`)
        .execute(db);
      continue;
    }
    const def = await sql<{
      sql: string;
    }>`select sql from sqlite_master where type = 'table' and name = ${table}`
      .execute(db)
      .then((r) => r.rows[0]?.sql);
    if (!def) throw new Error(`table ${table} not found`);
    const indexes = await sql<{ sql: string }>`select sql from sqlite_master
      where type = 'index' and tbl_name = ${table} and sql is not null`
      .execute(db)
      .then((r) => r.rows.map((row) => row.sql));
    const rebuilt = replaceCheck(def, name, inList(column, kinds)).replace(
      /^create table\s+"?[A-Za-z_]+"?/i,
      `create table "${table}__new"`,
    );
    await sql.raw(rebuilt).execute(db);
    await sql.raw(`insert into "${table}__new" select * from "${table}"`).execute(db);
    await sql.raw(`drop table "${table}"`).execute(db);
    await sql.raw(`alter table "${table}__new" rename to "${table}"`).execute(db);
    for (const index of indexes) await sql.raw(index).execute(db);
  }
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
