import { describe, expect, it } from "vitest";
import {
  afterFailure,
  LOGIN_LIMITS,
  lockDurationMs,
  lockedFor,
  type ThrottleState,
  throttleKeys,
} from "./login-throttle";

const t0 = new Date("2027-03-01T10:00:00Z");
const plus = (ms: number) => new Date(t0.getTime() + ms);

function fail(times: number, scope: "account" | "ip", start: ThrottleState | null = null, at = t0) {
  let state = start;
  let locked = false;
  for (let i = 0; i < times; i++) ({ state, locked } = afterFailure(state, scope, at));
  return { state: state as ThrottleState, locked };
}

describe("login throttling", () => {
  it("locks an account on the 5th failure within 15 minutes, for a minute", () => {
    const four = fail(4, "account");
    expect(four.locked).toBe(false);
    expect(lockedFor(four.state, t0)).toBeNull();
    const five = afterFailure(four.state, "account", t0);
    expect(five.locked).toBe(true);
    expect(lockedFor(five.state, t0)).toBe(60);
    expect(lockedFor(five.state, plus(59_500))).toBe(1);
    expect(lockedFor(five.state, plus(60_000))).toBeNull();
  });

  it("doubles the next lock, up to an hour", () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((l) => lockDurationMs(l) / 60_000)).toEqual([
      1, 2, 4, 8, 16, 32, 60, 60,
    ]);
    const first = fail(5, "account");
    const second = fail(5, "account", first.state, plus(61_000));
    expect(second.locked).toBe(true);
    expect(lockedFor(second.state, plus(61_000))).toBe(120);
  });

  it("starts a new window after 15 minutes, and forgets the level after a quiet day", () => {
    const four = fail(4, "account");
    const later = afterFailure(four.state, "account", plus(LOGIN_LIMITS.windowMs));
    expect(later.locked).toBe(false);
    expect(later.state.failures).toBe(1);
    const locked = fail(5, "account").state;
    const nextDay = fail(5, "account", locked, plus(LOGIN_LIMITS.forgetMs + 120_000));
    expect(lockedFor(nextDay.state, plus(LOGIN_LIMITS.forgetMs + 120_000))).toBe(60);
  });

  it("gives an address a hundred failures", () => {
    expect(fail(99, "ip").locked).toBe(false);
    expect(fail(100, "ip").locked).toBe(true);
  });

  it("keys an account by its e-mail as typed, normalised", () => {
    expect(throttleKeys("  Kansli@Demo.Spelplan.SE ", "10.1.2.3")).toEqual({
      account: "account:kansli@demo.spelplan.se",
      ip: "ip:10.1.2.3",
    });
  });
});
