/**
 * What each predicate kind matches, for one pod or one outside address. The class builder, the
 * outside-address blocks, the reference evaluator and the explainers all call these, so they
 * cannot disagree. The CNI decides a few of the answers (model.options):
 * - ipBlock and pod IPs: Calico matches them, Cilium and netpol-analyzer do not (projectcalico/calico#6634,
 *   cilium/cilium#9209); node addresses: Cilium's CIDR rules and ipBlock never match them
 *   (Cilium Documentation/security/policy/language.rst "Selecting nodes with CIDR / ipBlock").
 * - Host-networked pods are their node's address: selectors never match them; address rules may.
 */
import { matchesSelector } from "../model/selector";
import type { Pod } from "../model/types";
import { containsValue } from "./intervals";
import { blockContains, cidrContains, ipFamily, ipv4ToNumber } from "./ip";
import { namespaceLabelsOf, nodeLabelsOf, podAddresses, type NetworkModel } from "./model";
import type { Predicate } from "./predicates";

/** Entities whose members are pods (of this cluster) and nodes; the rest match only what they name. */
const CLUSTER_ENTITIES = new Set(["cluster", "all"]);
const NODE_ENTITIES = new Set(["host", "remote-node", "cluster", "all"]);
const WORLD_ENTITIES = new Set(["world", "world-ipv4", "world-ipv6", "all"]);

function inAddressSet(p: Extract<Predicate, { v4: unknown }>, ip: string): boolean {
  if (ipFamily(ip) === 4) return containsValue(p.v4, ipv4ToNumber(ip));
  if (p.kind === "networks") return p.cidrs.some((c) => cidrContains(c, ip));
  return blockContains(p.block, ip);
}

/** Whether an outside address (not a pod's own IP) matches. `node` is the node the address belongs to, if any. */
export function predicateMatchesAddress(model: NetworkModel, p: Predicate, ip: string): boolean {
  const node = model.nodeOfAddress.get(ip);
  switch (p.kind) {
    case "all":
      return true;
    case "ipBlock":
      return (!node || model.options.cidrMatchesNodes) && inAddressSet(p, ip);
    case "networks":
      return inAddressSet(p, ip);
    case "cidr":
      return !node && inAddressSet(p, ip);
    case "nodes":
      return !!node && matchesSelector(p.nodeSelector, model.nodes.get(node)?.labels ?? {});
    case "node":
      return node === p.node;
    case "entity":
      if (node) return NODE_ENTITIES.has(p.entity);
      if (ipFamily(ip) === 6 && p.entity === "world-ipv4") return false;
      if (ipFamily(ip) === 4 && p.entity === "world-ipv6") return false;
      return WORLD_ENTITIES.has(p.entity);
    case "calico":
      return !p.endpointsOnly && model.calicoSetsOf(ip).some((labels) => p.match(labels));
    default:
      return false;
  }
}

/** Whether a pod matches (as a subject or as a peer). */
export function predicateMatchesPod(model: NetworkModel, p: Predicate, pod: Pod): boolean {
  const host = pod.spec.hostNetwork;
  switch (p.kind) {
    case "podsIn":
      return !host && pod.namespace === p.namespace && (!p.podSelector || matchesSelector(p.podSelector, model.selectorLabels(pod)));
    case "podsWhere":
      return !host && matchesSelector(p.namespaceSelector, namespaceLabelsOf(model, pod.namespace)) && (!p.podSelector || matchesSelector(p.podSelector, model.selectorLabels(pod)));
    case "all":
      return true;
    case "ipBlock":
      if (host) return model.options.cidrMatchesNodes && podAddresses(pod).some((ip) => inAddressSet(p, ip));
      return model.options.ipBlockMatchesPods && pod.podIPs.some((ip) => inAddressSet(p, ip));
    case "networks":
      return podAddresses(pod).some((ip) => inAddressSet(p, ip));
    case "nodes":
      return host && !!pod.spec.nodeName && model.nodes.has(pod.spec.nodeName) && matchesSelector(p.nodeSelector, nodeLabelsOf(model, pod));
    case "node":
      return host && pod.spec.nodeName === p.node;
    case "entity":
      if (host) return NODE_ENTITIES.has(p.entity);
      return CLUSTER_ENTITIES.has(p.entity);
    case "cilium":
      return !host && matchesSelector(p.selector, model.identityLabels(pod));
    case "calico":
      if (host) return false;
      return p.match(model.calicoLabels(pod)) || (!p.endpointsOnly && pod.podIPs.some((ip) => model.calicoSetsOf(ip).some((labels) => p.match(labels))));
    default:
      return false;
  }
}
