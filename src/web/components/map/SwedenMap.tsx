import { Skeleton } from "@mantine/core";
import { memo, useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useGeo } from "../../queries";
import { QueryError } from "../QueryError";
import { NO_REGION_COLOR, regionColors } from "./colors";
import { bboxOf, isEmptyBBox, type MunicipalityShape, shapesOf, viewBoxOf } from "./geo";
import classes from "./SwedenMap.module.css";

export interface MapRegion {
  id: string;
  name: string;
  municipalityCodes: readonly string[];
}

export interface SwedenMapProps {
  /** All regions (colours are assigned over the whole list so they match across pages). */
  regions: readonly MapRegion[];
  /** Zoom to these municipalities and fade the rest. */
  focusCodes?: readonly string[];
  /** Accessible name of the map image. */
  label: string;
  /** Largest height of the drawing, CSS length. */
  maxHeight?: string;
  /** Colour a region by something else than its own colour (e.g. its certification status). */
  fillFor?: (region: MapRegion) => string;
  /** Extra words after the region's name in each municipality's title (e.g. the status). */
  describe?: (region: MapRegion) => string;
}

/** An SVG map of Sweden's municipalities coloured by region; clicking a coloured one opens its region. */
export function SwedenMap({
  regions,
  focusCodes,
  label,
  maxHeight = "80vh",
  fillFor,
  describe,
}: SwedenMapProps) {
  const { t } = useTranslation();
  const geo = useGeo();
  const navigate = useNavigate();
  const open = useCallback((regionId: string) => navigate(`/regions/${regionId}`), [navigate]);

  const shapes = useMemo(() => (geo.data ? shapesOf(geo.data) : []), [geo.data]);
  const colors = useMemo(() => {
    const own = regionColors(regions);
    if (!fillFor) return own;
    return new Map(regions.map((r) => [r.id, fillFor(r)]));
  }, [regions, fillFor]);
  const regionByCode = useMemo(() => {
    const byCode = new Map<string, MapRegion>();
    for (const region of regions) for (const code of region.municipalityCodes) byCode.set(code, region);
    return byCode;
  }, [regions]);
  const focus = useMemo(() => (focusCodes ? new Set(focusCodes) : null), [focusCodes]);
  const viewBox = useMemo(() => {
    const focused = focus ? shapes.filter((s) => focus.has(s.code)) : shapes;
    const box = bboxOf(focused.length > 0 ? focused : shapes);
    return isEmptyBBox(box) ? "0 0 1 1" : viewBoxOf(box, focus ? 0.08 : 0.02);
  }, [shapes, focus]);

  if (geo.isPending) {
    return <Skeleton height={320} aria-label={t("map.loading")} />;
  }
  if (geo.isError) return <QueryError error={geo.error} onRetry={() => void geo.refetch()} />;

  return (
    <svg
      className={classes.svg}
      viewBox={viewBox}
      role="img"
      aria-label={label}
      style={{ maxHeight }}
      preserveAspectRatio="xMidYMid meet"
    >
      <MunicipalityPaths
        shapes={shapes}
        regionByCode={regionByCode}
        colors={colors}
        focus={focus}
        noRegionLabel={t("map.noRegion")}
        onOpen={open}
        describe={describe}
      />
    </svg>
  );
}

interface PathsProps {
  shapes: readonly MunicipalityShape[];
  regionByCode: Map<string, MapRegion>;
  colors: Map<string, string>;
  focus: Set<string> | null;
  noRegionLabel: string;
  onOpen: (regionId: string) => void;
  describe?: (region: MapRegion) => string;
}

/** The 290 paths; memoised so hovering and re-renders of the page do not rebuild them. */
const MunicipalityPaths = memo(function MunicipalityPaths({
  shapes,
  regionByCode,
  colors,
  focus,
  noRegionLabel,
  onOpen,
  describe,
}: PathsProps) {
  // One delegated handler for all paths. A mouse shortcut only: the legend beside every map holds the
  // same region links for keyboard and screen-reader users.
  function handleClick(event: React.MouseEvent<SVGGElement>) {
    const target = event.target as Element;
    const regionId = target.closest("path[data-region]")?.getAttribute("data-region");
    if (regionId) onOpen(regionId);
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: see above; the legend carries the accessible links
    <g onClick={handleClick}>
      {shapes.map((shape) => {
        const region = regionByCode.get(shape.code);
        const fill = region ? (colors.get(region.id) ?? NO_REGION_COLOR) : NO_REGION_COLOR;
        // Other regions fade around a zoomed region; municipalities without a region keep their grey.
        const outside = focus !== null && region !== undefined && !focus.has(shape.code);
        const className = [classes.municipality, region ? classes.linked : "", outside ? classes.outside : ""]
          .filter(Boolean)
          .join(" ");
        return (
          <path
            key={shape.code}
            d={shape.d}
            fill={fill}
            className={className}
            data-code={shape.code}
            data-region={region?.id}
          >
            <title>{`${shape.name} – ${region?.name ?? noRegionLabel}${region && describe ? ` (${describe(region)})` : ""}`}</title>
          </path>
        );
      })}
    </g>
  );
});
