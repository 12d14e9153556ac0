import { describe, expect, it } from "vitest";
import { parseExceptions } from "../findings/exceptions";
import { scanSnapshot } from "../findings/scan";
import { snapshotFromYaml } from "../model/testing";
import { exceptionEnd, sourceDown, sourceMetrics } from "./posture";
import { formatPrometheus } from "./prometheus";

const YAML = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec: {containers: [{name: c, image: "nginx:latest", securityContext: {privileged: true}}]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: everyone-admin}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects: [{kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}]
`;

function metrics(exceptionsYaml = "[]", now = new Date("2026-11-01T00:10:00Z")) {
  const snapshot = snapshotFromYaml(YAML);
  snapshot.kinds.roles = { state: "forbidden", message: "roles is forbidden" };
  const exceptions = parseExceptions(exceptionsYaml);
  const report = scanSnapshot(snapshot, { exceptions, now });
  const families = sourceMetrics({ source: "ctx-prod", snapshot, report, exceptions, durations: { load: 1.5, scan: 0.25, other: undefined }, now });
  return { report, families, text: formatPrometheus(families), byName: (n: string) => families.find((f) => f.name === n)?.samples ?? [] };
}

describe("sourceMetrics", () => {
  it("exports the score per area and overall, labelled with the source", () => {
    const { report, byName } = metrics();
    expect(byName("clearance_score")).toContainEqual({ labels: { source: "ctx-prod", area: "overall" }, value: report.score.overall });
    expect(byName("clearance_score").find((s) => s.labels.area === "rbac")?.value).toBe(report.score.areas.rbac.score);
  });

  it("counts open findings by severity, area and rule, adding up to the scan's", () => {
    const { report, byName } = metrics();
    const samples = byName("clearance_findings");
    expect(samples.reduce((n, s) => n + s.value, 0)).toBe(report.findings.filter((f) => !f.exception).length);
    const privileged = report.findings.find((f) => f.rule === "PSS-privileged")!;
    expect(samples).toContainEqual({ labels: { source: "ctx-prod", severity: privileged.severity, area: "workload", rule: "PSS-privileged" }, value: 1 });
  });

  it("exports accepted risks and each exception's end: the day after its last day, midnight UTC", () => {
    const { report, byName } = metrics(`- {rule: PSS-privileged, by: alice, reason: legacy, expires: "2026-12-31"}
- {id: no-such-finding, by: bob, reason: typo, expires: "2027-01-31"}
- {rule: PSS-privileged, by: carol, reason: old, expires: "2026-01-01"}`);
    expect(byName("clearance_accepted_risks")[0].value).toBe(report.score.excepted);
    expect(report.score.excepted).toBeGreaterThan(0);
    expect(byName("clearance_exception_expiry_timestamp_seconds")).toEqual([
      { labels: { source: "ctx-prod", entry: "1", match: "PSS-privileged", by: "alice", state: "active" }, value: Date.parse("2027-01-01T00:00:00Z") / 1000 },
      { labels: { source: "ctx-prod", entry: "2", match: "no-such-finding", by: "bob", state: "unused" }, value: exceptionEnd("2027-01-31") },
      { labels: { source: "ctx-prod", entry: "3", match: "PSS-privileged", by: "carol", state: "expired" }, value: exceptionEnd("2026-01-01") },
    ]);
    expect(byName("clearance_findings").some((s) => s.labels.rule === "PSS-privileged")).toBe(false);
  });

  it("exports snapshot age, partial state, read errors per kind and the stage durations it knows", () => {
    const { byName } = metrics();
    expect(byName("clearance_snapshot_age_seconds")[0].value).toBe(600);
    expect(byName("clearance_snapshot_partial")[0].value).toBe(1);
    expect(byName("clearance_read_errors")).toEqual([{ labels: { source: "ctx-prod", kind: "roles", reason: "forbidden" }, value: 1 }]);
    expect(byName("clearance_analysis_duration_seconds")).toEqual([
      { labels: { source: "ctx-prod", stage: "load" }, value: 1.5 },
      { labels: { source: "ctx-prod", stage: "scan" }, value: 0.25 },
    ]);
  });

  it("formats to valid exposition text, one HELP and TYPE per family", () => {
    const { text } = metrics();
    expect(text.match(/^# TYPE clearance_score gauge$/gm)).toHaveLength(1);
    for (const line of text.split("\n").filter((l) => l && !l.startsWith("#"))) expect(line).toMatch(/^[a-z_]+(\{[a-z_]+="(?:[^"\\]|\\.)*"(,[a-z_]+="(?:[^"\\]|\\.)*")*\})? -?[0-9.e+]+$/);
  });

  it("reports a source that could not be loaded as down, with the error code", () => {
    expect(sourceDown("ctx-gone", "cluster_unreachable")[0].samples).toEqual([{ labels: { source: "ctx-gone", error: "cluster_unreachable" }, value: 0 }]);
  });
});
