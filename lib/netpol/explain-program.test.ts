/**
 * The layered explainer gives the reference evaluator's verdict on random flows under Cilium and
 * Calico, and names what decided; flows that something not evaluated could change are incomplete.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Protocol } from "../model/types";
import { cniWorld, podYaml } from "./cni-testing";
import { CNI_PROBE_IPS, randomCalicoObjects, randomCiliumPolicies } from "./cni-random";
import { allowedConnections } from "./evaluate";
import { explainFlow } from "./explain";
import { snapshotOf } from "./fixtures";
import { buildNetworkModel } from "./model";
import { ipEndpoint, podEndpoint, type Endpoint } from "./peers";
import { randomCluster } from "./random-cluster";
import type { CniChoice } from "./cni/profiles";

const PORTS: [Protocol, number][] = [["TCP", 80], ["UDP", 53], ["TCP", 8080], ["SCTP", 9], ["TCP", 5353]];

function agree(objects: Record<string, unknown>[], cni: CniChoice, pick: number) {
  const model = buildNetworkModel(snapshotOf(objects), { cni });
  const ends: Endpoint[] = [...model.pods.map(podEndpoint), ...CNI_PROBE_IPS.map(ipEndpoint)];
  const src = ends[pick % ends.length];
  for (const dst of ends) {
    if (src.kind === "ip" && dst.kind === "ip") continue;
    for (const [protocol, port] of PORTS) {
      const ex = explainFlow(model, src, dst, protocol, port);
      expect(ex.allowed, `${ex.src} -> ${ex.dst} ${protocol} ${port}`).toBe(allowedConnections(model, src, dst).has(protocol, port));
      expect(ex.cni?.id).toBe(cni);
    }
  }
}

describe("explaining a flow under a CNI", () => {
  it("Cilium: the verdict is the oracle's on random flows", () => {
    fc.assert(fc.property(randomCluster, randomCiliumPolicies, fc.nat(), (rc, cnps, pick) => agree([...rc.objects, ...cnps], "cilium", pick)), { numRuns: 100 });
  });

  it("Calico: the verdict is the oracle's on random flows", () => {
    fc.assert(fc.property(randomCluster, randomCalicoObjects, fc.nat(), (rc, objs, pick) => agree([...rc.objects, ...objs], "calico", pick)), { numRuns: 100 });
  });

  const shop = `
${podYaml("shop", "web", "10.0.0.10")}---
${podYaml("shop", "db", "10.0.0.11")}`;

  it("names the Cilium deny rule that blocks a flow, with the layer", () => {
    const w = cniWorld(`${shop}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: no-web, namespace: shop }
spec:
  endpointSelector: { matchLabels: { app: db } }
  enableDefaultDeny: { ingress: false }
  ingressDeny: [{ fromEndpoints: [{ matchLabels: { app: web } }], toPorts: [{ ports: [{ port: "5432" }] }] }]
`, "cilium");
    const ex = explainFlow(w.model, w.endpoint("shop/web"), w.endpoint("shop/db"), "TCP", 5432);
    expect(ex.allowed).toBe(false);
    expect(ex.ingress.decidedBy).toBe("rule");
    expect(ex.ingress.decidingRule).toMatchObject({ kind: "CiliumNetworkPolicy", namespace: "shop", policy: "no-web", path: "spec.ingressDeny[0]", action: "Deny" });
    expect(ex.ingress.layers?.[0]).toMatchObject({ layer: "Cilium deny rules", outcome: "deny" });
    expect(ex.complete).toBe(true);
    expect(explainFlow(w.model, w.endpoint("shop/web"), w.endpoint("shop/db"), "TCP", 80).allowed).toBe(true);
  });

  it("names the Calico tier a flow was passed down, and the rule that then decided", () => {
    const w = cniWorld(`${shop}---
apiVersion: projectcalico.org/v3
kind: Tier
metadata: { name: security }
spec: { order: 100 }
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: { name: security.pass-shop }
spec:
  tier: security
  order: 10
  selector: app == 'db'
  ingress: [{ action: Pass, source: { selector: app == 'web' } }]
---
apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: { name: db-allow-web, namespace: shop }
spec:
  order: 100
  selector: app == 'db'
  ingress: [{ action: Allow, protocol: TCP, source: { selector: app == 'web' }, destination: { ports: [5432] } }]
`, "calico");
    const ex = explainFlow(w.model, w.endpoint("shop/web"), w.endpoint("shop/db"), "TCP", 5432);
    expect(ex.allowed).toBe(true);
    expect(ex.ingress.layers?.map((s) => [s.layer, s.outcome])).toEqual([
      ["Calico tier security (order 100)", "pass"],
      ["Calico tier default (order 1000000)", "allow"],
    ]);
    expect(ex.ingress.decidingRule).toMatchObject({ kind: "NetworkPolicy.projectcalico.org", policy: "db-allow-web", tier: "default", priority: 100, action: "Allow" });
    const blocked = explainFlow(w.model, w.endpoint("shop/web"), w.endpoint("shop/db"), "TCP", 80);
    expect(blocked.allowed).toBe(false);
    expect(blocked.ingress.decidedBy).toBe("layer-default");
    expect(blocked.ingress.closest[0].reason).toMatch(/matches the peer but not TCP 80/);
  });

  it("marks a verdict an L7 rule or a mesh policy could change as incomplete, naming them", () => {
    const w = cniWorld(`${shop}---
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: { name: http-only, namespace: shop }
spec:
  endpointSelector: { matchLabels: { app: db } }
  ingress: [{ toPorts: [{ ports: [{ port: "8080", protocol: TCP }], rules: { http: [{ method: GET }] } }] }]
---
apiVersion: crd.antrea.io/v1beta1
kind: NetworkPolicy
metadata: { name: antrea-np, namespace: shop }
spec: {}
`, "cilium");
    const ex = explainFlow(w.model, w.endpoint("shop/web"), w.endpoint("shop/db"), "TCP", 8080);
    expect(ex.allowed).toBe(true);
    expect(ex.complete).toBe(false);
    expect(ex.incomplete).toEqual([
      "NetworkPolicy shop/antrea-np (Antrea): Antrea-native NetworkPolicies (tiers, priorities, Drop/Reject/Pass) are not evaluated",
      "CiliumNetworkPolicy shop/http-only spec.ingress[0]: http rules are enforced by Cilium's L7 proxy after this L4 verdict",
    ]);
  });
});
