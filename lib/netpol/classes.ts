/**
 * Pod equivalence classes: pods in one namespace that match exactly the same policy predicates,
 * with the same named ports (only the names some rule uses) and the same host-network setting, are
 * indistinguishable to every policy, so reachability is computed once per class (reachability.ts;
 * ARCHITECTURE.md). A replicated workload is normally one class; a namespace under one default-deny
 * is often one class for all its pods. When a rule is relative to the subject's node (Cilium's
 * host / remote-node), the node is part of the class too.
 */
import { matchesSelector, selectorKey } from "../model/selector";
import type { LabelSelector, Pod } from "../model/types";
import { namespaceLabelsOf, type NetworkModel } from "./model";
import { predicateMatchesPod } from "./predicate-match";
import type { Predicate } from "./predicates";
import { programRules } from "./program";
import { portNames, type ContainerPortInfo } from "./ports";

export interface PodClass {
  id: number;
  namespace: string;
  hostNetwork: boolean;
  /** Set when the program has node-relative rules. */
  nodeName?: string;
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
  for (const { rule } of programRules(model.program)) for (const n of portNames(rule.ports)) names.add(n);
  return names;
}

/** Groups the model's pods into classes by the predicates they match. */
export function buildClasses(model: NetworkModel): ClassIndex {
  const preds = model.program.table.all;
  type PodPredicate = Extract<Predicate, { kind: "podsIn" | "podsWhere" }>;
  const podsInByNs = new Map<string, PodPredicate[]>();
  const whereByNsSel = new Map<string, { nsSel: LabelSelector; preds: PodPredicate[] }>();
  // A network set can hold another namespace's pod IPs: then peer selectors are not namespace-bound.
  const hasSets = (model.snapshot.calicoNetworkSets ?? []).length > 0;
  const others: Predicate[] = [];
  const othersByNs = new Map<string, Predicate[]>();
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
    } else if ((p.kind === "cilium" || (p.kind === "calico" && (p.endpointsOnly || !hasSets))) && p.namespace !== undefined) {
      const l = othersByNs.get(p.namespace);
      if (l) l.push(p);
      else othersByNs.set(p.namespace, [p]);
    } else if (p.kind !== "domainNames" && p.kind !== "cidr") others.push(p);
  }
  // namespace → podsWhere predicates whose namespaceSelector matches it
  const whereByNs = new Map<string, PodPredicate[]>();
  const whereOf = (ns: string) => {
    let list = whereByNs.get(ns);
    if (!list) {
      const labels = namespaceLabelsOf(model, ns);
      list = [];
      for (const g of whereByNsSel.values()) if (matchesSelector(g.nsSel, labels)) list.push(...g.preds);
      whereByNs.set(ns, list);
    }
    return list;
  };
  const names = referencedPortNames(model);
  const byNode = model.program.nodeRelative;
  const byKey = new Map<string, PodClass>();
  const classes: PodClass[] = [];
  const classOf = new Map<Pod, PodClass>();
  for (const pod of model.pods) {
    const matched: number[] = [];
    const host = pod.spec.hostNetwork;
    if (!host) {
      const labels = model.selectorLabels(pod);
      for (const p of podsInByNs.get(pod.namespace) ?? []) if (!p.podSelector || matchesSelector(p.podSelector, labels)) matched.push(p.id);
      for (const p of whereOf(pod.namespace)) if (!p.podSelector || matchesSelector(p.podSelector, labels)) matched.push(p.id);
    }
    for (const p of others) if (predicateMatchesPod(model, p, pod)) matched.push(p.id);
    for (const p of othersByNs.get(pod.namespace) ?? []) if (predicateMatchesPod(model, p, pod)) matched.push(p.id);
    matched.sort((a, b) => a - b);
    const ports = new Map<string, ContainerPortInfo>();
    if (names.size) for (const [n, info] of model.namedPorts(pod)) if (names.has(n)) ports.set(n, info);
    const portKey = [...ports].map(([n, i]) => `${n}=${i.protocol}/${i.port}`).sort().join(",");
    const nodeName = byNode ? pod.spec.nodeName : undefined;
    const key = `${pod.namespace}\u0000${host ? 1 : 0}\u0000${nodeName ?? ""}\u0000${portKey}\u0000${matched.join(",")}`;
    let c = byKey.get(key);
    if (!c) {
      c = { id: classes.length, namespace: pod.namespace, hostNetwork: host, ...(nodeName ? { nodeName } : {}), predicates: matched, namedPorts: ports, pods: [] };
      classes.push(c);
      byKey.set(key, c);
    }
    c.pods.push(pod);
    classOf.set(pod, c);
  }
  return { classes, classOf };
}
