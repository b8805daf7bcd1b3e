import type { Principal } from "../../../domain/access";

/**
 * Who may read the dashboard module's resources (outsiders get 404, as everywhere):
 * the secretariat's dashboard and its list of reviewers to assign; the staff who may take part in a
 * review visit (secretariat and reviewers), for the secretariat and reviewers who record it; the
 * education providers that belong to no region, for opening a joining case.
 */
export const dashboardPolicy = {
  readDashboard: (p: Principal) => p.role === "secretariat",
  listReviewers: (p: Principal) => p.role === "secretariat",
  listStaff: (p: Principal) => p.role === "secretariat" || p.role === "reviewer",
  /** Providers in no region yet: candidates for a joining case, which a regionLead or the secretariat opens. */
  listUnassignedProviders: (p: Principal) => p.role === "secretariat" || p.role === "regionLead",
};
