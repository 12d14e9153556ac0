import { describe, expect, it } from "vitest";
import { scanSnapshot } from "../findings/scan";
import { emptySnapshot } from "../model";
import { unusedProducer, unusedRisks } from "./findings";
import { auditFixture } from "./fixture";
import { usageOf } from "./testing";
import { unusedReport } from "./unused";
import { analyseUsage } from "./usage";

const index = auditFixture();
const analysis = analyseUsage(
  usageOf(index, [
    { as: "ci/deployer", verb: "patch", resource: "deployments", apiGroup: "apps", namespace: "shop", name: "web", day: 1 },
    { as: "data/reports", verb: "get", resource: "secrets", namespace: "data", name: "db", day: 3 },
    { as: "data/airflow", verb: "create", resource: "pods", namespace: "data", day: 15 },
    { as: "dana", groups: ["oncall"], verb: "create", resource: "pods", subresource: "exec", namespace: "shop", name: "api-0", day: 4 },
    { as: "system:node:n1", groups: ["system:nodes"], verb: "get", resource: "secrets", namespace: "shop", name: "tls", day: 2 },
    { as: "shop/web", verb: "list", resource: "pods", namespace: "shop", decision: "forbid", day: 2 },
  ]),
);

describe("unusedRisks (U01)", () => {
  it("reports risky permissions the right-sized roles would not carry, with the window", () => {
    const { risks, evaluated } = unusedRisks(index, analysis);
    expect(risks.map((r) => `${r.finding.severity} ${r.hit.rule.rule} ${r.finding.title}`)).toEqual([
      'critical R01 ServiceAccount "ci/deployer" is cluster-admin equivalent cluster-wide, unused in the 14 days the audit log covers',
      'critical R06 ServiceAccount "data/reports" can read Secrets cluster-wide, unused in the 14 days the audit log covers',
      'high R10 Group "oncall" can exec into pods in payments, unused in the 14 days the audit log covers',
    ]);
    expect(evaluated).toBeGreaterThanOrEqual(risks.length);
    const ci = risks[0].finding;
    expect(ci.evidence).toContain("it made 1 allowed request (last 2026-10-02 00:00 UTC), none needing it; what it used: patch deployments in shop ×1");
    expect(ci.focus).toEqual({ view: "rbac", params: { focus: "subject:ServiceAccount/ci/deployer", suggest: "1" } });
  });

  it("scores like any other finding when plugged into a scan", () => {
    const report = scanSnapshot(emptySnapshot({ type: "files", id: "t", label: "t" }), { producers: [unusedProducer(index, analysis)], includeDefaults: true });
    expect(report.findings.filter((f) => f.rule === "U01")).toHaveLength(3);
    expect(report.run.catalogue.find((r) => r.rule === "U01")?.title).toBe("Risky permission unused over the audit window");
    expect(report.run.evaluated.U01).toBeGreaterThan(0);
  });

  it("reports nothing from a log that counted no request", () => {
    expect(unusedRisks(index, analyseUsage(usageOf(index, []))).risks).toEqual([]);
  });
});

describe("unusedReport", () => {
  it("lists what went unused worst first, and what RBAC and the log disagree on", () => {
    const r = unusedReport(index, analysis);
    expect(r.items[0]).toMatchObject({ kind: "permission", severity: "critical", subject: "ServiceAccount/ci/deployer" });
    expect(r.items.filter((i) => i.kind === "binding").map((i) => i.title)).toEqual(['RoleBinding "payments/oncall" of ClusterRole "pod-debugger" was not used', 'ClusterRoleBinding "all-view" of ClusterRole "basic-view" was not used']);
    expect(r.items.filter((i) => i.kind === "serviceAccount").map((i) => i.title)).toEqual(["ServiceAccount data/exporter: no request came from it"]);
    expect(r.items.filter((i) => i.kind === "rule").map((i) => `${i.title}: ${i.detail}`)).toContain("ClusterRole cluster-admin rule 1 never exercised: * *");
    expect(r.notRbac.map((x) => [x.username, x.why.split(":")[0]])).toEqual([["system:node:n1", "a kubelet"]]);
    expect(r.refusedButGranted.map((x) => `${x.username} ${x.text}`)).toEqual(["system:serviceaccount:shop:web list pods in namespace shop"]);
    expect(r.counts.permission).toBe(3);
  });
});
