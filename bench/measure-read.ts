/**
 * One read scenario ((a)–(d)) measured against a running server: a first request (the probe) decides how it is
 * measured, then autocannon runs it (bench/http.ts) while the server's memory is sampled.
 */
import { cannon, type HttpContext, headersOf, readScenario, timedGet } from "./http";
import type { Proc } from "./processes";
import type { ScenarioResult } from "./report";
import { drain, sampling, stalls } from "./watch";

/** One request's time decides how a read scenario is measured (see docs/performance-method.md, "HTTP scenarios"). */
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
export async function measureRead(
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
