/**
 * evaluateControls shares each scope's resources by key across controls; this checks it against the
 * plain definition (every control builds its own universe of scope resources and failing ones).
 */
import { describe, expect, it } from "vitest";
import { scanSnapshot } from "../findings/scan";
import type { ResourceRef } from "../findings/types";
import { SnapshotBuilder, type ClusterSnapshot } from "../model";
import { clusterList } from "../synth/cluster";
import { FRAMEWORK_CONTROLS } from "./frameworks";
import { evaluateControls, PASSING_SHOWN } from "./report";
import { scopeResources } from "./scopes";
import { FRAMEWORKS } from "./types";

const keyOf = (r: ResourceRef) => `${r.kind}/${r.namespace ?? ""}/${r.name}`;

function synthetic(seed: number): ClusterSnapshot {
  const b = new SnapshotBuilder({ type: "files", id: "synth", label: "synth" });
  clusterList("S", seed).items.forEach((o, i) => b.add(o, { source: "synth", item: i + 1 }));
  return b.build({ synthesizePods: true, aggregation: "check" });
}

describe("evaluateControls", () => {
  it.each([1, 2])("counts, lists and orders resources as the per-control definition does (synthetic cluster, seed %i)", (seed) => {
    const s = synthetic(seed);
    const run = scanSnapshot(s).run;
    const defs = FRAMEWORKS.flatMap((fw) => FRAMEWORK_CONTROLS[fw]);
    const results = evaluateControls(s, run.findings, run.catalogue, defs);
    const lists = scopeResources(s);
    let failed = 0;
    results.forEach((c, i) => {
      // the reference: one universe per control, failing resources added last
      const universe = new Map<string, ResourceRef>();
      for (const scope of defs[i].scope) for (const r of lists(scope)) universe.set(keyOf(r), r);
      for (const f of c.failing) universe.set(keyOf(f.resource), f.resource);
      const failing = new Set(c.failing.map((f) => keyOf(f.resource)));
      expect(c.checked, c.id).toBe(c.checks.length ? universe.size : 0);
      expect(c.passing, c.id).toEqual([...universe].filter(([k]) => !failing.has(k)).slice(0, PASSING_SHOWN).map(([, r]) => r));
      expect(c.failing.map((f) => f.resource), c.id).toEqual([...c.failing].sort((a, b) => keyOf(a.resource).localeCompare(keyOf(b.resource))).map((f) => f.resource));
      failed += c.failed;
    });
    expect(failed).toBeGreaterThan(0);
    expect(results.some((c) => c.passing.length === PASSING_SHOWN)).toBe(true);
  });
});
