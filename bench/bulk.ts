/**
 * Batched bulk writes for the data generator, on SQLite (better-sqlite3 prepared statements inside one
 * transaction per batch) or PostgreSQL (multi-row INSERTs inside one transaction per batch). Rows are
 * positional arrays in the column order of COLUMNS.
 */
import SQLite from "better-sqlite3";
import pg from "pg";
import { EVENT_COLUMNS } from "../src/server/modules/events/event-log";

export const COLUMNS = {
  cases: [
    "id",
    "registration_number",
    "reg_year",
    "reg_seq",
    "process",
    "process_version",
    "kind",
    "state",
    "title",
    "region_id",
    "local_college_id",
    "provider_id",
    "programme_id",
    "specialisation_id",
    "municipality_code",
    "certification_id",
    "linked_case_id",
    "criteria_set_id",
    "board_meeting_id",
    "record",
    "next_due_date",
    "next_deadline",
    "visit_date",
    "awaiting_roles",
    "enabled_actions",
    "created_by",
    "created_at",
    "updated_at",
    "state_since",
    "closed_at",
    "version",
  ],
  events: EVENT_COLUMNS,
  case_participants: ["case_id", "user_id", "role", "task_open", "task_due", "task_since"],
  meeting_placements: ["board_meeting_id", "case_id"],
  documents: [
    "id",
    "owner_type",
    "owner_id",
    "case_id",
    "slot",
    "title",
    "created_at",
    "created_by",
    "current_version",
  ],
  document_versions: [
    "id",
    "document_id",
    "version",
    "sha256",
    "size",
    "mime",
    "original_name",
    "safe_name",
    "created_at",
    "created_by",
    "generated",
  ],
  registry_entries: [
    "id",
    "case_id",
    "seq",
    "registered_on",
    "direction",
    "counterpart",
    "description",
    "document_id",
    "document_version",
    "created_at",
  ],
  certifications: [
    "id",
    "case_id",
    "region_id",
    "subject_kind",
    "subject_id",
    "subject_name",
    "valid_from",
    "valid_to",
    "status",
    "ended_by_case_id",
    "created_at",
    "updated_at",
    "version",
  ],
} as const;

export type BulkTable = keyof typeof COLUMNS;
/** Insert order within a batch (parents before children, for the foreign keys). */
export const TABLE_ORDER: BulkTable[] = [
  "cases",
  "events",
  "case_participants",
  "meeting_placements",
  "documents",
  "document_versions",
  "registry_entries",
  "certifications",
];

export type Value = string | number | null;

export interface BulkSink {
  readonly engine: "sqlite" | "postgres";
  begin(): Promise<void>;
  add(table: BulkTable, row: Value[]): void;
  /** Writes what is buffered and commits the batch. */
  commit(): Promise<void>;
  /** Tables that exist (the documents tables arrive with a later migration). */
  hasTable(table: string): Promise<boolean>;
  /**
   * Drops the plain (non-unique, non-constraint) indexes of the tables and returns the statements that
   * recreate them exactly as the migrations made them.
   */
  dropSecondaryIndexes(tables: readonly string[]): Promise<{ name: string; sql: string }[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export function sqliteSink(file: string): BulkSink {
  const db = new SQLite(file);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  // Bulk load: a large page cache, no fsync per batch (a crash during generation just means generating again).
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  const statements = new Map<BulkTable, SQLite.Statement>();
  const stmt = (table: BulkTable) => {
    let s = statements.get(table);
    if (!s) {
      const cols = COLUMNS[table];
      s = db.prepare(`insert into ${table} (${cols.join(", ")}) values (${cols.map(() => "?").join(", ")})`);
      statements.set(table, s);
    }
    return s;
  };
  return {
    engine: "sqlite",
    async begin() {
      db.exec("begin");
    },
    add(table, row) {
      stmt(table).run(row);
    },
    async commit() {
      db.exec("commit");
    },
    async hasTable(table) {
      return Boolean(db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table));
    },
    async dropSecondaryIndexes(tables) {
      const rows = db
        .prepare(
          `select name, sql from sqlite_master where type = 'index' and sql is not null
           and tbl_name in (${tables.map(() => "?").join(", ")}) and sql not like 'create unique%' collate nocase`,
        )
        .all(...tables) as { name: string; sql: string }[];
      for (const r of rows) db.exec(`drop index "${r.name}"`);
      return rows;
    },
    async exec(sql) {
      db.exec(sql);
    },
    async close() {
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.close();
    },
  };
}

/** Rows per INSERT statement: under PostgreSQL's 65,535 parameters. */
const PG_MAX_PARAMS = 60_000;

export function postgresSink(url: string): BulkSink {
  const client = new pg.Client({ connectionString: url });
  let connected: Promise<void> | null = null;
  const connect = () => {
    connected ??= client.connect().then(() => undefined);
    return connected;
  };
  const buffers = new Map<BulkTable, Value[][]>();
  return {
    engine: "postgres",
    async begin() {
      await connect();
      await client.query("begin");
    },
    add(table, row) {
      let b = buffers.get(table);
      if (!b) {
        b = [];
        buffers.set(table, b);
      }
      b.push(row);
    },
    async commit() {
      for (const table of TABLE_ORDER) {
        const rows = buffers.get(table);
        if (!rows?.length) continue;
        const cols = COLUMNS[table];
        const per = Math.floor(PG_MAX_PARAMS / cols.length);
        for (let i = 0; i < rows.length; i += per) {
          const chunk = rows.slice(i, i + per);
          const params: Value[] = [];
          const tuples = chunk.map((r) => {
            const start = params.length;
            params.push(...r);
            return `(${r.map((_, j) => `$${start + j + 1}`).join(", ")})`;
          });
          await client.query(`insert into ${table} (${cols.join(", ")}) values ${tuples.join(", ")}`, params);
        }
        rows.length = 0;
      }
      await client.query("commit");
    },
    async hasTable(table) {
      await connect();
      const r = await client.query("select to_regclass(current_schema() || '.' || $1) as t", [table]);
      return r.rows[0]?.t !== null;
    },
    async dropSecondaryIndexes(tables) {
      await connect();
      const r = await client.query<{ name: string; sql: string }>(
        `select i.indexname as name, i.indexdef as sql from pg_indexes i
         where i.schemaname = current_schema() and i.tablename = any($1)
           and i.indexdef not like 'CREATE UNIQUE%'
           and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
        [tables as string[]],
      );
      for (const row of r.rows) await client.query(`drop index "${row.name}"`);
      return r.rows;
    },
    async exec(sql) {
      await connect();
      await client.query(sql);
    },
    async close() {
      await client.end();
    },
  };
}
