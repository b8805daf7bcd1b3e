import type { Role } from "../shared/roles";

/** Who is acting: the logged-in user with their scope. Pure data, built by the auth layer. */
export interface Principal {
  id: string;
  role: Role;
  /** regionLead: their region. localLead: the region of their local college. */
  regionId: string | null;
  /** localLead: their local college. */
  localCollegeId: string | null;
}

/** Roles that see the whole registry (reading only, except the secretariat). */
const NATIONAL_ROLES: readonly Role[] = ["secretariat", "reviewer", "board", "admin"];

/** Whether the principal may see anything of the region at all. Outside: 404. */
export function inRegionScope(p: Principal, regionId: string): boolean {
  if (NATIONAL_ROLES.includes(p.role)) return true;
  return p.regionId !== null && p.regionId === regionId;
}

/** Whether the principal's scope covers the local college (a regionLead covers every one of their region). */
export function inLocalCollegeScope(p: Principal, regionId: string, localCollegeId: string | null): boolean {
  if (!inRegionScope(p, regionId)) return false;
  if (p.role !== "localLead") return true;
  return localCollegeId !== null && localCollegeId === p.localCollegeId;
}

/** May edit what belongs to the region as a whole. */
export function managesRegion(p: Principal, regionId: string): boolean {
  if (p.role === "secretariat") return true;
  return p.role === "regionLead" && p.regionId === regionId;
}

/** May edit what belongs to one local college (its steering group, providers, companies). */
export function managesLocalCollege(p: Principal, regionId: string, localCollegeId: string | null): boolean {
  if (managesRegion(p, regionId)) return true;
  return (
    p.role === "localLead" &&
    p.regionId === regionId &&
    localCollegeId !== null &&
    localCollegeId === p.localCollegeId
  );
}
