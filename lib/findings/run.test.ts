import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snapshotFromYaml } from "../posture/testing";
import { diffFindings, diffIds } from "./diff";
import { dedupeAndSort, runAllFindings, visibleFindings } from "./run";
import { scoreFindings } from "./score";
import { finding, rule } from "./testing";
import type { Finding } from "./types";

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

describe("dedupeAndSort after an earlier result", () => {
  const arbFinding = fc
    .record({
      rule: fc.constantFrom("R01", "R02", "PSS-privileged", "NP01"),
      name: fc.constantFrom("a", "b", "c", "d", "e"),
      namespace: fc.constantFrom("shop", "web", undefined),
      severity: fc.constantFrom("critical" as const, "high" as const, "medium" as const, "low" as const, "info" as const),
      category: fc.constantFrom("rbac" as const, "workload" as const, "network" as const),
    })
    .map(({ rule: r, name, namespace, severity, category }) => finding(r, name, { severity, category, namespace, resources: [{ kind: "Deployment", ...(namespace ? { namespace } : {}), name }] }));

  it("property: sharing the earlier result's objects gives the order sorting from scratch gives", () => {
    fc.assert(
      fc.property(fc.array(arbFinding, { maxLength: 40 }), fc.array(fc.boolean(), { maxLength: 40 }), fc.array(arbFinding, { maxLength: 15 }), fc.array(fc.double({ noNaN: true }), { minLength: 55, maxLength: 55 }), (before, keep, added, order) => {
        const previous = dedupeAndSort(before);
        // the next run, in any order: some of the same objects (reused checks), new ones (possibly the same ids, other severities)
        const next = [...before.filter((_, i) => keep[i]), ...added]
          .map((f, i) => ({ f, k: order[i] }))
          .sort((x, y) => x.k - y.k)
          .map((x) => x.f);
        const fresh = dedupeAndSort(next);
        const merged = dedupeAndSort(next, previous);
        expect(merged).toEqual(fresh);
        merged.forEach((f, i) => expect(f).toBe(fresh[i]));
      }),
      { numRuns: 300, seed: 1313 },
    );
  });
});

describe("diffFindings on scans that share findings", () => {
  const arbFinding = fc
    .record({ rule: fc.constantFrom("R01", "PSS-privileged"), name: fc.constantFrom("a", "b", "c", "d", "e", "f"), severity: fc.constantFrom("high" as const, "low" as const), evidence: fc.constantFrom("x", "y") })
    .map(({ rule: r, name, severity, evidence }) => finding(r, name, { severity, evidence }));
  /** The comparison by id alone. */
  const byId = (before: readonly Finding[], after: readonly Finding[]) => {
    const b = new Set(before.map((f) => f.id));
    const a = new Set(after.map((f) => f.id));
    return { added: after.filter((f) => !b.has(f.id)), removed: before.filter((f) => !a.has(f.id)), unchanged: after.filter((f) => b.has(f.id)).length };
  };

  it("property: equals comparing by id (shared objects, changed evidence, new and gone findings)", () => {
    fc.assert(
      fc.property(fc.array(arbFinding, { maxLength: 20 }), fc.array(fc.boolean(), { maxLength: 20 }), fc.array(arbFinding, { maxLength: 10 }), (earlier, keep, later) => {
        const before = dedupeAndSort(earlier);
        const after = dedupeAndSort([...before.filter((_, i) => keep[i]), ...later]);
        const d = diffFindings(before, after);
        expect(d).toEqual(byId(before, after));
        d.added.forEach((f, i) => expect(f).toBe(byId(before, after).added[i]));
      }),
      { numRuns: 300, seed: 1316 },
    );
  });
});
