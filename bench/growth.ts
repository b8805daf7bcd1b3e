/**
 * Growth measured side by side: a server on each scale's database at once, and the read scenarios run in turns
 * over the scales, round after round. On this shared machine the throughput of the same thing moves by up to 2×
 * within minutes (the bare yardstick did, within one scale), so one pass per scale, minutes apart, can show a
 * growth that is the machine's. In turns, each scale meets the same moments; the median p50 over the rounds is
 * compared.
 */
import { connect } from "../src/server/db/connect";
import type { Manifest } from "./generate";
import { benchUsers, cannon, prepareHttp, readScenario, type ScenarioId } from "./http";
import { type Proc, startSpelplan } from "./processes";
import { median } from "./stats";

export type ReadScenarioId = Exclude<ScenarioId, "e">;

export const READ_SCENARIOS: readonly ReadScenarioId[] = ["a", "b", "c", "d"];

export interface InterleavedGrowth {
  rounds: number;
  durationSeconds: number;
  /** p50 (ms) of each round, per scale and scenario. */
  p50: Record<string, Partial<Record<ReadScenarioId, number[]>>>;
  /** Median p50 at the larger scale ÷ median p50 at the smaller. */
  ratios: { from: number; to: number; p50Ratio: Partial<Record<ReadScenarioId, number>> }[];
}

/** Larger ÷ smaller median p50 for every pair the report shows: the smallest scale to each, and neighbours. */
export function growthRatios(
  scales: number[],
  p50: InterleavedGrowth["p50"],
  ids: readonly ReadScenarioId[],
): InterleavedGrowth["ratios"] {
  const pairs: [number, number][] = [];
  for (let i = 1; i < scales.length; i++) {
    pairs.push([scales[0], scales[i]]);
    if (i > 1) pairs.push([scales[i - 1], scales[i]]);
  }
  return pairs.map(([from, to]) => {
    const p50Ratio: Partial<Record<ReadScenarioId, number>> = {};
    for (const id of ids) {
      const a = p50[from]?.[id];
      const b = p50[to]?.[id];
      if (a?.length && b?.length && median(a) > 0)
        p50Ratio[id] = Math.round((median(b) / median(a)) * 100) / 100;
    }
    return { from, to, p50Ratio };
  });
}

export async function interleavedGrowth(o: {
  scales: { scale: number; dataDir: string; manifest: Manifest }[];
  rounds: number;
  duration: number;
  warmup: number;
  connections: number;
  log: (m: string) => void;
}): Promise<InterleavedGrowth> {
  const ids = READ_SCENARIOS;
  const servers: { scale: number; proc: Proc; ctx: Awaited<ReturnType<typeof prepareHttp>> }[] = [];
  const p50: InterleavedGrowth["p50"] = {};
  try {
    for (const s of o.scales) {
      const proc = await startSpelplan({ dataDir: s.dataDir });
      const db = connect({ dataDir: s.dataDir });
      try {
        const ctx = await prepareHttp({
          url: proc.url,
          db,
          ...benchUsers(s.manifest),
          log: o.log,
        });
        servers.push({ scale: s.scale, proc, ctx });
      } catch (err) {
        await proc.stop();
        throw err;
      } finally {
        await db.destroy();
      }
      p50[s.scale] = { a: [], b: [], c: [], d: [] };
    }
    for (let round = 0; round < o.rounds; round++) {
      for (const id of ids) {
        // Each round starts at another scale, so no scale always runs first or last.
        const order = servers.map((_, i) => servers[(i + round) % servers.length]);
        const line: string[] = [];
        for (const s of order) {
          const spec = readScenario(id, s.ctx);
          await cannon("warmup", {
            url: s.proc.url,
            connections: o.connections,
            duration: o.warmup,
            ...spec,
          });
          const m = await cannon(id, {
            url: s.proc.url,
            connections: o.connections,
            duration: o.duration,
            ...readScenario(id, s.ctx),
          });
          p50[s.scale][id]?.push(m.p50);
          line.push(`${s.scale.toLocaleString("en")}: ${m.p50} ms`);
        }
        o.log(`  round ${round + 1} (${id}) p50 ${line.join(", ")}`);
      }
    }
  } finally {
    for (const s of servers) await s.proc.stop();
  }
  return {
    rounds: o.rounds,
    durationSeconds: o.duration,
    p50,
    ratios: growthRatios(
      o.scales.map((s) => s.scale),
      p50,
      ids,
    ),
  };
}
