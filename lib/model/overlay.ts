/**
 * A snapshot with some records replaced, added or removed — what the cluster would hold after a
 * change is applied — built from an existing snapshot without touching it. Collections the change
 * does not reach are shared with the base (same arrays, same records), so analyses can tell what is
 * unchanged. What the control plane would do next is done here too, as the loader does for a fresh
 * snapshot (assemble.ts):
 * - deleting a Namespace deletes everything in it (namespace deletion, kube-controller-manager's
 *   namespace controller);
 * - deleting a workload deletes the pods it owns (the garbage collector's default background
 *   cascading deletion), and a changed pod template replaces its pods' specs and labels (the
 *   rollout): pods keep their names, addresses and nodes;
 * - file sources get representative pods for new and changed workloads (owners.ts);
 * - aggregated ClusterRoles follow a change of what they aggregate (the aggregation controller);
 * - namespaces referenced but not declared are implicit, as in assemble.ts.
 */
import { aggregateClusterRoles } from "./aggregation";
import { byNamespaceName, completeNamespaces, recordIdentity } from "./assemble";
import { kindOfCollection, type CollectionKey } from "./kinds";
import { indexWorkloads, synthesizePods, topOwner } from "./owners";
import { COLLECTION_KEYS, type ClusterSnapshot, type LoadIssue } from "./snapshot";
import type { Namespace, Pod, Role, Workload } from "./types";

type AnyRecord = { name: string; namespace?: string; kind?: string };

/** One record put in place (`record` set) or removed (`record` undefined), identified as the builder does. */
export interface RecordChange {
  key: CollectionKey;
  kind?: string;
  namespace?: string;
  name: string;
  record?: unknown;
}

export interface OverlayOptions {
  /** Synthesize representative pods for workloads without pods (file and demo sources). */
  synthesizePods: boolean;
  /** Issues to add to the base's (problems reading the change). */
  issues?: readonly LoadIssue[];
}

export interface OverlayResult {
  snapshot: ClusterSnapshot;
  /** Records removed because their namespace or owner was deleted, as `Kind ns/name`. */
  cascaded: string[];
}

const workloadKey = (ns: string, kind: string, name: string) => `${ns}\u0000${kind}\u0000${name}`;

/** The snapshot after `changes` (later changes of the same identity win), see file comment. */
export function overlaySnapshot(base: ClusterSnapshot, changes: readonly RecordChange[], opts: OverlayOptions): OverlayResult {
  const byKey = new Map<CollectionKey, Map<string, RecordChange>>();
  for (const c of changes) {
    let m = byKey.get(c.key);
    if (!m) byKey.set(c.key, (m = new Map()));
    m.set(recordIdentity(c.key, c), c);
  }
  const deletedNamespaces = new Set([...(byKey.get("namespaces")?.values() ?? [])].filter((c) => !c.record).map((c) => c.name));
  const cascaded: string[] = [];
  const s: ClusterSnapshot = { ...base, issues: opts.issues?.length ? [...base.issues, ...opts.issues] : base.issues };
  for (const key of COLLECTION_KEYS) {
    const m = byKey.get(key);
    if (!m && (deletedNamespaces.size === 0 || key === "namespaces")) continue;
    const list = base[key] as unknown as AnyRecord[];
    const kept = list.filter((r) => {
      if (m?.has(recordIdentity(key, r))) return false;
      if (r.namespace === undefined || !deletedNamespaces.has(r.namespace)) return true;
      if (!(key === "pods" && (r as unknown as Pod).synthesized)) cascaded.push(`${r.kind ?? kindOfCollection(key)} ${r.namespace}/${r.name}`);
      return false;
    });
    const added = [...(m?.values() ?? [])].filter((c) => c.record && !(c.namespace !== undefined && deletedNamespaces.has(c.namespace))).map((c) => c.record as AnyRecord);
    (s as unknown as Record<string, AnyRecord[]>)[key] = [...kept, ...added].sort(byNamespaceName);
  }
  // a DaemonSet's representative pod stands for one pod per node
  const nodesChanged = byKey.has("nodes") && opts.synthesizePods;
  if (byKey.has("workloads") || byKey.has("pods") || deletedNamespaces.size || nodesChanged) s.pods = podsAfter(base, s, byKey.get("workloads"), opts.synthesizePods, nodesChanged, cascaded);
  if (byKey.has("clusterRoles")) s.clusterRoles = aggregatedAfter(base.clusterRoles, s.clusterRoles);
  if (changes.length) {
    s.namespaces = s.namespaces.filter((n) => !n.implicit).map(labelled);
    completeNamespaces(s);
    s.namespaces.sort(byNamespaceName);
    s.namespaces = sameOrNew(base.namespaces, s.namespaces);
  }
  return { snapshot: s, cascaded };
}

/**
 * The base's namespaces when the change left them as they were (its implicit ones are made again
 * above): analyses that read namespaces can then be reused (lib/analysis/memo.ts compares arrays).
 */
function sameOrNew(before: Namespace[], after: Namespace[]): Namespace[] {
  const implicit = new Map(before.filter((n) => n.implicit).map((n) => [n.name, n]));
  const list = after.map((n) => (n.implicit ? (implicit.get(n.name) ?? n) : n));
  return list.length === before.length && list.every((n, i) => n === before[i]) ? before : list;
}

function labelled(n: Namespace): Namespace {
  return n.labels["kubernetes.io/metadata.name"] === undefined ? { ...n, labels: { ...n.labels, "kubernetes.io/metadata.name": n.name } } : n;
}

/**
 * Pods after workloads changed: owners resolved again (a new ReplicaSet may adopt pods), pods of a
 * deleted workload gone, pods of a changed one rolled out to its new template, representative pods
 * for workloads without pods (file sources).
 */
function podsAfter(base: ClusterSnapshot, s: ClusterSnapshot, workloadChanges: Map<string, RecordChange> | undefined, synthesize: boolean, nodesChanged: boolean, cascaded: string[]): Pod[] {
  const changed = new Map<string, Workload | null>();
  for (const c of workloadChanges?.values() ?? []) changed.set(workloadKey(c.namespace ?? "", c.kind ?? "", c.name), (c.record as Workload | undefined) ?? null);
  const idx = indexWorkloads(s.workloads);
  const pods: Pod[] = [];
  for (const p of s.pods) {
    if (p.synthesized) {
      const from = workloadKey(p.namespace, p.synthesized.from.kind, p.synthesized.from.name);
      if (!changed.has(from) && idx.has(from) && !(nodesChanged && p.synthesized.from.kind === "DaemonSet")) pods.push(p);
      continue;
    }
    const owner = topOwner(p.namespace, p.ownerReferences, idx, p.labels["pod-template-hash"]) ?? { kind: "Pod", name: p.name };
    const ownerKey = workloadKey(p.namespace, owner.kind, owner.name);
    const w = changed.get(ownerKey);
    if (w === null) {
      if (base.pods.includes(p)) cascaded.push(`Pod ${p.namespace}/${p.name}`);
      continue;
    }
    if (w) {
      const hash = p.labels["pod-template-hash"];
      pods.push({ ...p, owner, labels: { ...w.template.labels, ...(hash ? { "pod-template-hash": hash } : {}) }, annotations: { ...w.template.annotations }, spec: w.template.spec });
      continue;
    }
    pods.push(owner.kind === p.owner.kind && owner.name === p.owner.name ? p : { ...p, owner });
  }
  if (synthesize) for (const p of synthesizePods(s.workloads, pods, idx, s.nodes.length)) pods.push(p); // one by one: a spread of 100,000 overflows the stack
  return pods.sort(byNamespaceName);
}

/**
 * Aggregated ClusterRoles after a change: the aggregation computed over the roles before and after;
 * a role whose aggregated rules differ gets the new ones (what the controller would write), the
 * others keep what they had (a live cluster's stored rules, with their drift).
 */
function aggregatedAfter(before: readonly Role[], after: Role[]): Role[] {
  const computed = (roles: readonly Role[]) => {
    const copies = roles.map((r) => (r.aggregationRule ? { ...r, rules: [] } : r));
    aggregateClusterRoles(copies, "compute");
    return new Map(copies.filter((r) => r.aggregationRule).map((r) => [r.name, r]));
  };
  const b = computed(before);
  const a = computed(after);
  const same = (x: Role | undefined, y: Role) => !!x && JSON.stringify(x.rules) === JSON.stringify(y.rules);
  const old = new Set(before);
  return after.map((r) => {
    const next = a.get(r.name);
    if (!next) return r;
    // a role from the change holds the rules of its manifest: the aggregation replaces them
    if (!old.has(r) || !same(b.get(r.name), next)) return { ...r, rules: next.rules, aggregation: { ...next.aggregation!, computed: true } };
    const sources = next.aggregation!.sources;
    return JSON.stringify(r.aggregation?.sources) === JSON.stringify(sources) ? r : { ...r, aggregation: { computed: r.aggregation?.computed ?? true, ...r.aggregation, sources } };
  });
}
