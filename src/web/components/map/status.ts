import type { RegionSummary } from "../../../shared/dto";

export type CertificationStatus = RegionSummary["certificationStatus"];

/**
 * Map colours for a region's certification status. Each has at least 3:1 contrast against white (WCAG 1.4.11);
 * the status is also written in every municipality's title and in the list beside the map.
 */
export const STATUS_COLORS: Record<CertificationStatus, string> = {
  certified: "#15803d",
  inProgress: "#1f6fb2",
  expired: "#b91c1c",
  none: "#7c8691",
};

export const STATUS_ORDER: CertificationStatus[] = ["certified", "inProgress", "expired", "none"];
