/**
 * Pod equivalence classes: pods in one namespace that match exactly the same policy predicates,
 * with the same named ports (only the names some rule uses) and the same host-network setting, are
 * indistinguishable to every policy, so reachability is computed once per class
 * (reachability.ts; ARCHITECTURE.md). A replicated workload is
 * normally one class; a namespace under one default-deny is often one class for all its pods.
 */
import { matchesSelector, selectorKey } from "../model/selector";
import type { LabelSelector, Pod } from "../model/types";
import { containsValue } from "./intervals";
import { blockContains, cidrContains, ipFamily, ipv4ToNumber } from "./ip";
import { namespaceLabelsOf, nodeLabelsOf, podAddresses, type NetworkModel } from "./model";
import type { Predicate, PredicateTable } from "./predicates";
import type { ContainerPortInfo } from "./ports";

export interface PodClass {
  id: number;
  namespace: string;
  hostNetwork: boolean;
  /** Matched predicate ids, ascending. */
  predicates: number[];
  /** Named ports of its pods (only names some rule references). */
  namedPorts: ReadonlyMap<string, ContainerPortInfo>;
  pods: Pod[];
}

export interface ClassIndex {
  classes: PodClass[];
  classOf: Map<Pod, PodClass>;
}

/** Names used as named ports by any rule: other names cannot tell pods apart. */
export function referencedPortNames(model: NetworkModel): Set<string> {
  const names = new Set<string>();
  for (const np of model.networkPolicies) for (const rules of [np.ingress, np.egress]) for (const r of rules ?? []) for (const n of r.ports.named) names.add(n.name);
  for (const ap of [...model.admin, ...model.baseline]) for (const r of [...ap.ingress, ...ap.egress]) for (const n of r.ports.named) names.add(n.name);
  return names;
}

function addressMatches(p: Predicate, addrs: readonly string[]): boolean {
  if (p.kind === "ipBlock") return addrs.some((ip) => (ipFamily(ip) === 4 ? containsValue(p.v4, ipv4ToNumber(ip)) : blockContains(p.block, ip)));
  if (p.kind === "networks") return addrs.some((ip) => (ipFamily(ip) === 4 ? containsValue(p.v4, ipv4ToNumber(ip)) : p.cidrs.some((c) => cidrContains(c, ip))));
  return false;
}

/** Groups the model's pods into classes by the predicates they match. */
export function buildClasses(model: NetworkModel, table: PredicateTable): ClassIndex {
  const preds = table.all;
  type PodPredicate = Extract<Predicate, { kind: "podsIn" | "podsWhere" }>;
  const podsInByNs = new Map<string, PodPredicate[]>();
  const whereByNsSel = new Map<string, { nsSel: LabelSelector; preds: PodPredicate[] }>();
  const addressPreds: Predicate[] = [];
  const nodePreds: Predicate[] = [];
  const everyEnd: number[] = [];
  for (const p of preds) {
    if (p.kind === "podsIn") {
      const l = podsInByNs.get(p.namespace);
      if (l) l.push(p);
      else podsInByNs.set(p.namespace, [p]);
    } else if (p.kind === "podsWhere") {
      const k = selectorKey(p.namespaceSelector);
      const g = whereByNsSel.get(k);
      if (g) g.preds.push(p);
      else whereByNsSel.set(k, { nsSel: p.namespaceSelector, preds: [p] });
    } else if (p.kind === "nodes") nodePreds.push(p);
    else if (p.kind === "all") everyEnd.push(p.id);
    else if (p.kind !== "domainNames") addressPreds.push(p);
  }
  // namespace → podsWhere predicates whose namespaceSelector matches it
  const whereByNs = new Map<string, PodPredicate[]>();
  for (const ns of model.namespaceLabels.keys()) {
    const labels = namespaceLabelsOf(model, ns);
    const list: PodPredicate[] = [];
    for (const g of whereByNsSel.values()) if (matchesSelector(g.nsSel, labels)) list.push(...g.preds);
    whereByNs.set(ns, list);
  }
  const names = referencedPortNames(model);
  const ipBlockOnPods = model.options.ipBlockMatchesPods;
  const byKey = new Map<string, PodClass>();
  const classes: PodClass[] = [];
  const classOf = new Map<Pod, PodClass>();
  for (const pod of model.pods) {
    const matched: number[] = [];
    const host = pod.spec.hostNetwork;
    if (!host) {
      for (const p of podsInByNs.get(pod.namespace) ?? []) if (!p.podSelector || matchesSelector(p.podSelector, pod.labels)) matched.push(p.id);
      for (const p of whereByNs.get(pod.namespace) ?? []) if (!p.podSelector || matchesSelector(p.podSelector, pod.labels)) matched.push(p.id);
    } else {
      for (const p of nodePreds) if (p.kind === "nodes" && pod.spec.nodeName && model.nodes.has(pod.spec.nodeName) && matchesSelector(p.nodeSelector, nodeLabelsOf(model, pod))) matched.push(p.id);
    }
    if (addressPreds.length) {
      const addrs = podAddresses(pod);
      if (addrs.length) for (const p of addressPreds) if ((p.kind === "networks" || host || ipBlockOnPods) && addressMatches(p, addrs)) matched.push(p.id);
    }
    matched.push(...everyEnd);
    matched.sort((a, b) => a - b);
    const ports = new Map<string, ContainerPortInfo>();
    if (names.size) for (const [n, info] of model.namedPorts(pod)) if (names.has(n)) ports.set(n, info);
    const portKey = [...ports].map(([n, i]) => `${n}=${i.protocol}/${i.port}`).sort().join(",");
    const key = `${pod.namespace}\u0000${host ? 1 : 0}\u0000${portKey}\u0000${matched.join(",")}`;
    let c = byKey.get(key);
    if (!c) {
      c = { id: classes.length, namespace: pod.namespace, hostNetwork: host, predicates: matched, namedPorts: ports, pods: [] };
      classes.push(c);
      byKey.set(key, c);
    }
    c.pods.push(pod);
    classOf.set(pod, c);
  }
  return { classes, classOf };
}
