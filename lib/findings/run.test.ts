import { describe, expect, it } from "vitest";
import { snapshotFromYaml } from "../posture/testing";
import { diffFindings, diffIds } from "./diff";
import { dedupeAndSort, runAllFindings, visibleFindings } from "./run";
import { scoreFindings } from "./score";
import { finding, rule } from "./testing";

const YAML = `apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop}
spec: {containers: [{name: c, image: nginx, securityContext: {privileged: true}}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: r, namespace: shop}
rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
`;

describe("runAllFindings", () => {
  it("composes posture with injected producers, deduplicates by id and sorts worst first", () => {
    const s = snapshotFromYaml(YAML);
    const rbac = finding("R02", "r", { category: "rbac", severity: "high", resources: [{ kind: "Role", namespace: "shop", name: "r" }] });
    const run = runAllFindings(s, {
      producers: [() => [rbac, { ...rbac, severity: "low" }], () => ({ findings: [finding("NP01", "shop", { category: "network", severity: "low" })], evaluated: { NP01: 7 }, rules: [rule("NP01", { category: "network" })] })],
      rules: [[rule("R02", { category: "rbac", severity: "high" })]],
    });
    expect(run.findings.filter((f) => f.rule === "R02")).toEqual([rbac]);
    expect(run.findings[0].severity).toBe("critical");
    const ranks = run.findings.map((f) => ["critical", "high", "medium", "low", "info"].indexOf(f.severity));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(run.evaluated.NP01).toBe(7);
    // no count from the RBAC producer: the area's size stands in (1 Role)
    expect(run.evaluated.R02).toBe(1);
    expect(run.catalogue.map((r) => r.rule)).toEqual(expect.arrayContaining(["R02", "NP01", "PSS-privileged"]));
    const score = scoreFindings(run.findings, run.evaluated, run.catalogue);
    // every RBAC check failed with a high finding: the bottom of the high range
    expect(score.areas.rbac.score).toBe(60);
    expect(score.areas.workload.score).toBeGreaterThan(0);
  });

  it("hides default findings unless asked for", () => {
    const fs = [finding("A", "x"), finding("B", "y", { isDefault: true })];
    expect(visibleFindings(fs, false).map((f) => f.rule)).toEqual(["A"]);
    expect(visibleFindings(fs, true)).toHaveLength(2);
  });

  it("dedupe keeps the most severe copy", () => {
    const a = finding("A", "x", { severity: "low" });
    expect(dedupeAndSort([a, { ...a, severity: "high" }, a])).toEqual([{ ...a, severity: "high" }]);
  });
});

describe("diff", () => {
  it("findings added and removed, by id", () => {
    const a = finding("A", "x");
    const b = finding("B", "y");
    const c = finding("C", "z");
    const d = diffFindings([a, b], [b, c]);
    expect(d.added).toEqual([c]);
    expect(d.removed).toEqual([a]);
    expect(d.unchanged).toBe(1);
    expect(diffIds(["1", "2"], ["2", "3"])).toEqual({ added: ["3"], removed: ["1"] });
  });
});
