/**
 * What a pod's matches read besides its record and the predicates (predicate-match.ts), for
 * classes.ts: the predicates that can match a namespace's pods, the `env` every pod's matches read
 * and each namespace's `context`.
 */
import { matchesSelector, selectorKey } from "../model/selector";
import type { LabelSelector, Labels, ServiceAccount } from "../model/types";
import { namespaceLabelsOf, type NetworkModel } from "./model";
import type { Predicate } from "./predicates";
import { sameElements } from "../analysis/memo";

type PodPredicate = Extract<Predicate, { kind: "podsIn" | "podsWhere" }>;

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** A network set can hold another namespace's pod IPs: then Calico peer selectors are not namespace-bound. */
export const hasNetworkSets = (model: NetworkModel) => (model.snapshot.calicoNetworkSets ?? []).length > 0;

/** The predicates that can match a namespace's pods, indexed (a pod is matched against its namespace's only). */
export function predicateIndex(model: NetworkModel) {
  const podsInByNs = new Map<string, PodPredicate[]>();
  const whereByNsSel = new Map<string, { nsSel: LabelSelector; preds: PodPredicate[] }>();
  const hasSets = hasNetworkSets(model);
  const others: Predicate[] = [];
  const othersByNs = new Map<string, Predicate[]>();
  /** A Cilium or Calico selector that only matches pods of its namespace. */
  const bound = (p: Predicate): p is Extract<Predicate, { namespace?: string }> & { namespace: string } =>
    (p.kind === "cilium" || (p.kind === "calico" && (p.endpointsOnly || !hasSets))) && p.namespace !== undefined;
  /** Addresses resolved at run time and Cilium's CIDR rules match no pod. */
  const never = (p: Predicate) => p.kind === "domainNames" || p.kind === "cidr";
  for (const p of model.program.table.all) {
    if (p.kind === "podsIn") push(podsInByNs, p.namespace, p);
    else if (p.kind === "podsWhere") {
      const k = selectorKey(p.namespaceSelector);
      const g = whereByNsSel.get(k);
      if (g) g.preds.push(p);
      else whereByNsSel.set(k, { nsSel: p.namespaceSelector, preds: [p] });
    } else if (bound(p)) push(othersByNs, p.namespace, p);
    else if (!never(p)) others.push(p);
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
  /** Whether a predicate is among those a pod of `ns` is matched against. */
  const relevantTo = (p: Predicate, ns: string) =>
    p.kind === "podsIn" ? p.namespace === ns : p.kind === "podsWhere" ? matchesSelector(p.namespaceSelector, namespaceLabelsOf(model, ns)) : bound(p) ? p.namespace === ns : !never(p);
  const relevant = (ns: string) => [...(podsInByNs.get(ns) ?? []), ...whereOf(ns), ...(othersByNs.get(ns) ?? []), ...others];
  return { relevant, relevantTo };
}

/** `Matching.env` of a model (classes.ts). */
export function envOf(model: NetworkModel): string {
  const preds = model.program.table.all;
  const o = model.options;
  const nodes = preds.some((p) => p.kind === "nodes") ? model.snapshot.nodes.map((n) => [n.name, n.labels]) : null;
  const sets = hasNetworkSets(model) && preds.some((p) => p.kind === "calico") ? (model.snapshot.calicoNetworkSets ?? []).map((s) => [s, s.namespace ? namespaceLabelsOf(model, s.namespace) : null]) : null;
  return JSON.stringify([model.cni.profile.engine, o.ipBlockMatchesPods, o.cidrMatchesNodes, o.hostNetworkPods, nodes, sets]);
}

/**
 * A namespace's `context`: its Namespace record's labels (undefined: no record, the labels follow
 * from the name) and, under Calico (whose endpoints carry their account's labels), its
 * ServiceAccounts' records in snapshot order. Compared by identity: a watched source keeps an
 * unchanged object's record, and a record is never changed.
 */
export interface NamespaceContext {
  labels: Labels | undefined;
  accounts: readonly ServiceAccount[] | undefined;
}

const accountsByArray = new WeakMap<readonly ServiceAccount[], Map<string, ServiceAccount[]>>();

/** The contexts of a model's namespaces (the accounts are indexed once per ServiceAccount array). */
export function contextsOf(model: NetworkModel): (ns: string) => NamespaceContext {
  const all = model.cni.profile.engine === "calico" ? (model.snapshot.serviceAccounts ?? []) : undefined;
  let byNs = all && accountsByArray.get(all);
  if (all && !byNs) {
    byNs = new Map();
    for (const sa of all) push(byNs, sa.namespace, sa);
    accountsByArray.set(all, byNs);
  }
  return (ns) => ({ labels: model.namespaceLabels.get(ns), accounts: byNs?.get(ns) });
}

export function sameContext(a: NamespaceContext, b: NamespaceContext): boolean {
  if (a.labels !== b.labels) return false;
  return sameElements(a.accounts ?? [], b.accounts ?? []);
}
