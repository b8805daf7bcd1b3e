/**
 * CPU profiles of the server (`node --cpu-prof`) under the scenarios that missed a target (or the ones asked
 * for), at the reference scale, each summarised into the report (bench/profile.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { connect } from "../src/server/db/connect";
import { generate, type Manifest } from "./generate";
import { actionScenario, benchUsers, cannon, planActions, prepareHttp, type ScenarioId } from "./http";
import { measureRead } from "./measure-read";
import { startSpelplan } from "./processes";
import { newestProfile, summariseProfile } from "./profile";
import { guarded, log } from "./progress";
import type { Results } from "./report";
import type { ScaleRun } from "./scale-run";
import { drain } from "./watch";

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

/** `--profile auto|a,b,…`: auto profiles the scenarios that missed a target; the summaries go to `results.profiles`. */
export async function profileScenarios(o: {
  results: Results;
  profileOpt: string;
  ref: ScaleRun | undefined;
  referenceScale: number;
  dataRoot: string;
  date: string;
  quick: boolean;
  connections: number;
  notes: string[];
}): Promise<void> {
  const { results, profileOpt, ref, referenceScale, dataRoot, date, quick, connections, notes } = o;
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
