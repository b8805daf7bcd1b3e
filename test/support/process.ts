import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { login } from "../../bench/processes";
import { freeLoopbackPort as freePort } from "../../src/server/free-port";
import { SERVER_ARGS } from "../../src/server/launch";
import { testPgAdminUrl } from "./pg";

/** Real server processes for reliability tests: started as `npm start` would, killed as a crash would. */

export { freePort };

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ServerProcess> {
  const port = await freePort();
  let out = "";
  const child = spawn(process.execPath, SERVER_ARGS, {
    cwd: path.resolve(import.meta.dirname, "../.."),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      SPELPLAN_QUIET: "1",
      SPELPLAN_SKIP_WEB_BUILD: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => {
    out += d.toString();
  });
  child.stderr?.on("data", (d) => {
    out += d.toString();
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${url}/readyz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`server did not become ready:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    child,
    output: () => out,
    kill(signal: NodeJS.Signals = "SIGKILL") {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill(signal);
      });
    },
  };
}

export function tempDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "spelplan-proc-"));
}

const ADMIN_URL = testPgAdminUrl();

/** A fresh PostgreSQL database for one test; drop() removes it. */
export async function tempPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `spelplan_proc_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A logged-in HTTP client against a real server (cookie + CSRF). */
export async function httpLogin(url: string, email: string, password = "spelplan-demo") {
  const { cookie, csrf } = await login(url, email, password);
  return {
    cookie,
    csrf,
    async call(method: string, p: string, body?: unknown, base = url) {
      const r = await fetch(`${base}${p}`, {
        method,
        headers: {
          cookie,
          "x-csrf-token": csrf,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null };
    },
  };
}
