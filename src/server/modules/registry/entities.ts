import { sql } from "kysely";
import { localCollegePolicy, regionPolicy, regionWidePolicy } from "../../../domain/policies/registry";
import type { Ctx } from "../../context";
import type { Database, NewRow } from "../../db/schema";
import { AppError, errors } from "../../http/errors";
import { appendEvent } from "../events/event-log";
import { regionItemActions, steeringGroupActions } from "./repository";

/**
 * The versioned registry entities and the one way each is loaded, authorized, changed and logged.
 * Each kind names its table, its event stream and its policy (from src/domain/policies).
 */

type Status = "active" | "archived";

// biome-ignore lint/suspicious/noExplicitAny: rows differ per table; each policy reads its own columns
type AnyRow = any;

const KINDS = {
  region: {
    table: "regions",
    policy: (p, r) => regionPolicy(p, { id: r.id, status: r.status }),
  },
  localCollege: {
    table: "local_colleges",
    policy: (p, r) => localCollegePolicy(p, { id: r.id, regionId: r.region_id, status: r.status }),
  },
  provider: {
    table: "education_providers",
    policy: (p, r) => regionItemActions(p, r),
  },
  company: {
    table: "companies",
    policy: (p, r) => regionItemActions(p, r),
  },
  steeringGroup: {
    table: "steering_groups",
    policy: (p, r) => steeringGroupActions(p, r),
  },
  agreement: {
    table: "cooperation_agreements",
    policy: (p, r) => regionWidePolicy(p, { regionId: r.region_id, status: r.status as Status }),
  },
} satisfies Record<
  string,
  { table: keyof Database; policy: (p: NonNullable<Ctx["actor"]>, row: AnyRow) => string[] | null }
>;

export type EntityKind = keyof typeof KINDS;
type TableOf<K extends EntityKind> = (typeof KINDS)[K]["table"];

/** Loads an entity for the acting user: 404 when missing or out of scope, 403 when `action` is not allowed. */
export async function loadAuthorized<K extends EntityKind>(
  ctx: Ctx,
  kind: K,
  id: string,
  action?: string,
): Promise<AnyRow & { id: string; version: number; status: string }> {
  if (!ctx.actor) throw errors.unauthenticated();
  const { table, policy } = KINDS[kind];
  const row = await ctx.db
    .selectFrom(table as TableOf<"region">)
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw errors.notFound(kind);
  const actions = policy(ctx.actor, row);
  if (actions === null) throw errors.notFound(kind);
  if (action && !actions.includes(action)) throw errors.forbidden(kind);
  return row;
}

/** Loads the entity that owns a part (a programme's provider …) as loadAuthorized, but 404 as the part's own kind. */
export async function loadOwner(ctx: Ctx, kind: EntityKind, id: string, action: string, part: string) {
  return loadAuthorized(ctx, kind, id, action).catch((e: unknown) => {
    throw e instanceof AppError && e.status === 404 ? errors.notFound(part) : e;
  });
}

/** Applies a patch if the row still has `expectedVersion`; otherwise 409 `<kind>.stale_version`. Logs it. */
export async function updateVersioned(
  ctx: Ctx,
  kind: EntityKind,
  id: string,
  expectedVersion: number,
  patch: Record<string, unknown>,
  eventType: string,
  eventPayload: unknown = patch,
): Promise<void> {
  const result = await ctx.db
    .updateTable(KINDS[kind].table as TableOf<"region">)
    .set({ ...patch, updated_at: ctx.now.toISOString(), version: sql`version + 1` })
    .where("id", "=", id)
    .where("version", "=", expectedVersion)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw errors.staleVersion(kind);
  await logEvent(ctx, kind, id, eventType, eventPayload);
}

/** Bumps the version of a parent whose children changed, so concurrent editors of the parent notice. */
export async function touch(ctx: Ctx, kind: EntityKind, id: string): Promise<void> {
  await ctx.db
    .updateTable(KINDS[kind].table as TableOf<"region">)
    .set({ updated_at: ctx.now.toISOString(), version: sql`version + 1` })
    .where("id", "=", id)
    .execute();
}

/** Logs an event on the entity's own stream (its kind and id). Call it in the transaction of the change. */
export async function logEvent(ctx: Ctx, kind: EntityKind, id: string, type: string, payload: unknown) {
  await appendEvent(ctx, { streamType: kind, streamId: id, type, payload });
}

/**
 * A part of an entity changed (a municipality of a region, a programme of a provider, an addendum of an
 * agreement …): bump the entity's version (`touch`) and log the change on the entity's stream.
 */
export async function logPartChange(ctx: Ctx, kind: EntityKind, id: string, type: string, payload: unknown) {
  await touch(ctx, kind, id);
  await logEvent(ctx, kind, id, type, payload);
}

/** Inserts a new entity with a fresh id, created and updated now, and returns the id. The caller logs it. */
export async function insertEntity<K extends EntityKind>(
  ctx: Ctx,
  kind: K,
  columns: Omit<NewRow<TableOf<K>>, "id" | "created_at" | "updated_at">,
): Promise<string> {
  const id = ctx.newId();
  const now = ctx.now.toISOString();
  await ctx.db
    .insertInto(KINDS[kind].table as TableOf<"region">)
    .values({ id, ...columns, created_at: now, updated_at: now } as NewRow<"regions">)
    .execute();
  return id;
}

export async function setStatus(ctx: Ctx, kind: EntityKind, id: string, expectedVersion: number, to: Status) {
  await loadAuthorized(ctx, kind, id, to === "archived" ? "archive" : "restore");
  await updateVersioned(
    ctx,
    kind,
    id,
    expectedVersion,
    { status: to },
    `${kind}.${to === "archived" ? "archived" : "restored"}`,
  );
}

/** What refers to a row of each kind; a row is deleted only when none of these has a match. */
const REFERENCES: Record<EntityKind, { table: keyof Database; column: string; extra?: [string, string] }[]> =
  {
    region: [
      { table: "region_municipalities", column: "region_id" },
      { table: "local_colleges", column: "region_id" },
      { table: "education_providers", column: "region_id" },
      { table: "companies", column: "region_id" },
      { table: "steering_groups", column: "region_id" },
      { table: "cooperation_agreements", column: "region_id" },
      { table: "users", column: "region_id" },
    ],
    localCollege: [
      { table: "region_municipalities", column: "local_college_id" },
      { table: "education_providers", column: "local_college_id" },
      { table: "companies", column: "local_college_id" },
      { table: "steering_groups", column: "local_college_id" },
      { table: "users", column: "local_college_id" },
    ],
    provider: [
      { table: "programmes", column: "provider_id" },
      { table: "steering_group_members", column: "represents_id", extra: ["represents_kind", "provider"] },
    ],
    company: [
      { table: "steering_group_members", column: "represents_id", extra: ["represents_kind", "company"] },
    ],
    steeringGroup: [],
    agreement: [{ table: "agreement_addenda", column: "agreement_id" }],
  };

export async function deleteEntity(ctx: Ctx, kind: EntityKind, id: string): Promise<void> {
  await loadAuthorized(ctx, kind, id, "delete");
  for (const ref of REFERENCES[kind]) {
    let q = ctx.db
      .selectFrom(ref.table as "regions")
      .select(sql<number>`1`.as("one"))
      .where(ref.column as "id", "=", id);
    if (ref.extra) q = q.where(ref.extra[0] as "id", "=", ref.extra[1]);
    if (await q.limit(1).executeTakeFirst()) throw errors.inUse(kind);
  }
  if (kind === "steeringGroup") {
    await ctx.db.deleteFrom("steering_group_members").where("steering_group_id", "=", id).execute();
  }
  await ctx.db
    .deleteFrom(KINDS[kind].table as "regions")
    .where("id", "=", id)
    .execute();
  await logEvent(ctx, kind, id, `${kind}.deleted`, {});
}
