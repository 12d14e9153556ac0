import { describe, expect, it } from "vitest";
import { viewCluster } from "./views.fixture";
import { workloadDetail } from "./workload-view";

const { reach } = viewCluster();

describe("workload detail", () => {
  it("says which policies guard each direction", () => {
    const d = workloadDetail(reach, "payments/Deployment/payments-db");
    expect(d.ingress.guard).toBe("isolated");
    expect(d.ingress.policies.map((p) => p.id)).toEqual(["NetworkPolicy/payments/default-deny-all", "NetworkPolicy/payments/payments-db-ingress", "BaselineAdminNetworkPolicy/default"]);
    expect(d.egress.policies.map((p) => p.id)).toEqual(["NetworkPolicy/payments/default-deny-all", "AdminNetworkPolicy/deny-cloud-metadata-egress"]);
    expect(d.exposure).toEqual([]);
  });

  it("shows an open workload as unprotected by NetworkPolicy, with its exposure and identity", () => {
    const d = workloadDetail(reach, "data/deployment/reports");
    expect(d).toMatchObject({ key: "data/Deployment/reports", serviceAccounts: ["reports"], hostNetwork: false, labels: { app: "reports" } });
    expect(d.ingress.policies.map((p) => p.kind)).toEqual(["BaselineAdminNetworkPolicy"]);
    expect([d.ingress.guard, d.egress.guard]).toEqual(["unprotected", "unprotected"]);
    expect(d.exposure.map((p) => p.kind)).toEqual(["Ingress"]);
    const pod = workloadDetail(reach, "data/Pod/debug-shell");
    expect(pod.pods).toEqual(["debug-shell"]);
  });

  it("names what it cannot find", () => {
    expect(() => workloadDetail(reach, "data/Deployment/nope")).toThrow(/no workload data\/Deployment\/nope/);
  });
});
