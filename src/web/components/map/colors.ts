/**
 * One colour per region for the map. Every colour has at least 4:1 contrast against white and against
 * the light grey of municipalities without a region; neighbours in the list alternate hue families.
 * Colour is never the only carrier: each path has a title and the legend names every region.
 */
export const REGION_PALETTE = [
  "#1f6fb2",
  "#c2410c",
  "#15803d",
  "#7e22ce",
  "#be123c",
  "#0e7490",
  "#a16207",
  "#4338ca",
  "#b91c1c",
  "#4d7c0f",
  "#86198f",
  "#0369a1",
  "#854d0e",
  "#6d28d9",
  "#047857",
  "#9d174d",
  "#1e40af",
  "#b45309",
  "#a21caf",
  "#0f766e",
  "#3f6212",
  "#9a3412",
  "#2563eb",
  "#5b21b6",
] as const;

export const NO_REGION_COLOR = "#e9ecef";

/** Colours keyed by region id, assigned in id order so a region keeps its colour when others are added. */
export function regionColors(regions: readonly { id: string }[]): Map<string, string> {
  const ids = regions.map((r) => r.id).sort();
  return new Map(ids.map((id, index) => [id, REGION_PALETTE[index % REGION_PALETTE.length]]));
}
