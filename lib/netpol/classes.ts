/**
 * Pod equivalence classes: pods in one namespace that match exactly the same policy predicates,
 * with the same named ports (only the names some rule uses) and the same host-network setting, are
 * indistinguishable to every policy, so reachability is computed once per class (reachability.ts;
 * ARCHITECTURE.md). A replicated workload is normally one class; a namespace under one default-deny
 * is often one class for all its pods. When a rule is relative to the subject's node (Cilium's
 * host / remote-node), the node is part of the class too. Classes are numbered namespace by
 * namespace (in the order of each one's first pod in the model), and by first pod within one.
 *
 * Built from an earlier index (a watched cluster's previous snapshot, a draft's source), a pod whose
 * record the earlier index classed keeps its matches (by predicate key) and is matched only against
 * the predicates new for its namespace, while what a match reads besides the pod record and the
 * predicate is the same (`Matching`); a namespace whose pods are the earlier ones, in the same
 * order, with no new predicate for it and none of its classes' predicates gone, keeps its classes
 * whole (`keptWhole`). The classes are then exactly those built from scratch, in the same order
 * (reach-reuse.test.ts).
 */
import { matchesSelector } from "../model/selector";
import type { Pod } from "../model/types";
import { contextsOf, envOf, predicateIndex, sameContext, type NamespaceContext } from "./class-inputs";
import type { NetworkModel } from "./model";
import { predicateMatchesPod } from "./predicate-match";
import type { Predicate, PredicateTable } from "./predicates";
import { programRules, type Program } from "./program";
import { namedPortsText, portNames, type ContainerPortInfo } from "./ports";
import { sameElements } from "../analysis/memo";

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
  /** Never changed once built (a later index may share it). */
  pods: Pod[];
}

/** The class of a pod of the model (undefined for any other pod). */
export interface ClassOf {
  get(pod: Pod): PodClass | undefined;
}

export interface ClassIndex {
  classes: PodClass[];
  classOf: ClassOf;
  /** What a later index may take from this one. */
  matching: Matching;
  /** Pods whose matches were taken from the earlier index. */
  kept: number;
  /** Namespaces whose classes were taken whole from the earlier index. */
  keptNamespaces: number;
}

/** A namespace's pods (model order), its classes (by first pod) and each pod's place among them. */
export interface NamespaceClasses {
  /** Never changed once built (a later index may share it, and `local`). */
  pods: readonly Pod[];
  local: ReadonlyMap<Pod, number>;
  classes: PodClass[];
  context: NamespaceContext;
}

/**
 * What a pod's matches read besides its record and the predicates (predicate-match.ts): `env` for
 * every pod — the engine (Cilium matches identity labels), the options, and the nodes' labels or
 * the Calico network sets when some predicate reads them (sets also decide which predicates are
 * bound to a namespace); per namespace, its `context` — its labels (namespaceSelectors, Cilium's and
 * Calico's namespace labels) and, under Calico, its ServiceAccounts' labels (class-inputs.ts). While
 * these are the same, which predicates can match a namespace's pods (`relevantTo`) is a function of
 * the predicate's key, and whether a pod matches one a function of its record and the key: so a pod
 * keeps the matches whose keys the table still has, and is matched against the keys new to it.
 */
export interface Matching {
  table: PredicateTable;
  /** The table's predicates then (ids below): those the pods were matched against. */
  size: number;
  env: string;
  /** Whether classes are split by node, and the named ports that count. */
  shape: string;
  namespaces: Map<string, NamespaceClasses>;
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

interface Grouped {
  /** Namespaces by first pod. */
  order: string[];
  pods: Map<string, Pod[]>;
}
/** Kept per pod array: a policy event keeps the array. */
const groupedOf = new WeakMap<readonly Pod[], Grouped>();
function grouped(pods: readonly Pod[]): Grouped {
  let g = groupedOf.get(pods);
  if (g) return g;
  g = { order: [], pods: new Map() };
  let last: Pod[] | undefined;
  let lastNs: string | undefined;
  for (const pod of pods) {
    if (pod.namespace !== lastNs) {
      lastNs = pod.namespace;
      last = g.pods.get(lastNs);
      if (!last) {
        g.pods.set(lastNs, (last = []));
        g.order.push(lastNs);
      }
    }
    last!.push(pod);
  }
  groupedOf.set(pods, g);
  return g;
}


/** Groups the model's pods into classes by the predicates they match; `earlier`: an index to take matches from (see the file comment). */
export function buildClasses(model: NetworkModel, earlier?: Pick<ClassIndex, "matching">): ClassIndex {
  const table = model.program.table;
  let index: ReturnType<typeof predicateIndex> | undefined;
  const idx = () => (index ??= predicateIndex(model));
  const env = envOf(model);
  const contextOf = contextsOf(model);
  const names = referencedPortNames(model);
  const byNode = model.program.nodeRelative;
  const shape = `${byNode ? 1 : 0}\u0000${[...names].sort().join(",")}`;
  const prev = earlier && earlier.matching.env === env ? earlier.matching : undefined;
  // the same named ports count and classes split by node alike: a kept pod's class differs from its earlier one only by matches
  const sameShape = prev?.shape === shape;
  const matching: Matching = { table, size: table.all.length, env, shape, namespaces: new Map() };
  // earlier predicate id → id here (-1: gone); the identity while the table is the earlier one, unextended
  const sameTable = prev?.table === table && prev.size === table.all.length;
  const toNew = prev && !sameTable ? Int32Array.from(prev.table.keys.slice(0, prev.size), (k) => table.idOf(k) ?? -1) : undefined;
  // predicates the earlier index did not match pods against: a kept pod is matched against those only
  const added = !prev || sameTable ? [] : table.all.filter((p) => (prev.table.idOf(table.keys[p.id]) ?? prev.size) >= prev.size);
  const portsOf = (pod: Pod) => {
    const ports = new Map<string, ContainerPortInfo>();
    if (names.size) for (const [n, info] of model.namedPorts(pod)) if (names.has(n)) ports.set(n, info);
    return ports;
  };
  const keyOf = (host: boolean, nodeName: string | undefined, ports: ReadonlyMap<string, ContainerPortInfo>, text: string) =>
    `${host ? 1 : 0}\u0000${nodeName ?? ""}\u0000${namedPortsText(ports)}\u0000${text}`;
  /** An earlier class's matches here (ascending), or undefined when one is gone. */
  const carried = (c: PodClass): number[] | undefined => {
    if (!toNew) return c.predicates;
    const ids: number[] = [];
    for (const p of c.predicates) {
      const id = toNew[p];
      if (id < 0) return undefined;
      ids.push(id);
    }
    return ids.sort((a, b) => a - b);
  };

  /** The earlier classes of a namespace whose pods, order, context, new predicates and matches allow (see the file comment). */
  const keepWhole = (old: NamespaceClasses, context: NamespaceContext): NamespaceClasses | undefined => {
    const classes: PodClass[] = [];
    for (const c of old.classes) {
      const predicates = carried(c);
      if (!predicates) return undefined;
      classes.push({ ...c, id: -1, predicates });
    }
    return { pods: old.pods, local: old.local, classes, context };
  };

  /** A namespace's classes pod by pod; `since`: its earlier classes and the added predicates for it, when its context is the earlier one. */
  const classify = (ns: string, pods: readonly Pod[], context: NamespaceContext, since?: { old: NamespaceClasses; fresh: Predicate[] }): NamespaceClasses => {
    /** What a kept pod matches (and, same shape, its class key), per earlier class and the added predicates it matches. */
    const placements = new Map<PodClass, Map<string, { ids: number[]; text: string; key?: string }>>();
    const placementOf = (c: PodClass, more: number[]) => {
      let byMore = placements.get(c);
      if (!byMore) placements.set(c, (byMore = new Map()));
      const mk = more.join(",");
      let k = byMore.get(mk);
      if (!k) {
        const ids = [...more];
        for (const p of c.predicates) if (!toNew || toNew[p] >= 0) ids.push(toNew ? toNew[p] : p);
        ids.sort((a, b) => a - b);
        byMore.set(mk, (k = { ids, text: ids.join(",") }));
      }
      return k;
    };
    let relevant: Predicate[] | undefined;
    const byKey = new Map<string, number>();
    const classes: PodClass[] = [];
    const local = new Map<Pod, number>();
    for (const pod of pods) {
      const host = pod.spec.hostNetwork;
      const at = since?.old.local.get(pod);
      const before = at === undefined ? undefined : since!.old.classes[at];
      let matched: number[];
      let key: string;
      let ports: ReadonlyMap<string, ContainerPortInfo>;
      let nodeName: string | undefined;
      if (before) {
        kept++;
        const more = since!.fresh.length ? since!.fresh.filter((p) => predicateMatchesPod(model, p, pod)).map((p) => p.id) : [];
        const k = placementOf(before, more);
        matched = k.ids;
        if (sameShape) {
          // its earlier class's pods had these ports (under the same names) and this node (when split by node)
          ports = before.namedPorts;
          nodeName = before.nodeName;
          key = k.key ??= keyOf(host, nodeName, ports, k.text);
        } else {
          ports = portsOf(pod);
          nodeName = byNode ? pod.spec.nodeName : undefined;
          key = keyOf(host, nodeName, ports, k.text);
        }
      } else {
        matched = [];
        const labels = host ? undefined : model.selectorLabels(pod);
        for (const p of (relevant ??= idx().relevant(ns))) {
          if (p.kind === "podsIn" || p.kind === "podsWhere") {
            if (labels && (!p.podSelector || matchesSelector(p.podSelector, labels))) matched.push(p.id);
          } else if (predicateMatchesPod(model, p, pod)) matched.push(p.id);
        }
        matched.sort((a, b) => a - b);
        ports = portsOf(pod);
        nodeName = byNode ? pod.spec.nodeName : undefined;
        key = keyOf(host, nodeName, ports, matched.join(","));
      }
      let i = byKey.get(key);
      if (i === undefined) {
        byKey.set(key, (i = classes.length));
        classes.push({ id: -1, namespace: ns, hostNetwork: host, ...(nodeName ? { nodeName } : {}), predicates: matched, namedPorts: ports, pods: [] });
      }
      classes[i].pods.push(pod);
      local.set(pod, i);
    }
    return { pods, local, classes, context };
  };

  let kept = 0;
  let keptNamespaces = 0;
  const groups = grouped(model.pods);
  for (const ns of groups.order) {
    const pods = groups.pods.get(ns)!;
    const context = contextOf(ns);
    const old = prev?.namespaces.get(ns);
    const fresh = old && sameContext(old.context, context) ? added.filter((p) => idx().relevantTo(p, ns)) : undefined;
    let entry = old && fresh?.length === 0 && sameShape && sameElements(old.pods, pods) ? keepWhole(old, context) : undefined;
    if (entry) {
      kept += pods.length;
      keptNamespaces++;
    } else entry = classify(ns, pods, context, old && fresh ? { old, fresh } : undefined);
    matching.namespaces.set(ns, entry);
  }
  const classes: PodClass[] = [];
  for (const ns of groups.order) {
    for (const c of matching.namespaces.get(ns)!.classes) {
      c.id = classes.length;
      classes.push(c);
    }
  }
  const classOf: ClassOf = {
    get(pod) {
      const e = matching.namespaces.get(pod.namespace);
      const i = e?.local.get(pod);
      return i === undefined ? undefined : e!.classes[i];
    },
  };
  return { classes, classOf, matching, kept, keptNamespaces };
}
