import { describe, expect, it } from "vitest";
import { policyDetail, policyList, refsFromGuards } from "./policy-view";
import { viewCluster } from "./views.fixture";

const { model } = viewCluster();

describe("policy list", () => {
  it("lists admin policies first, NetworkPolicies by namespace and name, the baseline last, with what each selects", () => {
    const rows = policyList(model);
    expect(rows.map((r) => r.id)).toEqual([
      "AdminNetworkPolicy/deny-cloud-metadata-egress",
      "NetworkPolicy/payments/default-deny-all",
      "NetworkPolicy/payments/payments-api-egress",
      "NetworkPolicy/payments/payments-api-ingress",
      "NetworkPolicy/payments/payments-db-ingress",
      "NetworkPolicy/payments/payments-worker-egress",
      "BaselineAdminNetworkPolicy/default",
    ]);
    const deny = rows.find((r) => r.name === "default-deny-all")!;
    expect(deny).toMatchObject({ selects: "every pod in namespace payments", directions: ["ingress", "egress"], rules: 0, pods: 3 });
    expect(rows.find((r) => r.name === "payments-worker-egress")).toMatchObject({ pods: 0, directions: ["egress"] });
    expect(rows[0]).toMatchObject({ priority: 10, directions: ["egress"] });
  });
});

describe("policy detail", () => {
  it("renders each rule in words and lists the pods it selects", () => {
    const d = policyDetail(model, "NetworkPolicy/payments/payments-db-ingress");
    expect(d.ingress).toEqual([
      { index: 0, path: "spec.ingress[0]", peers: ["pods app=payments-api in namespace payments", "pods app=payments-worker in namespace payments"], ports: 'TCP named port "postgres"' },
    ]);
    expect(d.egress).toBeUndefined();
    expect(d.selectedPods.map((p) => p.workload)).toEqual(["Deployment/payments-db"]);
    expect(d.notes).toEqual([]);
  });

  it("says when a policy isolates with no rule, or selects nothing", () => {
    expect(policyDetail(model, "NetworkPolicy/payments/default-deny-all").notes).toEqual([
      "isolates ingress with no rule: denies all ingress of the selected pods not allowed by another policy",
      "isolates egress with no rule: denies all egress of the selected pods not allowed by another policy",
    ]);
    const typo = policyDetail(model, "NetworkPolicy/payments/payments-worker-egress");
    expect(typo.selectedPods).toEqual([]);
    expect(typo.notes[0]).toContain("selects no pod");
    expect(typo.egress![0].peers).toEqual(["pods app=payments-db in namespace payments"]);
    expect(typo.egress![0].ports).toBe("all ports");
  });

  it("shows admin rules with their names and actions", () => {
    const d = policyDetail(model, "AdminNetworkPolicy/deny-cloud-metadata-egress");
    expect(d.egress).toEqual([{ index: 0, path: "spec.egress[0]", name: "deny-metadata", action: "Deny", peers: ["networks 169.254.169.254/32"], ports: "all ports" }]);
    expect(d.ingress).toBeUndefined();
    expect(d.selectedPods.length).toBe(model.pods.length);
    expect(d.notes[0]).toContain("before every NetworkPolicy");
  });

  it("rejects ids it cannot read and policies that are not there", () => {
    expect(() => policyDetail(model, "NetworkPolicy/payments")).toThrow(/not a policy id/);
    expect(() => policyDetail(model, "NetworkPolicy/payments/nope")).toThrow(/no NetworkPolicy payments\/nope/);
  });

  it("turns guard names into references", () => {
    expect(refsFromGuards(["NetworkPolicy payments/default-deny-all", "AdminNetworkPolicy deny-cloud-metadata-egress"])).toEqual([
      { id: "NetworkPolicy/payments/default-deny-all", kind: "NetworkPolicy", namespace: "payments", name: "default-deny-all" },
      { id: "AdminNetworkPolicy/deny-cloud-metadata-egress", kind: "AdminNetworkPolicy", name: "deny-cloud-metadata-egress" },
    ]);
  });
});
