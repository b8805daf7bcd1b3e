/**
 * A run's results record: started with the command, the machine and the commit, written at the end as
 * bench/results/<name>.json and .md (and, for a full run, the README's section), or rendered again from a
 * results file (`--render`).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { flag, option } from "./options";
import { ROOT } from "./processes";
import { clock, log } from "./progress";
import { evaluateTargets, type Results, updateReadme, writeResults } from "./report";

function gitInfo(): { commit: string; dirtyFiles: number } {
  try {
    const commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: ROOT }).toString().trim();
    return { commit, dirtyFiles: dirty ? dirty.split("\n").length : 0 };
  } catch {
    return { commit: "unknown", dirtyFiles: 0 };
  }
}

/** The record of a run about to start; the measurements fill it. */
export function newResults(o: {
  date: string;
  quick: boolean;
  argv: string[];
  startedAt: Date;
  connections: number;
  duration: number;
  warmup: number;
  scales: number[];
  referenceScale: number;
  notes: string[];
}): Results {
  const { date, quick, argv, startedAt, connections, duration, warmup, scales, referenceScale, notes } = o;
  return {
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
}

/** The results written (bench/results/<date>.* or --out NAME), the README's section for a full run, the summary printed. */
export function finishResults(
  results: Results,
  o: { quick: boolean; skip: Set<string>; startedAt: Date },
): void {
  const { quick, skip, startedAt } = o;
  results.machine.loadEnd = os.loadavg();
  results.finishedAt = new Date().toISOString();
  const files = writeResults(results, option("out"));
  if (!quick && !skip.has("readme") && !option("out")) updateReadme(results, files.md);
  log(
    `results: ${path.relative(ROOT, files.json)}, ${path.relative(ROOT, files.md)} (${clock((Date.now() - startedAt.getTime()) / 1000)})`,
  );
  console.log(fs.readFileSync(files.md, "utf8").split("\n## HTTP scenarios")[0]);
}

/**
 * `--render FILE.json`: the markdown (and, for a full run, the README section) again from a results file,
 * with the targets evaluated by the current code.
 */
export function render(file: string): void {
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
