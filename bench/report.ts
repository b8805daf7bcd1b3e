/**
 * The run's results: the JSON written to bench/results/<date>.json, the markdown table beside it, and the
 * README's "Performance" section.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { BpmnRun, Rate, SpelplanRun } from "./engine";
import type { Experiment } from "./experiments";
import type { InterleavedGrowth } from "./growth";
import type { Measured, ScenarioId } from "./http";
import { PAGE_LOADS_TITLE, SCENARIO_TITLES } from "./http";
import { ROOT } from "./processes";
import { type ProfileSummary, profileMarkdown } from "./profile";
import { median } from "./stats";
import { type BundleReport, type LcpResult, largestPage } from "./web";

export interface ScenarioResult extends Measured {
  shareOfBare: number;
  connections: number;
  /** Seconds the server needed after the run to answer /healthz promptly again (requests still queued). */
  drainSeconds: number;
  note?: string;
  /** The server had not answered the probe at all (and was restarted). */
  wedged?: boolean;
}

export interface ScaleResult {
  scale: number;
  engine: "sqlite" | "postgres";
  generation: {
    seconds: number;
    reused: boolean;
    events: number;
    fileBytes: number | null;
    templateReplays: number;
  };
  bare: Measured[];
  bareRps: number;
  scenarios: Partial<Record<ScenarioId, ScenarioResult>>;
  /** Server memory: VmHWM (peak since start) at the end, and the highest VmRSS sampled during the runs. */
  rss: { peakMb: number; maxSampledMb: number };
  dashboard: "GET /api/dashboard" | "GET /api/cases?overdue=true + GET /api/tasks";
  lcp?: LcpResult[];
  /** Server-rendered page loads (PAGE_LOADS_TITLE), with whether the probe's page came back rendered. */
  pageLoads?: ScenarioResult & { rendered: boolean };
}

export interface TargetRow {
  goal: string;
  target: string;
  measured: string;
  met: boolean | null;
}

export interface Results {
  date: string;
  mode: "quick" | "full";
  command: string;
  startedAt: string;
  finishedAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryGb: number;
    node: string;
    loadStart: number[];
    loadEnd: number[];
  };
  git: { commit: string; dirtyFiles: number };
  settings: {
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    scales: number[];
    referenceScale: number;
  };
  scales: ScaleResult[];
  growth: { from: number; to: number; p50Ratio: Partial<Record<ScenarioId, number>> }[];
  /** Growth from the scales measured in turns after the passes (growth.ts); the targets read it when present. */
  growthInterleaved?: InterleavedGrowth;
  engine?: {
    spelplan: SpelplanRun[];
    bpmn: BpmnRun[];
    bpmnRecover?: BpmnRun;
    ratio: number;
    ratioPerStep: number;
  };
  actions?: {
    sqlite: { spelplan: SpelplanRun; bare: Rate; ratio: number };
    postgres: {
      spelplan: SpelplanRun;
      spelplanConcurrent: SpelplanRun;
      bare: Rate;
      bareConcurrent: Rate;
      ratio: number;
    } | null;
    statementCache?: { without: SpelplanRun[]; with: SpelplanRun[]; gain: number };
    /** Eight instances at a time on SQLite: one commit per transaction against group commit (since session 5). */
    groupCommit?: { separate: SpelplanRun[]; grouped: SpelplanRun[]; gain: number };
  };
  web?: { bundle: BundleReport; lcp: LcpResult[]; lcpScale: number };
  profiles: { title: string; scale: number; scenario: string; summary: ProfileSummary }[];
  experiments?: { scale: number; items: Experiment[] };
  targets: TargetRow[];
  notes: string[];
}

const fmt = (n: number, d = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });
const kb = (b: number) => `${fmt(b / 1024, 1)} KB`;
const pct = (x: number) => `${fmt(x * 100, 1)}%`;

export function evaluateTargets(r: Results): TargetRow[] {
  const rows: TargetRow[] = [];
  const ref = r.scales.find((s) => s.scale === r.settings.referenceScale) ?? r.scales[r.scales.length - 1];
  const at = ref ? ` at ${fmt(ref.scale)}` : "";
  const scen = (id: ScenarioId) => ref?.scenarios[id];
  const shareRow = (id: ScenarioId, share: number, p99?: number) => {
    const s = scen(id);
    if (!s) return;
    rows.push({
      goal: `(${id}) ${SCENARIO_TITLES[id]} — throughput${at}`,
      target: `≥ ${pct(share)} of bare`,
      measured: `${pct(s.shareOfBare)} (${fmt(s.rps)}/s vs bare ${fmt(ref.bareRps)}/s)`,
      met: s.shareOfBare >= share,
    });
    if (p99 !== undefined) {
      rows.push({
        goal: `(${id}) p99 latency${at}`,
        target: `≤ ${p99} ms`,
        measured: `${fmt(s.p99)} ms (p50 ${fmt(s.p50)} ms)`,
        met: s.p99 <= p99,
      });
    }
  };
  shareRow("a", 0.4, 25);
  shareRow("b", 0.3, 40);
  shareRow("c", 0.2, 60);
  shareRow("d", 0.25);
  const e = scen("e");
  if (e) {
    rows.push({
      goal: `(e) actions over HTTP, SQLite${at}`,
      target: "≥ 2,000 actions/s",
      measured: `${fmt(e.rps)}/s (${pct(e.shareOfBare)} of bare, p99 ${fmt(e.p99)} ms)`,
      met: e.rps >= 2000,
    });
  }
  if (r.actions) {
    rows.push({
      goal: "(e) actions in process (use cases, one transaction each), SQLite",
      target: "≥ 2,000 actions/s",
      measured: `${fmt(r.actions.sqlite.spelplan.actions.perSecond)}/s (bare insert loop ${fmt(r.actions.sqlite.bare.perSecond)}/s, ratio ${pct(r.actions.sqlite.ratio)})`,
      met: r.actions.sqlite.spelplan.actions.perSecond >= 2000,
    });
    const pg = r.actions.postgres;
    rows.push({
      goal: "(e) actions in process, PostgreSQL",
      target: "≥ 1,000 actions/s",
      measured: pg
        ? `${fmt(pg.spelplan.actions.perSecond)}/s one at a time, ${fmt(pg.spelplanConcurrent.actions.perSecond)}/s with ${pg.spelplanConcurrent.concurrency} at a time (bare insert loop ${fmt(pg.bare.perSecond)}/s and ${fmt(pg.bareConcurrent.perSecond)}/s, ratio ${pct(pg.ratio)})`
        : "not measured (no PostgreSQL reachable)",
      met: pg
        ? Math.max(pg.spelplan.actions.perSecond, pg.spelplanConcurrent.actions.perSecond) >= 1000
        : null,
    });
  }
  const widest = (g: { from: number; to: number }) =>
    g.from === r.settings.scales[0] && g.to === r.settings.scales[r.settings.scales.length - 1];
  const big = r.growth.find(widest);
  const turns = r.growthInterleaved?.ratios.find(widest);
  if (big && big.from !== big.to) {
    for (const id of ["a", "b", "d"] as const) {
      const pass = big.p50Ratio[id];
      const inTurns = turns?.p50Ratio[id];
      const ratio = inTurns ?? pass;
      if (ratio === undefined) continue;
      rows.push({
        goal: `growth ${fmt(big.from)} → ${fmt(big.to)}: p50 of (${id})`,
        target: "≤ 1.5×",
        measured:
          inTurns !== undefined
            ? `${fmt(inTurns, 2)}× (scales in turns, median of ${r.growthInterleaved?.rounds} rounds; one pass each: ${pass === undefined ? "–" : `${fmt(pass, 2)}×`})`
            : `${fmt(ratio, 2)}×`,
        met: ratio <= 1.5,
      });
    }
  }
  const largest = r.scales[r.scales.length - 1];
  if (largest) {
    rows.push({
      goal: `server peak RSS under load at ${fmt(largest.scale)}${largest.pageLoads ? " (API scenarios and server-rendered page loads)" : " (API scenarios)"}`,
      target: largest.scale >= 1_000_000 ? "≤ 400 MB (at 1,000,000)" : "≤ 400 MB (target is at 1,000,000)",
      measured: `${fmt(largest.rss.peakMb)} MB (VmHWM)`,
      met: largest.scale >= 1_000_000 ? largest.rss.peakMb <= 400 : null,
    });
  }
  if (r.engine) {
    rows.push({
      goal: "engine peer: Spelplan instances/s vs bpmn-engine (state saved to SQLite each step)",
      target: "≥ 30×",
      measured: `${fmt(r.engine.ratio, 2)}× (${fmt(median(r.engine.spelplan.map((s) => s.instances.perSecond)), 1)} vs ${fmt(median(r.engine.bpmn.map((b) => b.instances.perSecond)), 1)} instances/s)`,
      met: r.engine.ratio >= 30,
    });
  }
  if (r.web) {
    // A page's first load is index.html's files and the page's own chunk (the server links both). Reports
    // before the per-page figures judged index.html's files alone.
    const largest = largestPage(r.web.bundle.pages ?? []);
    rows.push({
      goal: largest
        ? "web: initial JS + CSS (gzip), the largest page's first load"
        : "web: initial JS + CSS (gzip)",
      target: "≤ 300 KB",
      measured: largest
        ? `${kb(largest.gzipBytes)} (${largest.page}; index.html's files alone ${kb(r.web.bundle.totalGzip)})`
        : `${kb(r.web.bundle.totalGzip)} (JS ${kb(r.web.bundle.jsGzip)}, CSS ${kb(r.web.bundle.cssGzip)}; ${kb(r.web.bundle.totalRaw)} uncompressed)`,
      met: (largest?.gzipBytes ?? r.web.bundle.totalGzip) <= 300 * 1024,
    });
    for (const l of r.web.lcp) {
      const late = l.timedOut ?? 0;
      rows.push({
        goal: `web: largest contentful paint, ${l.page} (${fmt(r.web.lcpScale)} cases)`,
        target: "≤ 1.0 s",
        measured: late
          ? `not reached: in ${late} of ${l.runs.length} loads the page had not shown its data within the ${fmt((l.limitMs ?? 60_000) / 1000)} s limit (median of the loads that did: ${l.runs.length > late ? `${fmt(median(l.runs.filter((x) => x !== (l.limitMs ?? 60_000))))} ms` : "none"})`
          : `${fmt(l.medianMs)} ms (median of ${l.runs.length})`,
        met: late ? false : l.medianMs <= 1000,
      });
    }
  }
  return rows;
}

/** Growth ratios as a markdown table, a row per pair of scales. */
function growthTable(
  ratios: { from: number; to: number; p50Ratio: Partial<Record<ScenarioId, number>> }[],
): string[] {
  const cell = (ratio: number | undefined) => (ratio === undefined ? "–" : `${fmt(ratio, 2)}×`);
  return [
    "| from → to | (a) | (b) | (c) | (d) |",
    "|---|---:|---:|---:|---:|",
    ...ratios.map(
      (g) =>
        `| ${fmt(g.from)} → ${fmt(g.to)} | ${cell(g.p50Ratio.a)} | ${cell(g.p50Ratio.b)} | ${cell(g.p50Ratio.c)} | ${cell(g.p50Ratio.d)} |`,
    ),
  ];
}

function mark(met: boolean | null): string {
  return met === null ? "–" : met ? "yes" : "**no**";
}

export function targetsTable(rows: TargetRow[]): string {
  return [
    "| goal | target | measured | met |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.goal} | ${r.target} | ${r.measured} | ${mark(r.met)} |`),
  ].join("\n");
}

export function markdown(r: Results): string {
  const out: string[] = [];
  out.push(`# Spelplan benchmarks — ${r.date}${r.mode === "quick" ? " (quick)" : ""}`);
  out.push("");
  out.push(`Command: \`${r.command}\`. Started ${r.startedAt}, finished ${r.finishedAt}.`);
  out.push(
    `Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${fmt(r.machine.memoryGb, 1)} GB, Node ${r.machine.node}; ` +
      `load average ${r.machine.loadStart.map((x) => fmt(x, 1)).join(" / ")} at the start, ${r.machine.loadEnd.map((x) => fmt(x, 1)).join(" / ")} at the end (shared machine). ` +
      `Git ${r.git.commit.slice(0, 10)} with ${r.git.dirtyFiles} changed files in the working tree.`,
  );
  out.push(
    `HTTP: autocannon, ${r.settings.connections} connections, ${r.settings.warmupSeconds} s warm-up then ${r.settings.durationSeconds} s per scenario, loopback; ` +
      `targets are read at ${fmt(r.settings.referenceScale)} cases.`,
  );
  out.push("");
  out.push("## Targets");
  out.push("");
  out.push(targetsTable(r.targets));
  out.push("");
  out.push("## HTTP scenarios");
  out.push("");
  out.push(
    "Latency percentiles and max are of the answers on connections already open. Each connection's first answer is only in the column of its own: the load generator opens its connections at the start, and a busy Node server accepts one new connection per turn of its event loop (libuv/libuv#3696), so the last first requests of a slow scenario wait seconds for their connection to be accepted.",
  );
  out.push("");
  out.push(
    "| cases | scenario | 2xx/s | share of bare | p50 ms | p90 ms | p99 ms | max ms | first answer, max ms | bytes/response | non-2xx | drain s |",
  );
  out.push("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const s of r.scales) {
    out.push(
      `| ${fmt(s.scale)} | bare Fastify (${s.bare.map((b) => fmt(b.rps)).join(" / ")}) | ${fmt(s.bareRps)} | 100% | ${fmt(median(s.bare.map((b) => b.p50)))} | ${fmt(median(s.bare.map((b) => b.p90)))} | ${fmt(median(s.bare.map((b) => b.p99)))} | ${fmt(Math.max(...s.bare.map((b) => b.max)))} | ${fmt(Math.max(...s.bare.map((b) => b.firstMax)))} | ${fmt(s.bare[0]?.bytes ?? 0)} | 0 | – |`,
    );
    for (const id of ["a", "b", "c", "d", "e"] as ScenarioId[]) {
      const m = s.scenarios[id];
      if (!m) continue;
      const title = id === "c" ? `(c) ${s.dashboard}` : `(${id}) ${SCENARIO_TITLES[id]}`;
      out.push(
        `| ${fmt(s.scale)} | ${title}${m.connections !== r.settings.connections ? ` [${m.connections} connections]` : ""} | ${fmt(m.rps, 1)} | ${pct(m.shareOfBare)} | ${fmt(m.p50)} | ${fmt(m.p90)} | ${fmt(m.p99)} | ${fmt(m.max)} | ${fmt(m.firstMax)} | ${fmt(m.bytes)} | ${fmt(m.non2xx)} | ${fmt(m.drainSeconds, 1)} |`,
      );
    }
    const p = s.pageLoads;
    if (p) {
      out.push(
        `| ${fmt(s.scale)} | ${PAGE_LOADS_TITLE}${p.rendered ? "" : " (not rendered: the web app's pages came from the browser)"} [${p.connections} connections; no target, for the memory] | ${fmt(p.rps, 1)} | ${pct(p.shareOfBare)} | ${fmt(p.p50)} | ${fmt(p.p90)} | ${fmt(p.p99)} | ${fmt(p.max)} | ${fmt(p.firstMax)} | ${fmt(p.bytes)} | ${fmt(p.non2xx)} | ${fmt(p.drainSeconds, 1)} |`,
      );
    }
  }
  out.push("");
  out.push("| cases | generation | events | database file | server peak RSS (VmHWM) | highest RSS sampled |");
  out.push("|---:|---|---:|---:|---:|---:|");
  for (const s of r.scales) {
    out.push(
      `| ${fmt(s.scale)} | ${fmt(s.generation.seconds, 1)} s${s.generation.reused ? " (generated earlier, reused)" : ""} (${fmt(s.generation.templateReplays)} template replays) | ${fmt(s.generation.events)} | ${s.generation.fileBytes ? `${fmt(s.generation.fileBytes / 1e9, 2)} GB` : "–"} | ${fmt(s.rss.peakMb)} MB | ${fmt(s.rss.maxSampledMb)} MB |`,
    );
  }
  if (r.growth.length) {
    out.push("");
    out.push("Growth (p50 at the larger scale ÷ p50 at the smaller):");
    out.push("");
    out.push(...growthTable(r.growth));
  }
  const turns = r.growthInterleaved;
  if (turns) {
    out.push("");
    out.push(
      `Growth with the scales in turns (a server on each database at once; each scenario ${turns.durationSeconds} s per scale, scale after scale, ${turns.rounds} rounds; median p50 ÷ median p50; bench/growth.ts):`,
    );
    out.push("");
    out.push(...growthTable(turns.ratios));
    out.push("");
    out.push("| cases | (a) p50 ms per round | (b) | (c) | (d) |");
    out.push("|---:|---|---|---|---|");
    for (const [scale, byId] of Object.entries(turns.p50)) {
      const c = (id: "a" | "b" | "c" | "d") => (byId[id] ?? []).join(", ") || "–";
      out.push(`| ${fmt(Number(scale))} | ${c("a")} | ${c("b")} | ${c("c")} | ${c("d")} |`);
    }
  }
  if (r.engine) {
    out.push("");
    out.push("## Engine peer (in process)");
    out.push("");
    out.push("| engine | instances/s | steps/s | runs |");
    out.push("|---|---:|---:|---|");
    out.push(
      `| Spelplan use cases, SQLite (FULL_PATH: open + 19 actions, one transaction each) | ${fmt(median(r.engine.spelplan.map((s) => s.instances.perSecond)), 1)} | ${fmt(median(r.engine.spelplan.map((s) => s.actions.perSecond)))} actions | ${r.engine.spelplan.map((s) => fmt(s.instances.perSecond, 1)).join(", ")} |`,
    );
    out.push(
      `| bpmn-engine, 13 user tasks, state saved to SQLite after each step | ${fmt(median(r.engine.bpmn.map((b) => b.instances.perSecond)), 1)} | ${fmt(median(r.engine.bpmn.map((b) => b.steps.perSecond)))} tasks | ${r.engine.bpmn.map((b) => fmt(b.instances.perSecond, 1)).join(", ")}; state ${kb(r.engine.bpmn[0]?.stateBytes ?? 0)} |`,
    );
    if (r.engine.bpmnRecover) {
      out.push(
        `| bpmn-engine, recovered from the saved state before each step | ${fmt(r.engine.bpmnRecover.instances.perSecond, 1)} | ${fmt(r.engine.bpmnRecover.steps.perSecond)} tasks | 1 |`,
      );
    }
    out.push("");
    out.push(
      `Ratio Spelplan ÷ bpmn-engine: ${fmt(r.engine.ratio, 2)}× per instance, ${fmt(r.engine.ratioPerStep, 2)}× per step (action vs user task).`,
    );
  }
  if (r.actions) {
    out.push("");
    out.push("## Action throughput beside a bare insert loop");
    out.push("");
    out.push("| engine | Spelplan actions/s | bare one-row insert transactions/s | ratio |");
    out.push("|---|---:|---:|---:|");
    out.push(
      `| SQLite | ${fmt(r.actions.sqlite.spelplan.actions.perSecond)} | ${fmt(r.actions.sqlite.bare.perSecond)} | ${pct(r.actions.sqlite.ratio)} |`,
    );
    const pg = r.actions.postgres;
    if (pg) {
      out.push(
        `| PostgreSQL, one at a time | ${fmt(pg.spelplan.actions.perSecond)} | ${fmt(pg.bare.perSecond)} | ${pct(pg.ratio)} |`,
      );
      out.push(
        `| PostgreSQL, ${pg.spelplanConcurrent.concurrency} at a time | ${fmt(pg.spelplanConcurrent.actions.perSecond)} | ${fmt(pg.bareConcurrent.perSecond)} | ${pct(pg.spelplanConcurrent.actions.perSecond / pg.bareConcurrent.perSecond)} |`,
      );
    }
    const gc = r.actions.groupCommit;
    if (gc) {
      const runs = (xs: SpelplanRun[]) => xs.map((x) => fmt(x.actions.perSecond)).join(", ");
      out.push("");
      out.push(
        `Group commit (db/group-commit.ts, as the server runs request transactions on SQLite), eight instances at a time: ${fmt(median(gc.separate.map((s) => s.actions.perSecond)))} actions/s with a commit per transaction → ${fmt(median(gc.grouped.map((s) => s.actions.perSecond)))} with group commit (${gc.gain >= 0 ? "+" : ""}${pct(gc.gain)}; runs ${runs(gc.separate)} vs ${runs(gc.grouped)}).`,
      );
    }
    const sc = r.actions.statementCache;
    if (sc) {
      out.push("");
      out.push(
        `Experiment (bench-only connection): better-sqlite3 statements cached per SQL text — ${fmt(median(sc.without.map((s) => s.actions.perSecond)))} → ${fmt(median(sc.with.map((s) => s.actions.perSecond)))} actions/s (${sc.gain >= 0 ? "+" : ""}${pct(sc.gain)}; runs ${sc.without.map((s) => fmt(s.actions.perSecond)).join(", ")} vs ${sc.with.map((s) => fmt(s.actions.perSecond)).join(", ")}); ${sc.without[0]?.queriesPerInstance ?? "?"} SQL statements per instance (open + 19 actions).`,
      );
    }
  }
  if (r.web) {
    out.push("");
    out.push("## Web");
    out.push("");
    out.push(
      `dist/web built ${r.web.bundle.builtAt}${r.web.bundle.built ? " (by this run)" : ""}. Initial files (index.html):`,
    );
    out.push("");
    out.push("| file | bytes | gzip |");
    out.push("|---|---:|---:|");
    for (const f of r.web.bundle.files) out.push(`| ${f.file} | ${fmt(f.bytes)} | ${fmt(f.gzipBytes)} |`);
    out.push("");
    if (r.web.bundle.pages?.length) {
      out.push("A full load of each page: index.html's files and the page's own chunks and styles.");
      out.push("");
      out.push("| page | first load (gzip) | its own files |");
      out.push("|---|---:|---|");
      for (const p of r.web.bundle.pages)
        out.push(
          `| ${p.page} | ${kb(p.gzipBytes)} | ${p.files.map((f) => f.replace(/^assets\//, "")).join(", ")} |`,
        );
      out.push("");
    }
    out.push("| page | LCP median | runs (ms) | largest element | bytes transferred |");
    out.push("|---|---:|---|---|---:|");
    for (const l of r.web.lcp) {
      out.push(
        `| ${l.page} (\`${l.path}\`) | ${fmt(l.medianMs)} ms${l.timedOut ? ` (${l.timedOut} runs timed out)` : ""} | ${l.runs.join(", ")} | ${l.element} | ${fmt(l.transferredBytes)} |`,
      );
    }
  }
  if (r.experiments?.items.length) {
    out.push("");
    out.push(`## Experiments (bench-only, in process, ${fmt(r.experiments.scale)} cases)`);
    out.push("");
    out.push("| what | current | ms/call | SQL statements | variant | ms/call | variant ÷ current |");
    out.push("|---|---|---:|---:|---|---:|---:|");
    for (const e of r.experiments.items) {
      const rows = (x: { rows?: number }) => (x.rows !== undefined ? ` (${fmt(x.rows)} rows)` : "");
      out.push(
        `| ${e.name} | ${e.current.label}${rows(e.current)} | ${fmt(e.current.ms, 2)} | ${e.current.statements ?? "–"} | ${e.variant.label}${rows(e.variant)} | ${fmt(e.variant.ms, 2)} | ${fmt(e.ratio, 2)} |`,
      );
    }
  }
  if (r.notes.length) {
    out.push("");
    out.push("## Notes");
    out.push("");
    for (const n of r.notes) out.push(`- ${n}`);
  }
  if (r.profiles.length) {
    out.push("");
    out.push("## Profiles");
    out.push("");
    for (const p of r.profiles) out.push(profileMarkdown(p.title, p.summary));
  }
  return `${out.join("\n")}\n`;
}

export const RESULTS_DIR = path.join(ROOT, "bench/results");

/** bench/results/<date>.json and .md (<date>-quick for --quick; `name` overrides the file name). */
export function writeResults(r: Results, name?: string): { json: string; md: string } {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const base = path.join(RESULTS_DIR, name ?? `${r.date}${r.mode === "quick" ? "-quick" : ""}`);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(r, null, 2)}\n`);
  fs.writeFileSync(`${base}.md`, markdown(r));
  return { json: `${base}.json`, md: `${base}.md` };
}

const README = path.join(ROOT, "README.md");
const SECTION = "## Performance";

/** Replaces (or appends, at the end) the README's "Performance" section; nothing else in the README changes. */
export function updateReadme(r: Results, mdFile: string): void {
  const text = fs.readFileSync(README, "utf8");
  const section = [
    SECTION,
    "",
    `Measured by \`${r.command}\` on ${r.date} (${r.machine.cpus} cores, shared; SQLite unless noted; details, profiles and ` +
      `the other scales in [${path.relative(ROOT, mdFile)}](${path.relative(ROOT, mdFile)}), method in ` +
      "[docs/performance-method.md](docs/performance-method.md)):",
    "",
    targetsTable(r.targets),
    "",
    "What the CPU profiles showed, what was changed because of them (with before/after figures) and why the targets " +
      "that are still missed cannot be met as the issue states them: " +
      "[docs/performance-history.md — What the profiles showed](docs/performance-history.md#what-the-profiles-showed).",
    "",
  ].join("\n");
  const start = text.indexOf(`\n${SECTION}\n`);
  let next: string;
  if (start < 0) {
    next = `${text.trimEnd()}\n\n${section}`;
  } else {
    const after = text.indexOf("\n## ", start + SECTION.length + 1);
    next = `${text.slice(0, start + 1)}${section}${after < 0 ? "" : `\n${text.slice(after + 1)}`}`;
  }
  fs.writeFileSync(README, next.endsWith("\n") ? next : `${next}\n`);
  // The project's formatter aligns the table, so `npm run check` stays clean after a run.
  try {
    execFileSync("npx", ["biome", "format", "--write", README], { cwd: ROOT, stdio: "ignore" });
  } catch {
    // Left as written: `npm run format` aligns it.
  }
}
