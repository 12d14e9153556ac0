import { describe, expect, it } from "vitest";
import { BASELINE, LOAD } from "./stages";
import { evaluateTargets, type StageResult } from "./targets";

const stage = (name: string, ms: number, extra: Partial<StageResult> = {}): StageResult => ({
  name,
  area: "model",
  runs: 5,
  medianMs: ms,
  minMs: ms,
  cpuMs: ms / 2,
  metrics: {},
  ...extra,
});

const byLabel = (results: StageResult[], clock: "wall" | "cpu" = "wall") => Object.fromEntries(evaluateTargets(results, clock).map((t) => [t.label, t]));

describe("evaluateTargets", () => {
  it("checks load+normalize against 3× read+parse, and says n/a where no stage exists", () => {
    const t = byLabel([stage(BASELINE, 100, { area: "baseline" }), stage(LOAD, 250)]);
    expect(t["load+normalize ≤ 3× read+parse"]).toMatchObject({ status: "PASS", value: 2.5 });
    expect(t["RBAC index + findings ≤ 2× load"].status).toBe("n/a");
    expect(t["who-can median < 5 ms"].status).toBe("n/a");
    expect(byLabel([stage(BASELINE, 100), stage(LOAD, 301)])["load+normalize ≤ 3× read+parse"].status).toBe("FAIL");
  });
  it("sums the stages of a budget and compares with load", () => {
    const base = [stage(BASELINE, 100), stage(LOAD, 200)];
    const rbac = (a: number, b: number) => [stage("rbac: index", a, { area: "rbac", budget: "rbac" }), stage("rbac: findings", b, { area: "rbac", budget: "rbac" })];
    expect(byLabel([...base, ...rbac(150, 250)])["RBAC index + findings ≤ 2× load"]).toMatchObject({ status: "PASS", value: 2 });
    expect(byLabel([...base, ...rbac(150, 251)])["RBAC index + findings ≤ 2× load"].status).toBe("FAIL");
  });
  it("adds the load to the scan and compares with read+parse", () => {
    const r = byLabel([stage(BASELINE, 100), stage(LOAD, 300), stage("scan", 700, { area: "posture", budget: "scan" })]);
    expect(r["whole scan (load + scan) ≤ 10× read+parse"]).toMatchObject({ status: "PASS", value: 10 });
  });
  it("reads latency metrics strictly below the limit", () => {
    const base = [stage(BASELINE, 100), stage(LOAD, 200)];
    expect(byLabel([...base, stage("who", 1, { metrics: { whoCanMedianMs: 4.9 } })])["who-can median < 5 ms"].status).toBe("PASS");
    expect(byLabel([...base, stage("who", 1, { metrics: { whoCanMedianMs: 5 } })])["who-can median < 5 ms"].status).toBe("FAIL");
    expect(byLabel([...base, stage("exp", 1, { metrics: { explainMedianMs: 7 } })])["explain median < 5 ms"]).toMatchObject({ status: "FAIL", value: 7 });
  });
  it("fails a target whose stage failed, even if the others are fast", () => {
    const r = byLabel([stage(BASELINE, 100), stage(LOAD, 200), stage("network: classes", 1, { area: "network", budget: "network", error: "boom" })]);
    expect(r["all network analysis ≤ 3× load"]).toMatchObject({ status: "FAIL", note: "stage failed: network: classes" });
  });
  it("uses CPU time when asked", () => {
    const results = [stage(BASELINE, 100, { cpuMs: 100 }), stage(LOAD, 400, { cpuMs: 250 })];
    expect(byLabel(results, "wall")["load+normalize ≤ 3× read+parse"].status).toBe("FAIL");
    expect(byLabel(results, "cpu")["load+normalize ≤ 3× read+parse"]).toMatchObject({ status: "PASS", value: 2.5 });
  });
});
