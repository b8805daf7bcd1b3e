import type { Principal } from "../access";

/** What the case policy needs to know about a case. */
export interface CaseScopeFacts {
  regionId: string;
  localCollegeId: string | null;
  /** Users assigned to the case as reviewers. */
  reviewerIds: readonly string[];
  /** The case is (or was) on a board meeting's agenda. */
  onBoardAgenda: boolean;
}

/**
 * Whether the principal may see the case at all (outside: 404). DOMAIN.md: the secretariat sees every
 * case; a regionLead their region's; a localLead their region's cases that concern the whole region or
 * their own local college; a reviewer the cases assigned to them; the board cases on a meeting's agenda;
 * an admin no case content.
 */
export function seesCase(p: Principal, c: CaseScopeFacts): boolean {
  switch (p.role) {
    case "secretariat":
      return true;
    case "regionLead":
      return p.regionId === c.regionId;
    case "localLead":
      return (
        p.regionId === c.regionId && (c.localCollegeId === null || c.localCollegeId === p.localCollegeId)
      );
    case "reviewer":
      return c.reviewerIds.includes(p.id);
    case "board":
      return c.onBoardAgenda;
    default:
      return false;
  }
}

/** Who may open a case of a kind for a region. Decertification is the board's matter, prepared by the secretariat. */
export function mayOpenCase(p: Principal, kind: string, regionId: string): boolean {
  if (p.role === "secretariat") return true;
  if (kind === "decertification") return false;
  return p.role === "regionLead" && p.regionId === regionId;
}

/** Whether `mayOpenCase` can hold for this principal for some kind and region (checked before the body is read). */
export function opensCases(p: Principal): boolean {
  return p.role === "secretariat" || p.role === "regionLead";
}

/** Board meetings are managed by the secretariat; the board reads them. */
export function boardMeetingActions(p: Principal): string[] {
  return p.role === "secretariat" ? ["create", "update"] : [];
}

export function seesBoardMeetings(p: Principal): boolean {
  return p.role === "secretariat" || p.role === "board" || p.role === "reviewer";
}
