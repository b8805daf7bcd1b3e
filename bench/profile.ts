/**
 * Summaries of V8 CPU profiles (`node --cpu-prof`): where the samples fall by function (self time), by
 * package or project file, and the project's functions by inclusive time.
 */
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./processes";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileLine {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  idleShare: number;
  gcShare: number;
  topSelf: ProfileLine[];
  byModule: ProfileLine[];
  projectInclusive: ProfileLine[];
}

/** A path inside node_modules as its package (`name` or `@scope/name`) and the path within it. */
function inPackage(p: string): { pkg: string; file: string } | null {
  const nm = p.lastIndexOf("node_modules/");
  if (nm < 0) return null;
  const rest = p.slice(nm + "node_modules/".length).split("/");
  const n = rest[0].startsWith("@") ? 2 : 1;
  return { pkg: rest.slice(0, n).join("/"), file: rest.slice(n).join("/") };
}

function shortUrl(url: string): string {
  if (!url) return "";
  const p = url.replace(/^file:\/\//, "");
  const inside = inPackage(p);
  if (inside) return `${inside.pkg}/${inside.file}`;
  return p.startsWith(ROOT) ? path.relative(ROOT, p) : p;
}

function moduleOf(url: string, fn: string): string {
  if (!url) return fn.startsWith("(") ? fn : "(native)";
  const p = url.replace(/^file:\/\//, "");
  const inside = inPackage(p);
  if (inside) return inside.pkg;
  if (p.startsWith("node:")) return "node (core)";
  return p.startsWith(ROOT) ? path.relative(ROOT, p) : p;
}

export function summariseProfile(file: string, top = 15): ProfileSummary {
  const prof = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  // Time per sample from timeDeltas (more exact than hitCount × mean interval).
  const selfMs = new Map<number, number>();
  if (prof.samples && prof.timeDeltas) {
    for (let i = 0; i < prof.samples.length; i++) {
      const dt = (prof.timeDeltas[i + 1] ?? prof.timeDeltas[i]) / 1000;
      selfMs.set(prof.samples[i], (selfMs.get(prof.samples[i]) ?? 0) + dt);
    }
  } else {
    const total = (prof.endTime - prof.startTime) / 1000;
    const hits = prof.nodes.reduce((s, n) => s + (n.hitCount ?? 0), 0) || 1;
    for (const n of prof.nodes) selfMs.set(n.id, ((n.hitCount ?? 0) / hits) * total);
  }
  const totalMs = [...selfMs.values()].reduce((a, b) => a + b, 0) || 1;
  const self = new Map<string, number>();
  const modules = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  for (const n of prof.nodes) {
    const ms = selfMs.get(n.id) ?? 0;
    if (!ms) continue;
    const fn = n.callFrame.functionName || "(anonymous)";
    if (fn === "(idle)") idle += ms;
    if (fn === "(garbage collector)") gc += ms;
    const key =
      `${fn} ${shortUrl(n.callFrame.url)}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ""}`.trim();
    self.set(key, (self.get(key) ?? 0) + ms);
    const mod = moduleOf(n.callFrame.url, fn);
    modules.set(mod, (modules.get(mod) ?? 0) + ms);
  }
  // Inclusive time of the project's own functions (src/, bench/), each counted once per stack.
  const inclusive = new Map<string, number>();
  const parents = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  for (const [id, ms] of selfMs) {
    if (!ms) continue;
    const seen = new Set<string>();
    let cur: number | undefined = id;
    while (cur !== undefined) {
      const n = byId.get(cur);
      if (!n) break;
      const url = n.callFrame.url.replace(/^file:\/\//, "");
      if (url.startsWith(path.join(ROOT, "src")) && !url.includes("node_modules")) {
        const key = `${n.callFrame.functionName || "(anonymous)"} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
        if (!seen.has(key)) {
          seen.add(key);
          inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
        }
      }
      cur = parents.get(cur);
    }
  }
  const busy = totalMs - idle || 1;
  const lines = (m: Map<string, number>, n: number, skipIdle = true) =>
    [...m.entries()]
      .filter(([k]) => !skipIdle || !k.startsWith("(idle)"))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms: Math.round(ms), share: Math.round((ms / busy) * 1000) / 10 }));
  return {
    file,
    totalMs: Math.round(totalMs),
    idleShare: Math.round((idle / totalMs) * 1000) / 10,
    gcShare: Math.round((gc / busy) * 1000) / 10,
    topSelf: lines(self, top),
    byModule: lines(modules, top),
    projectInclusive: lines(inclusive, top),
  };
}

export function profileMarkdown(title: string, s: ProfileSummary): string {
  const table = (rows: ProfileLine[]) =>
    [
      "| % of busy time | ms | function / module |",
      "|---:|---:|---|",
      ...rows.map((r) => `| ${r.share} | ${r.ms} | \`${r.name.replaceAll("|", "\\|")}\` |`),
    ].join("\n");
  return [
    `### ${title}`,
    "",
    `Profile \`${path.relative(ROOT, s.file)}\`: ${s.totalMs} ms sampled, ${s.idleShare}% idle, garbage collection ${s.gcShare}% of busy time.`,
    "",
    "Self time by package or project file:",
    "",
    table(s.byModule),
    "",
    "Self time by function:",
    "",
    table(s.topSelf),
    "",
    "Inclusive time of the project's functions:",
    "",
    table(s.projectInclusive),
    "",
  ].join("\n");
}

/**
 * The newest main-thread .cpuprofile in a folder. Node writes one file per thread
 * (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile); tsx's module loader runs in thread 1, the app in 0.
 */
export function newestProfile(dir: string): string | null {
  if (!fs.existsSync(dir)) return null;
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.0\.\d+\.cpuprofile$/.test(f))
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return files[0] ?? null;
}
