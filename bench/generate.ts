/**
 * The data generator: a synthetic country in a fresh database. Schema, reference data and criteria through
 * `bootstrap`; the registry, users and board meetings (generate-country.ts); then N certification cases spread
 * over all 13 steps (the plan: generate-plan.ts), written in batches with their hash-chained logs, derived
 * columns, reviewers, documents metadata and certifications (one case: generate-case.ts) through the bulk sinks
 * (bulk.ts), secondary indexes dropped during the load and recreated after it. Cases are written in the order
 * they were opened, so registration numbers run per year as in real life. This file runs the whole generation
 * and writes the manifest (who to log in as, what was written).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { stockholmDate } from "../src/domain/certification/deadlines";
import { bootstrap } from "../src/server/bootstrap";
import { connect, engineOf } from "../src/server/db/connect";
import { rebuildCaseStatistics } from "../src/server/modules/cases/statistics";
import { postgresSink, sqliteSink, TABLE_ORDER } from "./bulk";
import { type WriteState, writeCase } from "./generate-case";
import { BENCH_PASSWORD, type BenchUsers, seedCountry } from "./generate-country";
import { dayIso, ENDINGS, makePlan } from "./generate-plan";
import { Progress } from "./progress";
import { TemplateCache } from "./templates";

export { BENCH_IP, BENCH_UA } from "./generate-case";
export { BENCH_PASSWORD } from "./generate-country";

export interface GenerateOptions {
  scale: number;
  /** SQLite: the data dir (spelplan.sqlite in it); must not hold a database yet. */
  dataDir?: string;
  /** PostgreSQL: an empty database. */
  databaseUrl?: string;
  seed?: number;
  now?: Date;
  batchCases?: number;
  quiet?: boolean;
}

export interface Manifest {
  scale: number;
  engine: "sqlite" | "postgres";
  dataDir: string | null;
  databaseUrl: string | null;
  generatedAt: string;
  seconds: number;
  password: string;
  users: BenchUsers;
  busiestReviewer: { email: string; openReviewerCases: number };
  counts: Record<string, number>;
  templateReplays: number;
  fileBytes: number | null;
}

// ---- small helpers ---------------------------------------------------------------------------------

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Time-ordered UUIDs (version 7 layout: a millisecond timestamp, then a counter): valid UUIDs like the app's,
 * and each generated row lands at the end of the primary-key and stream indexes, which keeps a bulk load of
 * tens of millions of rows fast.
 */
export function uuid7Factory(startMs = Date.now()): () => string {
  const ts = startMs.toString(16).padStart(12, "0");
  const head = `${ts.slice(0, 8)}-${ts.slice(8, 12)}-7`;
  let counter = 0;
  const tail = randomBytes(2).toString("hex").slice(0, 3);
  return () => {
    const h = (counter++).toString(16).padStart(15, "0");
    return `${head}${h.slice(0, 3)}-8${h.slice(3, 6)}-${h.slice(6, 15)}${tail}`;
  };
}

// ---- the whole run -------------------------------------------------------------------------------------

export async function generate(opts: GenerateOptions): Promise<Manifest> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const today = stockholmDate(now);
  const rand = mulberry32(opts.seed ?? 20261128);
  const engine = engineOf({ databaseUrl: opts.databaseUrl });
  const log = (m: string) => {
    if (!opts.quiet) process.stderr.write(`${m}\n`);
  };
  if (engine === "sqlite") {
    if (!opts.dataDir) throw new Error("generate: a data dir is needed for SQLite");
    fs.mkdirSync(opts.dataDir, { recursive: true });
    if (fs.existsSync(path.join(opts.dataDir, "spelplan.sqlite"))) {
      throw new Error(`generate: ${opts.dataDir} already holds a database; use a fresh data dir`);
    }
  }
  const db = connect({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir });
  let manifest: Manifest;
  try {
    await bootstrap(db, { demo: false, now: () => now, newId: () => crypto.randomUUID() });
    const anyCase = await db.selectFrom("cases").select("id").limit(1).executeTakeFirst();
    const anyUser = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
    if (anyCase || anyUser) throw new Error("generate: the database is not fresh (it has users or cases)");
    const providers = Math.max(240, Math.min(5000, Math.round(opts.scale / 200)));
    const t0 = performance.now();
    const country = await seedCountry(db, { providers, now, rand });
    log(
      `registry: ${country.regions.length} regions, ${country.providers.length} providers, ` +
        `${country.meetings.length} board meetings, users in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const templates = new TemplateCache(country.criteriaNumbers, country.meetings);
    const t1 = performance.now();
    const plan = makePlan(opts.scale, country, templates, today, rand);
    const order = new Uint32Array(opts.scale);
    for (let i = 0; i < order.length; i++) order[i] = i;
    order.sort((a, b) => plan.start[a] - plan.start[b] || a - b);
    log(`plan: ${templates.size} templates replayed in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    await db.destroy();

    const sink =
      engine === "sqlite"
        ? sqliteSink(path.join(opts.dataDir as string, "spelplan.sqlite"))
        : postgresSink(opts.databaseUrl as string);
    const existing: string[] = [];
    for (const t of TABLE_ORDER) if (await sink.hasTable(t)) existing.push(t);
    const indexes = await sink.dropSecondaryIndexes(existing);
    const st: WriteState = {
      regCounters: new Map(),
      events: 0,
      documents: 0,
      certifications: 0,
      participants: 0,
      withDocuments: existing.includes("documents") && existing.includes("registry_entries"),
    };
    if (!st.withDocuments) log("no documents tables: documents metadata left out");
    const newId = uuid7Factory(now.getTime() - 1000);
    const batch = opts.batchCases ?? (engine === "sqlite" ? 2000 : 500);
    const progress = new Progress(opts.scale, "cases", opts.quiet);
    const nowMs = now.getTime();
    for (let b = 0; b < opts.scale; b += batch) {
      await sink.begin();
      const end = Math.min(opts.scale, b + batch);
      for (let j = b; j < end; j++) {
        const i = order[j];
        const t = templates.get(plan.prefix[i], ENDINGS[plan.ending[i]], dayIso(plan.start[i]));
        writeCase(sink, t, i, plan, country, newId, nowMs, st);
      }
      await sink.commit();
      progress.update(end, `${(st.events / 1e6).toFixed(2)}M events`);
    }
    progress.done(`${(st.events / 1e6).toFixed(2)}M events`);
    const t2 = performance.now();
    for (const ix of indexes) await sink.exec(ix.sql);
    for (const [year, last] of st.regCounters) {
      await sink.exec(
        engine === "sqlite"
          ? `insert into registration_counters (year, last) values (${year}, ${last})
             on conflict(year) do update set last = excluded.last`
          : `insert into registration_counters (year, last) values (${year}, ${last})
             on conflict (year) do update set last = excluded.last`,
      );
    }
    log(`indexes: ${indexes.length} recreated in ${((performance.now() - t2) / 1000).toFixed(1)} s`);
    await sink.close();

    // The manifest: who to log in as, what was written.
    const check = connect({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir });
    try {
      // The statistics the transitions would have kept, rebuilt from the cases and events as the app's
      // `readmodels:rebuild` does.
      const t3 = performance.now();
      const stats = await check.transaction().execute((tx) => rebuildCaseStatistics(tx));
      log(
        `statistics: ${stats.openCases} open cases, ${stats.stays} stays, rebuilt in ${((performance.now() - t3) / 1000).toFixed(1)} s`,
      );
      if (engine === "postgres") await sql`analyze`.execute(check);
      const busiest = await check
        .selectFrom("case_participants")
        .innerJoin("cases", "cases.id", "case_participants.case_id")
        .innerJoin("users", "users.id", "case_participants.user_id")
        .select(["users.email", (eb) => eb.fn.countAll<number>().as("n")])
        .where("cases.closed_at", "is", null)
        .where("cases.awaiting_roles", "like", "%|reviewer|%")
        .groupBy("users.email")
        .orderBy("n", "desc")
        .limit(1)
        .executeTakeFirst();
      const count = async (table: "cases" | "events" | "users") =>
        Number(
          (
            await check
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .executeTakeFirst()
          )?.n ?? 0,
        );
      const file = engine === "sqlite" ? path.join(opts.dataDir as string, "spelplan.sqlite") : null;
      manifest = {
        scale: opts.scale,
        engine,
        dataDir: opts.dataDir ?? null,
        databaseUrl: opts.databaseUrl ?? null,
        generatedAt: now.toISOString(),
        seconds: Math.round((performance.now() - started) / 100) / 10,
        password: BENCH_PASSWORD,
        users: country.emails,
        busiestReviewer: {
          email: busiest?.email ?? country.emails.reviewers[0],
          openReviewerCases: Number(busiest?.n ?? 0),
        },
        counts: {
          cases: await count("cases"),
          events: await count("events"),
          caseEvents: st.events,
          users: await count("users"),
          regions: country.regions.length,
          providers: country.providers.length,
          boardMeetings: country.meetings.length,
          documents: st.documents,
          certifications: st.certifications,
          caseParticipants: st.participants,
        },
        templateReplays: templates.replays,
        fileBytes: file ? fs.statSync(file).size : null,
      };
    } finally {
      await check.destroy();
    }
  } catch (err) {
    await db.destroy().catch(() => {});
    throw err;
  }
  if (opts.dataDir)
    fs.writeFileSync(
      path.join(opts.dataDir, "bench-manifest.json"),
      `${JSON.stringify(manifest, null, 2)}\n`,
    );
  log(
    `generated ${manifest.counts.cases.toLocaleString("en")} cases, ${manifest.counts.events.toLocaleString("en")} events in ${manifest.seconds} s` +
      (manifest.fileBytes ? ` (${(manifest.fileBytes / 1e9).toFixed(2)} GB)` : ""),
  );
  return manifest;
}

export function readManifest(dataDir: string): Manifest | null {
  const f = path.join(dataDir, "bench-manifest.json");
  return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, "utf8")) as Manifest) : null;
}
