/**
 * The data generator: a synthetic country in a fresh database. Schema, reference data and criteria through
 * `bootstrap`; regions, local colleges, municipalities, providers, programmes, companies, steering groups and
 * agreements through the registry use cases; users and board meetings as rows with their log events (one
 * precomputed argon2 hash for every user); then N certification cases spread over all 13 steps, written in
 * batches with their hash-chained logs (eventHash, as appendEvent chains them), derived columns, reviewers,
 * documents metadata and certifications. Cases are written in the order they were opened, so registration
 * numbers run per year as in real life.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { type IsoDate, stockholmDate } from "../src/domain/certification/deadlines";
import { CERTIFICATION_PROCESS_VERSION } from "../src/domain/certification/machine";
import type { Role } from "../src/domain/certification/permissions";
import { formatRegistrationNumber } from "../src/domain/certification/registration-number";
import { CASE_KIND_LABELS, type CaseKind, CERTIFICATION_STEPS } from "../src/domain/certification/steps";
import { bootstrap } from "../src/server/bootstrap";
import type { Ctx } from "../src/server/context";
import { connect, type DB, engineOf } from "../src/server/db/connect";
import { NO_DUE_DATE } from "../src/server/db/schema";
import { hashPassword } from "../src/server/modules/auth/passwords";
import { rebuildCaseStatistics } from "../src/server/modules/cases/statistics";
import { appendEvent } from "../src/server/modules/events/event-log";
import { eventHash } from "../src/server/modules/events/hash";
import * as registry from "../src/server/modules/registry/use-cases";
import { SYSTEM } from "../src/server/seed/demo";
import { type BulkSink, postgresSink, sqliteSink, type Value } from "./bulk";
import { Progress } from "./progress";
import {
  type CaseTemplate,
  type Ending,
  FULL_LENGTH,
  type Meeting,
  PH,
  statesAfterPrefixes,
  TemplateCache,
} from "./templates";

export const BENCH_PASSWORD = "spelplan-bench";
export const BENCH_IP = "127.0.0.1";
export const BENCH_UA = "Mozilla/5.0 (X11; Linux x86_64) spelplan-bench";

/** Shares of the cases: closed (the long tail of history), withdrawn, and open over the 13 steps. */
const SHARE_CLOSED = 0.7;
const SHARE_WITHDRAWN = 0.05;
const KIND_WEIGHTS: [CaseKind, number][] = [
  ["newProvider", 0.45],
  ["newProgramme", 0.35],
  ["newSpecialisation", 0.15],
  ["newRegion", 0.05],
];
const COUNTS = { secretariat: 5, reviewers: 40, board: 7, localCollegesPerRegion: 3, companiesPerRegion: 2 };
/** Counties split into two regions, to make 24 regions of Sweden's 21 counties. */
const SPLIT_COUNTIES = new Set(["01", "12", "14"]);

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
  users: {
    secretariat: string[];
    reviewers: string[];
    board: string[];
    regionLeads: string[];
    localLeads: string[];
    admin: string;
  };
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

const DAY_MS = 86_400_000;
function dayNumber(d: IsoDate): number {
  return Math.floor(Date.parse(`${d}T00:00:00Z`) / DAY_MS);
}
function dayIso(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
/** Monday on or before the day. */
function mondayOf(n: number): number {
  return n - ((new Date(n * DAY_MS).getUTCDay() + 6) % 7);
}
function firstOfMonth(n: number): number {
  const d = new Date(n * DAY_MS);
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS);
}

function pick<T>(weights: [T, number][], u: number): T {
  let acc = 0;
  for (const [v, w] of weights) {
    acc += w;
    if (u < acc) return v;
  }
  return weights[weights.length - 1][0];
}

// ---- the country -------------------------------------------------------------------------------------

interface Region {
  id: string;
  name: string;
  leadId: string;
  steeringGroupId: string;
  localColleges: string[];
}
interface Provider {
  id: string;
  name: string;
  regionIndex: number;
  localCollegeId: string;
  programmes: { id: string; name: string; specialisations: { id: string; name: string }[] }[];
}
interface Country {
  regions: Region[];
  providers: Provider[];
  secretariat: string[];
  reviewers: string[];
  board: string[];
  emails: Manifest["users"];
  meetings: Meeting[];
  criteriaSetId: string;
  criteriaSetVersion: number;
  criteriaNumbers: number[];
}

const PROGRAMMES: [string, string, string[]][] = [
  ["Teknikprogrammet", "TE", ["Produktionsteknik", "Design och produktutveckling"]],
  ["El- och energiprogrammet", "EE", ["Automation", "Elteknik"]],
  ["Industritekniska programmet", "IN", ["Produkt och maskinteknik", "Svetsteknik"]],
];
const PROVIDER_NAMES = ["gymnasiet", "gymnasieskola", "Tekniska gymnasium", "Yrkesakademi", "Industriskola"];

/** Registry through the app's use cases, users and board meetings as rows with their events. */
async function seedCountry(
  db: DB,
  opts: { providers: number; now: Date; rand: () => number },
): Promise<Country> {
  const { now, rand } = opts;
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const newId = () => crypto.randomUUID();
  return db.transaction().execute(async (tx) => {
    const ctx: Ctx = { db: tx, actor: SYSTEM, now, newId, meta: { ip: null, userAgent: "spelplan bench" } };
    const counties = await tx.selectFrom("counties").selectAll().orderBy("code").execute();
    const municipalities = await tx.selectFrom("municipalities").selectAll().orderBy("code").execute();
    const regionDefs: { name: string; codes: string[] }[] = [];
    for (const c of counties) {
      const codes = municipalities.filter((m) => m.county_code === c.code).map((m) => m.code);
      if (SPLIT_COUNTIES.has(c.code)) {
        const half = Math.ceil(codes.length / 2);
        regionDefs.push({ name: `Teknikcollege ${c.short_name} norra`, codes: codes.slice(0, half) });
        regionDefs.push({ name: `Teknikcollege ${c.short_name} södra`, codes: codes.slice(half) });
      } else {
        regionDefs.push({ name: `Teknikcollege ${c.short_name}`, codes });
      }
    }
    const regions: Region[] = [];
    const emails: Manifest["users"] = {
      secretariat: [],
      reviewers: [],
      board: [],
      regionLeads: [],
      localLeads: [],
      admin: "",
    };
    const nowIso = now.toISOString();
    const addUser = async (u: {
      email: string;
      name: string;
      role: Role;
      regionId?: string | null;
      localCollegeId?: string | null;
    }) => {
      const id = newId();
      await tx
        .insertInto("users")
        .values({
          id,
          email: u.email,
          name: u.name,
          password_hash: passwordHash,
          role: u.role,
          region_id: u.regionId ?? null,
          local_college_id: u.localCollegeId ?? null,
          language: "sv",
          status: "active",
          last_login_at: null,
          created_at: nowIso,
          updated_at: nowIso,
          version: 1,
        })
        .execute();
      await appendEvent(
        { ...ctx, actor: null },
        {
          streamType: "user",
          streamId: id,
          type: "user.created",
          payload: {
            email: u.email,
            name: u.name,
            role: u.role,
            regionId: u.regionId ?? null,
            localCollegeId: u.localCollegeId ?? null,
            language: "sv",
          },
        },
      );
      return id;
    };

    for (const [ri, def] of regionDefs.entries()) {
      const regionId = await registry.createRegion(ctx, {
        name: def.name,
        description: `Teknikcollege i ${def.name.replace("Teknikcollege ", "")}.`,
        website: null,
        municipalityCodes: [],
      });
      const colleges: string[] = [];
      for (let i = 0; i < COUNTS.localCollegesPerRegion; i++) {
        const name = `${def.name} lokalt college ${i + 1}`;
        colleges.push(await registry.createLocalCollege(ctx, regionId, { name }));
      }
      for (const [mi, code] of def.codes.entries()) {
        await registry.addMunicipalityToRegion(ctx, {
          regionId,
          code,
          localCollegeId: colleges[mi % colleges.length],
          joinedOn: "2016-01-01",
        });
      }
      const companies: { id: string; name: string }[] = [];
      for (let i = 0; i < COUNTS.companiesPerRegion; i++) {
        const name = `${def.name.replace("Teknikcollege ", "")} Industri ${i + 1} AB`;
        const id = await registry.createCompany(ctx, {
          regionId,
          localCollegeId: colleges[i % colleges.length],
          name,
          orgNumber: null,
          municipalityCode: def.codes[0] ?? null,
          letterOfIntentOn: "2016-03-01",
        });
        companies.push({ id, name });
      }
      const member = (
        name: string,
        kind: "company" | "municipality" | "provider",
        repr: string,
        chair = false,
        id?: string,
      ) => ({
        name,
        title: null,
        email: null,
        representsKind: kind,
        representsId: id ?? null,
        representsName: repr,
        isChair: chair,
      });
      const steeringGroupId = await registry.createSteeringGroup(ctx, {
        regionId,
        level: "regional",
        name: `Regional styrgrupp ${def.name.replace("Teknikcollege ", "")}`,
        members: [
          member("Anna Andersson", "company", companies[0].name, true, companies[0].id),
          member("Björn Berg", "company", companies[1].name, false, companies[1].id),
          member("Cecilia Claesson", "company", companies[0].name),
          member("David Dahl", "municipality", "Kommunen"),
          member("Eva Ek", "provider", "Gymnasiet"),
        ],
      });
      await registry.createAgreement(ctx, {
        regionId,
        title: `Samverkansavtal ${def.name}`,
        validFrom: "2016-01-01",
        validTo: null,
        signedOn: "2015-12-01",
      });
      const n = String(ri + 1).padStart(2, "0");
      const leadEmail = `region${n}@bench.spelplan.se`;
      const leadId = await addUser({
        email: leadEmail,
        name: `Processledare ${n}`,
        role: "regionLead",
        regionId,
      });
      emails.regionLeads.push(leadEmail);
      for (const [ci, lc] of colleges.entries()) {
        const email = `lokal${n}-${ci + 1}@bench.spelplan.se`;
        await addUser({
          email,
          name: `Lokal ledare ${n}-${ci + 1}`,
          role: "localLead",
          regionId,
          localCollegeId: lc,
        });
        emails.localLeads.push(email);
      }
      regions.push({ id: regionId, name: def.name, leadId, steeringGroupId, localColleges: colleges });
    }

    const providers: Provider[] = [];
    for (let i = 0; i < opts.providers; i++) {
      const regionIndex = i % regions.length;
      const region = regions[regionIndex];
      const code = regionDefs[regionIndex].codes[i % regionDefs[regionIndex].codes.length];
      const localCollegeId = region.localColleges[i % region.localColleges.length];
      const name = `${PROVIDER_NAMES[i % PROVIDER_NAMES.length]} ${i + 1} (${region.name.replace("Teknikcollege ", "")})`;
      const providerId = await registry.createProvider(ctx, {
        regionId: region.id,
        localCollegeId,
        name,
        kind: rand() < 0.75 ? "public" : "private",
        orgNumber: null,
        municipalityCode: code ?? null,
      });
      const provider: Provider = { id: providerId, name, regionIndex, localCollegeId, programmes: [] };
      for (const [pname, pcode, specs] of PROGRAMMES) {
        // addProgramme does not return the id: the first id it draws is the programme's.
        const drawn: string[] = [];
        const recording: Ctx = {
          ...ctx,
          newId: () => {
            const id = newId();
            drawn.push(id);
            return id;
          },
        };
        await registry.addProgramme(recording, providerId, { name: pname, code: pcode });
        const programme = {
          id: drawn[0],
          name: pname,
          specialisations: [] as { id: string; name: string }[],
        };
        for (const sname of specs) {
          const sdrawn: string[] = [];
          const srec: Ctx = {
            ...ctx,
            newId: () => {
              const id = newId();
              sdrawn.push(id);
              return id;
            },
          };
          await registry.addSpecialisation(srec, programme.id, { name: sname });
          programme.specialisations.push({ id: sdrawn[0], name: sname });
        }
        provider.programmes.push(programme);
      }
      providers.push(provider);
    }

    const secretariat: string[] = [];
    for (let i = 1; i <= COUNTS.secretariat; i++) {
      const email = `kansli${i}@bench.spelplan.se`;
      secretariat.push(await addUser({ email, name: `Kansli ${i}`, role: "secretariat" }));
      emails.secretariat.push(email);
    }
    const reviewers: string[] = [];
    for (let i = 1; i <= COUNTS.reviewers; i++) {
      const n = String(i).padStart(2, "0");
      const email = `granskare${n}@bench.spelplan.se`;
      reviewers.push(await addUser({ email, name: `Granskare ${n}`, role: "reviewer" }));
      emails.reviewers.push(email);
    }
    const board: string[] = [];
    for (let i = 1; i <= COUNTS.board; i++) {
      const email = `styrelse${i}@bench.spelplan.se`;
      board.push(await addUser({ email, name: `Styrelseledamot ${i}`, role: "board" }));
      emails.board.push(email);
    }
    emails.admin = "admin@bench.spelplan.se";
    await addUser({ email: emails.admin, name: "Admin", role: "admin" });

    // Six ordinary board meetings a year, from eleven years back to a year ahead.
    const today = stockholmDate(now);
    const firstYear = Number(today.slice(0, 4)) - 11;
    const lastYear = Number(today.slice(0, 4)) + 1;
    const meetings: Meeting[] = [];
    for (let y = firstYear; y <= lastYear; y++) {
      for (const m of ["02", "04", "06", "09", "10", "12"]) {
        const date = `${y}-${m}-15`;
        const id = newId();
        const title = `Styrelsemöte ${date}`;
        await tx
          .insertInto("board_meetings")
          .values({
            id,
            date,
            kind: "ordinary",
            title,
            location: "Stockholm",
            status: date < today ? "held" : "planned",
            created_at: nowIso,
            updated_at: nowIso,
          })
          .execute();
        await appendEvent(ctx, {
          streamType: "boardMeeting",
          streamId: id,
          type: "boardMeeting.created",
          payload: { date, kind: "ordinary", title, location: "Stockholm" },
        });
        meetings.push({ id, date });
      }
    }
    const set = await tx
      .selectFrom("criteria_sets")
      .selectAll()
      .where("status", "=", "active")
      .executeTakeFirstOrThrow();
    const criteria = await tx
      .selectFrom("criteria")
      .select("number")
      .where("criteria_set_id", "=", set.id)
      .orderBy("number")
      .execute();
    return {
      regions,
      providers,
      secretariat,
      reviewers,
      board,
      emails,
      meetings,
      criteriaSetId: set.id,
      criteriaSetVersion: set.version,
      criteriaNumbers: criteria.map((c) => c.number),
    };
  });
}

// ---- the plan: what each case is, and when it was opened -----------------------------------------------

const ENDINGS: Ending[] = ["open", "closed", "withdrawn"];
const KINDS: CaseKind[] = ["newProvider", "newProgramme", "newSpecialisation", "newRegion"];

interface Plan {
  n: number;
  start: Int32Array;
  prefix: Uint8Array;
  ending: Uint8Array;
  kind: Uint8Array;
  /** Provider index (or region index for newRegion). */
  subject: Int32Array;
  sub2: Uint8Array;
  sub3: Uint8Array;
  rev1: Uint8Array;
  rev2: Uint8Array;
  sec: Uint8Array;
  board: Uint8Array;
  minute: Uint16Array;
}

function makePlan(
  n: number,
  country: Country,
  templates: TemplateCache,
  today: IsoDate,
  rand: () => number,
): Plan {
  const p: Plan = {
    n,
    start: new Int32Array(n),
    prefix: new Uint8Array(n),
    ending: new Uint8Array(n),
    kind: new Uint8Array(n),
    subject: new Int32Array(n),
    sub2: new Uint8Array(n),
    sub3: new Uint8Array(n),
    rev1: new Uint8Array(n),
    rev2: new Uint8Array(n),
    sec: new Uint8Array(n),
    board: new Uint8Array(n),
    minute: new Uint16Array(n),
  };
  const todayN = dayNumber(today);
  const states = statesAfterPrefixes(country.criteriaNumbers);
  // Open prefixes by step: a step is drawn uniformly, then one of the prefixes that end in it.
  const byStep = CERTIFICATION_STEPS.map((step) =>
    states.slice(0, FULL_LENGTH).flatMap((s, prefix) => (s === step ? [prefix] : [])),
  );
  // Days from opening to the last action, from a template opened two years ago (board meetings exist then).
  const reference = dayIso(mondayOf(todayN - 730));
  const nominal = (prefix: number) => {
    const t = templates.get(prefix, "open", reference);
    return dayNumber(t.endDay) - dayNumber(t.startDay);
  };
  const nominalDays = Array.from({ length: FULL_LENGTH + 1 }, (_, k) => nominal(k));
  const tenYears = 3652;
  const nReviewers = country.reviewers.length;
  for (let i = 0; i < n; i++) {
    const u = rand();
    const ending: Ending =
      u < SHARE_CLOSED ? "closed" : u < SHARE_CLOSED + SHARE_WITHDRAWN ? "withdrawn" : "open";
    let prefix: number;
    let start: number;
    if (ending === "open") {
      const prefixes = byStep[Math.floor(rand() * byStep.length)];
      prefix = prefixes[Math.floor(rand() * prefixes.length)];
      // Weeks since the last action: exponential, mean four weeks, at most a year.
      const weeks = Math.min(51, Math.floor(-Math.log(1 - rand()) * 4));
      start = mondayOf(todayN - weeks * 7 - nominalDays[prefix]);
      while (dayNumber(templates.get(prefix, "open", dayIso(start)).endDay) > todayN) start -= 7;
    } else if (ending === "closed") {
      prefix = FULL_LENGTH;
      start = firstOfMonth(
        todayN - tenYears + Math.floor(rand() * (tenYears - nominalDays[FULL_LENGTH] - 60)),
      );
      while (dayNumber(templates.get(prefix, "closed", dayIso(start)).endDay) > todayN)
        start = firstOfMonth(start - 1);
    } else {
      prefix = Math.floor(rand() * FULL_LENGTH);
      const span = tenYears - nominalDays[prefix] - 60;
      // Half-year buckets keep the number of distinct withdrawn templates small.
      const raw = todayN - tenYears + Math.floor(rand() * span);
      start = firstOfMonth(raw - (new Date(raw * DAY_MS).getUTCMonth() % 6) * 28);
      while (dayNumber(templates.get(prefix, "withdrawn", dayIso(start)).endDay) > todayN) start -= 182;
    }
    p.start[i] = start;
    p.prefix[i] = prefix;
    p.ending[i] = ENDINGS.indexOf(ending);
    const kind = pick(KIND_WEIGHTS, rand());
    p.kind[i] = KINDS.indexOf(kind);
    p.subject[i] =
      kind === "newRegion"
        ? Math.floor(rand() * country.regions.length)
        : Math.floor(rand() * country.providers.length);
    p.sub2[i] = Math.floor(rand() * PROGRAMMES.length);
    p.sub3[i] = Math.floor(rand() * 2);
    // Reviewers: a mild skew, so some reviewers are busier than others (the "busy reviewer" of scenario b).
    const r1 = Math.min(nReviewers - 1, Math.floor(nReviewers * rand() ** 1.5));
    let r2 = Math.floor(rand() * (nReviewers - 1));
    if (r2 >= r1) r2 += 1;
    p.rev1[i] = r1;
    p.rev2[i] = r2;
    p.sec[i] = Math.floor(rand() * country.secretariat.length);
    p.board[i] = Math.floor(rand() * country.board.length);
    p.minute[i] = Math.floor(rand() * 480);
  }
  return p;
}

// ---- writing one case ----------------------------------------------------------------------------------

interface WriteState {
  regCounters: Map<number, number>;
  events: number;
  documents: number;
  certifications: number;
  participants: number;
  withDocuments: boolean;
}

const dayMsCache = new Map<string, number>();
function dayMs(day: IsoDate): number {
  let v = dayMsCache.get(day);
  if (v === undefined) {
    v = Date.parse(`${day}T00:00:00Z`);
    dayMsCache.set(day, v);
  }
  return v;
}

function safeName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function writeCase(
  sink: BulkSink,
  t: CaseTemplate,
  i: number,
  plan: Plan,
  country: Country,
  newId: () => string,
  nowMs: number,
  st: WriteState,
): void {
  const kind = KINDS[plan.kind[i]];
  let region: Region;
  let localCollegeId: string | null = null;
  let providerId: string | null = null;
  let programmeId: string | null = null;
  let specialisationId: string | null = null;
  let title: string;
  let subject: { kind: string; id: string; name: string };
  const label = CASE_KIND_LABELS[kind].sv;
  if (kind === "newRegion") {
    region = country.regions[plan.subject[i]];
    title = `${label}: ${region.name}`;
    subject = { kind: "region", id: region.id, name: region.name };
  } else {
    const p = country.providers[plan.subject[i]];
    region = country.regions[p.regionIndex];
    localCollegeId = p.localCollegeId;
    providerId = p.id;
    if (kind === "newProvider") {
      title = `${label}: ${p.name}`;
      subject = { kind: "provider", id: p.id, name: p.name };
    } else {
      const pr = p.programmes[plan.sub2[i]];
      programmeId = pr.id;
      if (kind === "newProgramme") {
        title = `${label}: ${pr.name}, ${p.name}`;
        subject = { kind: "programme", id: pr.id, name: pr.name };
      } else {
        const sp = pr.specialisations[plan.sub3[i]];
        specialisationId = sp.id;
        title = `${label}: ${sp.name} (${pr.name}, ${p.name})`;
        subject = { kind: "specialisation", id: sp.id, name: sp.name };
      }
    }
  }
  const reviewer1 = country.reviewers[plan.rev1[i]];
  const reviewer2 = country.reviewers[plan.rev2[i]];
  const secretariat = country.secretariat[plan.sec[i]];
  const board = country.board[plan.board[i]];
  const actorOf = (role: Role): string =>
    role === "regionLead"
      ? region.leadId
      : role === "reviewer"
        ? reviewer1
        : role === "board"
          ? board
          : secretariat;
  const substitute = (s: string) =>
    s
      .replaceAll(PH.reviewer1, reviewer1)
      .replaceAll(PH.reviewer2, reviewer2)
      .replaceAll(PH.secretariat, secretariat)
      .replaceAll(PH.steeringGroup, region.steeringGroupId)
      .replaceAll(PH.providerList, providerId ? `["${providerId}"]` : "[]")
      .replaceAll(PH.programmeList, programmeId ? `["${programmeId}"]` : "[]");

  const caseId = newId();
  const year = Number(t.startDay.slice(0, 4));
  const seq = (st.regCounters.get(year) ?? 0) + 1;
  st.regCounters.set(year, seq);
  const registrationNumber = formatRegistrationNumber(year, seq);
  const minute = plan.minute[i];
  const timeOf = (day: IsoDate, index: number) => {
    const ms = Math.min(dayMs(day) + (420 + minute + index * 2) * 60_000, nowMs - (200 - index) * 1000);
    return new Date(ms).toISOString();
  };

  // The log: case.opened, then the template's actions and documents, hash-chained.
  let prevHash: string | null = null;
  let seqNo = 0;
  const append = (
    streamType: string,
    streamId: string,
    seqValue: number,
    type: string,
    actorId: string,
    actorRole: string,
    occurredAt: string,
    payload: string,
    processVersion: number | null,
    prev: string | null,
  ): string => {
    const hash = eventHash({
      streamType,
      streamId,
      seq: seqValue,
      type,
      actorId,
      actorRole,
      occurredAt,
      ip: BENCH_IP,
      userAgent: BENCH_UA,
      payload,
      processVersion,
      prevHash: prev,
    });
    sink.add("events", [
      newId(),
      streamType,
      streamId,
      seqValue,
      type,
      actorId,
      actorRole,
      occurredAt,
      BENCH_IP,
      BENCH_UA,
      payload,
      processVersion,
      prev,
      hash,
    ]);
    st.events += 1;
    return hash;
  };

  const openedAt = timeOf(t.startDay, 0);
  const input: Record<string, string> = { kind, regionId: region.id };
  if (specialisationId) input.specialisationId = specialisationId;
  else if (programmeId) input.programmeId = programmeId;
  else if (providerId) input.providerId = providerId;
  const times: string[] = new Array(t.events.length);
  for (let k = 0; k < t.events.length; k++) times[k] = timeOf(t.events[k].day, k + 1);
  const lastActionIndex = (() => {
    for (let k = t.events.length - 1; k >= 0; k--) if (t.events[k].kind === "action") return k;
    return -1;
  })();
  const updatedAt = lastActionIndex >= 0 ? times[lastActionIndex] : openedAt;

  // The case row first (the documents and certifications refer to it).
  const row: Value[] = [
    caseId,
    registrationNumber,
    year,
    seq,
    "certification",
    CERTIFICATION_PROCESS_VERSION,
    kind,
    t.state,
    title,
    region.id,
    localCollegeId,
    providerId,
    programmeId,
    specialisationId,
    null,
    null,
    null,
    country.criteriaSetId,
    t.boardMeetingId,
    substitute(t.record),
    t.nextDueDate,
    t.nextDeadline,
    t.visitDate,
    t.awaitingRoles,
    t.enabledActions,
    region.leadId,
    openedAt,
    updatedAt,
    t.stateSinceIndex >= 0 ? times[t.stateSinceIndex] : openedAt,
    t.final ? updatedAt : null,
    1 + t.actions,
  ];
  sink.add("cases", row);
  // The meetings' agendas, as performCaseAction keeps them (the synthetic cases are never postponed).
  if (t.boardMeetingId) sink.add("meeting_placements", [t.boardMeetingId, caseId]);
  if (t.reviewersAssigned) {
    // The reviewers' task index, as performCaseAction keeps it.
    const taskOpen = !t.final && t.awaitingRoles.includes("|reviewer|") ? 1 : 0;
    const since = t.stateSinceIndex >= 0 ? times[t.stateSinceIndex] : openedAt;
    const due = t.nextDueDate ?? NO_DUE_DATE;
    sink.add("case_participants", [caseId, reviewer1, "reviewer", taskOpen, due, since]);
    sink.add("case_participants", [caseId, reviewer2, "reviewer", taskOpen, due, since]);
    st.participants += 2;
  }

  prevHash = append(
    "case",
    caseId,
    ++seqNo,
    "case.opened",
    region.leadId,
    "regionLead",
    openedAt,
    JSON.stringify({
      ...input,
      registrationNumber,
      criteriaSetVersion: country.criteriaSetVersion,
      state: "anchoring",
    }),
    CERTIFICATION_PROCESS_VERSION,
    null,
  );
  let registrySeq = 0;
  let certificationEvent: { at: string; actorId: string } | null = null;
  for (let k = 0; k < t.events.length; k++) {
    const e = t.events[k];
    const actorId = actorOf(e.role);
    if (e.kind === "action") {
      const payload = e.hasPlaceholders ? substitute(e.payload) : e.payload;
      prevHash = append(
        "case",
        caseId,
        ++seqNo,
        e.type,
        actorId,
        e.role,
        times[k],
        payload,
        CERTIFICATION_PROCESS_VERSION,
        prevHash,
      );
      if (t.certification && k === t.certification.eventIndex) certificationEvent = { at: times[k], actorId };
      continue;
    }
    const doc = e.doc;
    if (!doc || !st.withDocuments) continue;
    const documentId = newId();
    registrySeq += 1;
    const ext = doc.mime === "application/pdf" ? "pdf" : "docx";
    const originalName = `${doc.title} ${registrationNumber}.${ext}`;
    const fileName = `${safeName(`${doc.title} ${registrationNumber}`)}.${ext}`;
    const sha256 = createHash("sha256").update(`${caseId}/${doc.slot}`).digest("hex");
    const counterpart = doc.counterpart === "region" ? region.name : "RTS kansli";
    sink.add("documents", [documentId, "case", caseId, caseId, doc.slot, doc.title, times[k], actorId, 1]);
    sink.add("document_versions", [
      newId(),
      documentId,
      1,
      sha256,
      doc.size,
      doc.mime,
      originalName,
      fileName,
      times[k],
      actorId,
      doc.generated ? 1 : 0,
    ]);
    sink.add("registry_entries", [
      newId(),
      caseId,
      registrySeq,
      e.day,
      doc.direction,
      counterpart,
      doc.title,
      documentId,
      1,
      times[k],
    ]);
    st.documents += 1;
    const payload = JSON.stringify({
      documentId,
      version: 1,
      slot: doc.slot,
      title: doc.title,
      sha256,
      size: doc.size,
      mime: doc.mime,
      fileName,
      generated: doc.generated,
      registration: `${registrationNumber}-${registrySeq}`,
      direction: doc.direction,
      counterpart,
    });
    prevHash = append("case", caseId, ++seqNo, e.type, actorId, e.role, times[k], payload, null, prevHash);
  }
  if (t.certification && certificationEvent) {
    const certId = newId();
    sink.add("certifications", [
      certId,
      caseId,
      region.id,
      subject.kind,
      subject.id,
      subject.name,
      t.certification.decidedOn,
      t.certification.validTo,
      "certified",
      null,
      certificationEvent.at,
      certificationEvent.at,
      1,
    ]);
    append(
      "certification",
      certId,
      1,
      "certification.granted",
      certificationEvent.actorId,
      "secretariat",
      certificationEvent.at,
      JSON.stringify({
        caseId,
        registrationNumber,
        ...subject,
        years: t.certification.years,
        validFrom: t.certification.decidedOn,
      }),
      null,
      null,
    );
    st.certifications += 1;
  }
}

// ---- the whole run -------------------------------------------------------------------------------------

const BULK_TABLES = [
  "cases",
  "events",
  "case_participants",
  "meeting_placements",
  "documents",
  "document_versions",
  "registry_entries",
  "certifications",
];

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
    for (const t of BULK_TABLES) if (await sink.hasTable(t)) existing.push(t);
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
