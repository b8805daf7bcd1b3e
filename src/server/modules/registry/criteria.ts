import type { z } from "zod";
import { DEFAULT_INDICATORS } from "../../../domain/follow-up/labels";
import { criteriaPolicy } from "../../../domain/policies/registry";
import type * as dto from "../../../shared/dto";
import type { Ctx } from "../../context";
import type { Executor } from "../../db/connect";
import { errors } from "../../http/errors";
import { appendEvent } from "../events/event-log";
import type { createCriteriaSetBody } from "./schemas";

/** Criteria sets are versioned: a case records the set it is judged by, so a set is never edited once active. */

export async function listCriteriaSets(db: Executor): Promise<dto.CriteriaSet[]> {
  const sets = await db.selectFrom("criteria_sets").selectAll().orderBy("version", "desc").execute();
  const criteria = await db.selectFrom("criteria").selectAll().orderBy("number").execute();
  return sets.map((set) => ({
    id: set.id,
    version: set.version,
    name: set.name,
    validFrom: set.valid_from,
    status: set.status as dto.CriteriaSet["status"],
    indicators: set.indicators ? JSON.parse(set.indicators) : [...DEFAULT_INDICATORS],
    criteria: criteria
      .filter((c) => c.criteria_set_id === set.id)
      .map((c) => ({ id: c.id, number: c.number, title: c.title, description: c.description })),
  }));
}

export async function activeCriteriaSet(db: Executor) {
  return db.selectFrom("criteria_sets").selectAll().where("status", "=", "active").executeTakeFirst();
}

export async function createCriteriaSet(
  ctx: Ctx,
  input: z.infer<typeof createCriteriaSetBody>,
): Promise<string> {
  if (!ctx.actor || !criteriaPolicy(ctx.actor).includes("create")) throw errors.forbidden("criteriaSet");
  const last = await ctx.db
    .selectFrom("criteria_sets")
    .select("version")
    .orderBy("version", "desc")
    .executeTakeFirst();
  const id = ctx.newId();
  await ctx.db
    .insertInto("criteria_sets")
    .values({
      id,
      version: (last?.version ?? 0) + 1,
      name: input.name,
      valid_from: input.validFrom,
      status: "draft",
      created_at: ctx.now.toISOString(),
      indicators: input.indicators ? JSON.stringify(input.indicators) : null,
    })
    .execute();
  await ctx.db
    .insertInto("criteria")
    .values(
      input.criteria.map((c) => ({
        id: ctx.newId(),
        criteria_set_id: id,
        number: c.number,
        title: c.title,
        description: c.description ?? "",
      })),
    )
    .execute();
  await appendEvent(ctx, {
    streamType: "criteriaSet",
    streamId: id,
    type: "criteriaSet.created",
    payload: input,
  });
  return id;
}

export async function activateCriteriaSet(ctx: Ctx, id: string): Promise<void> {
  if (!ctx.actor) throw errors.unauthenticated();
  const set = await ctx.db.selectFrom("criteria_sets").selectAll().where("id", "=", id).executeTakeFirst();
  if (!set) throw errors.notFound("criteriaSet");
  if (!criteriaPolicy(ctx.actor).includes("activate")) throw errors.forbidden("criteriaSet");
  if (set.status !== "draft") {
    throw errors.conflict("criteriaSet.not_draft", {
      sv: "Bara ett utkast kan aktiveras.",
      en: "Only a draft can be activated.",
    });
  }
  const previous = await activeCriteriaSet(ctx.db);
  if (previous) {
    await ctx.db
      .updateTable("criteria_sets")
      .set({ status: "retired" })
      .where("id", "=", previous.id)
      .execute();
    await appendEvent(ctx, {
      streamType: "criteriaSet",
      streamId: previous.id,
      type: "criteriaSet.retired",
      payload: {},
    });
  }
  await ctx.db.updateTable("criteria_sets").set({ status: "active" }).where("id", "=", id).execute();
  await appendEvent(ctx, {
    streamType: "criteriaSet",
    streamId: id,
    type: "criteriaSet.activated",
    payload: {},
  });
}
