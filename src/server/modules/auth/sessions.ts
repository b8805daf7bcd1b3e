import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { Principal } from "../../../domain/access";
import type { Role } from "../../../shared/roles";
import type { Executor } from "../../db/connect";
import { prepared } from "../../db/prepared";
import type { Database } from "../../db/schema";

export const SESSION_COOKIE = "spelplan_session";

function tokenId(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** Stores a new session (only the token's hash is kept) and returns the token for the cookie. */
export async function createSession(
  db: Executor,
  args: { userId: string; now: Date; hours: number; ip?: string | null; userAgent?: string | null },
): Promise<NewSession> {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = new Date(args.now.getTime() + args.hours * 3600_000);
  await db
    .insertInto("sessions")
    .values({
      id: tokenId(token),
      user_id: args.userId,
      csrf_token: csrfToken,
      created_at: args.now.toISOString(),
      expires_at: expiresAt.toISOString(),
      ip: args.ip ?? null,
      user_agent: args.userAgent?.slice(0, 400) ?? null,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export interface SessionPrincipal {
  principal: Principal;
  csrfToken: string;
  sessionId: string;
  user: { email: string; name: string; language: string };
}

/** The principal behind a session cookie, or null when missing, expired or the user is disabled. */
export async function principalForToken(
  db: Executor,
  token: string,
  now: Date,
): Promise<SessionPrincipal | null> {
  if (!token || token.length > 200) return null;
  const row = await sessionByToken.first(db, { id: tokenId(token) });
  if (row?.status !== "active" || row.expires_at <= now.toISOString()) return null;
  return {
    principal: {
      id: row.id,
      role: row.role as Role,
      regionId: row.region_id,
      localCollegeId: row.local_college_id,
    },
    csrfToken: row.csrf_token,
    sessionId: row.session_id,
    user: { email: row.email, name: row.name, language: row.language },
  };
}

const sessionByToken = prepared((db: Kysely<Database>, a: { id: string }) =>
  db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select([
      "sessions.id as session_id",
      "sessions.csrf_token",
      "sessions.expires_at",
      "users.id",
      "users.role",
      "users.region_id",
      "users.local_college_id",
      "users.status",
      "users.email",
      "users.name",
      "users.language",
    ])
    .where("sessions.id", "=", a.id),
);

export async function deleteSession(db: Executor, token: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", tokenId(token)).execute();
}

export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}

export async function purgeExpiredSessions(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom("sessions").where("expires_at", "<=", now.toISOString()).execute();
}

export function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
