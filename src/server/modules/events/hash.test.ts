import { describe, expect, it } from "vitest";
import { eventHash, type HashedEventContent, verifyChain } from "./hash";

function chain(n: number) {
  const out: (HashedEventContent & { hash: string })[] = [];
  let prev: string | null = null;
  for (let seq = 1; seq <= n; seq++) {
    const content: HashedEventContent = {
      streamType: "case",
      streamId: "c1",
      seq,
      type: `t${seq}`,
      actorId: "u1",
      actorRole: "secretariat",
      occurredAt: `2027-01-0${seq}T10:00:00.000Z`,
      ip: "127.0.0.1",
      userAgent: "ua",
      payload: JSON.stringify({ n: seq }),
      processVersion: 1,
      prevHash: prev,
    };
    const hash = eventHash(content);
    out.push({ ...content, hash });
    prev = hash;
  }
  return out;
}

describe("event hash chain", () => {
  it("accepts an intact chain", () => {
    expect(verifyChain(chain(4))).toEqual([]);
  });
  it("catches a changed payload", () => {
    const c = chain(3);
    c[1] = { ...c[1], payload: JSON.stringify({ n: 99 }) };
    expect(verifyChain(c)).toEqual([{ seq: 2, problem: "hash_mismatch" }]);
  });
  it("catches a removed event", () => {
    const c = chain(3);
    c.splice(1, 1);
    expect(verifyChain(c).map((p) => p.problem)).toEqual(["seq_gap", "prev_hash_mismatch"]);
  });
  it("catches a rewritten event whose hash was recomputed (the next link breaks)", () => {
    const c = chain(3);
    const forged = { ...c[1], payload: "{}" };
    c[1] = { ...forged, hash: eventHash(forged) };
    expect(verifyChain(c)).toEqual([{ seq: 3, problem: "prev_hash_mismatch" }]);
  });
});
