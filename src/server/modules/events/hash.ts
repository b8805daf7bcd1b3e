import { createHash } from "node:crypto";

/** What an event's hash covers: everything stored about it except its own hash. */
export interface HashedEventContent {
  streamType: string;
  streamId: string;
  seq: number;
  type: string;
  actorId: string | null;
  actorRole: string | null;
  occurredAt: string;
  ip: string | null;
  userAgent: string | null;
  payload: string;
  processVersion: number | null;
  prevHash: string | null;
}

/** Canonical form: a fixed key order, so the same content always gives the same hash. */
export function eventHash(e: HashedEventContent): string {
  const canonical = JSON.stringify([
    e.streamType,
    e.streamId,
    e.seq,
    e.type,
    e.actorId,
    e.actorRole,
    e.occurredAt,
    e.ip,
    e.userAgent,
    e.payload,
    e.processVersion,
    e.prevHash,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}

export interface ChainProblem {
  seq: number;
  problem: "hash_mismatch" | "prev_hash_mismatch" | "seq_gap";
}

/** Checks one stream's events, given in seq order. Returns the problems found (none: intact). */
export function verifyChain(events: readonly (HashedEventContent & { hash: string })[]): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let prev: string | null = null;
  let expectedSeq = 1;
  for (const e of events) {
    if (e.seq !== expectedSeq) problems.push({ seq: e.seq, problem: "seq_gap" });
    if (e.prevHash !== prev) problems.push({ seq: e.seq, problem: "prev_hash_mismatch" });
    if (eventHash(e) !== e.hash) problems.push({ seq: e.seq, problem: "hash_mismatch" });
    prev = e.hash;
    expectedSeq = e.seq + 1;
  }
  return problems;
}
