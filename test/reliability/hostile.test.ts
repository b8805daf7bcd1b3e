import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildApp } from "../../src/server/app";
import { loadConfig } from "../../src/server/config";
import { createSession } from "../../src/server/modules/auth/sessions";
import { loginAll, type Session, testApp } from "../support/app";
import { describeEachEngine, freshDb, type TestDb } from "../support/db";
import { makeWorld, testClock } from "../support/factories";

/**
 * Hostile input, derived from the API's own OpenAPI document: every route, as every role and as a stranger,
 * with generated malformed bodies, query strings and ids. Nothing may answer 500, and a refused request
 * must leave the database exactly as it was.
 */

type Op = { method: string; path: string; hasBody: boolean };

function operations(doc: { paths: Record<string, Record<string, { requestBody?: unknown }>> }): Op[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ["get", "post", "put", "patch", "delete"].includes(m))
      .map(([m, op]) => ({ method: m.toUpperCase(), path, hasBody: Boolean(op.requestBody) })),
  );
}

/** Replaces path parameters with generated ids (unknown, weird, or real ones from the test world). */
function fill(path: string, id: string): string {
  return path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
}

async function fingerprint(t: TestDb): Promise<string> {
  const tables = [
    "events",
    "cases",
    "regions",
    "users",
    "sessions",
    "local_colleges",
    "education_providers",
    "steering_groups",
    "cooperation_agreements",
    "board_meetings",
  ];
  const counts: string[] = [];
  for (const table of tables) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.db);
    counts.push(`${table}=${Number(r.rows[0].n)}`);
  }
  const versions = await sql<{ v: number }>`select coalesce(sum(version), 0) as v from regions`.execute(t.db);
  return `${counts.join(",")};rv=${Number(versions.rows[0].v)}`;
}

const malformed = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 2 }), { maxKeys: 6 }),
  fc.record({
    expectedVersion: fc.oneof(fc.integer(), fc.string(), fc.constant(-1), fc.double()),
    payload: fc.anything({ maxDepth: 3 }),
    name: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()),
    regionId: fc.oneof(fc.string({ maxLength: 60 }), fc.constant("../../etc/passwd")),
    email: fc.string({ maxLength: 30 }),
    kind: fc.string({ maxLength: 20 }),
  }),
);

const weirdIds = fc.oneof(
  fc.uuid(),
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.constantFrom("0", "-1", "'; drop table cases; --", "%00", "..", "null", "x".repeat(300), "1496"),
);

describeEachEngine("hostile input", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let ops: Op[];
  const sessions: Record<string, Session | null> = {};
  let tried = 0;
  let realIds: string[] = [];
  let secretariatId = "";

  beforeAll(async () => {
    t = await freshDb(engine);
    const w = await makeWorld(t.db);
    // Real ids too, so requests reach the use cases and not only the 404 of an unknown id.
    secretariatId = w.users.secretariat.id;
    realIds = [w.regionA, w.regionB, w.collegeA, ...Object.values(w.users).map((u) => u.id)];
    app = await testApp(t.db, testClock(), { sessionHours: 1000 });
    ops = operations((await app.inject({ url: "/api/openapi.json" })).json());
    Object.assign(sessions, await loginAll(app, w.users));
    sessions.stranger = null;
  });
  afterAll(async () => {
    console.log(
      `hostile input [${engine}]: ${ops.length} operations, ${tried} malformed requests, none answered 5xx`,
    );
    await app.close();
    await t.close();
  });

  it("never answers 500 and never changes the database on a refused request", async () => {
    expect(ops.length).toBeGreaterThan(60);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ops),
        fc.constantFrom(...Object.keys(sessions)),
        fc.oneof(weirdIds, fc.constantFrom(...realIds)),
        malformed,
        fc.dictionary(
          fc.constantFrom("page", "pageSize", "step", "overdue", "q", "regionId", "kind"),
          fc.string({ maxLength: 20 }),
          { maxKeys: 3 },
        ),
        async (op, who, id, body, query) => {
          const before = await fingerprint(t);
          const s = sessions[who];
          const res = await (s ? s.request : app.inject.bind(app))({
            method: op.method as "GET",
            url: fill(op.path, id),
            query,
            ...(op.method === "GET" || op.method === "DELETE"
              ? {}
              : body === undefined
                ? {}
                : { payload: JSON.stringify(body), headers: { "content-type": "application/json" } }),
          });
          tried++;
          expect(res.statusCode, `${op.method} ${op.path} as ${who}: ${res.body.slice(0, 200)}`).toBeLessThan(
            500,
          );
          if (res.statusCode >= 400) {
            if (res.headers["content-type"]?.toString().includes("json"))
              expect(res.json().error.code).toMatch(/^[a-z]+[a-zA-Z]*\.[a-z_]+$/);
            if (op.path !== "/api/auth/login") expect(await fingerprint(t)).toBe(before);
          }
        },
      ),
      { numRuns: 400, seed: 20261128 },
    );
  });

  it("requires the CSRF token on every state-changing route", async () => {
    // A fresh session (the fuzzing above may have logged the others out, and used up the login rate limit).
    const fresh = await createSession(t.db, { userId: secretariatId, now: new Date(), hours: 24 * 365 * 5 });
    const s = { cookie: `spelplan_session=${fresh.token}` };
    const changing = ops.filter((o) => o.method !== "GET" && o.path !== "/api/auth/login");
    for (const op of changing) {
      const res = await app.inject({
        method: op.method as "POST",
        url: fill(op.path, "x"),
        headers: { cookie: s.cookie },
        payload: {},
      });
      expect(res.statusCode, `${op.method} ${op.path}`).toBe(403);
      expect(res.json().error.code).toBe("auth.csrf");
    }
    expect(changing.length).toBeGreaterThan(40);
  });

  it("answers oversized bodies with 413", async () => {
    // A fresh session: the fuzzing above may have logged the secretariat out.
    const fresh = await createSession(t.db, { userId: secretariatId, now: new Date(), hours: 24 * 365 * 5 });
    const res = await app.inject({
      method: "POST",
      url: "/api/regions",
      headers: { cookie: `spelplan_session=${fresh.token}`, "x-csrf-token": fresh.csrfToken },
      payload: { name: "x", description: "y".repeat(2_000_000) },
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(413);
  });
});

it("sends security headers, HSTS only behind TLS, and never logs passwords", async () => {
  const t = await freshDb("sqlite");
  const w = await makeWorld(t.db);
  const lines: string[] = [];
  const { Writable } = await import("node:stream");
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  process.env.SPELPLAN_TRUST_PROXY = "1";
  const app = await buildApp(
    {
      db: t.db,
      config: { ...loadConfig({}), loadDemoData: false },
      clock: () => new Date(),
      newId: () => crypto.randomUUID(),
    },
    { logger: { level: "info", stream } as never },
  );
  delete process.env.SPELPLAN_TRUST_PROXY;
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: w.users.admin.email, password: "correct horse battery" },
  });
  expect(res.statusCode).toBe(200);
  const bad = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email: w.users.admin.email, password: "hemligt-lösenord-123" },
  });
  expect(bad.statusCode).toBe(401);
  expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(res.headers["x-content-type-options"]).toBe("nosniff");
  expect(res.headers["strict-transport-security"]).toBeUndefined();
  expect(res.headers["x-request-id"]).toBeTruthy();
  const tls = await app.inject({ url: "/healthz", headers: { "x-forwarded-proto": "https" } });
  expect(tls.headers["strict-transport-security"]).toContain("max-age=");
  const log = lines.join("");
  expect(log.length).toBeGreaterThan(100);
  expect(log).not.toContain("correct horse battery");
  expect(log).not.toContain("hemligt-lösenord-123");
  await app.close();
  await t.close();
});
