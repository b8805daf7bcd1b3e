/**
 * One scale of a run: its database generated (or reused), the bare yardstick and a Spelplan server started on
 * it, the read scenarios (a)–(d), the page loads and the largest contentful paint, and (e), which moves cases on
 * and so runs last on a database (in a full run after the growth in turns, `runActions`).
 */
import fs from "node:fs";
import path from "node:path";
import { connect, type DB } from "../src/server/db/connect";
import { generate, type Manifest, readManifest } from "./generate";
import {
  actionScenario,
  benchUsers,
  cannon,
  type HttpContext,
  pageLoadScenario,
  planActions,
  prepareHttp,
} from "./http";
import { measureRead } from "./measure-read";
import { type Proc, startBare, startSpelplan } from "./processes";
import { log } from "./progress";
import type { ScaleResult, ScenarioResult } from "./report";
import { median } from "./stats";
import { warmPageCache } from "./warm";
import { drain, sampling } from "./watch";
import { measureLcp } from "./web";

export interface ScaleRun {
  result: ScaleResult;
  dataDir: string;
  manifest: Manifest;
}

export interface ScaleOptions {
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
export async function runScale(opts: ScaleOptions): Promise<ScaleRun> {
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
export async function runActions(run: ScaleRun, opts: ScaleOptions): Promise<void> {
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
