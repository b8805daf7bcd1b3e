import { describe, expect, it } from "vitest";
import { bboxOf, type GeoFeature, project, shapeOf, shapesOf, viewBoxOf } from "./geo";

const square: GeoFeature = {
  type: "Feature",
  properties: { id: "0114", kom_namn: "Upplands Väsby" },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [18, 59],
        [19, 59],
        [19, 60],
        [18, 60],
        [18, 59],
      ],
    ],
  },
};

const twoIslands: GeoFeature = {
  type: "Feature",
  properties: { id: "0980", kom_namn: "Gotland" },
  geometry: {
    type: "MultiPolygon",
    coordinates: [
      [
        [
          [18, 57],
          [19, 57],
          [19, 58],
          [18, 57],
        ],
      ],
      [
        [
          [20, 56],
          [21, 56],
          [21, 57],
          [20, 56],
        ],
      ],
    ],
  },
};

describe("map projection", () => {
  it("scales longitude by cos(62°) and flips latitude so north is up", () => {
    const [x, y] = project(10, 60);
    expect(x).toBeCloseTo(10 * Math.cos((62 * Math.PI) / 180), 10);
    expect(y).toBe(-60);
    expect(project(10, 65)[1]).toBeLessThan(project(10, 60)[1]);
  });

  it("draws a polygon as one closed subpath and computes its box", () => {
    const shape = shapeOf(square);
    expect(shape.code).toBe("0114");
    expect(shape.d.startsWith("M")).toBe(true);
    expect(shape.d.match(/Z/g)).toHaveLength(1);
    expect(shape.bbox[1]).toBe(-60);
    expect(shape.bbox[3]).toBe(-59);
  });

  it("draws each polygon of a multipolygon and fits a viewBox around all shapes", () => {
    const shape = shapeOf(twoIslands);
    expect(shape.d.match(/M/g)).toHaveLength(2);
    const box = bboxOf([shapeOf(square), shape]);
    expect(box[1]).toBe(-60);
    expect(box[3]).toBe(-56);
    const [minX, minY, width, height] = viewBoxOf(box, 0).split(" ").map(Number);
    expect(minY).toBe(-60);
    expect(height).toBe(4);
    expect(minX).toBeCloseTo(18 * Math.cos((62 * Math.PI) / 180), 2);
    expect(width).toBeGreaterThan(0);
  });

  it("projects a collection once and reuses the result", () => {
    const collection = { type: "FeatureCollection" as const, features: [square] };
    expect(shapesOf(collection)).toBe(shapesOf(collection));
  });
});
