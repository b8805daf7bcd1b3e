import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, expect, it } from "vitest";
import { login, testApp } from "../support/app";
import { describeEachEngine, freshDb, type TestDb } from "../support/db";
import { makeUser, TEST_PASSWORD, testClock } from "../support/factories";

describeEachEngine("auth API", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let clock: ReturnType<typeof testClock>;
  beforeEach(async () => {
    t = await freshDb(engine);
    clock = testClock();
    app = await testApp(t.db, clock);
  });
  afterEach(async () => {
    await app.close();
    await t.close();
  });

  it("logs in with a httpOnly SameSite cookie and answers /me", async () => {
    const u = await makeUser(t.db, "secretariat");
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: u.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "spelplan_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    const me = await app.inject({
      method: "GET",
      url: "/api/auth/me",
      cookies: { spelplan_session: cookie!.value },
    });
    expect(me.json()).toMatchObject({ email: u.email, role: "secretariat", language: "sv" });
    expect(me.json().csrfToken).toBeTruthy();
  });

  it("refuses a wrong password and an unknown e-mail alike", async () => {
    const u = await makeUser(t.db, "reviewer");
    for (const payload of [
      { email: u.email, password: "wrong password!" },
      { email: "nobody@x.se", password: "whatever123" },
    ]) {
      const res = await app.inject({ method: "POST", url: "/api/auth/login", payload });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe("auth.invalid_credentials");
    }
  });

  it("gives a new session id on every login and ends it on logout", async () => {
    const u = await makeUser(t.db, "board");
    const a = await login(app, u.email);
    const b = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: u.email, password: TEST_PASSWORD },
      headers: { cookie: a.cookie },
    });
    const newCookie = b.cookies.find((c) => c.name === "spelplan_session")!.value;
    expect(`spelplan_session=${newCookie}`).not.toBe(a.cookie);
    // The cookie presented at login is discarded: no fixation.
    expect(
      (await app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: a.cookie } })).statusCode,
    ).toBe(401);
    const s = { cookie: `spelplan_session=${newCookie}`, csrf: b.json().csrfToken };
    const out = await app.inject({
      method: "POST",
      url: "/api/auth/logout",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
    });
    expect(out.statusCode).toBe(204);
    expect(
      (await app.inject({ method: "GET", url: "/api/auth/me", headers: { cookie: s.cookie } })).statusCode,
    ).toBe(401);
  });

  it("expires sessions", async () => {
    const u = await makeUser(t.db, "board");
    const s = await login(app, u.email);
    clock.advanceDays(1);
    expect((await s.request({ method: "GET", url: "/api/auth/me" })).json().error.code).toBe(
      "auth.unauthenticated",
    );
  });

  it("requires the CSRF token on state-changing requests", async () => {
    const u = await makeUser(t.db, "secretariat");
    const s = await login(app, u.email);
    const without = await app.inject({
      method: "PATCH",
      url: "/api/auth/me",
      headers: { cookie: s.cookie },
      payload: { language: "en" },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe("auth.csrf");
    const wrong = await app.inject({
      method: "PATCH",
      url: "/api/auth/me",
      headers: { cookie: s.cookie, "x-csrf-token": "x".repeat(32) },
      payload: { language: "en" },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await s.request({ method: "PATCH", url: "/api/auth/me", payload: { language: "en" } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().language).toBe("en");
  });

  it("throttles failed logins per account (the 6th attempt after 5 failures is 429 with Retry-After)", async () => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { email: "a@b.se", password: "nope-nope" },
      });
      statuses.push(res.statusCode);
      retryAfter = res.headers["retry-after"] as string | undefined;
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it("keeps disabled users out", async () => {
    const u = await makeUser(t.db, "reviewer");
    const s = await login(app, u.email);
    await t.db.updateTable("users").set({ status: "disabled" }).where("id", "=", u.id).execute();
    expect((await s.request({ method: "GET", url: "/api/auth/me" })).statusCode).toBe(401);
    const again = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: u.email, password: TEST_PASSWORD },
    });
    expect(again.statusCode).toBe(401);
  });
});
