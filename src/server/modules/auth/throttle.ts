import {
  afterFailure,
  LOGIN_LIMITS,
  lockedFor,
  type ThrottleScope,
  type ThrottleState,
} from "../../../domain/policies/login-throttle";
import type { Ctx } from "../../context";
import type { Executor } from "../../db/connect";
import { isPostgres } from "../../db/dialect";
import type { Row } from "../../db/schema";
import { appendEvent } from "../events/event-log";

/** Login throttling's counters in the database (`login_throttle`); the rules are domain/policies/login-throttle.ts. */

function stateOf(row: Row<"login_throttle">): ThrottleState {
  return {
    failures: row.failures,
    windowStart: row.window_start,
    lockedUntil: row.locked_until,
    level: row.level,
    lastFailureAt: row.last_failure_at,
  };
}

/** Seconds until the longest of the keys' locks ends, or null when none is locked. */
export async function lockedSeconds(db: Executor, keys: string[], now: Date): Promise<number | null> {
  const rows = await db.selectFrom("login_throttle").selectAll().where("key", "in", keys).execute();
  const waits = rows.map((r) => lockedFor(stateOf(r), now)).filter((s): s is number => s !== null);
  return waits.length > 0 ? Math.max(...waits) : null;
}

/**
 * Counts one failed login against the account and the address, in the caller's transaction; each new lock is
 * logged (on the user's stream when the account exists, else on the counter's own). Concurrent failures from
 * several processes are serialised per key (PostgreSQL: row lock; SQLite: one writer).
 */
export async function recordLoginFailure(
  ctx: Ctx,
  keys: Record<ThrottleScope, string>,
  user: { id: string } | undefined,
): Promise<void> {
  const iso = ctx.now.toISOString();
  for (const scope of ["account", "ip"] as const) {
    const key = keys[scope];
    await ctx.db
      .insertInto("login_throttle")
      .values({ key, failures: 0, window_start: iso, locked_until: null, level: 0, last_failure_at: iso })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
    let q = ctx.db.selectFrom("login_throttle").selectAll().where("key", "=", key);
    if (isPostgres(ctx.db)) q = q.forUpdate();
    const row = await q.executeTakeFirstOrThrow();
    // A fresh row (just inserted) has no history: its failures start from nothing.
    const current = row.failures === 0 && row.locked_until === null && row.level === 0 ? null : stateOf(row);
    const { state, locked } = afterFailure(current, scope, ctx.now);
    await ctx.db
      .updateTable("login_throttle")
      .set({
        failures: state.failures,
        window_start: state.windowStart,
        locked_until: state.lockedUntil,
        level: state.level,
        last_failure_at: state.lastFailureAt,
      })
      .where("key", "=", key)
      .execute();
    if (locked) {
      const onUser = scope === "account" && user;
      await appendEvent(ctx, {
        streamType: onUser ? "user" : "loginThrottle",
        streamId: onUser ? user.id : key,
        type: onUser ? "user.lockedOut" : "loginThrottle.locked",
        payload: { scope, lockedUntil: state.lockedUntil, level: state.level },
      });
    }
  }
  // Counters quiet for a day and not locked are forgotten anyway (afterFailure): drop them.
  const forgotten = new Date(ctx.now.getTime() - LOGIN_LIMITS.forgetMs).toISOString();
  await ctx.db
    .deleteFrom("login_throttle")
    .where("last_failure_at", "<", forgotten)
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", iso)]))
    .execute();
}

/** A successful login starts the account afresh (the address's count stays: successes never count). */
export async function resetAccount(db: Executor, accountKey: string): Promise<void> {
  await db.deleteFrom("login_throttle").where("key", "=", accountKey).execute();
}

export interface LockedAccount {
  key: string;
  email: string;
  user: { id: string; name: string } | null;
  lockedUntil: string;
  level: number;
}

/** Accounts (and addresses) locked now, the longest lock first. */
export async function lockedKeys(db: Executor, now: Date): Promise<LockedAccount[]> {
  const rows = await db
    .selectFrom("login_throttle")
    .select(["key", "locked_until", "level"])
    .where("locked_until", ">", now.toISOString())
    .orderBy("locked_until", "desc")
    .orderBy("key")
    .limit(500)
    .execute();
  const emails = rows.filter((r) => r.key.startsWith("account:")).map((r) => r.key.slice("account:".length));
  const users = emails.length
    ? await db.selectFrom("users").select(["id", "name", "email"]).where("email", "in", emails).execute()
    : [];
  const byEmail = new Map(users.map((u) => [u.email, { id: u.id, name: u.name }]));
  return rows.map((r) => {
    const email = r.key.replace(/^(account|ip):/, "");
    return {
      key: r.key,
      email,
      user: r.key.startsWith("account:") ? (byEmail.get(email) ?? null) : null,
      lockedUntil: r.locked_until as string,
      level: r.level,
    };
  });
}

/** Lifts a lock (the secretariat or an admin), logged; false when the key is not locked. */
export async function unlockKey(ctx: Ctx, key: string): Promise<boolean> {
  const row = await ctx.db.selectFrom("login_throttle").selectAll().where("key", "=", key).executeTakeFirst();
  if (!row || lockedFor(stateOf(row), ctx.now) === null) return false;
  await ctx.db.deleteFrom("login_throttle").where("key", "=", key).execute();
  const user = key.startsWith("account:")
    ? await ctx.db
        .selectFrom("users")
        .select("id")
        .where("email", "=", key.slice("account:".length))
        .executeTakeFirst()
    : undefined;
  await appendEvent(ctx, {
    streamType: user ? "user" : "loginThrottle",
    streamId: user ? user.id : key,
    type: user ? "user.unlocked" : "loginThrottle.unlocked",
    payload: { key, lockedUntil: row.locked_until },
  });
  return true;
}
