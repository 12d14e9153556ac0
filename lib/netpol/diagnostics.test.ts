import { describe, expect, it } from "vitest";
import { networkDiagnostics } from "./diagnostics";
import { adminNetworkPolicy, namespace, networkPolicy, pod, snapshotOf } from "./fixtures";
import { buildNetworkModel } from "./model";
import { buildReachability } from "./reachability";

describe("network diagnostics", () => {
  it("flags undefined ANP order, named ports towards addresses, host-network subjects and split workloads", () => {
    const s = snapshotOf([
      namespace("a"),
      pod("a", "web-1", { app: "web", v: "1" }, { owner: { kind: "Deployment", name: "web" } }),
      pod("a", "web-2", { app: "web", v: "2" }, { owner: { kind: "Deployment", name: "web" } }),
      pod("a", "agent", { app: "agent" }, { hostNetwork: true }),
      networkPolicy("a", "v1", { podSelector: { matchLabels: { v: "1" } } }),
      networkPolicy("a", "all", { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: "https" }] }] }),
      adminNetworkPolicy("x", 10, { subject: { namespaces: {} }, ingress: [] }),
      adminNetworkPolicy("y", 10, { subject: { namespaces: {} }, ingress: [] }),
    ]);
    const codes = networkDiagnostics(buildReachability(buildNetworkModel(s))).map((d) => d.code).sort();
    expect(codes).toEqual(["anp-same-priority", "host-network-selected", "named-port-to-ipblock", "workload-split"]);
  });
});
