/**
 * Who a policy selects and which peers its rules match, for one concrete endpoint (a pod or an IP
 * address). These are the definitions; the class-based fast path precomputes the same predicates.
 */
import { matchesSelector } from "../model/selector";
import type { Pod } from "../model/types";
import { blockContains, cidrContains } from "./ip";
import { namespaceLabelsOf, nodeLabelsOf, podAddresses, type NetworkModel } from "./model";
import type { AdminPeer, AdminSubject, CompiledNetworkPolicy, NpPeer, NpRule } from "./policies";

/** A connection end: a pod, or an address outside the pod network. */
export type Endpoint = { kind: "pod"; pod: Pod } | { kind: "ip"; ip: string };

export const podEndpoint = (pod: Pod): Endpoint => ({ kind: "pod", pod });
export const ipEndpoint = (ip: string): Endpoint => ({ kind: "ip", ip });

/**
 * NetworkPolicy spec.podSelector: pods of the policy's own namespace whose labels match
 * (networking/v1: "selects pods in the same namespace"). Says nothing about enforcement:
 * hostNetwork pods match here but no CNI enforces policy on them.
 */
export function npSelects(np: CompiledNetworkPolicy, pod: Pod): boolean {
  return pod.namespace === np.namespace && matchesSelector(np.podSelector, pod.labels);
}

/**
 * One NetworkPolicyPeer against one endpoint (networking/v1 NetworkPolicyPeer):
 * - podSelector alone: pods in the policy's namespace; namespaceSelector alone: every pod of the
 *   matching namespaces; both: pods matching podSelector in matching namespaces.
 * - ipBlock: addresses in cidr and not in except. Pod IPs match only with `ipBlockMatchesPods`.
 * - A hostNetwork pod is seen by the CNI as its node's address: selectors never match it, ipBlock may.
 */
export function npPeerMatches(model: NetworkModel, peer: NpPeer, e: Endpoint): boolean {
  if (e.kind === "ip") return peer.kind === "ipBlock" && blockContains(peer.block, e.ip);
  const pod = e.pod;
  if (peer.kind === "ipBlock") {
    if (!pod.spec.hostNetwork && !model.options.ipBlockMatchesPods) return false;
    return podAddresses(pod).some((ip) => blockContains(peer.block, ip));
  }
  if (pod.spec.hostNetwork) return false;
  if (peer.namespace !== undefined ? pod.namespace !== peer.namespace : !matchesSelector(peer.namespaceSelector!, namespaceLabelsOf(model, pod.namespace))) return false;
  return peer.podSelector === undefined || matchesSelector(peer.podSelector, pod.labels);
}

/** A rule's peer list: empty = everyone (pods and external addresses); otherwise any entry (OR). */
export function npRulePeerMatches(model: NetworkModel, rule: NpRule, e: Endpoint): boolean {
  return rule.peers.length === 0 || rule.peers.some((p) => npPeerMatches(model, p, e));
}

/**
 * AdminNetworkPolicy subject: pods of namespaces matching namespaceSelector (and podSelector when
 * given). Host-networked pods are never subjects (policy.networking.k8s.io/v1alpha1 AdminNetworkPolicySubject).
 */
export function adminSubjectMatches(model: NetworkModel, s: AdminSubject, pod: Pod): boolean {
  if (pod.spec.hostNetwork) return false;
  if (!matchesSelector(s.namespaceSelector, namespaceLabelsOf(model, pod.namespace))) return false;
  return s.podSelector === undefined || matchesSelector(s.podSelector, pod.labels);
}

/**
 * AdminNetworkPolicy peers: `namespaces`/`pods` select pods (never host-networked ones);
 * `networks` are CIDRs that, unlike ipBlock, match in-cluster addresses too; `nodes` select nodes
 * by label, which is where host-networked pods' traffic comes from. ClusterNetworkPolicy
 * `domainNames` match nothing (DNS answers are not in a snapshot, cnp.ts); `all` (a fail-closed
 * Deny rule) matches everything.
 */
export function adminPeerMatches(model: NetworkModel, peer: AdminPeer, e: Endpoint): boolean {
  if (peer.kind === "all") return true;
  if (peer.kind === "domainNames") return false;
  if (peer.kind === "networks") {
    const addrs = e.kind === "ip" ? [e.ip] : podAddresses(e.pod);
    return addrs.some((ip) => peer.cidrs.some((c) => cidrContains(c, ip)));
  }
  if (peer.kind === "nodes") {
    if (e.kind === "ip") {
      for (const n of model.nodes.values()) {
        if (n.addresses.some((a) => a.address === e.ip) && matchesSelector(peer.nodeSelector, n.labels)) return true;
      }
      return false;
    }
    return e.pod.spec.hostNetwork && !!e.pod.spec.nodeName && model.nodes.has(e.pod.spec.nodeName) && matchesSelector(peer.nodeSelector, nodeLabelsOf(model, e.pod));
  }
  if (e.kind === "ip" || e.pod.spec.hostNetwork) return false;
  if (!matchesSelector(peer.namespaceSelector, namespaceLabelsOf(model, e.pod.namespace))) return false;
  return peer.podSelector === undefined || matchesSelector(peer.podSelector, e.pod.labels);
}
