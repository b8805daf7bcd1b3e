/**
 * The experiment behind `--max-semi-space-size=4` in src/server/launch.ts: a server on a generated database,
 * started with V8's default young generation and with the launch flags, in turns; each runs (a)–(d) with 50
 * connections and then the server-rendered page loads with 10, and reports throughput and its peak resident set.
 *
 *   npx tsx bench/young-generation.ts /tmp/bench/spelplan-bench-100000 [rounds=2] [seconds=10]
 *
 * The database is one `npm run bench -- --keep` generated (its manifest names the users). Nothing is written to it
 * but the sessions of the logins. Run it on a quiet machine: both sides share its two cores with the load generator.
 */

import { connect } from "../src/server/db/connect";
import { SERVER_ARGS, SERVER_NODE_FLAGS } from "../src/server/launch";
import { readManifest } from "./generate";
import { benchUsers, cannon, pageLoadScenario, prepareHttp, readScenario } from "./http";
import { startSpelplan } from "./processes";

const [dataDir, roundsArg, secondsArg] = process.argv.slice(2);
if (!dataDir) throw new Error("usage: npx tsx bench/young-generation.ts <data dir> [rounds] [seconds]");
const manifest = readManifest(dataDir);
if (!manifest) throw new Error(`${dataDir} holds no generated database (no manifest)`);
const rounds = Number(roundsArg ?? 2);
const seconds = Number(secondsArg ?? 10);
const variants = [
  { name: "V8's default", args: SERVER_ARGS.slice(SERVER_NODE_FLAGS.length) },
  { name: SERVER_NODE_FLAGS.join(" "), args: SERVER_ARGS },
];

const rows: string[] = [];
for (let round = 1; round <= rounds; round++) {
  for (const v of variants) {
    const server = await startSpelplan({ dataDir, args: v.args });
    const db = connect({ dataDir });
    try {
      const ctx = await prepareHttp({ url: server.url, db, ...benchUsers(manifest), log: () => {} });
      const rates: string[] = [];
      for (const id of ["a", "b", "c", "d"] as const) {
        const m = await cannon(id, {
          url: server.url,
          connections: 50,
          duration: seconds,
          ...readScenario(id, ctx),
        });
        rates.push(`${Math.round(m.rps)}`);
      }
      const pages = await cannon("pages", {
        url: server.url,
        connections: 10,
        duration: seconds,
        ...pageLoadScenario(ctx),
      });
      const mem = server.memory();
      const row = `| ${round} | ${v.name} | ${rates.join(" | ")} | ${pages.rps} | ${mem?.peakMb ?? "–"} |`;
      rows.push(row);
      console.log(row);
    } finally {
      await db.destroy();
      await server.stop();
    }
  }
}
console.log(`\n${manifest.scale.toLocaleString("en")} cases, ${seconds} s per scenario:\n`);
console.log("| round | young generation | (a)/s | (b)/s | (c)/s | (d)/s | page loads/s | peak RSS MB |");
console.log("|---:|---|---:|---:|---:|---:|---:|---:|");
for (const r of rows) console.log(r);
