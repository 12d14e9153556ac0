/**
 * The fast path agrees with the reference evaluator under Cilium's and Calico's semantics, on
 * random clusters with random policies of both CNIs (cni-random.ts), for every pod pair and for
 * outside and node addresses in both directions.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CniChoice } from "./cni/profiles";
import { CNI_PROBE_IPS, placed, randomCalicoObjects, randomCiliumPolicies } from "./cni-random";
import { allowedConnections } from "./evaluate";
import { blockOf } from "./externals";
import { snapshotOf } from "./fixtures";
import { buildNetworkModel } from "./model";
import { ipEndpoint, podEndpoint } from "./peers";
import { PROBE_IPS, randomCluster } from "./random-cluster";
import { buildReachability } from "./reachability";

function agree(objects: Record<string, unknown>[], cni: CniChoice) {
  const model = buildNetworkModel(snapshotOf(objects), { cni });
  const r = buildReachability(model);
  for (const a of model.pods) {
    for (const b of model.pods) {
      const cb = r.classOf.get(b)!;
      if (a.spec.hostNetwork && !model.program.nodeRelative && new Set(cb.pods.map((p) => p.spec.nodeName)).size > 1) continue; // per class, as above
      expect(r.pods(a, b).toString(), `${a.namespace}/${a.name} -> ${b.namespace}/${b.name}`).toBe(allowedConnections(model, podEndpoint(a), podEndpoint(b)).toString());
    }
    for (const ip of [...PROBE_IPS, ...CNI_PROBE_IPS]) {
      const si = blockOf(r.externals.sources, ip);
      const di = blockOf(r.externals.destinations, ip);
      if (si === undefined || di === undefined) continue; // IPv6: oracle only
      const cls = { kind: "class" as const, id: r.classOf.get(a)!.id };
      // A node reaching the pods it runs is answered per class (a node reaches a class it runs a pod
      // of) unless a rule of the cluster's own makes classes split by node: skip that one case.
      const c = r.classes[cls.id];
      const spansNodes = new Set(c.pods.map((p) => p.spec.nodeName)).size > 1;
      const fromNode = model.nodeOfAddress.has(ip) || c.pods.some((p) => p.spec.hostNetwork);
      if (!(spansNodes && fromNode && !model.program.nodeRelative)) expect(r.between({ kind: "source", index: si }, cls).toString(), `${ip} -> ${a.name}`).toBe(allowedConnections(model, ipEndpoint(ip), podEndpoint(a)).toString());
      expect(r.between(cls, { kind: "destination", index: di }).toString(), `${a.name} -> ${ip}`).toBe(allowedConnections(model, podEndpoint(a), ipEndpoint(ip)).toString());
    }
  }
}

describe("fast path = reference evaluator under the CNIs' semantics", () => {
  it("Cilium: NetworkPolicies, CiliumNetworkPolicies and clusterwide ones, deny rules, entities and nodes", () => {
    fc.assert(
      fc.property(randomCluster, randomCiliumPolicies, (rc, cnps) => agree(placed([...rc.objects, ...cnps]), "cilium")),
      { numRuns: 150 },
    );
  });

  it("Calico: tiers, ordered policies, NetworkPolicies in the default tier, admin tiers and network sets", () => {
    fc.assert(
      fc.property(randomCluster, randomCalicoObjects, (rc, calico) => agree(placed([...rc.objects, ...calico]), "calico")),
      { numRuns: 150 },
    );
  });
});
