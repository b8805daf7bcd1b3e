import { type Kysely, sql } from "kysely";
import { isPostgres } from "./dialect";

/**
 * Changing a check constraint in a migration, on both dialects. PostgreSQL drops and adds it; SQLite cannot alter a
 * check constraint, so the table is rebuilt from its own stored definition with only that constraint changed
 * (columns added by earlier migrations come along), its rows copied and its indexes recreated. Used by migrations
 * 0015 and 0016; a migration that has landed keeps its behaviour, so change this file only compatibly.
 */

/** `column in ('a', 'b', …)`. */
export function inList(column: string, values: readonly string[]): string {
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

export interface CheckChange {
  table: string;
  name: string;
  expression: string;
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped schema
export async function setCheck(db: Kysely<any>, { table, name, expression }: CheckChange): Promise<void> {
  if (isPostgres(db)) {
    await sql.raw(`alter table ${table} drop constraint ${name}`).execute(db);
    await sql.raw(`alter table ${table} add constraint ${name} check (${expression})`).execute(db);
    return;
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
  const rebuilt = replaceCheck(def, name, expression).replace(
    /^create table\s+"?[A-Za-z_]+"?/i,
    `create table "${table}__new"`,
  );
  await sql.raw(rebuilt).execute(db);
  await sql.raw(`insert into "${table}__new" select * from "${table}"`).execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${table}__new" rename to "${table}"`).execute(db);
  for (const index of indexes) await sql.raw(index).execute(db);
}
