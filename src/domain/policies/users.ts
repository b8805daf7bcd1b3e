import type { Principal } from "../access";

/** Users are managed by admins and the secretariat (DOMAIN.md). Others see only themselves, via /me. */
export function userAdminActions(p: Principal): string[] {
  return p.role === "admin" || p.role === "secretariat" ? ["create", "update"] : [];
}

export function canManageUsers(p: Principal): boolean {
  return userAdminActions(p).length > 0;
}
