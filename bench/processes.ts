/**
 * Server processes for the HTTP benchmarks: Spelplan started as `npm start` starts it (`node` with SERVER_ARGS,
 * src/server/launch.ts), and the bare Fastify yardstick. Each runs on loopback on a free port.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freeLoopbackPort as freePort } from "../src/server/free-port";
import { SERVER_ARGS } from "../src/server/launch";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export { freePort };

export interface Proc {
  url: string;
  pid: number;
  child: ChildProcess;
  output(): string;
  /** Peak and current resident set size in MB (VmHWM, VmRSS from /proc/<pid>/status). */
  memory(): { peakMb: number; rssMb: number } | null;
  /** SIGTERM and wait (the server closes, and a --cpu-prof profile is written on exit). */
  stop(): Promise<number | null>;
}

export function memoryOf(pid: number): { peakMb: number; rssMb: number } | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
    return { peakMb: Math.round(kb("VmHWM") / 1024), rssMb: Math.round(kb("VmRSS") / 1024) };
  } catch {
    return null;
  }
}

function launch(
  args: string[],
  env: Record<string, string>,
  ready: (url: string) => Promise<boolean>,
  port: number,
  timeoutMs: number,
): Promise<Proc> {
  let out = "";
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => {
    out = (out + d.toString()).slice(-20_000);
  });
  child.stderr?.on("data", (d) => {
    out = (out + d.toString()).slice(-20_000);
  });
  const url = `http://127.0.0.1:${port}`;
  const proc: Proc = {
    url,
    pid: child.pid ?? 0,
    child,
    output: () => out,
    memory: () => memoryOf(child.pid ?? 0),
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
        child.once("exit", (code) => {
          clearTimeout(timer);
          resolve(code);
        });
        child.kill("SIGTERM");
      });
    },
  };
  return (async () => {
    const started = Date.now();
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(" ")} exited (${child.exitCode}):\n${out}`);
      try {
        if (await ready(url)) return proc;
      } catch {
        // not listening yet
      }
      if (Date.now() - started > timeoutMs) {
        child.kill("SIGKILL");
        throw new Error(`${args.join(" ")} did not become ready:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
}

export async function startSpelplan(opts: {
  dataDir?: string;
  databaseUrl?: string;
  /** Folder for a --cpu-prof profile of the server. */
  cpuProfDir?: string;
  /** Node's arguments instead of SERVER_ARGS (an experiment's variant). */
  args?: readonly string[];
}): Promise<Proc> {
  const port = await freePort();
  const args = [
    ...(opts.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.cpuProfDir}`] : []),
    ...(opts.args ?? SERVER_ARGS),
  ];
  const env: Record<string, string> = {
    SPELPLAN_QUIET: "1",
    SPELPLAN_SKIP_WEB_BUILD: "1",
    SPELPLAN_DEMO: "0",
    // The outbox dispatcher and reminder scan are background work on timers; the benchmark measures requests.
    SPELPLAN_DISPATCHER: "0",
    LOG_LEVEL: "warn",
  };
  if (opts.dataDir) env.SPELPLAN_DATA_DIR = opts.dataDir;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  return launch(args, env, async (url) => (await fetch(`${url}/readyz`)).ok, port, 300_000);
}

export async function startBare(): Promise<Proc> {
  const port = await freePort();
  return launch(
    ["--import", "tsx", "bench/bare-server.ts"],
    {},
    async (url) => (await fetch(`${url}/bare`)).ok,
    port,
    60_000,
  );
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

/** Logs in over HTTP as the app's own login form does. */
export async function login(url: string, email: string, password: string): Promise<Session> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  const me = (await res.json()) as { csrfToken: string; id: string };
  return { cookie, csrf: me.csrfToken, userId: me.id };
}
