import type { Ctx } from "../../context";
import type { Executor } from "../../db/connect";
import { fields, prepared } from "../../db/prepared";
import type { Database, Row } from "../../db/schema";
import { type ChainProblem, eventHash, verifyChain } from "./hash";

export interface AppendEvent {
  streamType: string;
  streamId: string;
  type: string;
  payload: unknown;
  processVersion?: number | null;
}

/**
 * Appends one event to a stream's hash chain. Call it inside the transaction of the change it records.
 * Concurrent appends to one stream collide on (stream, seq) and the loser's transaction fails; callers
 * that change a versioned row first are already serialised by that row's version check.
 */
export async function appendEvent(ctx: Ctx, e: AppendEvent): Promise<Row<"events">> {
  const last = await lastOfStream.first(ctx.db, { streamType: e.streamType, streamId: e.streamId });
  const content = {
    streamType: e.streamType,
    streamId: e.streamId,
    seq: (last?.seq ?? 0) + 1,
    type: e.type,
    actorId: ctx.actor?.id ?? null,
    actorRole: ctx.actor?.role ?? null,
    occurredAt: ctx.now.toISOString(),
    ip: ctx.meta.ip ?? null,
    userAgent: ctx.meta.userAgent ?? null,
    payload: JSON.stringify(e.payload ?? {}),
    processVersion: e.processVersion ?? null,
    prevHash: last?.hash ?? null,
  };
  const row: Row<"events"> = {
    id: ctx.newId(),
    stream_type: content.streamType,
    stream_id: content.streamId,
    seq: content.seq,
    type: content.type,
    actor_id: content.actorId,
    actor_role: content.actorRole,
    occurred_at: content.occurredAt,
    ip: content.ip,
    user_agent: content.userAgent,
    payload: content.payload,
    process_version: content.processVersion,
    prev_hash: content.prevHash,
    hash: eventHash(content),
  };
  await insertEvent.all(ctx.db, row);
  return row;
}

const lastOfStream = prepared<
  { streamType: string; streamId: string },
  { seq: number; hash: string },
  Database
>((db, a) =>
  db
    .selectFrom("events")
    .select(["seq", "hash"])
    .where("stream_type", "=", a.streamType)
    .where("stream_id", "=", a.streamId)
    .orderBy("seq", "desc")
    .limit(1),
);

/** The columns of an event row, in table order (the bench's bulk loader writes the same). */
export const EVENT_COLUMNS = [
  "id",
  "stream_type",
  "stream_id",
  "seq",
  "type",
  "actor_id",
  "actor_role",
  "occurred_at",
  "ip",
  "user_agent",
  "payload",
  "process_version",
  "prev_hash",
  "hash",
] as const satisfies readonly (keyof Row<"events">)[];

const insertEvent = prepared<Row<"events">, never, Database>((db, a) =>
  db.insertInto("events").values(fields(a, EVENT_COLUMNS)),
);

export function toHashed(r: Row<"events">) {
  return {
    streamType: r.stream_type,
    streamId: r.stream_id,
    seq: r.seq,
    type: r.type,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    occurredAt: r.occurred_at,
    ip: r.ip,
    userAgent: r.user_agent,
    payload: r.payload,
    processVersion: r.process_version,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export async function listStream(db: Executor, streamType: string, streamId: string) {
  return db
    .selectFrom("events")
    .selectAll()
    .where("stream_type", "=", streamType)
    .where("stream_id", "=", streamId)
    .orderBy("seq")
    .execute();
}

export interface VerifyReport {
  streams: number;
  events: number;
  broken: { streamType: string; streamId: string; problems: ChainProblem[] }[];
}

/** Verifies every stream's chain (or those of one type), reading stream by stream. */
export async function verifyAllStreams(db: Executor, streamType?: string): Promise<VerifyReport> {
  let q = db.selectFrom("events").select(["stream_type", "stream_id"]).distinct();
  if (streamType) q = q.where("stream_type", "=", streamType);
  const streams = await q.orderBy("stream_type").orderBy("stream_id").execute();
  const report: VerifyReport = { streams: streams.length, events: 0, broken: [] };
  for (const s of streams) {
    const rows = await listStream(db, s.stream_type, s.stream_id);
    report.events += rows.length;
    const problems = verifyChain(rows.map(toHashed));
    if (problems.length) report.broken.push({ streamType: s.stream_type, streamId: s.stream_id, problems });
  }
  return report;
}
