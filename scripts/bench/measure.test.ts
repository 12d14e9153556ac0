import { describe, expect, it } from "vitest";
import { latency, median, percentile, summarize } from "./measure";

describe("statistics", () => {
  it("median of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
  it("nearest-rank percentiles", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile([5], 99)).toBe(5);
  });
  it("summarizes latencies", () => {
    expect(summarize([1, 2, 3, 10])).toMatchObject({ count: 4, medianMs: 2.5, p99Ms: 10, maxMs: 10, meanMs: 4 });
  });
  it("times every call", () => {
    const seen: number[] = [];
    const s = latency(20, (i) => seen.push(i));
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(s.count).toBe(20);
    expect(s.medianMs).toBeGreaterThanOrEqual(0);
  });
});
