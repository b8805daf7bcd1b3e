/**
 * The order every API route checks a request in: session (401) → CSRF (403) → role and scope (403/404) → body
 * validation (400) → command. Walks every route of the OpenAPI document with no session and a junk body.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ANY_USER_ROUTES, PUBLIC_API_ROUTES } from "../../src/server/http/auth-hook";
import { login, type Session, testApp } from "../support/app";
import { openNewRegionCase } from "../support/cases";
import { describeEachEngine, freshDb, type TestDb } from "../support/db";
import { makeRegion, makeUser, testClock } from "../support/factories";

type Operation = { method: string; path: string; route: string };

/** Every operation of the document, with its path filled in and the route as Fastify registered it. */
function operations(doc: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods)
      .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
      .map((m) => ({
        method: m.toUpperCase(),
        path: path.replace(/\{[^}]+\}/g, "x"),
        route: path.replace(/\{([^}]+)\}/g, ":$1"),
      })),
  );
}

describeEachEngine("authentication before anything else", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let ops: Operation[];
  let regionA: string;
  let regionB: string;
  const emails: Record<string, string> = {};

  beforeAll(async () => {
    t = await freshDb(engine);
    app = await testApp(t.db, testClock("2027-01-10T09:00:00Z"));
    regionA = await makeRegion(t.db, "Region A", ["1496"]);
    regionB = await makeRegion(t.db, "Region B", ["0680"]);
    emails.kansli = (await makeUser(t.db, "secretariat")).email;
    emails.a = (await makeUser(t.db, "regionLead", { regionId: regionA })).email;
    emails.b = (await makeUser(t.db, "regionLead", { regionId: regionB })).email;
    ops = operations((await app.inject({ url: "/api/openapi.json" })).json());
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it("answers 401 to every non-public route without a session, whatever the body", async () => {
    expect(ops.length).toBeGreaterThan(60);
    const wrong: string[] = [];
    let checked = 0;
    for (const op of ops) {
      if (PUBLIC_API_ROUTES.has(`${op.method} ${op.route}`)) continue;
      for (const payload of [{ junk: 1 }, "not json at all", undefined]) {
        const res = await app.inject({
          method: op.method as "GET",
          url: op.path,
          headers: { "content-type": "application/json" },
          payload: op.method === "GET" || op.method === "DELETE" ? undefined : (payload as never),
        });
        checked++;
        if (res.statusCode !== 401 || res.json().error?.code !== "auth.unauthenticated") {
          wrong.push(`${op.method} ${op.path}: ${res.statusCode} ${res.body.slice(0, 80)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(180);
  });

  it("lists only routes that exist as public, and answers them without a session", async () => {
    const routes = new Set(ops.map((o) => `${o.method} ${o.route}`));
    for (const key of PUBLIC_API_ROUTES) {
      if (key === "GET /api/openapi.json") continue; // hidden from its own document
      expect(routes.has(key), key).toBe(true);
    }
    expect((await app.inject({ url: "/api/public/certifications" })).statusCode).toBe(200);
    expect((await app.inject({ url: "/api/calendar/nonsense.ics" })).statusCode).toBe(404);
  });

  it("answers 403 to a state change with a session but no CSRF token, before validating the body", async () => {
    const s = await login(app, emails.kansli);
    const wrong: string[] = [];
    for (const op of ops.filter((o) => o.method !== "GET")) {
      if (op.route === "/api/auth/login") continue;
      const res = await app.inject({
        method: op.method as "POST",
        url: op.path,
        headers: { cookie: s.cookie, "content-type": "application/json" },
        payload: { junk: 1 },
      });
      if (res.statusCode !== 403) wrong.push(`${op.method} ${op.path}: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it("answers 404 outside scope and 403 for the wrong role on a case action, before validating the body", async () => {
    const a = await login(app, emails.a);
    const b = await login(app, emails.b);
    const c = await openNewRegionCase(a, regionA);
    // A case action with a junk body.
    const junkAction = (session: Session, caseId: string, action: string) =>
      session.request({
        method: "POST",
        url: `/api/cases/${caseId}/actions/${action}`,
        payload: { nonsense: true },
      });
    // Another region's lead: the case is not theirs to see.
    const outside = await junkAction(b, c.id, "recordAnchoring");
    expect(outside.statusCode, outside.body).toBe(404);
    // The region's lead may not give the secretariat's feedback.
    const role = await junkAction(a, c.id, "giveFeedback");
    expect(role.statusCode, role.body).toBe(403);
    // Their own action with a junk body: now the body is looked at.
    const own = await junkAction(a, c.id, "recordAnchoring");
    expect(own.statusCode, own.body).toBe(400);
    // A case that does not exist: 404, whatever the body.
    const none = await junkAction(a, "nope", "recordAnchoring");
    expect(none.statusCode).toBe(404);
  });

  it("answers 404 for something that does not exist, on every route that acts on something, before the body", async () => {
    const s = await login(app, emails.kansli);
    const wrong: string[] = [];
    const acting = ops.filter((o) => o.method !== "GET" && o.route.includes(":"));
    expect(acting.length).toBeGreaterThan(30);
    for (const op of acting) {
      const res = await s.request({ method: op.method as "POST", url: op.path, payload: { junk: 1 } });
      if (res.statusCode !== 404)
        wrong.push(`${op.method} ${op.path}: ${res.statusCode} ${res.body.slice(0, 80)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("answers 403/404 to a role that may not use a route, before the body (routes for any user listed in one place)", async () => {
    // Every such route refuses at least one of these roles; that refusal must come before the junk body is read.
    const others = await Promise.all(
      (["board", "admin", "reviewer", "localLead"] as const).map(async (role) =>
        login(app, (await makeUser(t.db, role, role === "localLead" ? { regionId: regionA } : {})).email),
      ),
    );
    const wrong: string[] = [];
    const creating = ops.filter((o) => o.method !== "GET" && !o.route.includes(":"));
    for (const op of creating) {
      const key = `${op.method} ${op.route}`;
      if (PUBLIC_API_ROUTES.has(key) || ANY_USER_ROUTES.has(key)) continue;
      const statuses: number[] = [];
      for (const s of others) {
        const res = await s.request({ method: op.method as "POST", url: op.path, payload: { junk: 1 } });
        statuses.push(res.statusCode);
      }
      // At least one role is refused before its junk body is read (without a check before the body, all get 400).
      if (!statuses.some((c) => c === 403 || c === 404)) wrong.push(`${key}: ${statuses.join(", ")}`);
    }
    expect(wrong).toEqual([]);
    // The routes for any user do look at the body first: there is nothing to be outside of.
    for (const key of ANY_USER_ROUTES) {
      const [method, route] = key.split(" ");
      expect(
        creating.some((o) => o.method === method && o.route === route),
        key,
      ).toBe(true);
    }
  });

  it("answers 404 to another region's lead on that region's registry, before the body", async () => {
    const b = await login(app, emails.b);
    const junk = { nonsense: true };
    for (const [method, url, payload] of [
      ["PATCH", `/api/regions/${regionA}`, junk],
      ["POST", `/api/regions/${regionA}/local-colleges`, junk],
      ["PUT", `/api/regions/${regionA}/municipalities/1496`, junk],
      ["POST", "/api/providers", { ...junk, regionId: regionA }],
      ["POST", "/api/companies", { ...junk, regionId: regionA }],
      ["POST", "/api/steering-groups", { ...junk, regionId: regionA }],
      ["POST", "/api/agreements", { ...junk, regionId: regionA }],
      ["POST", "/api/cases", { ...junk, regionId: regionA }],
    ] as const) {
      const res = await b.request({ method, url, payload });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(404);
    }
    // Their own region with the same junk: now the body is looked at.
    const own = await b.request({
      method: "POST",
      url: "/api/providers",
      payload: { ...junk, regionId: regionB },
    });
    expect(own.statusCode, own.body).toBe(400);
  });
});
