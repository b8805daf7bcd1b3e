import type { Principal } from "../access";

/**
 * Who sees a region's follow-ups (the matrix, the charts, the export) and who runs them. The secretariat and the
 * board see every region's; a region's leads and local leads their own; others (reviewers, admins) none (404).
 * Reviewers see a follow-up only through a case they are assigned to.
 */
export function seesRegionFollowUps(p: Principal, regionId: string): boolean {
  switch (p.role) {
    case "secretariat":
    case "board":
      return true;
    case "regionLead":
    case "localLead":
      return p.regionId === regionId;
    default:
      return false;
  }
}

/** What the caller may do about a certification's follow-ups: open one by hand, set the month they open. */
export function followUpCertificationActions(
  p: Principal,
  cert: { status: string; hasOpenFollowUp: boolean; hasThisYear: boolean },
): string[] {
  if (p.role !== "secretariat" || cert.status !== "certified") return [];
  return [...(cert.hasOpenFollowUp || cert.hasThisYear ? [] : ["openFollowUp"]), "setFollowUpMonth"];
}

/** The secretariat's overview of follow-ups due, overdue and at risk (the dashboard). */
export function seesFollowUpOverview(p: Principal): boolean {
  return p.role === "secretariat";
}
