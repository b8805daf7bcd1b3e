/** The roles of DOMAIN.md ("The people and what they may do"). Also feeds the users.role CHECK. */
export const ROLES = ["secretariat", "reviewer", "board", "regionLead", "localLead", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { sv: string; en: string }> = {
  secretariat: { sv: "RTS kansli", en: "RTS secretariat" },
  reviewer: { sv: "Granskare (granskningskommittén)", en: "Reviewer (review committee)" },
  board: { sv: "Styrelseledamot", en: "Board member" },
  regionLead: { sv: "Processledare, region", en: "Regional process lead" },
  localLead: { sv: "Lokal kontakt", en: "Local contact" },
  admin: { sv: "Systemadministratör", en: "System administrator" },
};

/** Roles whose scope is a region (localLead also a local college within it). */
export const SCOPED_ROLES: readonly Role[] = ["regionLead", "localLead"];

export const REGISTRY_STATUSES = ["active", "archived"] as const;
export type RegistryStatus = (typeof REGISTRY_STATUSES)[number];

export const MEMBER_KINDS = ["company", "municipality", "provider", "other"] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

export const STEERING_GROUP_LEVELS = ["regional", "local"] as const;
export type SteeringGroupLevel = (typeof STEERING_GROUP_LEVELS)[number];

export const PROVIDER_KINDS = ["public", "private"] as const;
export const ADDENDUM_PARTY_KINDS = ["municipality", "provider", "company"] as const;
export const LANGUAGES = ["sv", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
