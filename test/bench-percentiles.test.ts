import { describe, expect, it } from "vitest";
import { latencyRecorder, percentiles } from "../bench/http";

describe("the benchmark's latency percentiles", () => {
  it("takes the nearest rank, in whole milliseconds, whatever the order", () => {
    const ms = Array.from({ length: 100 }, (_, i) => 100 - i + 0.4);
    expect(percentiles(ms)).toEqual({ p50: 50, p90: 90, p99: 99, max: 100 });
  });

  it("reads a single sample as every percentile, and none as zeros", () => {
    expect(percentiles([7.6])).toEqual({ p50: 8, p90: 8, p99: 8, max: 8 });
    expect(percentiles([])).toEqual({ p50: 0, p90: 0, p99: 0, max: 0 });
  });

  it("keeps each connection's first answer apart, and leaves out answers that are not 2xx", () => {
    const latencies = latencyRecorder();
    const [one, two] = [{}, {}];
    latencies.record(one, 200, 5000.4); // waited for the connection to be accepted
    latencies.record(two, 200, 4000);
    for (const ms of [10, 20, 30]) latencies.record(one, 200, ms);
    latencies.record(two, 500, 9999);
    latencies.record(two, 200, 40);
    expect(latencies.result()).toEqual({ p50: 20, p90: 40, p99: 40, max: 40, firstMax: 5000 });
  });
});
