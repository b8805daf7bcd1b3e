import { randomUUID } from "node:crypto";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { buildApp } from "../../src/server/app";
import { type Config, loadConfig } from "../../src/server/config";
import type { DB } from "../../src/server/db/connect";
import { TEST_PASSWORD, testClock } from "./factories";

/** The real Fastify app on a test database, with an injected clock. Requests go through `inject`. */
export async function testApp(
  db: DB,
  clock = testClock(),
  overrides: Partial<Config> = {},
): Promise<FastifyInstance> {
  const config = { ...loadConfig({}), dataDir: "/nonexistent", loadDemoData: false, ...overrides };
  const app = await buildApp({ db, config, clock, newId: randomUUID });
  await app.ready();
  return app;
}

export interface Session {
  cookie: string;
  csrf: string;
  /** inject with the session cookie and CSRF header. */
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
}

export async function login(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === "spelplan_session");
  if (!cookie) throw new Error("no session cookie");
  const csrf = res.json().csrfToken as string;
  const header = `spelplan_session=${cookie.value}`;
  return {
    cookie: header,
    csrf,
    request: (opts) =>
      app.inject({ ...opts, headers: { cookie: header, "x-csrf-token": csrf, ...(opts.headers ?? {}) } }),
  };
}

/** A session for each of `users`, under the same keys. */
export async function loginAll<K extends string>(
  app: FastifyInstance,
  users: Record<K, { email: string }>,
): Promise<Record<K, Session>> {
  const sessions = {} as Record<K, Session>;
  for (const [k, u] of Object.entries(users) as [K, { email: string }][])
    sessions[k] = await login(app, u.email);
  return sessions;
}
