import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { snapshotFromYaml } from "../posture/testing";
import { diffFindings, diffIds } from "./diff";
import { changedIds, sameData } from "./dedupe";
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

/**
 * `merged` is `fresh` as data, each finding either `fresh`'s object or (a new finding equal as data to
 * one it replaced) an object of the earlier input.
 */
function sameAs(merged: readonly Finding[], fresh: readonly Finding[], earlier: readonly Finding[]): void {
  expect(merged).toEqual(fresh);
  const had = new Set(earlier);
  merged.forEach((f, i) => {
    if (f !== fresh[i]) {
      expect(had.has(f)).toBe(true);
      expect(sameData(f, fresh[i])).toBe(true);
    }
  });
}

describe("sameData", () => {
  it.each([
    [{ a: 1, b: [1, { c: "x" }] }, { a: 1, b: [1, { c: "x" }] }, true],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, false], // key order shows in exports
    [{ a: [1, 2] }, { a: [2, 1] }, false],
    [{ a: undefined }, {}, false],
    [{ a: null }, { a: undefined }, false],
    [[1], { 0: 1 }, false],
    [{ a: new Map() }, { a: new Map() }, false], // not plain data: never taken for another
  ])("%j vs %j: %s", (a, b, same) => expect(sameData(a, b)).toBe(same));
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
        sameAs(merged, fresh, before);
      }),
      { numRuns: 300, seed: 1313 },
    );
  });
});

describe("dedupeAndSort after an earlier result of the same process (its input compared in order)", () => {
  // many findings, few ids: duplicates with other severities are common
  const arbFinding = fc
    .record({ rule: fc.constantFrom("R01", "PSS-privileged", "NP01"), name: fc.integer({ min: 0, max: 40 }), severity: fc.constantFrom("critical" as const, "high" as const, "low" as const) })
    .map(({ rule: r, name, severity }) => finding(r, `w${name}`, { severity }));
  /** An edit of a list: a block removed at `at` (`drop` long) and `insert` put in its place. */
  const edit = fc.record({ at: fc.nat(), drop: fc.nat(60), insert: fc.array(arbFinding, { maxLength: 40 }), recreate: fc.boolean() });
  /** Edits of a list: a block removed at `at` (`drop` long) and `insert` put in its place — or, with `recreate`, the block made again as new objects, some with other evidence. */
  const applyEdits = (list: readonly Finding[], edits: readonly { at: number; drop: number; insert: Finding[]; recreate: boolean }[]) =>
    edits.reduce<Finding[]>((l, e) => {
      const at = l.length ? e.at % (l.length + 1) : 0;
      const again = l.slice(at, at + e.drop).map((f, i) => (i % 3 === 2 ? { ...f, evidence: "changed" } : { ...f }));
      return [...l.slice(0, at), ...(e.recreate ? again : e.insert), ...l.slice(at + e.drop)];
    }, [...list]);

  it("property: equals sorting from scratch (same objects, same order) after edits of any size, and looks again only at the edited ids when the edits are small", () => {
    fc.assert(
      fc.property(fc.array(arbFinding, { maxLength: 200 }), fc.array(edit, { maxLength: 4 }), fc.boolean(), (input, edits, moved) => {
        const previous = dedupeAndSort(input);
        let next = applyEdits(input, edits);
        // a finding moved far away: matched or taken as new, never lost
        if (moved && next.length > 2) next = [...next.slice(1), next[0]];
        const fresh = dedupeAndSort(next);
        const merged = dedupeAndSort(next, previous);
        sameAs(merged, fresh, input);
        // chained: the merged result lends its order to the next one as well
        const again = applyEdits(next, edits.slice(0, 1));
        sameAs(dedupeAndSort(again, merged), dedupeAndSort(again), [...input, ...next]);
        if (!moved && edits.length === 1 && !edits[0].recreate && edits[0].drop < 16 && edits[0].insert.length < 16) {
          const at = input.length ? edits[0].at % (input.length + 1) : 0;
          const edited = new Set([...input.slice(at, at + edits[0].drop), ...edits[0].insert].map((f) => f.id));
          for (const id of changedIds(input, next)) expect(edited).toContain(id);
        }
      }),
      { numRuns: 400, seed: 1652 },
    );
  });

  it("findings made again with the same data are taken as the earlier objects; those with other data are not", () => {
    const input = Array.from({ length: 100 }, (_, i) => finding(i % 2 ? "R01" : "NP01", `w${i}`, { severity: i % 3 ? "high" : "low" }));
    const previous = dedupeAndSort(input);
    const again = input.map((f, i) => (i === 50 ? { ...f, evidence: "changed" } : { ...f }));
    const merged = dedupeAndSort(again, previous);
    expect(merged).toEqual(dedupeAndSort(again));
    expect(merged.filter((f) => !previous.includes(f))).toEqual([again[50]]);
  });

  it("an earlier result made elsewhere (a seeded run: no input kept) lends the order of the objects it shares", () => {
    const a = finding("R01", "a", { severity: "high" });
    const b = finding("R01", "b", { severity: "low" });
    const c = finding("NP01", "c", { severity: "critical" });
    const seeded = dedupeAndSort([a, b]).slice();
    expect(dedupeAndSort([b, c, a, { ...b, severity: "critical" }], seeded)).toEqual(dedupeAndSort([b, c, a, { ...b, severity: "critical" }]));
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
