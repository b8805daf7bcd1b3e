/**
 * Login throttling that holds: failed attempts only, counted per account (the e-mail typed, whether or not such an
 * account exists, so the answer never tells) and per client address, kept in the database so every app process
 * sees the same counts. Pure: the caller loads the counters, asks, and stores the answer.
 *
 * - Per account: the 5th failure within 15 minutes locks the account for 1 minute, the next lock 2, then 4, 8 …
 *   minutes, at most an hour. A successful login resets the account. A day without failures forgets the level.
 * - Per address: the same, at 100 failures within 15 minutes (against one address trying many accounts).
 * - While locked, an attempt is refused before the password is looked at; it neither counts nor extends the lock.
 */

export const LOGIN_LIMITS = {
  account: { failures: 5 },
  ip: { failures: 100 },
  windowMs: 15 * 60_000,
  firstLockMs: 60_000,
  maxLockMs: 60 * 60_000,
  /** Failures this long ago no longer raise the next lock. */
  forgetMs: 24 * 60 * 60_000,
} as const;

export type ThrottleScope = keyof Pick<typeof LOGIN_LIMITS, "account" | "ip">;

/** One counter as stored (`login_throttle`); times as ISO strings. */
export interface ThrottleState {
  failures: number;
  windowStart: string;
  lockedUntil: string | null;
  /** Locks so far in a row: the next lasts 2^level minutes (capped). */
  level: number;
  lastFailureAt: string;
}

/** Seconds until the lock ends (rounded up), or null when not locked. */
export function lockedFor(state: ThrottleState | null | undefined, now: Date): number | null {
  if (!state?.lockedUntil) return null;
  const ms = Date.parse(state.lockedUntil) - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : null;
}

export function lockDurationMs(level: number): number {
  return Math.min(LOGIN_LIMITS.firstLockMs * 2 ** level, LOGIN_LIMITS.maxLockMs);
}

/** The counter after one more failure, and whether this failure locked it. */
export function afterFailure(
  state: ThrottleState | null | undefined,
  scope: ThrottleScope,
  now: Date,
): { state: ThrottleState; locked: boolean } {
  const at = now.getTime();
  const iso = now.toISOString();
  const forgotten = !state || at - Date.parse(state.lastFailureAt) > LOGIN_LIMITS.forgetMs;
  const level = forgotten ? 0 : state.level;
  const inWindow = !forgotten && at - Date.parse(state.windowStart) < LOGIN_LIMITS.windowMs;
  const failures = (inWindow ? state.failures : 0) + 1;
  const windowStart = inWindow ? state.windowStart : iso;
  if (failures >= LOGIN_LIMITS[scope].failures) {
    return {
      state: {
        failures: 0,
        windowStart: iso,
        lockedUntil: new Date(at + lockDurationMs(level)).toISOString(),
        level: level + 1,
        lastFailureAt: iso,
      },
      locked: true,
    };
  }
  return {
    state: { failures, windowStart, lockedUntil: null, level, lastFailureAt: iso },
    locked: false,
  };
}

/** The counters' keys for one attempt: the account by its normalised e-mail, the address as seen. */
export function throttleKeys(email: string, ip: string): { account: string; ip: string } {
  return { account: `account:${email.trim().toLowerCase()}`, ip: `ip:${ip}` };
}
