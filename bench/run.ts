/**
 * `npm run bench -- [options]`: Spelplan's benchmarks (docs/performance.md).
 *
 *   --quick                 scale 10,000, short runs (under five minutes); results in bench/results/<date>-quick.*
 *   --scale N               one scale (default with --quick: 10,000)
 *   --scales A,B,C          several scales (default: 10000,100000,1000000)
 *   --generate-only         only fill a database (--scale N, --data-dir DIR or DATABASE_URL) and print the manifest
 *   --data-dir DIR          with --generate-only: where the SQLite database goes (default: a temp dir)
 *   --data-root DIR         where each scale's SQLite database is generated (default: the OS temp dir)
 *   --reuse                 use a database already generated under --data-root for a scale (scenario e moved cases)
 *   --keep                  keep the generated databases (default: removed at the end)
 *   --duration S            seconds per HTTP scenario (default 15, quick 4)
 *   --connections N         autocannon connections (default 50)
 *   --skip http,engine,web,experiments,profile,readme   leave parts out
 *   --profile auto|a,b,...  CPU-profile the server (node --cpu-prof) for these scenarios at the reference scale;
 *                           auto (default; none with --quick): the scenarios that missed a target
 *   --lcp-scale N           the scale whose database the web page loads run against (default 100,000)
 *   --render FILE.json      write the markdown (and a full run's README section) again from a results file
 *   --out NAME              results as bench/results/NAME.json/.md (a named run leaves the README alone)
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stockholmDate } from "../src/domain/certification/deadlines";
import { connect, type DB } from "../src/server/db/connect";
import {
  bareInsertLoop,
  bpmnInstances,
  type SpelplanRun,
  spelplanInstances,
  stopBenchPostgres,
  tempDir,
  tempPgDatabase,
} from "./engine";
import { runExperiments } from "./experiments";
import { generate, type Manifest, readManifest } from "./generate";
import { growthRatios, interleavedGrowth, READ_SCENARIOS } from "./growth";
import {
  actionScenario,
  benchUsers,
  cannon,
  type HttpContext,
  headersOf,
  pageLoadScenario,
  planActions,
  prepareHttp,
  readScenario,
  type ScenarioId,
  timedGet,
} from "./http";
import { type Proc, ROOT, startBare, startSpelplan } from "./processes";
import { newestProfile, summariseProfile } from "./profile";
import { clock } from "./progress";
import {
  evaluateTargets,
  type Results,
  type ScaleResult,
  type ScenarioResult,
  updateReadme,
  writeResults,
} from "./report";
import { median } from "./stats";
import { warmPageCache } from "./warm";
import { buildWeb, bundleReport, largestPage, measureLcp } from "./web";

// ---- options -----------------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
function flag(name: string): boolean {
  return argv.includes(`--${name}`);
}
function option(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}
function numberOption(name: string): number | undefined {
  const v = option(name);
  if (v === undefined) return undefined;
  const n = Number(v.replaceAll("_", "").replaceAll(",", ""));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name}: not a positive number: ${v}`);
  return n;
}

const quick = flag("quick");
const log = (m: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}\n`);

async function generateOnly(): Promise<void> {
  const scale = numberOption("scale") ?? 10_000;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = databaseUrl ? undefined : (option("data-dir") ?? tempDir(`spelplan-bench-${scale}-`));
  const started = performance.now();
  const manifest = await generate({ scale, dataDir, databaseUrl });
  log(`done in ${clock((performance.now() - started) / 1000)}: ${dataDir ?? databaseUrl}`);
  console.log(JSON.stringify({ ...manifest, users: undefined }, null, 2));
}

// ---- helpers ------------------------------------------------------------------------------------------------

/** Waits until the server answers /healthz promptly again (requests from a finished run may still be queued). */
async function drain(url: string, limitS = 900): Promise<number> {
  const started = performance.now();
  let fast = 0;
  while ((performance.now() - started) / 1000 < limitS) {
    const t = performance.now();
    try {
      await (await fetch(`${url}/healthz`)).arrayBuffer();
    } catch {
      // a moment
    }
    fast = performance.now() - t < 50 ? fast + 1 : 0;
    if (fast >= 2) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return Math.round((performance.now() - started) / 100) / 10;
}

/** Samples the server's RSS while a promise runs. */
async function sampling<T>(proc: Proc, maxRss: { mb: number }, work: Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    const m = proc.memory();
    if (m && m.rssMb > maxRss.mb) maxRss.mb = m.rssMb;
  }, 250);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

function gitInfo(): { commit: string; dirtyFiles: number } {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: ROOT }).toString().trim();
    return { commit, dirtyFiles: dirty ? dirty.split("\n").length : 0 };
  } catch {
    return { commit: "unknown", dirtyFiles: 0 };
  }
}

// ---- one scale ------------------------------------------------------------------------------------------------

interface ScaleRun {
  result: ScaleResult;
  dataDir: string;
  manifest: Manifest;
}

interface ScaleOptions {
  scale: number;
  dataRoot: string;
  reuse: boolean;
  duration: number;
  warmup: number;
  connections: number;
  lcp: boolean;
  lcpRuns: number;
  skipHttp: boolean;
  /** Leave (e) for a later `runActions`: it moves cases on, and the growth in turns must read the data as generated. */
  deferActions: boolean;
  notes: string[];
}

/** A scale's database generated (or reused), its read scenarios run and, unless deferred, (e). */
async function runScale(opts: ScaleOptions): Promise<ScaleRun> {
  const { scale } = opts;
  const dataDir = path.join(opts.dataRoot, `spelplan-bench-${scale}`);
  let manifest = opts.reuse ? readManifest(dataDir) : null;
  let reused = Boolean(manifest);
  if (manifest && manifest.scale !== scale) {
    manifest = null;
    reused = false;
  }
  if (!manifest) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    log(`generating ${scale.toLocaleString("en")} cases in ${dataDir}`);
    manifest = await generate({ scale, dataDir });
  } else {
    log(`reusing ${dataDir} (generated ${manifest.generatedAt})`);
  }
  const result: ScaleResult = {
    scale,
    engine: "sqlite",
    generation: {
      seconds: manifest.seconds,
      reused,
      events: manifest.counts.events,
      fileBytes: manifest.fileBytes,
      templateReplays: manifest.templateReplays,
    },
    bare: [],
    bareRps: 0,
    scenarios: {},
    rss: { peakMb: 0, maxSampledMb: 0 },
    dashboard: "GET /api/dashboard",
  };
  const run = { result, dataDir, manifest };
  if (opts.skipHttp) return run;
  await withServers(run, opts, true, async (h) => {
    await readScenarios(h, run, opts);
    if (!opts.deferActions) await runScenarioE(h, run, opts);
  });
  return run;
}

/** (e) on a scale whose read scenarios ran before (`deferActions`), with the closing bare measurement. */
async function runActions(run: ScaleRun, opts: ScaleOptions): Promise<void> {
  await withServers(run, opts, false, (h) => runScenarioE(h, run, opts));
}

/** The bare yardstick and a Spelplan server on a scale's database, with logged-in sessions. */
interface Harness {
  /** The Spelplan server now running (a new one after a restart). */
  readonly server: Proc;
  ctx: HttpContext;
  db: DB;
  maxRss: { mb: number };
  /** A server that died (out of memory, say) is recorded and started again for the remaining scenarios. */
  alive(after: string): Promise<void>;
  restart(): Promise<void>;
  measureBare(): Promise<void>;
}

async function withServers(
  run: ScaleRun,
  opts: ScaleOptions,
  warm: boolean,
  f: (h: Harness) => Promise<void>,
): Promise<void> {
  const { result, dataDir, manifest } = run;
  const { scale } = opts;
  // The server migrates the database first (a reused one may be behind), then the page cache is warmed (warm.ts).
  const bare = await startBare();
  let server = await startSpelplan({ dataDir });
  if (warm) {
    const w = warmPageCache(dataDir);
    log(`  page cache: ${w.tables} tables and ${w.indexes} indexes read in ${w.seconds} s`);
    opts.notes.push(
      `At ${scale.toLocaleString("en")} cases the tables the read scenarios use and their indexes (not the event log) were read once before the scenarios, in ${w.seconds} s, so that the page cache holds them as on a server that has been running (bench/warm.ts).`,
    );
  }
  const db = connect({ dataDir });
  const login = () => prepareHttp({ url: server.url, db, ...benchUsers(manifest), log });
  let peakMb = 0;
  try {
    const h: Harness = {
      get server() {
        return server;
      },
      ctx: await login(),
      db,
      maxRss: { mb: 0 },
      async alive(after) {
        if (server.child.exitCode === null && server.child.signalCode === null) {
          peakMb = Math.max(peakMb, server.memory()?.peakMb ?? 0);
          return;
        }
        const tail = server.output().trim().split("\n").slice(-3).join(" ");
        const note = `At ${scale.toLocaleString("en")} cases the server exited during ${after} (code ${server.child.exitCode}, signal ${server.child.signalCode}): ${tail.slice(0, 300)}; it was started again for the rest.`;
        opts.notes.push(note);
        log(`  ${note}`);
        await h.restart();
      },
      async restart() {
        await server.stop();
        server = await startSpelplan({ dataDir });
        h.ctx = await login();
      },
      async measureBare() {
        await cannon("warmup", {
          url: bare.url,
          path: "/bare",
          connections: opts.connections,
          duration: opts.warmup,
        });
        const m = await cannon("bare", {
          url: bare.url,
          path: "/bare",
          connections: opts.connections,
          duration: opts.duration,
        });
        result.bare.push(m);
        log(`  bare: ${m.rps.toLocaleString("en")}/s p50 ${m.p50} ms p99 ${m.p99} ms`);
      },
    };
    await f(h);
    const mem = server.memory();
    result.rss = {
      peakMb: Math.max(result.rss.peakMb, peakMb, mem?.peakMb ?? 0),
      maxSampledMb: Math.max(result.rss.maxSampledMb, h.maxRss.mb, mem?.rssMb ?? 0),
    };
    log(`  server peak RSS ${result.rss.peakMb} MB`);
  } finally {
    await db.destroy();
    await server.stop();
    await bare.stop();
  }
}

/** The bare yardstick, then (a)–(d), then the page loads at the LCP scale. */
async function readScenarios(h: Harness, run: ScaleRun, opts: ScaleOptions): Promise<void> {
  const { result } = run;
  const { scale } = opts;
  await h.measureBare();
  for (const id of ["a", "b", "c", "d"] as const) {
    const measured = await measureRead(id, {
      url: h.server.url,
      ctx: h.ctx,
      proc: h.server,
      maxRss: h.maxRss,
      scale,
      connections: opts.connections,
      duration: opts.duration,
      warmup: opts.warmup,
      notes: opts.notes,
    });
    if (id === "c") {
      result.dashboard = h.ctx.dashboard
        ? "GET /api/dashboard"
        : "GET /api/cases?overdue=true + GET /api/tasks";
    }
    result.scenarios[id] = measured;
    if (measured.wedged) {
      opts.notes.push(
        `At ${scale.toLocaleString("en")} cases the server was still busy with (${id}) and was restarted for the remaining scenarios.`,
      );
      await h.restart();
    }
    const m = measured;
    log(
      `  (${id}) ${m.rps}/s p50 ${m.p50} ms p99 ${m.p99} ms non-2xx ${m.non2xx} errors ${m.errors} drain ${m.drainSeconds} s${m.note ? ` — ${m.note}` : ""}`,
    );
    await h.alive(`(${id})`);
  }
  const pages = await measurePageLoads(h, opts);
  result.pageLoads = pages;
  log(
    `  page loads: ${pages.rps}/s p50 ${pages.p50} ms p99 ${pages.p99} ms non-2xx ${pages.non2xx}${pages.rendered ? "" : " (not rendered by the server)"}`,
  );
  await h.alive("the page loads");
  if (opts.lcp) {
    const c = await h.db
      .selectFrom("cases")
      .select(["id", "registration_number"])
      .where("state", "=", "closed")
      .orderBy("updated_at", "desc")
      .limit(1)
      .executeTakeFirstOrThrow();
    log("  web: largest contentful paint");
    result.lcp = await measureLcp({
      url: h.server.url,
      email: run.manifest.users.secretariat[1] ?? run.manifest.users.secretariat[0],
      password: run.manifest.password,
      runs: opts.lcpRuns,
      pages: [
        { page: "dashboard", path: "/dashboard", ready: "Ärenden per steg" },
        { page: "case page", path: `/cases/${c.id}`, ready: c.registration_number },
      ],
    });
    for (const l of result.lcp) log(`    ${l.page}: ${l.medianMs} ms (${l.runs.join(", ")})`);
    await drain(h.server.url);
    await h.alive("the page loads");
  }
  // Until (e) and the closing bare measurement, the shares read the opening one.
  sharesOfBare(result);
}

/**
 * Full page loads, ten at a time, for the memory they cost the server: each renders a page with its data in the
 * rendering worker (session 6 measured the server's peak under them by hand). No target of its own.
 */
async function measurePageLoads(
  h: Harness,
  opts: ScaleOptions,
): Promise<NonNullable<ScaleResult["pageLoads"]>> {
  const spec = pageLoadScenario(h.ctx);
  const probe = await fetch(`${h.server.url}/dashboard`, { headers: spec.headers });
  const html = await probe.text();
  // The dashboard's own heading is in the HTML only when the server rendered the page.
  const rendered = probe.ok && html.includes("Ärenden per steg");
  if (!rendered) {
    opts.notes.push(
      `At ${opts.scale.toLocaleString("en")} cases the dashboard page came back without its content (status ${probe.status}): the page loads were not rendered by the server.`,
    );
  }
  const connections = 10;
  const m = await sampling(
    h.server,
    h.maxRss,
    cannon("pages", { url: h.server.url, connections, duration: opts.duration, timeout: 120, ...spec }),
  );
  return { ...m, shareOfBare: 0, connections, drainSeconds: await drain(h.server.url), rendered };
}

/** (e) last on a database, since it moves cases forward; then the bare yardstick again and the shares of it. */
async function runScenarioE(h: Harness, run: ScaleRun, opts: ScaleOptions): Promise<void> {
  const { result } = run;
  const target = Math.max(500, Math.round(opts.duration * 400));
  const planned = await planActions(h.db, h.ctx.secretariat.userId, new Date(), target);
  const spec = actionScenario(h.ctx, planned);
  const m = await sampling(
    h.server,
    h.maxRss,
    cannon("e", { url: h.server.url, connections: opts.connections, ...spec }),
  );
  const fallbacks = spec.fallbacks();
  const e: ScenarioResult = {
    ...m,
    ok: m.ok - fallbacks,
    rps: Math.round(((m.ok - fallbacks) / m.seconds) * 10) / 10,
    shareOfBare: 0,
    connections: opts.connections,
    drainSeconds: await drain(h.server.url),
    note: `${planned.length} planned actions over ${new Set(planned.map((p) => p.action)).size} action types`,
  };
  result.scenarios.e = e;
  log(`  (e) ${e.rps}/s (${e.ok} of ${planned.length} 2xx) p50 ${e.p50} ms p99 ${e.p99} ms`);
  await h.alive("(e)");
  await h.measureBare();
  sharesOfBare(result);
}

/** Every scenario as a share of the median of the bare measurements so far. */
function sharesOfBare(result: ScaleResult): void {
  result.bareRps = Math.round(median(result.bare.map((b) => b.rps)));
  for (const s of [...Object.values(result.scenarios), result.pageLoads])
    if (s) s.shareOfBare = s.rps / result.bareRps;
}

/**
 * How long the server keeps everyone else waiting: /healthz asked every 200 ms while something else runs; the
 * longest answer time (a synchronous SQLite query blocks the whole process).
 */
function stalls(url: string): { stop(): Promise<number> } {
  let running = true;
  let worst = 0;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      try {
        await (await fetch(`${url}/healthz`)).arrayBuffer();
      } catch {
        // counted by the time it took
      }
      worst = Math.max(worst, performance.now() - t);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return Math.round(worst);
    },
  };
}

/** One request's time decides how a read scenario is measured (see docs/performance.md). */
const PROBE_LIMIT_MS = 5 * 60_000;

function probePath(
  id: "a" | "b" | "c" | "d",
  ctx: HttpContext,
): { path: string; headers: Record<string, string> } {
  switch (id) {
    case "a":
      return { path: `/api/cases/${ctx.caseIds[0]}`, headers: headersOf(ctx.secretariat) };
    case "b":
      return { path: "/api/tasks", headers: headersOf(ctx.reviewer) };
    case "c":
      return {
        path: ctx.dashboard ? "/api/dashboard" : "/api/cases?overdue=true",
        headers: headersOf(ctx.secretariat),
      };
    case "d":
      return { path: "/api/cases?step=protocol", headers: headersOf(ctx.secretariat) };
  }
}

/**
 * A read scenario. A first request (the probe) decides the mode: up to 1 s, warm-up and a timed run with all
 * connections; up to 5 s, no warm-up (fifty warm-up requests would queue for minutes); above 5 s, three
 * requests one after another; above 60 s, the probe alone. The dashboard's connections are reduced when fifty
 * of its responses at once could take more memory than this shared machine should give.
 */
async function measureRead(
  id: "a" | "b" | "c" | "d",
  o: {
    url: string;
    ctx: HttpContext;
    proc: Proc;
    maxRss: { mb: number };
    scale: number;
    connections: number;
    duration: number;
    warmup: number;
    notes: string[];
  },
): Promise<ScenarioResult> {
  const at = `At ${o.scale.toLocaleString("en")} cases (${id})`;
  const first = probePath(id, o.ctx);
  const watch = stalls(o.url);
  let probe = await sampling(
    o.proc,
    o.maxRss,
    timedGet(`${o.url}${first.path}`, first.headers, PROBE_LIMIT_MS),
  );
  const stalled = await watch.stop();
  if (id === "c" && o.ctx.dashboard && probe.status !== 200 && probe.status !== 0) {
    o.notes.push(
      `${at}: GET /api/dashboard answered ${probe.status}, so (c) measured the overdue list and tasks.`,
    );
    o.ctx.dashboard = false;
    const p = probePath(id, o.ctx);
    probe = await timedGet(`${o.url}${p.path}`, p.headers, PROBE_LIMIT_MS);
  }
  // A slow first answer may be a cache being filled (the dashboard keeps its step durations): ask again, and
  // let the second answer decide, noting the first.
  let cold: string | undefined;
  if (probe.status !== 0 && probe.ms > 1000 && probe.ms <= 10 * 60_000) {
    const p = probePath(id, o.ctx);
    const again = await sampling(o.proc, o.maxRss, timedGet(`${o.url}${p.path}`, p.headers, PROBE_LIMIT_MS));
    if (again.status !== 0 && again.ms < probe.ms / 2) {
      cold = `the first request took ${(probe.ms / 1000).toFixed(1)} s (meanwhile /healthz waited up to ${(stalled / 1000).toFixed(1)} s), the next ${(again.ms / 1000).toFixed(1)} s (a cache)`;
      o.notes.push(`${at}: ${cold}.`);
      probe = again;
    }
  }
  const spec = readScenario(id, o.ctx);
  const base = { shareOfBare: 0, drainSeconds: 0 };
  if (probe.status === 0 || probe.ms > 60_000) {
    const answered = probe.status !== 0;
    const note = answered
      ? `one request took ${(probe.ms / 1000).toFixed(0)} s (${(probe.bytes / 1e6).toFixed(1)} MB): that request alone is reported`
      : `no answer within ${PROBE_LIMIT_MS / 60_000} min`;
    o.notes.push(`${at}: ${note}.`);
    return {
      ...base,
      name: id,
      ok: answered && probe.status < 300 ? 1 : 0,
      non2xx: answered && probe.status >= 300 ? 1 : 0,
      errors: answered ? 0 : 1,
      statusCodes: answered ? { [String(probe.status)]: 1 } : {},
      seconds: probe.ms / 1000,
      rps: answered ? Math.round((1000 / probe.ms) * 1000) / 1000 : 0,
      p50: probe.ms,
      p90: probe.ms,
      p99: probe.ms,
      max: probe.ms,
      firstMax: probe.ms,
      bytes: probe.bytes,
      connections: 1,
      // A server that has not answered is still at it (a synchronous query): it is restarted, not waited for.
      drainSeconds: answered ? await drain(o.url) : 0,
      note,
      ...(answered ? {} : { wedged: true }),
    };
  }
  let connections = o.connections;
  const budget = 1024 * 1024 * 1024;
  if (probe.bytes * connections * 4 > budget) {
    connections = Math.max(1, Math.floor(budget / (probe.bytes * 4)));
    o.notes.push(
      `${at}: one response was ${(probe.bytes / 1e6).toFixed(1)} MB, so ${connections} connections instead of ${o.connections} (memory of the shared machine).`,
    );
  }
  let note: string | undefined;
  let run: Parameters<typeof cannon>[1];
  if (probe.ms > 5000) {
    connections = 1;
    note = `one request took ${(probe.ms / 1000).toFixed(1)} s: three requests one after another`;
    run = { url: o.url, connections: 1, amount: 3, timeout: 600, ...spec };
  } else {
    if (probe.ms <= 1000) {
      await sampling(
        o.proc,
        o.maxRss,
        cannon("warmup", { url: o.url, connections, duration: o.warmup, ...spec }),
      );
      await drain(o.url);
    } else {
      note = `one request took ${(probe.ms / 1000).toFixed(1)} s: no warm-up`;
    }
    run = { url: o.url, connections, duration: o.duration, timeout: 600, ...spec };
  }
  if (note) o.notes.push(`${at}: ${note}.`);
  const m = await sampling(o.proc, o.maxRss, cannon(id, run));
  const all = [cold, note].filter(Boolean).join("; ");
  return { ...m, ...base, connections, drainSeconds: await drain(o.url), ...(all ? { note: all } : {}) };
}

// ---- profiles ------------------------------------------------------------------------------------------------

async function profileScenario(opts: {
  id: ScenarioId;
  dataDir: string;
  manifest: Manifest;
  duration: number;
  connections: number;
  outDir: string;
}) {
  const profDir = path.join(opts.outDir, `${opts.id}-${opts.manifest.scale}`);
  fs.rmSync(profDir, { recursive: true, force: true });
  fs.mkdirSync(profDir, { recursive: true });
  const server = await startSpelplan({ dataDir: opts.dataDir, cpuProfDir: profDir });
  const db = connect({ dataDir: opts.dataDir });
  try {
    const ctx = await prepareHttp({
      url: server.url,
      db,
      ...benchUsers(opts.manifest, 2),
      log,
    });
    if (opts.id === "e") {
      const planned = await planActions(
        db,
        ctx.secretariat.userId,
        new Date(),
        Math.round(opts.duration * 300),
      );
      await cannon("e", { url: server.url, connections: opts.connections, ...actionScenario(ctx, planned) });
    } else {
      await measureRead(opts.id, {
        url: server.url,
        ctx,
        proc: server,
        maxRss: { mb: 0 },
        scale: opts.manifest.scale,
        connections: opts.connections,
        duration: opts.duration,
        warmup: 1,
        notes: [],
      });
    }
    await drain(server.url);
  } finally {
    await db.destroy();
    await server.stop();
  }
  const file = newestProfile(profDir);
  return file ? summariseProfile(file) : null;
}

/** Runs one part of the benchmark; a failure is noted in the report instead of ending the run. */
async function guarded(name: string, notes: string[], f: () => Promise<void>): Promise<void> {
  try {
    await f();
  } catch (err) {
    notes.push(`${name} failed: ${String(err).slice(0, 300)}`);
    log(`${name} failed: ${err}`);
  }
}

// ---- the whole run -------------------------------------------------------------------------------------------

/**
 * `--render FILE.json`: the markdown (and, for a full run, the README section) again from a results file,
 * with the targets evaluated by the current code.
 */
function render(file: string): void {
  const results = JSON.parse(fs.readFileSync(file, "utf8")) as Results;
  // Results from before page loads that timed out were counted at the time limit.
  for (const l of [...(results.web?.lcp ?? []), ...results.scales.flatMap((s) => s.lcp ?? [])]) {
    if (l.timedOut && l.limitMs === undefined) {
      l.limitMs = 60_000;
      if (l.timedOut === l.runs.length) {
        l.runs = l.runs.map(() => 60_000);
        l.medianMs = 60_000;
      }
    }
  }
  results.targets = evaluateTargets(results);
  const files = writeResults(results, option("out") ?? path.basename(file, ".json"));
  if (results.mode === "full" && !flag("no-readme")) updateReadme(results, files.md);
  log(`rendered ${path.relative(ROOT, files.md)}`);
}

async function main(): Promise<void> {
  if (flag("generate-only")) return generateOnly();
  const renderFile = option("render");
  if (renderFile) return render(renderFile);
  const startedAt = new Date();
  const skip = new Set((option("skip") ?? "").split(",").filter(Boolean));
  const scales = quick
    ? [numberOption("scale") ?? 10_000]
    : option("scales")
      ? (option("scales") as string).split(",").map((s) => Number(s.replaceAll("_", "")))
      : numberOption("scale")
        ? [numberOption("scale") as number]
        : [10_000, 100_000, 1_000_000];
  scales.sort((a, b) => a - b);
  const lcpScale = quick
    ? scales[0]
    : (numberOption("lcp-scale") ?? (scales.includes(100_000) ? 100_000 : scales[scales.length - 1]));
  const referenceScale = scales.includes(100_000) ? 100_000 : scales[scales.length - 1];
  const duration = numberOption("duration") ?? (quick ? 4 : 15);
  const warmup = quick ? 1 : 3;
  const connections = numberOption("connections") ?? 50;
  const dataRoot = option("data-root") ?? os.tmpdir();
  fs.mkdirSync(dataRoot, { recursive: true });
  const date = stockholmDate(startedAt);
  const notes: string[] = [];
  const results: Results = {
    date,
    mode: quick ? "quick" : "full",
    command: `npm run bench -- ${argv.join(" ")}`.trim(),
    startedAt: startedAt.toISOString(),
    finishedAt: "",
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      memoryGb: os.totalmem() / 1024 ** 3,
      node: process.versions.node,
      loadStart: os.loadavg(),
      loadEnd: [],
    },
    git: gitInfo(),
    settings: { connections, durationSeconds: duration, warmupSeconds: warmup, scales, referenceScale },
    scales: [],
    growth: [],
    profiles: [],
    targets: [],
    notes,
  };
  log(
    `${quick ? "quick" : "full"} run: scales ${scales.join(", ")}, ${duration} s per scenario, ${connections} connections`,
  );

  // The web app is built first: the page loads during the scales and the sizes at the end measure this commit.
  let webBuilt = false;
  if (!skip.has("web"))
    await guarded("building the web app", notes, async () => {
      buildWeb(log);
      webBuilt = true;
    });

  // With the growth measured again in turns, (e) waits until after it: (e) moves cases on, and the turns must read
  // every scale's data as its own pass read it (before session 5 the turns ran after (e), and at 10,000 cases the
  // busiest reviewer's page had shrunk from 50 tasks to 18).
  const growthInTurns = !skip.has("http") && !quick && scales.length > 1;
  const runs: ScaleRun[] = [];
  const scaleOptions = new Map<ScaleRun, ScaleOptions>();
  for (const scale of scales) {
    let run: ScaleRun;
    try {
      const o: ScaleOptions = {
        scale,
        dataRoot,
        reuse: flag("reuse"),
        duration,
        warmup,
        connections,
        lcp: !skip.has("web") && !skip.has("http") && scale === lcpScale,
        lcpRuns: quick ? 3 : 5,
        skipHttp: skip.has("http"),
        deferActions: growthInTurns,
        notes,
      };
      run = await runScale(o);
      scaleOptions.set(run, o);
    } catch (err) {
      // One scale failing leaves the others (and the report) standing.
      notes.push(`At ${scale.toLocaleString("en")} cases the run failed: ${String(err).slice(0, 300)}`);
      log(`scale ${scale} failed: ${err}`);
      continue;
    }
    runs.push(run);
    results.scales.push(run.result);
  }
  // Growth again with the scales in turns (growth.ts): one pass per scale, minutes apart, also measures the machine.
  if (growthInTurns && runs.length > 1)
    await guarded("growth with the scales in turns", notes, async () => {
      log("growth: the scales in turns");
      results.growthInterleaved = await interleavedGrowth({
        scales: runs.map((r) => ({ scale: r.result.scale, dataDir: r.dataDir, manifest: r.manifest })),
        rounds: 3,
        duration: 5,
        warmup: 1,
        connections,
        log,
      });
    });
  // (e) on each scale, now that the reads are measured.
  if (growthInTurns)
    for (const run of runs) {
      log(`actions at ${run.result.scale.toLocaleString("en")} cases`);
      await guarded(`(e) at ${run.result.scale.toLocaleString("en")} cases`, notes, () =>
        runActions(run, scaleOptions.get(run) as ScaleOptions),
      );
    }
  // The reference scale's database stays for the experiments and profiles (removed at the end).
  for (const run of runs)
    if (!flag("keep") && run.result.scale !== referenceScale)
      fs.rmSync(run.dataDir, { recursive: true, force: true });
  // One pass per scale: the same pairs and ratios as the growth in turns, from each scale's single p50.
  results.growth = growthRatios(
    results.scales.map((s) => s.scale),
    Object.fromEntries(
      results.scales.map((s) => [
        s.scale,
        Object.fromEntries(READ_SCENARIOS.map((id) => [id, s.scenarios[id] ? [s.scenarios[id].p50] : []])),
      ]),
    ),
    READ_SCENARIOS,
  );

  if (!skip.has("engine"))
    await guarded("the engine peer and action throughput", notes, async () => {
      const seconds = quick ? 6 : 20;
      log("engine peer: Spelplan use cases vs bpmn-engine (in process)");
      const spelplan: SpelplanRun[] = [];
      const bpmn: Awaited<ReturnType<typeof bpmnInstances>>[] = [];
      const rounds = quick ? 1 : 2;
      for (let i = 0; i < rounds; i++) {
        spelplan.push(await spelplanInstances({ seconds }));
        log(
          `  Spelplan ${spelplan[i].instances.perSecond} instances/s, ${spelplan[i].actions.perSecond} actions/s`,
        );
        bpmn.push(await bpmnInstances({ seconds }));
        log(`  bpmn-engine ${bpmn[i].instances.perSecond} instances/s`);
      }
      const bpmnRecover = await bpmnInstances({ seconds: quick ? 4 : 10, recover: true });
      log(`  bpmn-engine (recover each step) ${bpmnRecover.instances.perSecond} instances/s`);
      const sp = median(spelplan.map((s) => s.instances.perSecond));
      const bp = median(bpmn.map((b) => b.instances.perSecond));
      results.engine = {
        spelplan,
        bpmn,
        bpmnRecover,
        ratio: Math.round((sp / bp) * 100) / 100,
        ratioPerStep:
          Math.round(
            (median(spelplan.map((s) => s.actions.perSecond)) / median(bpmn.map((b) => b.steps.perSecond))) *
              100,
          ) / 100,
      };

      log("action throughput beside a bare insert loop");
      const bareSqlite = await bareInsertLoop({ seconds: quick ? 3 : 8 });
      const spSqlite = spelplan.reduce((best, s) =>
        s.actions.perSecond > best.actions.perSecond ? s : best,
      );
      let postgres: NonNullable<Results["actions"]>["postgres"] = null;
      const withPg = async <T>(f: (url: string) => Promise<T>): Promise<T | null> => {
        const d = await tempPgDatabase();
        if (!d) return null;
        try {
          return await f(d.url);
        } finally {
          await d.drop();
        }
      };
      const pgSeconds = quick ? 5 : 15;
      const pgOne = await withPg((url) => spelplanInstances({ databaseUrl: url, seconds: pgSeconds }));
      if (pgOne) {
        const pgConc = (await withPg((url) =>
          spelplanInstances({ databaseUrl: url, seconds: pgSeconds, concurrency: 8 }),
        )) as SpelplanRun;
        const pgBare = (await withPg((url) =>
          bareInsertLoop({ databaseUrl: url, seconds: quick ? 3 : 8 }),
        )) as NonNullable<Awaited<ReturnType<typeof bareInsertLoop>>>;
        const pgBareConc = (await withPg((url) =>
          bareInsertLoop({ databaseUrl: url, seconds: quick ? 3 : 8, concurrency: 8 }),
        )) as NonNullable<Awaited<ReturnType<typeof bareInsertLoop>>>;
        postgres = {
          spelplan: pgOne,
          spelplanConcurrent: pgConc,
          bare: pgBare,
          bareConcurrent: pgBareConc,
          ratio: pgOne.actions.perSecond / pgBare.perSecond,
        };
        log(
          `  PostgreSQL ${pgOne.actions.perSecond} actions/s (${pgConc.actions.perSecond} with 8 at a time), bare ${pgBare.perSecond}/s`,
        );
      } else {
        notes.push("No PostgreSQL reachable: the PostgreSQL action throughput was not measured.");
      }
      // Two variants of the SQLite loop side by side (the machine is shared: interleaved pairs, medians).
      const pairs = async (
        a: Parameters<typeof spelplanInstances>[0],
        b: Parameters<typeof spelplanInstances>[0],
      ) => {
        const first: SpelplanRun[] = [];
        const second: SpelplanRun[] = [];
        for (let i = 0; i < (quick ? 1 : 3); i++) {
          first.push(await spelplanInstances(a));
          second.push(await spelplanInstances(b));
        }
        const rate = (xs: SpelplanRun[]) => median(xs.map((s) => s.actions.perSecond));
        return { first, second, gain: rate(second) / rate(first) - 1 };
      };
      const seconds8 = quick ? 4 : 8;
      const cache = await pairs(
        { seconds: seconds8, statementCache: false },
        { seconds: seconds8, statementCache: true },
      );
      log(`  statement cache experiment: ${(cache.gain * 100).toFixed(1)}%`);
      // Group commit (db/group-commit.ts), as the server runs request transactions: eight instances at a time,
      // each transaction committed on its own against `transact`.
      const group = await pairs(
        { seconds: seconds8, concurrency: 8 },
        { seconds: seconds8, concurrency: 8, groupCommit: true },
      );
      log(`  group commit, 8 at a time: ${(group.gain * 100).toFixed(1)}%`);
      results.actions = {
        sqlite: {
          spelplan: spSqlite,
          bare: bareSqlite,
          ratio: spSqlite.actions.perSecond / bareSqlite.perSecond,
        },
        postgres,
        statementCache: { without: cache.first, with: cache.second, gain: cache.gain },
        groupCommit: { separate: group.first, grouped: group.second, gain: group.gain },
      };
    });

  if (!skip.has("web"))
    await guarded("the web measurements", notes, async () => {
      const bundle = bundleReport(webBuilt);
      const lcpRun = results.scales.find((s) => s.scale === lcpScale);
      results.web = { bundle, lcp: lcpRun?.lcp ?? [], lcpScale };
      const largest = largestPage(bundle.pages);
      log(
        `web: initial JS+CSS ${(bundle.totalGzip / 1024).toFixed(1)} KB gzip (index.html), ${((largest?.gzipBytes ?? 0) / 1024).toFixed(1)} KB for the largest page's first load (${largest?.page})`,
      );
    });

  results.targets = evaluateTargets(results);

  const ref = runs.find((r) => r.result.scale === referenceScale);
  if (!skip.has("experiments") && ref && fs.existsSync(path.join(ref.dataDir, "spelplan.sqlite"))) {
    log(`experiments at ${referenceScale.toLocaleString("en")} cases (in process)`);
    await guarded("the experiments", notes, async () => {
      results.experiments = {
        scale: referenceScale,
        items: await runExperiments({
          dataDir: ref.dataDir,
          manifest: ref.manifest,
          iterations: quick ? 50 : 200,
          log,
        }),
      };
    });
  }

  // Profiles of the scenarios that missed a target, at the reference scale.
  const profileOpt = option("profile") ?? (quick ? "none" : "auto");
  if (!skip.has("profile") && !skip.has("http") && profileOpt !== "none") {
    const ids: ScenarioId[] =
      profileOpt === "auto"
        ? (["a", "b", "c", "d", "e"] as ScenarioId[]).filter((id) =>
            results.targets.some((t) => t.met === false && t.goal.startsWith(`(${id})`)),
          )
        : (profileOpt.split(",") as ScenarioId[]);
    if (ref && ids.length) {
      if (!fs.existsSync(path.join(ref.dataDir, "spelplan.sqlite"))) {
        ref.manifest = await generate({ scale: referenceScale, dataDir: ref.dataDir });
      }
      const outDir = path.join(dataRoot, `spelplan-bench-profiles-${date}`);
      for (const id of ids) {
        log(`profiling (${id}) at ${referenceScale.toLocaleString("en")} cases`);
        await guarded(`profiling (${id})`, notes, async () => {
          const summary = await profileScenario({
            id,
            dataDir: ref.dataDir,
            manifest: ref.manifest,
            duration: quick ? 4 : 10,
            connections,
            outDir,
          });
          if (summary)
            results.profiles.push({
              title: `(${id}) at ${referenceScale.toLocaleString("en")} cases`,
              scale: referenceScale,
              scenario: id,
              summary,
            });
        });
      }
      notes.push(`CPU profiles (.cpuprofile, open in Chrome DevTools) were written under ${outDir}.`);
    }
  }
  if (ref && !flag("keep")) fs.rmSync(ref.dataDir, { recursive: true, force: true });

  results.machine.loadEnd = os.loadavg();
  results.finishedAt = new Date().toISOString();
  const files = writeResults(results, option("out"));
  if (!quick && !skip.has("readme") && !option("out")) updateReadme(results, files.md);
  log(
    `results: ${path.relative(ROOT, files.json)}, ${path.relative(ROOT, files.md)} (${clock((Date.now() - startedAt.getTime()) / 1000)})`,
  );
  console.log(fs.readFileSync(files.md, "utf8").split("\n## HTTP scenarios")[0]);
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopBenchPostgres();
    if (process.exitCode) process.exit(process.exitCode);
  });
