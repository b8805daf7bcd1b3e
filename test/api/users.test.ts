import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { login, type Session, testApp } from "../support/app";
import { describeEachEngine, freshDb, type TestDb } from "../support/db";
import { makeWorld } from "../support/factories";

describeEachEngine("users API", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let w: Awaited<ReturnType<typeof makeWorld>>;
  let admin: Session;
  beforeAll(async () => {
    t = await freshDb(engine);
    w = await makeWorld(t.db);
    app = await testApp(t.db);
    admin = await login(app, w.users.admin.email);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it("lets an admin create a scoped user who can then log in", async () => {
    const res = await admin.request({
      method: "POST",
      url: "/api/users",
      payload: {
        email: "Ny.Lokal@Example.se",
        name: "Ny Lokal",
        role: "localLead",
        localCollegeId: w.collegeA,
        password: "ett långt lösenord",
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      email: "ny.lokal@example.se",
      regionId: w.regionA,
      localCollegeId: w.collegeA,
    });
    expect(JSON.stringify(res.json())).not.toContain("password");
    const s = await login(app, "ny.lokal@example.se", "ett långt lösenord");
    expect((await s.request({ url: "/api/regions" })).json().items).toHaveLength(1);
  });

  it("validates roles, scope, password length and duplicates", async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [
        { email: "a@b.se", name: "A", role: "regionLead", password: "ett långt lösenord" },
        422,
        "user.region_required",
      ],
      [
        { email: "a@b.se", name: "A", role: "superuser", password: "ett långt lösenord" },
        400,
        "request.invalid",
      ],
      [{ email: "a@b.se", name: "A", role: "board", password: "kort" }, 400, "request.invalid"],
      [
        { email: w.users.board.email, name: "A", role: "board", password: "ett långt lösenord" },
        409,
        "user.email_taken",
      ],
    ];
    for (const [payload, status, code] of cases) {
      const res = await admin.request({ method: "POST", url: "/api/users", payload });
      expect(res.statusCode, code).toBe(status);
      expect(res.json().error.code).toBe(code);
    }
  });

  it("hides user administration from other roles", async () => {
    const lead = await login(app, w.users.regionLeadA.email);
    expect((await lead.request({ url: "/api/users" })).statusCode).toBe(404);
    const res = await lead.request({
      method: "POST",
      url: "/api/users",
      payload: { email: "x@y.se", name: "X", role: "admin", password: "ett långt lösenord" },
    });
    expect(res.statusCode).toBe(404);
  });

  it("disables a user, ending their sessions, with optimistic concurrency", async () => {
    const victim = await login(app, w.users.reviewer.email);
    const list = (await admin.request({ url: "/api/users" })).json().items;
    const u = list.find((x: { id: string }) => x.id === w.users.reviewer.id);
    const res = await admin.request({
      method: "PATCH",
      url: `/api/users/${u.id}`,
      payload: { expectedVersion: u.version, status: "disabled" },
    });
    expect(res.json().status).toBe("disabled");
    expect((await victim.request({ url: "/api/auth/me" })).statusCode).toBe(401);
    const stale = await admin.request({
      method: "PATCH",
      url: `/api/users/${u.id}`,
      payload: { expectedVersion: u.version, status: "active" },
    });
    expect(stale.json().error.code).toBe("user.stale_version");
  });

  it("does not let an admin lock themselves out", async () => {
    const me = (await admin.request({ url: "/api/users" }))
      .json()
      .items.find((x: { id: string }) => x.id === w.users.admin.id);
    const res = await admin.request({
      method: "PATCH",
      url: `/api/users/${me.id}`,
      payload: { expectedVersion: me.version, status: "disabled" },
    });
    expect(res.json().error.code).toBe("user.cannot_demote_self");
  });
});
