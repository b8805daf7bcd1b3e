/**
 * Login throttling kept in the database: failures only, per account and per address, growing locks with
 * Retry-After, the same answer for accounts that do not exist, reset on success, and the secretariat or an admin
 * lifting a lock (logged). The clock is injected: no waiting.
 */
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, expect, it } from "vitest";
import { login, testApp } from "../support/app";
import { describeEachEngine, freshDb, loggedPayloads, type TestDb } from "../support/db";
import { makeUser, TEST_PASSWORD, testClock } from "../support/factories";

describeEachEngine("login throttling", (engine) => {
  let t: TestDb;
  let app: FastifyInstance;
  let clock: ReturnType<typeof testClock>;
  let user: Awaited<ReturnType<typeof makeUser>>;
  let admin: Awaited<ReturnType<typeof makeUser>>;

  beforeEach(async () => {
    t = await freshDb(engine);
    clock = testClock("2027-03-01T10:00:00Z");
    app = await testApp(t.db, clock, { sessionHours: 24 * 365 });
    user = await makeUser(t.db, "regionLead");
    admin = await makeUser(t.db, "admin");
  });
  afterEach(async () => {
    await app.close();
    await t.close();
  });

  const attempt = (email: string, password: string, ip = "203.0.113.7") =>
    app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password },
      remoteAddress: ip,
    });
  const later = (ms: number) => clock.set(new Date(clock().getTime() + ms).toISOString());

  it("locks an account after 5 failures for 1, then 2 minutes, with Retry-After; the right password waits too", async () => {
    for (let i = 0; i < 5; i++) expect((await attempt(user.email, "wrong-password")).statusCode).toBe(401);
    const locked = await attempt(user.email, TEST_PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers["retry-after"]).toBe("60");
    expect(locked.json().error).toMatchObject({
      code: "auth.locked",
      message: "För många misslyckade inloggningar. Försök igen om 1 minut.",
    });
    later(30_000);
    expect((await attempt(user.email, TEST_PASSWORD)).headers["retry-after"]).toBe("30");
    later(30_000);
    // The lock is over: five more failures lock it for two minutes.
    for (let i = 0; i < 5; i++) expect((await attempt(user.email, "wrong-password")).statusCode).toBe(401);
    const again = await attempt(user.email, "wrong-password");
    expect(again.statusCode).toBe(429);
    expect(again.headers["retry-after"]).toBe("120");
    // Another address does not help: the lock is the account's.
    expect((await attempt(user.email, TEST_PASSWORD, "198.51.100.1")).statusCode).toBe(429);
    expect(await loggedPayloads(t.db, user.id, "user.lockedOut")).toHaveLength(2);
  });

  it("never counts successful logins, and a success resets the account's failures", async () => {
    for (let i = 0; i < 20; i++) expect((await attempt(user.email, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await attempt(user.email, "wrong-password");
    expect((await attempt(user.email, TEST_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await attempt(user.email, "wrong-password");
    expect((await attempt(user.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it("answers an unknown account exactly like a known one, and locks it the same way", async () => {
    const known = await attempt(user.email, "wrong-password");
    const unknown = await attempt("nobody@example.se", "wrong-password");
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.json()).toEqual(known.json());
    for (let i = 0; i < 4; i++) await attempt("nobody@example.se", "wrong-password");
    const locked = await attempt("NOBODY@example.se ", "whatever");
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("auth.locked");
  });

  it("stops one address trying many accounts at 100 failures", async () => {
    for (let i = 0; i < 100; i++) {
      const r = await attempt(`guess-${i}@example.se`, "wrong-password", "192.0.2.50");
      expect(r.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const refused = await attempt(user.email, TEST_PASSWORD, "192.0.2.50");
    expect(refused.statusCode).toBe(429);
    // Elsewhere the same account logs in.
    expect((await attempt(user.email, TEST_PASSWORD, "192.0.2.51")).statusCode).toBe(200);
  });

  it("shows the locks to an admin, who lifts one (logged); others get 404", async () => {
    for (let i = 0; i < 5; i++) await attempt(user.email, "wrong-password");
    const s = await login(app, admin.email);
    const list = await s.request({ method: "GET", url: "/api/users/login-locks" });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      expect.objectContaining({
        key: `account:${user.email}`,
        email: user.email,
        user: { id: user.id, name: expect.any(String) },
      }),
    ]);
    const lead = await login(app, (await makeUser(t.db, "regionLead")).email);
    expect((await lead.request({ method: "GET", url: "/api/users/login-locks" })).statusCode).toBe(404);
    const junk = await lead.request({
      method: "POST",
      url: "/api/users/login-locks/unlock",
      payload: { nope: 1 },
    });
    expect(junk.statusCode).toBe(404);
    const lifted = await s.request({
      method: "POST",
      url: "/api/users/login-locks/unlock",
      payload: { key: `account:${user.email}` },
    });
    expect(lifted.statusCode).toBe(204);
    expect((await attempt(user.email, TEST_PASSWORD)).statusCode).toBe(200);
    const unlocked = await t.db
      .selectFrom("events")
      .select(["type", "actor_id"])
      .where("stream_id", "=", user.id)
      .where("type", "=", "user.unlocked")
      .execute();
    expect(unlocked).toEqual([{ type: "user.unlocked", actor_id: admin.id }]);
    // Nothing left to lift.
    const twice = await s.request({
      method: "POST",
      url: "/api/users/login-locks/unlock",
      payload: { key: `account:${user.email}` },
    });
    expect(twice.statusCode).toBe(404);
  });
});
