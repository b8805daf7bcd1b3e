import { describe, expect, it } from "vitest";
import { percentiles } from "../bench/http";

describe("the benchmark's latency percentiles", () => {
  it("takes the nearest rank, in whole milliseconds, whatever the order", () => {
    const ms = Array.from({ length: 100 }, (_, i) => 100 - i + 0.4);
    expect(percentiles(ms)).toEqual({ p50: 50, p90: 90, p99: 99, max: 100 });
  });

  it("reads a single sample as every percentile, and none as zeros", () => {
    expect(percentiles([7.6])).toEqual({ p50: 8, p90: 8, p99: 8, max: 8 });
    expect(percentiles([])).toEqual({ p50: 0, p90: 0, p99: 0, max: 0 });
  });
});
