import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clusterFiles, writeClusterFile } from "./write-cluster";

describe("writeClusterFile", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-write-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const items = (f: string) => (JSON.parse(readFileSync(f, "utf8")) as { kind: string; items: { kind: string }[] }).items;

  it("writes one List, or the same items split into Lists of bounded size", () => {
    const one = writeClusterFile(path.join(dir, "one.json"), "S", { seed: 4, indent: 0 });
    const split = writeClusterFile(path.join(dir, "split"), "S", { seed: 4, indent: 0, splitBytes: 1024 * 1024 });
    expect(one.files).toBe(1);
    expect(split.files).toBeGreaterThan(2);
    expect(split.counts).toEqual(one.counts);
    const parts = clusterFiles(split.path);
    expect(parts).toHaveLength(split.files);
    const whole = items(one.path);
    expect(whole.length).toBe(Object.values(one.counts).reduce((a, b) => a + b, 0));
    expect(parts.flatMap(items)).toEqual(whole);
    // a part may overshoot by at most one item
    for (const p of parts.slice(0, -1)) expect(readFileSync(p).length).toBeLessThan(1024 * 1024 + 64 * 1024);
  });
});
