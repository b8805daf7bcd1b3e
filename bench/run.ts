/**
 * `npm run bench -- [options]`: Spelplan's benchmarks (docs/performance.md). This file runs them in order: the
 * scales (scale-run.ts), the growth with the scales in turns (growth.ts), (e), the engine peer (engine-peer.ts),
 * the web (web.ts), the experiments, the profiles (profile-run.ts), and writes the results (run-results.ts).
 * Options (parsed in options.ts). There is no --help: an option not listed here is ignored, so `--help` alone
 * starts a full run.
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
import fs from "node:fs";
import path from "node:path";
import { stockholmDate } from "../src/domain/certification/deadlines";
import { stopBenchPostgres, tempDir } from "./engine";
import { measureEngines } from "./engine-peer";
import { runExperiments } from "./experiments";
import { generate } from "./generate";
import { growthRatios, interleavedGrowth, READ_SCENARIOS } from "./growth";
import { argv, flag, numberOption, option, quick, runSettings } from "./options";
import { profileScenarios } from "./profile-run";
import { clock, guarded, log } from "./progress";
import { evaluateTargets } from "./report";
import { finishResults, newResults, render } from "./run-results";
import { runActions, runScale, type ScaleOptions, type ScaleRun } from "./scale-run";
import { buildWeb, bundleReport, largestPage } from "./web";

async function generateOnly(): Promise<void> {
  const scale = numberOption("scale") ?? 10_000;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = databaseUrl ? undefined : (option("data-dir") ?? tempDir(`spelplan-bench-${scale}-`));
  const started = performance.now();
  const manifest = await generate({ scale, dataDir, databaseUrl });
  log(`done in ${clock((performance.now() - started) / 1000)}: ${dataDir ?? databaseUrl}`);
  console.log(JSON.stringify({ ...manifest, users: undefined }, null, 2));
}

async function main(): Promise<void> {
  if (flag("generate-only")) return generateOnly();
  const renderFile = option("render");
  if (renderFile) return render(renderFile);
  const startedAt = new Date();
  const { skip, scales, lcpScale, referenceScale, duration, warmup, connections, dataRoot } = runSettings();
  fs.mkdirSync(dataRoot, { recursive: true });
  const date = stockholmDate(startedAt);
  const notes: string[] = [];
  const results = newResults({
    date,
    quick,
    argv,
    startedAt,
    connections,
    duration,
    warmup,
    scales,
    referenceScale,
    notes,
  });
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
    await guarded("the engine peer and action throughput", notes, () =>
      measureEngines(results, quick, notes),
    );

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
  if (!skip.has("profile") && !skip.has("http") && profileOpt !== "none")
    await profileScenarios({
      results,
      profileOpt,
      ref,
      referenceScale,
      dataRoot,
      date,
      quick,
      connections,
      notes,
    });
  if (ref && !flag("keep")) fs.rmSync(ref.dataDir, { recursive: true, force: true });

  finishResults(results, { quick, skip, startedAt });
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
