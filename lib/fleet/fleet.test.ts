import { describe, expect, it } from "vitest";
import { scoreFindings } from "../findings/score";
import { finding, rule } from "../findings/testing";
import type { Finding } from "../findings/types";
import { snapshotFromYaml } from "../model/testing";
import { filterRows, pendingRow, readyRow, ruleSpread, sortRows, type FleetRow } from "./fleet";

const catalogue = [rule("R01", { severity: "critical", category: "rbac" }), rule("R02", { severity: "high", category: "rbac" }), rule("N01")];
const scan = (findings: Finding[]) => ({ findings, score: scoreFindings(findings, { R01: 5, R02: 5, N01: 5 }, catalogue) });
const ref = (name: string) => ({ sourceId: `ctx-${name}`, label: name, type: "live" as const, context: name });
const snap = snapshotFromYaml(`apiVersion: apps/v1
kind: DaemonSet
metadata: {name: cilium, namespace: kube-system}
spec: {selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: quay.io/cilium/cilium:v1.16}]}}}
`);

const r01 = (n: string) => finding("R01", n, { severity: "critical", title: "cluster-admin" });
const r02 = (n: string) => finding("R02", n, { severity: "high", title: "secrets" });

function rows(): FleetRow[] {
  return [
    readyRow(ref("prod"), snap, scan([r01("a"), r01("b"), r02("c")]), [70, 65]),
    readyRow(ref("staging"), snap, scan([r02("c"), finding("R01", "x", { severity: "critical", exception: { by: "a", reason: "r", expires: "2099-01-01", match: "id" } })])),
    readyRow(ref("dev"), snap, scan([])),
    pendingRow(ref("edge"), "error", { error: { code: "cluster_unreachable", message: "connection refused" } }),
  ];
}

describe("fleet rows", () => {
  it("a read cluster: score, grade, trend ending with this scan, open findings by severity, CNI, rules", () => {
    const [prod, staging] = rows();
    expect(prod).toMatchObject({ state: "ready", lastRead: snap.takenAt, cni: "cilium", bySeverity: { critical: 2, high: 1, medium: 0 }, unreadable: [] });
    expect(prod.trend).toEqual([70, 65, prod.score]);
    expect(prod.grade).toEqual(expect.any(String));
    expect(prod.rules).toEqual([
      { rule: "R01", title: "cluster-admin", severity: "critical", count: 2 },
      { rule: "R02", title: "secrets", severity: "high", count: 1 },
    ]);
    expect(staging.bySeverity.critical).toBe(0); // the excepted finding does not count
    expect(staging.rules.map((r) => r.rule)).toEqual(["R02"]);
  });

  it("the same rule across clusters, over the clusters that were read", () => {
    const spread = ruleSpread(rows());
    expect(spread.map((s) => [s.rule, s.sources, s.of, s.findings])).toEqual([
      ["R01", ["ctx-prod"], 3, 2],
      ["R02", ["ctx-prod", "ctx-staging"], 3, 2],
    ]);
  });

  it("sorts by any column; ties by name", () => {
    const byScore = sortRows(rows(), "score", "desc").map((r) => r.label);
    expect(byScore[byScore.length - 1]).toBe("edge"); // no score
    expect(byScore[0]).toBe("dev");
    expect(sortRows(rows(), "criticals", "desc").map((r) => r.label)).toEqual(["prod", "dev", "edge", "staging"]);
    expect(sortRows(rows(), "state").map((r) => r.label)[0]).toBe("edge");
    expect(sortRows(rows(), "name").map((r) => r.label)).toEqual(["dev", "edge", "prod", "staging"]);
  });

  it("filters by text, by rule, and to the clusters with problems", () => {
    expect(filterRows(rows(), { text: "STAG" }).map((r) => r.label)).toEqual(["staging"]);
    expect(filterRows(rows(), { text: "cilium" })).toHaveLength(3);
    expect(filterRows(rows(), { rule: "R02" }).map((r) => r.label)).toEqual(["prod", "staging"]);
    expect(filterRows(rows(), { only: "problems" }).map((r) => r.label)).toEqual(["prod", "edge"]);
  });
});
