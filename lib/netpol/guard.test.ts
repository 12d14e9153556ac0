import { describe, expect, it } from "vitest";
import { baselineAdminNetworkPolicy, deployment, namespace, networkPolicy, snapshotOf } from "./fixtures";
import { classGuard, combineGuards, podGuard } from "./guard";
import { buildNetworkModel } from "./model";
import { buildReachability } from "./reachability";
import { viewCluster } from "./views.fixture";

describe("guard", () => {
  const { model, reach } = viewCluster();
  const pod = (ns: string, owner: string) => model.pods.find((p) => p.namespace === ns && p.owner.name === owner)!;

  it("isolated when a NetworkPolicy selects the pod for the direction", () => {
    expect(podGuard(model, pod("payments", "payments-db"), "ingress")).toBe("isolated");
    expect(podGuard(model, pod("payments", "payments-db"), "egress")).toBe("isolated");
  });

  it("unprotected when only admin rules carve out one address or one namespace", () => {
    // the ANP denies 169.254.169.254 egress, the baseline denies ingress from shop: everyone else gets everything
    expect(podGuard(model, pod("data", "reports"), "ingress")).toBe("unprotected");
    expect(podGuard(model, pod("data", "reports"), "egress")).toBe("unprotected");
  });

  it("partial when admin rules narrow what a stranger gets", () => {
    const m = buildNetworkModel(
      snapshotOf([namespace("a"), deployment("a", "x", { app: "x" }), baselineAdminNetworkPolicy({ subject: { namespaces: {} }, ingress: [{ name: "deny-pods", action: "Deny", from: [{ namespaces: {} }] }] })]),
    );
    expect(podGuard(m, m.pods[0], "ingress")).toBe("partial");
    expect(podGuard(m, m.pods[0], "egress")).toBe("unprotected");
  });

  it("combines pods: all alike, or partial; and is computed per class", () => {
    expect(combineGuards(["isolated", "isolated"])).toBe("isolated");
    expect(combineGuards(["isolated", "unprotected"])).toBe("partial");
    const m = buildNetworkModel(snapshotOf([namespace("a"), deployment("a", "x", { app: "x" }), networkPolicy("a", "x", { podSelector: { matchLabels: { app: "x" } } })]));
    const r = buildReachability(m);
    expect(classGuard(r, 0)).toEqual({ ingress: "isolated", egress: "unprotected" });
    expect(classGuard(reach, 0)).toBe(classGuard(reach, 0));
  });
});
