import { describe, expect, it } from "vitest";
import { exposureOf, exposureView, type TokenRisk } from "./exposure-view";
import { viewCluster } from "./views.fixture";

const { reach } = viewCluster();
const secretsReader: TokenRisk = { severity: "critical", summary: "critical: can read Secrets cluster-wide", risks: [{ rule: "R06", title: "Read Secrets", severity: "critical", scope: "cluster", via: 'ClusterRoleBinding "reports-secret-reader" of ClusterRole "secret-reader"' }] };
const risk = (ns: string, sa: string): TokenRisk | undefined => (ns === "data" && sa === "reports" ? secretsReader : sa === "default" ? { severity: "low", summary: "low: lists pods", risks: [] } : undefined);

describe("exposure view", () => {
  it("puts the internet-exposed pod whose token reads secrets on top, with the ways in", () => {
    const v = exposureView(reach, risk);
    expect(v.attackPaths).toHaveLength(1);
    const a = v.attackPaths[0];
    expect(a).toMatchObject({ workload: "data/reports[Deployment]", serviceAccount: "reports", severity: "critical", unrestricted: true });
    expect(a.paths.map((p) => [p.kind, p.via])).toEqual([["Ingress", "Ingress data/reports"]]);
    expect(a.risks[0].rule).toBe("R06");
  });

  it("lists every exposed workload with its tokens, and counts what the summary shows", () => {
    const v = exposureView(reach, risk);
    expect(v.exposed.map((w) => w.name)).toEqual(["data/pgadmin[Deployment]", "data/reports[Deployment]"]);
    const pgadmin = v.exposed[0];
    expect(pgadmin.paths.map((p) => p.kind)).toEqual(["NodePort"]);
    expect(pgadmin.tokens).toEqual([{ serviceAccount: "default", severity: "low", summary: "low: lists pods" }]);
    expect(v.counts).toMatchObject({ exposed: 2, unrestricted: 2, attackPaths: 1 });
    // the admin policy denies the metadata address to everyone
    expect(v.counts.metadata).toBe(0);
  });

  it("works without RBAC: no attack paths, tokens not assessed", () => {
    const v = exposureView(reach);
    expect(v.attackPaths).toEqual([]);
    expect(v.exposed[1].tokens[0]).toEqual({ serviceAccount: "reports", severity: null, summary: "not assessed" });
  });

  it("computes exposure once per reachability", () => {
    expect(exposureOf(reach)).toBe(exposureOf(reach));
  });
});
