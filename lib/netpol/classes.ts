/**
 * Pod equivalence classes: pods in one namespace that match exactly the same policy predicates,
 * with the same named ports (only the names some rule uses) and the same host-network setting, are
 * indistinguishable to every policy, so reachability is computed once per class (reachability.ts;
 * ARCHITECTURE.md). A replicated workload is normally one class; a namespace under one default-deny
 * is often one class for all its pods. When a rule is relative to the subject's node (Cilium's
 * host / remote-node), the node is part of the class too.
 *
 * Built from an earlier index (a watched cluster's previous snapshot, a draft's source), a pod whose
 * record the earlier index classed keeps its matches (by predicate key) and is matched only against
 * the predicates new for its namespace, while what a match reads besides the pod record and the
 * predicate is the same (`Matching`). The classes are then exactly those built from scratch, in the
 * same order (reach-reuse.test.ts).
 */
import { matchesSelector, selectorKey } from "../model/selector";
import type { LabelSelector, Pod } from "../model/types";
import { namespaceLabelsOf, type NetworkModel } from "./model";
import { predicateMatchesPod } from "./predicate-match";
import type { Predicate, PredicateTable } from "./predicates";
import { programRules, type Program } from "./program";
import { portNames, type ContainerPortInfo } from "./ports";

export interface PodClass {
  id: number;
  namespace: string;
  hostNetwork: boolean;
  /** Set when the program has node-relative rules. */
  nodeName?: string;
  /** Matched predicate ids, ascending (may be shared between classes: never changed). */
  predicates: number[];
  /** Named ports of its pods (only names some rule references). */
  namedPorts: ReadonlyMap<string, ContainerPortInfo>;
  pods: Pod[];
}

export interface ClassIndex {
  classes: PodClass[];
  classOf: Map<Pod, PodClass>;
  /** What a later index may take from this one. */
  matching: Matching;
  /** Pods whose matches were taken from the earlier index. */
  kept: number;
}

/**
 * What a pod's matches read besides its record and the predicates (predicate-match.ts): `env` for
 * every pod — the engine (Cilium matches identity labels), the options, and the nodes' labels or
 * the Calico network sets when some predicate reads them (sets also decide which predicates are
 * bound to a namespace); per namespace, its `context` — its labels (namespaceSelectors, Cilium's and
 * Calico's namespace labels) and, under Calico, its ServiceAccounts' labels. While these are the
 * same, which predicates can match a namespace's pods (`relevantTo`) is a function of the
 * predicate's key, and whether a pod matches one a function of its record and the key: so a pod
 * keeps the matches whose keys the table still has, and is matched against the keys new to it.
 */
export interface Matching {
  table: PredicateTable;
  /** The table's predicates then (ids below): those the pods were matched against. */
  size: number;
  env: string;
  /** Whether classes are split by node, and the named ports that count. */
  shape: string;
  contexts: Map<string, string>;
}

/** Names used as named ports by any rule: other names cannot tell pods apart. */
const portNamesOf = new WeakMap<Program, Set<string>>();
export function referencedPortNames(model: NetworkModel): Set<string> {
  let names = portNamesOf.get(model.program);
  if (!names) {
    names = new Set<string>();
    for (const { rule } of programRules(model.program)) for (const n of portNames(rule.ports)) names.add(n);
    portNamesOf.set(model.program, names);
  }
  return names;
}

type PodPredicate = Extract<Predicate, { kind: "podsIn" | "podsWhere" }>;

function push<T>(m: Map<string, T[]>, k: string, v: T): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** The predicates that can match a namespace's pods, indexed (a pod is matched against its namespace's only). */
function predicateIndex(model: NetworkModel) {
  const podsInByNs = new Map<string, PodPredicate[]>();
  const whereByNsSel = new Map<string, { nsSel: LabelSelector; preds: PodPredicate[] }>();
  // A network set can hold another namespace's pod IPs: then peer selectors are not namespace-bound.
  const hasSets = (model.snapshot.calicoNetworkSets ?? []).length > 0;
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
  return { hasSets, relevant, relevantTo };
}

/** `Matching.env` of a model (see there). */
function envOf(model: NetworkModel, hasSets: boolean): string {
  const preds = model.program.table.all;
  const o = model.options;
  const nodes = preds.some((p) => p.kind === "nodes") ? model.snapshot.nodes.map((n) => [n.name, n.labels]) : null;
  const sets = hasSets && preds.some((p) => p.kind === "calico") ? (model.snapshot.calicoNetworkSets ?? []).map((s) => [s, s.namespace ? namespaceLabelsOf(model, s.namespace) : null]) : null;
  return JSON.stringify([model.cni.profile.engine, o.ipBlockMatchesPods, o.cidrMatchesNodes, o.hostNetworkPods, nodes, sets]);
}

/** Per namespace: its labels and, under Calico (whose endpoints carry their account's labels), its ServiceAccounts. */
function contextsOf(model: NetworkModel): (ns: string) => string {
  const accounts = new Map<string, [string, unknown][]>();
  if (model.cni.profile.engine === "calico") {
    for (const sa of model.snapshot.serviceAccounts ?? []) push(accounts, sa.namespace, [sa.name, sa.labels]);
  }
  return (ns) => JSON.stringify([namespaceLabelsOf(model, ns), accounts.get(ns) ?? null]);
}

/** Groups the model's pods into classes by the predicates they match; `earlier`: an index to take matches from (see the file comment). */
export function buildClasses(model: NetworkModel, earlier?: Pick<ClassIndex, "classOf" | "matching">): ClassIndex {
  const table = model.program.table;
  const index = predicateIndex(model);
  const env = envOf(model, index.hasSets);
  const context = contextsOf(model);
  const names = referencedPortNames(model);
  const byNode = model.program.nodeRelative;
  const shape = `${byNode ? 1 : 0}\u0000${[...names].sort().join(",")}`;
  const prev = earlier && earlier.matching.env === env ? earlier : undefined;
  // the same named ports count and classes split by node alike: a kept pod's class differs from its earlier one only by matches
  const sameShape = prev?.matching.shape === shape;
  const matching: Matching = { table, size: table.all.length, env, shape, contexts: new Map() };
  const earlierId = (key: string) => {
    const id = prev!.matching.table.idOf(key);
    return id !== undefined && id < prev!.matching.size ? id : undefined;
  };
  // predicates the earlier index did not match pods against: a kept pod is matched against those only
  const added = prev ? table.all.filter((p) => earlierId(table.keys[p.id]) === undefined) : [];
  /** What a kept pod matches (and, same shape, its class key), per earlier class and the added predicates it matches. */
  interface Placement {
    ids: number[];
    text: string;
    key?: string;
  }
  /** Per namespace (with pods): the predicates to match, and what its pods can keep of the earlier index. */
  interface NsState {
    ns: string;
    relevant?: Predicate[];
    /** The added predicates relevant to the namespace; undefined: its context changed, keep nothing. */
    fresh?: Predicate[];
    kept: Map<PodClass, Map<string, Placement>>;
  }
  const states = new Map<string, NsState>();
  const stateOf = (ns: string): NsState => {
    let s = states.get(ns);
    if (s) return s;
    const ctx = context(ns);
    matching.contexts.set(ns, ctx);
    s = { ns, kept: new Map(), ...(prev?.matching.contexts.get(ns) === ctx ? { fresh: added.filter((p) => index.relevantTo(p, ns)) } : {}) };
    states.set(ns, s);
    return s;
  };
  /** A kept pod's matches: its earlier class's that the table still has (by key) and the fresh ones it matches, ascending. */
  const placementOf = (s: NsState, c: PodClass, more: number[]): Placement => {
    let byMore = s.kept.get(c);
    if (!byMore) s.kept.set(c, (byMore = new Map()));
    const mk = more.join(",");
    let k = byMore.get(mk);
    if (!k) {
      const ids = [...more];
      for (const p of c.predicates) {
        const id = table.idOf(prev!.matching.table.keys[p]);
        if (id !== undefined) ids.push(id);
      }
      ids.sort((a, b) => a - b);
      byMore.set(mk, (k = { ids, text: ids.join(",") }));
    }
    return k;
  };
  const portsOf = (pod: Pod) => {
    const ports = new Map<string, ContainerPortInfo>();
    if (names.size) for (const [n, info] of model.namedPorts(pod)) if (names.has(n)) ports.set(n, info);
    return ports;
  };
  const keyOf = (ns: string, host: boolean, nodeName: string | undefined, ports: ReadonlyMap<string, ContainerPortInfo>, text: string) =>
    `${ns}\u0000${host ? 1 : 0}\u0000${nodeName ?? ""}\u0000${[...ports].map(([n, i]) => `${n}=${i.protocol}/${i.port}`).sort().join(",")}\u0000${text}`;
  const byKey = new Map<string, PodClass>();
  const classes: PodClass[] = [];
  const classOf = new Map<Pod, PodClass>();
  let kept = 0;
  const NONE: number[] = [];
  for (const pod of model.pods) {
    const s = stateOf(pod.namespace);
    const host = pod.spec.hostNetwork;
    const before = s.fresh && prev!.classOf.get(pod);
    let matched: number[];
    let key: string;
    let ports: ReadonlyMap<string, ContainerPortInfo>;
    let nodeName: string | undefined;
    if (before) {
      kept++;
      const more = s.fresh!.length ? s.fresh!.filter((p) => predicateMatchesPod(model, p, pod)).map((p) => p.id) : NONE;
      const k = placementOf(s, before, more);
      matched = k.ids;
      if (sameShape) {
        // its earlier class's pods had these ports (under the same names) and this node (when split by node)
        ports = before.namedPorts;
        nodeName = before.nodeName;
        key = k.key ??= keyOf(pod.namespace, host, nodeName, ports, k.text);
      } else {
        ports = portsOf(pod);
        nodeName = byNode ? pod.spec.nodeName : undefined;
        key = keyOf(pod.namespace, host, nodeName, ports, k.text);
      }
    } else {
      matched = [];
      const labels = host ? undefined : model.selectorLabels(pod);
      for (const p of (s.relevant ??= index.relevant(s.ns))) {
        if (p.kind === "podsIn" || p.kind === "podsWhere") {
          if (labels && (!p.podSelector || matchesSelector(p.podSelector, labels))) matched.push(p.id);
        } else if (predicateMatchesPod(model, p, pod)) matched.push(p.id);
      }
      matched.sort((a, b) => a - b);
      ports = portsOf(pod);
      nodeName = byNode ? pod.spec.nodeName : undefined;
      key = keyOf(pod.namespace, host, nodeName, ports, matched.join(","));
    }
    let c = byKey.get(key);
    if (!c) {
      c = { id: classes.length, namespace: pod.namespace, hostNetwork: host, ...(nodeName ? { nodeName } : {}), predicates: matched, namedPorts: ports, pods: [] };
      classes.push(c);
      byKey.set(key, c);
    }
    c.pods.push(pod);
    classOf.set(pod, c);
  }
  return { classes, classOf, matching, kept };
}
