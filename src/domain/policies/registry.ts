import { inRegionScope, managesLocalCollege, managesRegion, type Principal } from "../access";

/**
 * One policy per registry entity. Each returns the actions the principal may take, or null when the
 * entity is outside their scope (the server answers 404). The web shows exactly these actions.
 */

type Status = "active" | "archived";

function lifecycle(status: Status, canManage: boolean, canDelete: boolean): string[] {
  if (!canManage) return [];
  const actions = ["update", status === "active" ? "archive" : "restore"];
  if (canDelete) actions.push("delete");
  return actions;
}

export function regionListActions(p: Principal): string[] {
  return p.role === "secretariat" ? ["create"] : [];
}

export function regionPolicy(p: Principal, region: { id: string; status: Status }): string[] | null {
  if (!inRegionScope(p, region.id)) return null;
  if (!managesRegion(p, region.id)) return [];
  const actions = [
    "update",
    "manageMunicipalities",
    "addLocalCollege",
    "addProvider",
    "addCompany",
    "addSteeringGroup",
    "addAgreement",
  ];
  if (p.role === "secretariat") actions.push(region.status === "active" ? "archive" : "restore", "delete");
  return actions;
}

/** Local colleges: the region's managers; a localLead may rename their own. */
export function localCollegePolicy(
  p: Principal,
  lc: { id: string; regionId: string; status: Status },
): string[] | null {
  if (!inRegionScope(p, lc.regionId)) return null;
  if (managesRegion(p, lc.regionId)) return lifecycle(lc.status, true, true);
  return managesLocalCollege(p, lc.regionId, lc.id) ? ["update"] : [];
}

/** Things owned by a region and possibly one of its local colleges: providers, companies, local steering groups. */
export function regionItemPolicy(
  p: Principal,
  item: { regionId: string | null; localCollegeId: string | null; status: Status },
): string[] | null {
  if (item.regionId === null) {
    // Not yet part of a region (e.g. a provider about to join): national roles only.
    if (!["secretariat", "reviewer", "board", "admin"].includes(p.role)) return null;
    return lifecycle(item.status, p.role === "secretariat", p.role === "secretariat");
  }
  if (!inRegionScope(p, item.regionId)) return null;
  const manage = managesLocalCollege(p, item.regionId, item.localCollegeId);
  return lifecycle(item.status, manage, managesRegion(p, item.regionId));
}

/** Regional steering groups and agreements belong to the region as a whole. */
export function regionWidePolicy(p: Principal, item: { regionId: string; status: Status }): string[] | null {
  if (!inRegionScope(p, item.regionId)) return null;
  const manage = managesRegion(p, item.regionId);
  return lifecycle(item.status, manage, manage);
}

/**
 * Who may add a region's providers, companies, steering groups and agreements at all, before the region in the
 * request is known: the roles the policies above can ever let manage (the use case then asks for the region).
 */
export function createsRegistryItems(
  p: Principal,
  entity: "provider" | "company" | "steeringGroup" | "agreement",
) {
  if (p.role === "secretariat" || p.role === "regionLead") return true;
  return p.role === "localLead" && entity !== "agreement";
}

export function criteriaPolicy(p: Principal): string[] {
  return p.role === "secretariat" ? ["create", "activate"] : [];
}
