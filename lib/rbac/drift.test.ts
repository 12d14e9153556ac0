import { describe, expect, it } from "vitest";
import { SnapshotBuilder, parseManifests } from "../model";
import { rbacFindings } from "./findings";
import { indexSnapshot } from "./rbac-index";

const roles = (storedRules: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: monitoring-view}
aggregationRule: {clusterRoleSelectors: [{matchLabels: {aggregate-to-monitoring: "true"}}]}
rules: ${storedRules}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: pods-reader, labels: {aggregate-to-monitoring: "true"}}
rules: [{apiGroups: [""], resources: [pods], verbs: [get, list]}]
`;

/** A live-cluster snapshot: stored aggregated rules are kept and compared, not recomputed. */
function live(yaml: string) {
  const b = new SnapshotBuilder({ type: "live", id: "ctx-test", label: "test" });
  for (const d of parseManifests(yaml).documents) b.add(d.value, { source: "/apis/rbac.authorization.k8s.io/v1/clusterroles" });
  return b.build({ synthesizePods: false, aggregation: "check" });
}

describe("H4 aggregation drift (live clusters)", () => {
  it("reports an aggregated ClusterRole whose stored rules miss or add to what it aggregates", () => {
    const s = live(roles(`[{apiGroups: [""], resources: [secrets], verbs: [get]}]`));
    const h4 = rbacFindings(indexSnapshot(s), { includeDefaults: true }).filter((f) => f.rule === "H4");
    expect(h4).toHaveLength(1);
    expect(h4[0].resources).toEqual([{ kind: "ClusterRole", name: "monitoring-view" }]);
    expect(h4[0].evidence).toMatch(/aggregated from pods-reader; the stored rules are missing 1 rule\(s\).*and 1 rule\(s\) no source grants/);
  });

  it("says nothing when the stored rules are what the controller would store", () => {
    const s = live(roles(`[{apiGroups: [""], resources: [pods], verbs: [get, list]}]`));
    expect(rbacFindings(indexSnapshot(s), { includeDefaults: true }).filter((f) => f.rule === "H4")).toEqual([]);
  });
});
