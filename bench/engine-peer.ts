/**
 * The in-process measurements of a run: Spelplan's use cases against bpmn-engine doing the same process (the
 * engine peer), and the action throughput on SQLite and PostgreSQL beside a bare insert loop on the same driver,
 * with the statement-cache and group-commit experiments (bench/engine.ts runs the loops).
 */
import { bareInsertLoop, bpmnInstances, type SpelplanRun, spelplanInstances, tempPgDatabase } from "./engine";
import { log } from "./progress";
import type { Results } from "./report";
import { median } from "./stats";

/** Fills `results.engine`, then `results.actions`; `quick` shortens every loop. */
export async function measureEngines(results: Results, quick: boolean, notes: string[]): Promise<void> {
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
        (median(spelplan.map((s) => s.actions.perSecond)) / median(bpmn.map((b) => b.steps.perSecond))) * 100,
      ) / 100,
  };

  log("action throughput beside a bare insert loop");
  const bareSqlite = await bareInsertLoop({ seconds: quick ? 3 : 8 });
  const spSqlite = spelplan.reduce((best, s) => (s.actions.perSecond > best.actions.perSecond ? s : best));
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
}
