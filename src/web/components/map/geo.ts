/**
 * Municipality borders as GeoJSON (WGS84) and their projection to SVG path strings.
 * Projection: equirectangular, x = lon · cos(62°), y = −lat (north up). Good enough for Sweden's
 * latitudes (55°–69°) and cheap enough to run once for all 290 municipalities.
 */

type Position = number[];

export interface GeoFeature {
  type: "Feature";
  properties: { id: string; kom_namn: string; lan_code?: string };
  geometry:
    | { type: "Polygon"; coordinates: Position[][] }
    | { type: "MultiPolygon"; coordinates: Position[][][] };
}

export interface GeoFeatureCollection {
  type: "FeatureCollection";
  features: GeoFeature[];
}

/** [minX, minY, maxX, maxY] in projected units. */
export type BBox = [number, number, number, number];

export interface MunicipalityShape {
  code: string;
  name: string;
  /** SVG path data, one subpath per ring. */
  d: string;
  bbox: BBox;
}

const X_SCALE = Math.cos((62 * Math.PI) / 180);
const PRECISION = 1000;

export function project(lon: number, lat: number): [number, number] {
  return [lon * X_SCALE, -lat];
}

const round = (value: number) => Math.round(value * PRECISION) / PRECISION;

export function emptyBBox(): BBox {
  return [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
}

export function extendBBox(box: BBox, other: BBox): BBox {
  return [
    Math.min(box[0], other[0]),
    Math.min(box[1], other[1]),
    Math.max(box[2], other[2]),
    Math.max(box[3], other[3]),
  ];
}

export function isEmptyBBox(box: BBox): boolean {
  return !(box[0] <= box[2] && box[1] <= box[3]);
}

function polygons(geometry: GeoFeature["geometry"]): Position[][][] {
  return geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
}

export function shapeOf(feature: GeoFeature): MunicipalityShape {
  const box = emptyBBox();
  const parts: string[] = [];
  for (const polygon of polygons(feature.geometry)) {
    for (const ring of polygon) {
      let sub = "";
      ring.forEach(([lon, lat], index) => {
        const [x, y] = project(lon, lat);
        if (x < box[0]) box[0] = x;
        if (y < box[1]) box[1] = y;
        if (x > box[2]) box[2] = x;
        if (y > box[3]) box[3] = y;
        sub += `${index === 0 ? "M" : "L"}${round(x)} ${round(y)}`;
      });
      if (sub) parts.push(`${sub}Z`);
    }
  }
  return {
    code: String(feature.properties.id),
    name: feature.properties.kom_namn,
    d: parts.join(""),
    bbox: box,
  };
}

const cache = new WeakMap<GeoFeatureCollection, MunicipalityShape[]>();

/** Projects every municipality once per fetched collection (shared by all maps on the page). */
export function shapesOf(collection: GeoFeatureCollection): MunicipalityShape[] {
  let shapes = cache.get(collection);
  if (!shapes) {
    shapes = collection.features.map(shapeOf);
    cache.set(collection, shapes);
  }
  return shapes;
}

export function bboxOf(shapes: readonly MunicipalityShape[]): BBox {
  return shapes.reduce((box, shape) => extendBBox(box, shape.bbox), emptyBBox());
}

/** An SVG viewBox around `box` with a margin of `padding` (fraction of the larger side). */
export function viewBoxOf(box: BBox, padding = 0.03): string {
  const width = box[2] - box[0];
  const height = box[3] - box[1];
  const margin = Math.max(width, height) * padding;
  return [box[0] - margin, box[1] - margin, width + 2 * margin, height + 2 * margin].map(round).join(" ");
}
