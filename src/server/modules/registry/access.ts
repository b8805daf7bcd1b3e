import { createsRegistryItems, regionListActions } from "../../../domain/policies/registry";
import type { RouteAccess } from "../../http/auth-hook";
import { errors } from "../../http/errors";
import { readCtx } from "../../http/request-context";
import { onlyIf, rawBodyString, rawParam } from "../../http/route-access";
import { type EntityKind, loadAuthorized, loadOwner } from "./entities";

/**
 * The registry routes' role and scope, checked before the body (auth-hook.ts, `config.access`): the same policies
 * the use cases apply (entities.ts loadAuthorized, domain/policies/registry.ts), asked of the entity in the path or
 * the region named in the body. Missing or out of scope → 404; in scope without the right → 403.
 */

/** The entity in the path, with the action the route takes on it. */
export function entityAccess(kind: EntityKind, action?: string, param = "id"): RouteAccess {
  return async (req) => {
    await loadAuthorized(readCtx(req), kind, rawParam(req, param), action);
  };
}

/** A row owned by an entity (a programme by its provider …): 404 as the row's own kind when either is missing. */
function ownedBy(
  own: "programme" | "specialisation" | "addendum",
  parentOf: (db: ReturnType<typeof readCtx>["db"], id: string) => Promise<string | undefined>,
  kind: EntityKind,
  action: string,
): RouteAccess {
  return async (req) => {
    const ctx = readCtx(req);
    const parent = await parentOf(ctx.db, rawParam(req));
    if (!parent) throw errors.notFound(own);
    await loadOwner(ctx, kind, parent, action, own);
  };
}

export const programmeAccess = ownedBy(
  "programme",
  async (db, id) =>
    (await db.selectFrom("programmes").select("provider_id").where("id", "=", id).executeTakeFirst())
      ?.provider_id,
  "provider",
  "update",
);

export const specialisationAccess = ownedBy(
  "specialisation",
  async (db, id) =>
    (
      await db
        .selectFrom("specialisations")
        .innerJoin("programmes", "programmes.id", "specialisations.programme_id")
        .select("programmes.provider_id")
        .where("specialisations.id", "=", id)
        .executeTakeFirst()
    )?.provider_id,
  "provider",
  "update",
);

export const addendumAccess = ownedBy(
  "addendum",
  async (db, id) =>
    (await db.selectFrom("agreement_addenda").select("agreement_id").where("id", "=", id).executeTakeFirst())
      ?.agreement_id,
  "agreement",
  "delete",
);

export const createRegionAccess = onlyIf(
  (p) => regionListActions(p).includes("create"),
  () => errors.forbidden("region"),
);

/**
 * Adding a region's item: a role that can manage such items somewhere (else 403), and the region the body names
 * visible to the caller (else 404). A body without a region id has no scope to check; validation answers it.
 */
export function createInRegionAccess(
  entity: "provider" | "company" | "steeringGroup" | "agreement",
): RouteAccess {
  return async (req, p) => {
    if (!createsRegistryItems(p, entity)) throw errors.forbidden(entity);
    const regionId = rawBodyString(req, "regionId");
    if (regionId !== undefined) await loadAuthorized(readCtx(req), "region", regionId);
  };
}
