import { managesLocalCollege } from "../../../domain/access";
import type { Ctx } from "../../context";
import { errors } from "../../http/errors";
import { loadAuthorized } from "./entities";

/** What the registry's use cases share: who acts, today's date, and the checks of a region's references. */

export function actor(ctx: Ctx) {
  if (!ctx.actor) throw errors.unauthenticated();
  return ctx.actor;
}

export const today = (ctx: Ctx) => ctx.now.toISOString().slice(0, 10);

export async function assertMunicipalityExists(ctx: Ctx, code: string | null | undefined) {
  if (!code) return;
  const m = await ctx.db
    .selectFrom("municipalities")
    .select("code")
    .where("code", "=", code)
    .executeTakeFirst();
  if (!m) throw errors.notFound("municipality");
}

/** The local college must belong to the region (and to the caller, for a localLead). */
export async function assertLocalCollegeInRegion(
  ctx: Ctx,
  regionId: string,
  localCollegeId: string | null | undefined,
) {
  if (!localCollegeId) return;
  const lc = await ctx.db
    .selectFrom("local_colleges")
    .select(["id", "region_id"])
    .where("id", "=", localCollegeId)
    .executeTakeFirst();
  if (!lc || lc.region_id !== regionId) {
    throw errors.invalid("localCollege.not_in_region", {
      sv: "Det lokala colleget hör inte till regionen.",
      en: "The local college does not belong to the region.",
    });
  }
}

export function requireManage(
  ctx: Ctx,
  regionId: string | null,
  localCollegeId: string | null | undefined,
  entity: string,
) {
  const p = actor(ctx);
  const ok =
    regionId === null ? p.role === "secretariat" : managesLocalCollege(p, regionId, localCollegeId ?? null);
  if (!ok) throw errors.forbidden(entity);
}

export async function assertRegionVisible(ctx: Ctx, regionId: string | null) {
  if (regionId === null) return;
  await loadAuthorized(ctx, "region", regionId);
}

export function dropUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
