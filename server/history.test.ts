import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scoreFindings } from "../lib/findings/score";
import { finding, rule } from "../lib/findings/testing";
import type { Finding } from "../lib/findings/types";
import { KEEP_SCANS, openHistory, type History } from "./history";

const catalogue = [rule("A"), rule("B"), rule("C")];
const scan = (findings: Finding[], takenAt = "2026-11-01T00:00:00.000Z") => ({ takenAt, findings, score: scoreFindings(findings, { A: 5, B: 5, C: 5 }, catalogue) });
const env = (dir: string) => ({ CLEARANCE_DATA_DIR: dir });

const dirs: string[] = [];
const opened: History[] = [];
function tempDir(): string {
  const d = mkdtempSync(path.join(tmpdir(), "clearance-history-"));
  dirs.push(d);
  return d;
}
function open(dir: string, clock?: () => Date): History {
  const h = openHistory(env(dir), clock);
  opened.push(h);
  return h;
}
afterEach(() => {
  for (const h of opened.splice(0)) h.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("history", () => {
  it("is disabled without CLEARANCE_DATA_DIR, and says so instead of failing", () => {
    const h = openHistory({});
    expect(h.state).toEqual({ enabled: false, reason: expect.stringMatching(/history disabled.*CLEARANCE_DATA_DIR/) });
    expect(h.record("demo", scan([]))).toEqual({ recorded: false, reason: expect.stringMatching(/disabled/) });
    expect(h.trend("demo", 10)).toEqual([]);
    expect(h.diff("demo")).toBeUndefined();
  });

  it("is disabled, with the reason, when the directory cannot be used", () => {
    const d = tempDir();
    const file = path.join(d, "not-a-dir");
    writeFileSync(file, "x");
    const h = openHistory(env(file));
    expect(h.state.enabled).toBe(false);
    expect(h.state.enabled === false && h.state.reason).toMatch(/cannot open/);
  });

  it("records scans per source, and reports the trend oldest first", () => {
    const d = tempDir();
    let t = Date.parse("2026-11-01T10:00:00Z");
    const h = open(d, () => new Date((t += 60_000)));
    const first = h.record("demo", scan([finding("A", "x", { severity: "high" }), finding("B", "y", { exception: { by: "a", reason: "r", expires: "2099-01-01", match: "id" } })]));
    expect(first.recorded).toBe(true);
    h.record("demo", scan([finding("A", "x", { severity: "high" })]));
    h.record("other", scan([]));
    const trend = h.trend("demo", 10);
    expect(trend.map((s) => s.findings)).toEqual([2, 1]);
    expect(trend[0]).toMatchObject({ sourceId: "demo", excepted: 1, bySeverity: { high: 1, medium: 0 }, takenAt: "2026-11-01T00:00:00.000Z" });
    expect(trend[0].score).toEqual(expect.any(Number));
    expect(trend[0].areas.workload).toEqual(expect.any(Number));
    expect(h.trend("demo", 1).map((s) => s.findings)).toEqual([1]);
    expect(h.trend("other", 10)).toHaveLength(1);
  });

  it("diff: new and fixed finding ids between the latest two scans", () => {
    const h = open(tempDir());
    const a = finding("A", "x");
    const b = finding("B", "y");
    const c = finding("C", "z");
    h.record("demo", scan([a]));
    expect(h.diff("demo")).toBeUndefined();
    h.record("demo", scan([a, b]));
    h.record("demo", scan([b, c]));
    const d = h.diff("demo")!;
    expect(d.new).toEqual([c.id]);
    expect(d.fixed).toEqual([a.id]);
    expect(d.latest.scanId).toBeGreaterThan(d.previous.scanId);
    expect(h.findings(d.latest.scanId)).toEqual([b, c]);
  });

  it("survives reopening (the data is on disk) and prunes beyond the kept number of scans", () => {
    const d = tempDir();
    const h = open(d);
    h.record("demo", scan([finding("A", "x")]));
    h.close();
    opened.pop();
    const again = open(d);
    expect(again.trend("demo", 5)).toHaveLength(1);
    for (let i = 0; i < KEEP_SCANS + 3; i++) again.record("demo", scan([]));
    expect(again.trend("demo", KEEP_SCANS + 10)).toHaveLength(KEEP_SCANS);
  });

  it("reports a failed write instead of throwing", () => {
    const h = open(tempDir());
    h.close();
    expect(h.record("demo", scan([]))).toEqual({ recorded: false, reason: expect.stringMatching(/could not record/) });
  });
});
