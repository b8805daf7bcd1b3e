import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { histogramMedian, monthOf, stayBucket, stayDays, windowStartMonth } from "./case-statistics";

/** The median of plain values, as the dashboard computed it before the histogram. */
function plainMedian(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function histogram(values: number[]) {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(stayBucket(v), (counts.get(stayBucket(v)) ?? 0) + 1);
  return [...counts].map(([bucket, n]) => ({ bucket, n }));
}

describe("case statistics", () => {
  it("buckets stays in tenths of a day below ten days and in whole days from there on", () => {
    expect(stayBucket(0)).toBe(0);
    expect(stayBucket(0.04)).toBe(0);
    expect(stayBucket(0.26)).toBe(3);
    expect(stayBucket(9.94)).toBe(99);
    expect(stayBucket(10)).toBe(100);
    expect(stayBucket(23.4)).toBe(230);
    expect(stayBucket(23.6)).toBe(240);
    expect(stayBucket(-1)).toBe(0);
    expect(stayDays("2027-01-01T09:00:00Z", "2027-01-09T09:00:00Z")).toBe(8);
  });

  it("months and the twelve-month window follow the Stockholm calendar", () => {
    expect(monthOf("2027-03-31T22:30:00Z")).toBe("2027-04");
    expect(monthOf("2027-03-31T21:30:00Z")).toBe("2027-03");
    expect(windowStartMonth("2027-03-15")).toBe("2026-04");
    expect(windowStartMonth("2027-01-31")).toBe("2026-02");
  });

  it("takes the median from the histogram", () => {
    expect(histogramMedian([])).toBeNull();
    expect(histogramMedian([{ bucket: 40, n: 1 }])).toBe(4);
    expect(
      histogramMedian([
        { bucket: 190, n: 1 },
        { bucket: 40, n: 1 },
        { bucket: 80, n: 1 },
      ]),
    ).toBe(8);
    expect(
      histogramMedian([
        { bucket: 40, n: 1 },
        { bucket: 80, n: 1 },
      ]),
    ).toBe(6);
    expect(histogramMedian([{ bucket: 50, n: 0 }])).toBeNull();
  });

  it("agrees with the median of the bucketed values for any stays", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 800, noNaN: true }), { maxLength: 200 }), (values) => {
        const bucketed = values.map((v) => stayBucket(v) / 10);
        const expected = plainMedian(bucketed);
        const got = histogramMedian(histogram(values));
        if (expected === null) expect(got).toBeNull();
        else expect(got).toBeCloseTo(Math.round(expected * 10) / 10, 9);
      }),
    );
  });

  it("is within the bucket's resolution of the exact median", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 800, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (values) => {
          const exact = plainMedian(values) as number;
          const got = histogramMedian(histogram(values)) as number;
          expect(Math.abs(got - exact)).toBeLessThanOrEqual(0.55);
        },
      ),
    );
  });
});
