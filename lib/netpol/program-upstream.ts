/**
 * NetworkPolicy and the policy.networking.k8s.io admin kinds as program pieces, and the upstream
 * program made of them (networking/v1 NetworkPolicy; policy.networking.k8s.io/v1alpha1
 * AdminNetworkPolicy and BaselineAdminNetworkPolicy; v1alpha2 ClusterNetworkPolicy):
 * admin tier in priority order (first match decides; Pass and no match go on), then NetworkPolicy
 * (an isolated pod admits only what some rule allows), then the baseline tier, then allowed.
 * The Cilium and Calico compilers reuse the NetworkPolicy and admin pieces in their own layers.
 */
import { describeAdminPeer, describeNpPeers, describePorts } from "./describe";
import type { NetworkModel } from "./model";
import type { AdminPeer, AdminPolicy, CompiledNetworkPolicy, Direction, NpPeer } from "./policies";
import type { PredicateTable } from "./predicates";
import { anyOf, type Program, type ProgramLayer, type ProgramPolicy, type ProgramRule } from "./program";

export function npPeerAtom(table: PredicateTable, peer: NpPeer): number {
  if (peer.kind === "ipBlock") return table.ipBlock(peer.block, peer.v4);
  if (peer.namespace !== undefined) return table.podsIn(peer.namespace, peer.podSelector);
  return table.podsWhere(peer.namespaceSelector!, peer.podSelector);
}

export function adminPeerAtom(table: PredicateTable, peer: AdminPeer): number {
  if (peer.kind === "all" || peer.kind === "domainNames") return table.special(peer.kind);
  if (peer.kind === "networks") return table.networks(peer.cidrs, peer.v4);
  if (peer.kind === "nodes") return table.nodes(peer.nodeSelector);
  return table.podsWhere(peer.namespaceSelector, peer.podSelector);
}

/** A NetworkPolicy: it isolates the pods it selects in each direction of its policyTypes; every rule allows. */
export function networkPolicyPiece(table: PredicateTable, np: CompiledNetworkPolicy): ProgramPolicy {
  const rules = (dir: Direction): ProgramRule[] =>
    (np[dir] ?? []).map((r) => ({
      action: "Allow",
      written: "Allow",
      peer: r.peers.length === 0 ? null : anyOf(r.peers.map((p) => npPeerAtom(table, p))),
      ports: r.ports,
      path: `spec.${dir}[${r.index}]`,
      index: r.index,
      peerText: r.peers.length === 0 ? "every peer" : describeNpPeers(r.peers),
      portText: describePorts(r.ports),
    }));
  return {
    ref: { kind: "NetworkPolicy", namespace: np.namespace, name: np.name },
    subject: table.podsIn(np.namespace, np.podSelector),
    isolates: { ingress: np.ingress !== undefined, egress: np.egress !== undefined },
    ingress: rules("ingress"),
    egress: rules("egress"),
  };
}

/** An admin policy: its rules, in order, decide with their own actions; selecting a pod does not isolate it. */
export function adminPolicyPiece(table: PredicateTable, ap: AdminPolicy, tier?: string): ProgramPolicy {
  const rules = (dir: Direction): ProgramRule[] =>
    ap[dir].map((r) => ({
      action: r.action === "Accept" ? "Allow" : r.action,
      written: r.action,
      peer: anyOf(r.peers.map((p) => adminPeerAtom(table, p))),
      ports: r.ports,
      path: `spec.${dir}[${r.index}]`,
      index: r.index,
      ...(r.name ? { name: r.name } : {}),
      peerText: r.peers.map(describeAdminPeer).join("; or "),
      portText: describePorts(r.ports),
      ...(r.peers.some((p) => p.kind === "domainNames") ? { unmodelled: { kind: "peer" as const, reason: "domainNames are resolved by DNS at run time" } } : {}),
    }));
  return {
    ref: { kind: ap.kind, name: ap.name, ...(tier ? { tier } : {}), ...(ap.kind !== "BaselineAdminNetworkPolicy" ? { order: ap.priority } : {}) },
    subject: table.podsWhere(ap.subject.namespaceSelector, ap.subject.podSelector),
    isolates: { ingress: false, egress: false },
    ingress: rules("ingress"),
    egress: rules("egress"),
  };
}

export function networkPolicyLayer(table: PredicateTable, model: NetworkModel, extra: ProgramPolicy[] = []): ProgramLayer {
  return { id: "networkpolicy", label: "NetworkPolicy", defaultAction: "Deny", policies: [...model.networkPolicies.map((np) => networkPolicyPiece(table, np)), ...extra] };
}

export function compileUpstream(model: NetworkModel, table: PredicateTable): Omit<Program, "table" | "everyPod" | "unenforced" | "nodeRelative"> {
  const layers: ProgramLayer[] = [];
  if (model.admin.length) layers.push({ id: "admin", label: "admin tier", defaultAction: "Pass", policies: model.admin.map((ap) => adminPolicyPiece(table, ap)) });
  if (model.networkPolicies.length) layers.push(networkPolicyLayer(table, model));
  if (model.baseline.length) layers.push({ id: "baseline", label: "baseline tier", defaultAction: "Pass", policies: model.baseline.map((ap) => adminPolicyPiece(table, ap)) });
  return { layers };
}
