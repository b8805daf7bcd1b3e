/**
 * HTTP scenarios with autocannon against a real Spelplan process, each also reported as a share of the bare
 * Fastify yardstick measured by the same client in the same run.
 */
import http from "node:http";
import autocannon, {
  type Options as CannonLibOptions,
  type Result as CannonLibResult,
  type Request as CannonRequest,
} from "autocannon";
import type { ActionName } from "../src/domain/certification/actions";
import { stockholmDate } from "../src/domain/certification/deadlines";
import {
  type ActorFacts,
  applyAction,
  type BoardMeetingFacts,
  type CaseFacts,
  type WorldFacts,
} from "../src/domain/certification/machine";
import { normalizeCaseRecord } from "../src/domain/certification/record";
import type { CaseKind, CaseState } from "../src/domain/certification/steps";
import { actorWithRole, validPayloadFor } from "../src/domain/certification/test-support";
import type { DB } from "../src/server/db/connect";
import type { Manifest } from "./generate";
import { login, type Session } from "./processes";

export interface Measured {
  name: string;
  /** Successful (2xx) requests. */
  ok: number;
  non2xx: number;
  errors: number;
  statusCodes: Record<string, number>;
  seconds: number;
  /** 2xx per second. */
  rps: number;
  /**
   * Latency percentiles of the 2xx answers on connections already open: each connection's first answer is left
   * out (see `firstMax`).
   */
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /**
   * The slowest first answer on a connection. The load generator opens all its connections at the start, and a
   * busy Node server accepts one new connection per turn of its event loop (libuv accepts one per poll since
   * libuv/libuv#3696), so with fifty connections the last first requests wait for the server to accept their
   * connection, up to the length of the run. That wait is the connection's, not the request's.
   */
  firstMax: number;
  /** Mean response size in bytes. */
  bytes: number;
}

export interface CannonOptions {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  headers?: Record<string, string>;
  requests?: CannonRequest[];
  path?: string;
  method?: string;
  /** Seconds before a request counts as timed out (default 30). */
  timeout?: number;
}

export async function cannon(name: string, o: CannonOptions): Promise<Measured> {
  const options: CannonLibOptions = {
    url: o.path ? `${o.url}${o.path}` : o.url,
    connections: o.connections,
    timeout: o.timeout ?? 30,
  };
  // autocannon takes an explicit undefined as a value: set only what is given.
  if (o.duration !== undefined) options.duration = o.duration;
  if (o.amount !== undefined) options.amount = o.amount;
  if (o.headers) options.headers = o.headers;
  if (o.requests) options.requests = o.requests;
  if (o.method) options.method = o.method;
  // autocannon's own duration is whole seconds, and a run of a fixed number of requests ends on its next
  // one-second tick: such a run is timed from the start to the last response.
  const started = performance.now();
  let lastResponse = 0;
  const latencies = latencyRecorder();
  const r = await new Promise<CannonLibResult>((resolve, reject) => {
    const instance = autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
    instance.on("response", (client: unknown, statusCode: number, _bytes: number, ms: number) => {
      lastResponse = performance.now();
      latencies.record(client, statusCode, ms);
    });
  });
  const elapsed = ((lastResponse || performance.now()) - started) / 1000;
  const statusCodes: Record<string, number> = {};
  let ok = 0;
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) {
    statusCodes[code] = Number(s.count);
    if (code.startsWith("2")) ok += Number(s.count);
  }
  const seconds = o.amount !== undefined ? elapsed : r.duration;
  return {
    name,
    ok,
    non2xx: r.non2xx,
    errors: r.errors,
    statusCodes,
    seconds: Math.round(seconds * 100) / 100,
    rps: Math.round((ok / seconds) * 10) / 10,
    ...latencies.result(),
    bytes: r.requests.total ? Math.round((r.throughput.total ?? 0) / r.requests.total) : 0,
  };
}

/**
 * The latencies of a run's 2xx answers, by connection: each connection's first answer apart (`firstMax`, see
 * `Measured`), the others as percentiles.
 */
export function latencyRecorder() {
  const answered = new Set<unknown>();
  const onOpenConnections: number[] = [];
  let firstMax = 0;
  return {
    record(connection: unknown, statusCode: number, ms: number): void {
      if (statusCode < 200 || statusCode >= 300) return;
      if (answered.has(connection)) onOpenConnections.push(ms);
      else {
        answered.add(connection);
        firstMax = Math.max(firstMax, ms);
      }
    },
    result: () => ({ ...percentiles(onOpenConnections), firstMax: Math.round(firstMax) }),
  };
}

/** Nearest-rank percentiles in whole milliseconds (0 for no samples). */
export function percentiles(ms: number[]): { p50: number; p90: number; p99: number; max: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? Math.round(sorted[Math.ceil(p * sorted.length) - 1]) : 0);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: at(1) };
}

/** One GET with no client-side time limit but `limitMs` (fetch gives up after five minutes without headers). */
export function timedGet(
  url: string,
  headers: Record<string, string>,
  limitMs: number,
): Promise<{ status: number; bytes: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.get(url, { headers }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, bytes, ms: Math.round(performance.now() - started) }),
      );
      res.on("error", () => resolve({ status: 0, bytes, ms: Math.round(performance.now() - started) }));
    });
    req.setTimeout(limitMs, () => req.destroy());
    req.on("error", () => resolve({ status: 0, bytes: 0, ms: Math.round(performance.now() - started) }));
  });
}

export type ScenarioId = "a" | "b" | "c" | "d" | "e";

export const SCENARIO_TITLES: Record<ScenarioId, string> = {
  a: "case page GET /api/cases/{id} (random cases, secretariat)",
  b: "GET /api/tasks (busiest reviewer)",
  c: "secretariat dashboard",
  d: "case list GET /api/cases?step=protocol (page 1, secretariat)",
  e: "actions POST /api/cases/{id}/actions/{action} (secretariat, each a different case)",
};

export interface HttpSetup {
  url: string;
  db: DB;
  password: string;
  secretariatEmail: string;
  reviewerEmail: string;
  /** How many random case ids to draw for scenario (a). */
  sample?: number;
  log: (m: string) => void;
}

export interface HttpContext {
  secretariat: Session;
  reviewer: Session;
  caseIds: string[];
  dashboard: boolean;
}

export function headersOf(s: Session, json = false): Record<string, string> {
  return {
    cookie: s.cookie,
    "x-csrf-token": s.csrf,
    accept: "application/json",
    ...(json ? { "content-type": "application/json" } : {}),
  };
}

/** Who the bench logs in as on a generated database: a secretariat user (the n-th) and the busiest reviewer. */
export function benchUsers(
  manifest: Manifest,
  secretariat = 0,
): Pick<HttpSetup, "password" | "secretariatEmail" | "reviewerEmail"> {
  return {
    password: manifest.password,
    secretariatEmail: manifest.users.secretariat[secretariat] ?? manifest.users.secretariat[0],
    reviewerEmail: manifest.busiestReviewer.email,
  };
}

export async function prepareHttp(setup: HttpSetup): Promise<HttpContext> {
  const secretariat = await login(setup.url, setup.secretariatEmail, setup.password);
  const reviewer = await login(setup.url, setup.reviewerEmail, setup.password);
  const all = await setup.db.selectFrom("cases").select("id").execute();
  const want = Math.min(setup.sample ?? 20_000, all.length);
  const caseIds: string[] = [];
  let seed = 12345;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let i = 0; i < want; i++) caseIds.push(all[Math.floor(rand() * all.length)].id);
  // Whether the dashboard exists, from the OpenAPI document (calling it can take minutes on a large database).
  const openapi = (await (await fetch(`${setup.url}/api/openapi.json`)).json()) as {
    paths?: Record<string, unknown>;
  };
  return { secretariat, reviewer, caseIds, dashboard: Boolean(openapi.paths?.["/api/dashboard"]) };
}

/** The request set of a read scenario. */
export function readScenario(
  id: Exclude<ScenarioId, "e">,
  ctx: HttpContext,
): Pick<CannonOptions, "headers" | "requests" | "path"> {
  switch (id) {
    case "a": {
      let i = 0;
      return {
        headers: headersOf(ctx.secretariat),
        requests: [
          {
            method: "GET",
            setupRequest: (req) => {
              const caseId = ctx.caseIds[i++ % ctx.caseIds.length];
              return { ...req, path: `/api/cases/${caseId}` };
            },
          },
        ],
      };
    }
    case "b":
      return { headers: headersOf(ctx.reviewer), path: "/api/tasks" };
    case "c":
      return ctx.dashboard
        ? { headers: headersOf(ctx.secretariat), path: "/api/dashboard" }
        : {
            headers: headersOf(ctx.secretariat),
            requests: [
              { method: "GET", path: "/api/cases?overdue=true" },
              { method: "GET", path: "/api/tasks" },
            ],
          };
    case "d":
      return { headers: headersOf(ctx.secretariat), path: "/api/cases?step=protocol" };
  }
}

/** Full page loads as a browser makes them: the dashboard and random case pages in turn, rendered by the server. */
export const PAGE_LOADS_TITLE =
  "page loads GET /dashboard and /cases/{id} (HTML rendered by the server, secretariat)";

export function pageLoadScenario(ctx: HttpContext): Pick<CannonOptions, "headers" | "requests"> {
  let i = 0;
  return {
    headers: {
      cookie: ctx.secretariat.cookie,
      accept: "text/html,application/xhtml+xml",
      "accept-language": "sv",
      "accept-encoding": "gzip",
    },
    requests: [
      {
        method: "GET",
        setupRequest: (req) => {
          const n = i++;
          const path = n % 2 === 0 ? "/dashboard" : `/cases/${ctx.caseIds[(n >> 1) % ctx.caseIds.length]}`;
          return { ...req, path };
        },
      },
    ],
  };
}

// ---- scenario (e): moving cases forward ----------------------------------------------------------------

/** The forward actions of each step, the state-changing one first. */
const FORWARD: Partial<Record<CaseState, ActionName[]>> = {
  anchoring: ["recordAnchoring"],
  steeringGroup: ["recordSteeringGroups"],
  interest: ["submitInterest"],
  feedback: ["giveFeedback"],
  drafting: ["sendToSteeringGroup", "saveApplicationDraft"],
  submitted: ["submitApplication", "recordSteeringGroupApproval"],
  preparation: ["planVisit", "assignReviewers"],
  visit: ["recordVisit"],
  protocol: ["sendProtocol", "saveProtocol"],
  response: ["submitResponse"],
  decisionPrep: ["placeOnAgenda", "recordDecisionBasis"],
  decision: ["sendDecision", "recordDecision"],
  ceremony: ["recordCeremony"],
};

export interface PlannedAction {
  caseId: string;
  action: ActionName;
  body: string;
}

/**
 * Open cases spread over the 13 steps, each with the next forward action and a payload the process accepts
 * today (checked with the pure definition first), based on the version read now.
 */
export async function planActions(
  db: DB,
  secretariatId: string,
  now: Date,
  max: number,
): Promise<PlannedAction[]> {
  const today = stockholmDate(now);
  const users: WorldFacts["users"] = {};
  const staff = await db
    .selectFrom("users")
    .select(["id", "role"])
    .where("role", "in", ["reviewer", "secretariat"])
    .where("status", "=", "active")
    .execute();
  for (const u of staff) users[u.id] = { role: u.role as "reviewer" };
  const reviewers = staff.filter((u) => u.role === "reviewer").map((u) => u.id);
  const meeting = await db
    .selectFrom("board_meetings")
    .selectAll()
    .where("date", ">", today)
    .where("status", "=", "planned")
    .where("kind", "=", "ordinary")
    .orderBy("date")
    .limit(1)
    .executeTakeFirst();
  const boardMeeting: BoardMeetingFacts | undefined = meeting
    ? { id: meeting.id, date: meeting.date, kind: "ordinary", status: "planned" }
    : undefined;
  const groups = await db
    .selectFrom("steering_groups")
    .select(["id", "region_id"])
    .where("level", "=", "regional")
    .execute();
  const groupOf = new Map(groups.map((g) => [g.region_id, g.id]));
  const criteriaRows = await db
    .selectFrom("criteria")
    .select(["criteria_set_id", "number"])
    .orderBy("number")
    .execute();
  const criteriaOf = new Map<string, number[]>();
  for (const c of criteriaRows)
    criteriaOf.set(c.criteria_set_id, [...(criteriaOf.get(c.criteria_set_id) ?? []), c.number]);
  const actor: ActorFacts = { ...actorWithRole("secretariat"), userId: secretariatId };
  const states = Object.keys(FORWARD) as CaseState[];
  const perState = Math.ceil(max / states.length);
  const out: PlannedAction[] = [];
  let pick = 0;
  for (const state of states) {
    const rows = await db
      .selectFrom("cases")
      .select(["id", "kind", "state", "version", "record", "region_id", "criteria_set_id"])
      .where("state", "=", state)
      .where("process", "=", "certification")
      .orderBy("updated_at", "desc")
      .limit(perState)
      .execute();
    if (rows.length === 0) continue;
    const participants = await db
      .selectFrom("case_participants")
      .select(["case_id", "user_id"])
      .where("role", "=", "reviewer")
      .where(
        "case_id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    const reviewersOf = new Map<string, string[]>();
    for (const p of participants)
      reviewersOf.set(p.case_id, [...(reviewersOf.get(p.case_id) ?? []), p.user_id]);
    for (const row of rows) {
      const facts: CaseFacts = {
        kind: row.kind as CaseKind,
        state: row.state as CaseState,
        criteriaNumbers: criteriaOf.get(row.criteria_set_id ?? "") ?? [],
        record: normalizeCaseRecord(JSON.parse(row.record)),
      };
      const assigned = reviewersOf.get(row.id);
      const r1 = reviewers[pick++ % reviewers.length];
      const r2 = reviewers[(pick + 7) % reviewers.length];
      const reviewerIds = (
        assigned && assigned.length === 2
          ? assigned
          : [r1, r2 === r1 ? reviewers[(pick + 8) % reviewers.length] : r2]
      ) as [string, string];
      for (const action of FORWARD[state] ?? []) {
        let payload: unknown = validPayloadFor(action, facts, {
          today,
          reviewerIds,
          secretariatIds: [secretariatId],
          boardMeeting,
        });
        if (action === "recordSteeringGroups") {
          payload = {
            steeringGroupIds: [groupOf.get(row.region_id) ?? "steering-group"],
            note: "Styrgrupp bildad.",
          };
        }
        const world: WorldFacts = { today, users, boardMeeting };
        const dry = applyAction({ processVersion: 1, facts, actor, world, action, payload });
        if (!dry.ok) continue;
        out.push({
          caseId: row.id,
          action,
          body: JSON.stringify({ expectedVersion: row.version, payload }),
        });
        break;
      }
    }
  }
  // Interleave the steps so every stretch of the run mixes actions.
  return out.sort((x, y) => (x.caseId < y.caseId ? -1 : 1)).slice(0, max);
}

/** The request set of scenario (e); `fallbacks()` counts requests sent after the plan ran out (not actions). */
export function actionScenario(
  ctx: HttpContext,
  planned: PlannedAction[],
): Pick<CannonOptions, "headers" | "requests" | "amount"> & { fallbacks(): number } {
  let i = 0;
  return {
    fallbacks: () => Math.max(0, i - planned.length),
    amount: planned.length,
    headers: headersOf(ctx.secretariat, true),
    requests: [
      {
        method: "POST",
        setupRequest: (req) => {
          const a = planned[i++];
          if (!a) return { ...req, method: "GET", path: "/healthz", body: undefined };
          return { ...req, method: "POST", path: `/api/cases/${a.caseId}/actions/${a.action}`, body: a.body };
        },
      },
    ],
  };
}
