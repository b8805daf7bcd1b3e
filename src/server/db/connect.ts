import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, type Transaction } from "kysely";
import pg from "pg";
import { BACKSTOP_PAGES, DEFAULT_AUTOCHECKPOINT_PAGES, startCheckpointer } from "./checkpointer";
import type { Database } from "./schema";
import { QueuedSqliteDialect } from "./sqlite-driver";

export type DB = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or a transaction: repositories accept both. */
export type Executor = Kysely<Database>;

export interface ConnectOptions {
  /** `postgres://…` for PostgreSQL; unset for SQLite in `dataDir`. */
  databaseUrl?: string;
  /** Folder of the SQLite file (`spelplan.sqlite`). */
  dataDir?: string;
  /** Explicit SQLite file name, `:memory:` for tests. */
  sqliteFile?: string;
  poolSize?: number;
  /**
   * SQLite in a file: checkpoint the write-ahead log from a worker thread (checkpointer.ts) rather than inside the
   * commits of this connection. On unless false.
   */
  checkpointInBackground?: boolean;
}

export function engineOf(opts: ConnectOptions): "postgres" | "sqlite" {
  return opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl) ? "postgres" : "sqlite";
}

// PostgreSQL returns bigint counts as strings; our counts fit in a JS number.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function connect(opts: ConnectOptions): DB {
  if (engineOf(opts) === "postgres") {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle client that loses its connection must not crash the process.
    pool.on("error", () => {});
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  let file = opts.sqliteFile;
  if (!file) {
    const dir = opts.dataDir ?? "./data";
    fs.mkdirSync(dir, { recursive: true });
    file = path.join(dir, "spelplan.sqlite");
  }
  const sqlite = new SQLite(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  // Only a file in WAL mode has a log to checkpoint (`:memory:` reports "memory").
  const checkpointer = () => {
    if (opts.checkpointInBackground === false || sqlite.pragma("journal_mode", { simple: true }) !== "wal") {
      return null;
    }
    sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    return startCheckpointer(path.resolve(sqlite.name), {
      onError: (error) => {
        process.emitWarning(`SQLite checkpoints back on the server's connection: ${error.message}`);
        if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
      },
    });
  };
  return new Kysely<Database>({
    dialect: new QueuedSqliteDialect({ database: withStatementCache(sqlite) }, checkpointer),
  });
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements can be reused, and preparing is a large share of
 * a short query's cost (the benchmark measured +50 % actions per second). Statements are kept per SQL text,
 * at most `max` of them (the oldest is dropped first). Queries run one at a time on the connection
 * (sqlite-driver.ts), so a cached statement is never in use twice at once.
 */
function withStatementCache(db: SQLite.Database, max = 1000) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = db.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}
