/**
 * The command line of `npm run bench` (the options are listed at the top of run.ts): flags and values as given,
 * and the settings of a run derived from them (scales, durations, connections, what is left out).
 */
import os from "node:os";

export const argv = process.argv.slice(2);
export function flag(name: string): boolean {
  return argv.includes(`--${name}`);
}
export function option(name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}
export function numberOption(name: string): number | undefined {
  const v = option(name);
  if (v === undefined) return undefined;
  const n = Number(v.replaceAll("_", "").replaceAll(",", ""));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name}: not a positive number: ${v}`);
  return n;
}

export const quick = flag("quick");

export interface RunSettings {
  skip: Set<string>;
  scales: number[];
  /** The scale whose database the web page loads (LCP) run against. */
  lcpScale: number;
  /** The scale the throughput and latency targets are read at. */
  referenceScale: number;
  duration: number;
  warmup: number;
  connections: number;
  dataRoot: string;
}

/** The settings of a measuring run (not --generate-only or --render). */
export function runSettings(): RunSettings {
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
  return { skip, scales, lcpScale, referenceScale, duration, warmup, connections, dataRoot };
}
