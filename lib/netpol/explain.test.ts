import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Protocol } from "../model/types";
import { allowedConnections } from "./evaluate";
import { explainFlow } from "./explain";
import { adminNetworkPolicy, baselineAdminNetworkPolicy, deployment, namespace, networkPolicy, pod, service, snapshotOf } from "./fixtures";
import { buildNetworkModel } from "./model";
import { ipEndpoint, podEndpoint } from "./peers";
import { PROBE_IPS, randomCluster } from "./random-cluster";
import { buildFlowIndex, explainQuery } from "./resolve";

const shop = [
  namespace("shop", { team: "shop" }),
  namespace("payments", { team: "payments" }),
  deployment("shop", "checkout", { app: "checkout" }),
  deployment("shop", "orders", { app: "orders" }, { ports: [{ name: "http", containerPort: 8080 }] }),
  deployment("payments", "ledger", { app: "ledger" }, { ports: [{ name: "grpc", containerPort: 9000 }] }),
  service("shop", "orders", { app: "orders" }, [{ port: 80, targetPort: "http", name: "web" }]),
  networkPolicy("shop", "default-deny", { podSelector: {} }),
  networkPolicy("shop", "allow-frontend", { podSelector: { matchLabels: { app: "orders" } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: "frontend" } } }], ports: [{ port: 8080 }] }, { from: [{ podSelector: { matchLabels: { app: "checkout" } } }], ports: [{ port: 80 }] }] }),
];

function ask(objects: Record<string, unknown>[], from: string, to: string, port: number | string, protocol: Protocol = "TCP") {
  const model = buildNetworkModel(snapshotOf(objects));
  return explainQuery(model, buildFlowIndex(model), { from, to, port, protocol });
}

describe("explain", () => {
  it("says which policies isolate the destination and which rule came closest", () => {
    const a = ask(shop, "shop/checkout", "shop/orders", 8080);
    expect(a.allowed).toBe(false);
    expect(a.egress).toMatchObject({ allowed: true, decidedBy: "default" });
    expect(a.ingress.decidedBy).toBe("network-policy");
    expect(a.ingress.isolatedBy.map((p) => p.name)).toEqual(["allow-frontend", "default-deny"]);
    expect(a.ingress.allowedBy).toEqual([]);
    expect(a.ingress.closest.map((m) => m.reason)).toEqual([
      "rule 1 of shop/allow-frontend allows TCP 8080 but not from this peer (it admits pods app=frontend in namespace shop)",
      "rule 2 of shop/allow-frontend matches the peer but not TCP 8080 (it allows TCP 80)",
    ]);
    expect(a.ingress.reason).toContain("isolated for Ingress by shop/allow-frontend, shop/default-deny; no rule allows TCP 8080 from shop/checkout. Closest:");
  });

  it("names the admitting rule when allowed, with the policy's path", () => {
    const a = ask(shop, "shop/checkout", "shop/orders", 80);
    expect(a.allowed).toBe(true);
    expect(a.ingress.allowedBy).toMatchObject([{ kind: "NetworkPolicy", namespace: "shop", policy: "allow-frontend", index: 1, path: "spec.ingress[1]", ports: "TCP 80" }]);
  });

  it("resolves a Service to its backends on the target port", () => {
    const a = ask(shop, "shop/checkout", "shop/orders", 80);
    expect(a.service).toBeUndefined(); // a workload, not the Service, when names clash
    const s = ask(shop, "shop/checkout", "shop/service/orders", "web");
    expect(s.service?.backends).toEqual([{ pod: "shop/orders", port: 8080, allowed: false }]);
    expect(s.port).toBe(8080);
    expect(s.allowed).toBe(false);
  });

  it("walks the admin chain: ANP deny overrides, Pass goes to NetworkPolicy, then the baseline", () => {
    const deny = adminNetworkPolicy("guard-payments", 10, {
      subject: { namespaces: { matchLabels: { team: "payments" } } },
      ingress: [
        { name: "pass-shop", action: "Pass", from: [{ namespaces: { matchLabels: { team: "shop" } } }], ports: [{ portNumber: { protocol: "TCP", port: 9000 } }] },
        { name: "deny-rest", action: "Deny", from: [{ namespaces: {} }] },
      ],
    });
    const d = ask([...shop, deny], "shop/checkout", "payments/ledger", 9100);
    expect(d.ingress).toMatchObject({ allowed: false, decidedBy: "admin", adminRule: { name: "deny-rest", action: "Deny", priority: 10 } });
    expect(d.ingress.reason).toContain('AdminNetworkPolicy guard-payments (priority 10) rule "deny-rest"');
    const p = ask([...shop, deny], "shop/checkout", "payments/ledger", 9000);
    expect(p.ingress).toMatchObject({ allowed: true, decidedBy: "default", adminRule: { name: "pass-shop", action: "Pass" } });
    const b = ask([...shop, deny, baselineAdminNetworkPolicy({ subject: { namespaces: {} }, ingress: [{ name: "deny-all", action: "Deny", from: [{ namespaces: {} }] }] })], "shop/checkout", "payments/ledger", 9000);
    expect(b.ingress).toMatchObject({ allowed: false, decidedBy: "baseline", baselineRule: { name: "deny-all" } });
  });

  it("handles addresses, the pod itself and host-networked pods", () => {
    const i = ask(shop, "203.0.113.7", "shop/orders", 8080);
    expect(i.egress.decidedBy).toBe("outside-cluster");
    expect(i.allowed).toBe(false);
    const self = ask(shop, "shop/orders", "shop/orders", 8080);
    expect(self).toMatchObject({ allowed: true, egress: { decidedBy: "same-pod" } });
    const h = ask([...shop, pod("shop", "agent", { app: "agent" }, { hostNetwork: true })], "shop/checkout", "shop/agent", 22);
    expect(h.ingress.decidedBy).toBe("host-network");
    expect(h.notes[0]).toContain("host network");
  });

  it("reports unknown names clearly", () => {
    expect(() => ask(shop, "shop/nope", "shop/orders", 80)).toThrow('no pod or workload named "shop/nope"');
  });

  it("agrees with the oracle on random flows", () => {
    const ports: [Protocol, number][] = [["TCP", 80], ["TCP", 8085], ["UDP", 53], ["TCP", 5353], ["SCTP", 9003]];
    fc.assert(
      fc.property(randomCluster, (rc) => {
        const model = buildNetworkModel(snapshotOf(rc.objects), { ipBlockMatchesPods: rc.ipBlockMatchesPods });
        const ends = [...model.pods.map(podEndpoint), ...PROBE_IPS.map(ipEndpoint)];
        for (const a of ends) {
          for (const b of ends) {
            if (a.kind === "ip" && b.kind === "ip") continue;
            const conn = allowedConnections(model, a, b);
            for (const [proto, port] of ports) expect(explainFlow(model, a, b, proto, port).allowed).toBe(conn.has(proto, port));
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});
