/**
 * The snapshot of a watched cluster, rebuilt in proportion to the change. SnapshotBuilder re-adds
 * every object (ids, maps, implicit namespaces, owners, aggregation, sorting: all O(cluster)); here
 * each watched collection (one API resource) keeps what its objects brought (records, issues,
 * ignored counts) until its generation moves, and the snapshot's collections are
 * re-merged and re-sorted only when one of their resources moved. Pod owners are resolved again
 * only for new pods, or for all when the workloads moved; ClusterRole aggregation is checked only
 * when the ClusterRoles moved. A collection nothing moved keeps the previous snapshot's array, so
 * analyses memoized on it are reused (lib/analysis/memo.ts).
 *
 * The result equals what SnapshotBuilder builds from the same objects in the same order with
 * `{ synthesizePods: false, aggregation: "check", provenance: false }` (assemble.test.ts, property test). Records are
 * never mutated: a resolved pod or a checked aggregated ClusterRole is a copy of the normalized one,
 * so a cached record means the same in every snapshot.
 */
import { sameElements } from "../analysis/memo";
import { admit, byNamespaceName, implicitNamespace, NAMESPACE_NAME_LABEL, type Admitted, type AnyRecord, type Origin } from "../model/assemble";
import { aggregateClusterRoles } from "../model/aggregation";
import { normalizeObject, type NormalizeResult } from "../model/normalize";
import { indexWorkloads, podOwner } from "../model/owners";
import { COLLECTION_KEYS, emptySnapshot, type ClusterSnapshot, type KindStatus, type LoadIssue, type SnapshotSource } from "../model/snapshot";
import type { CollectionKey } from "../model/kinds";
import type { Namespace, Pod, Role, Workload } from "../model/types";

/** One watched API resource, in snapshot order. */
export interface LivePart {
  /** Its key in `snapshot.kinds` (`pods`, `deployments`, `k8srequiredlabels.constraints.gatekeeper.sh`, ...). */
  resource: string;
  /** Moves whenever its objects change (lib/live/collection.ts `generation`). */
  generation: number;
  /** Its objects as the normalizer reads them (apiVersion and kind set); read only when the generation moved. */
  objects: () => Iterable<unknown>;
  origin: Origin;
  status: KindStatus;
}

interface PartCache {
  generation: number;
  records: Map<CollectionKey, AnyRecord[]>;
  issues: LoadIssue[];
  ignored: [string, number][];
}

interface Built {
  snapshot: ClusterSnapshot;
  /** The collections whose arrays are new (all of them for the first snapshot). */
  changed: CollectionKey[];
}


export class LiveAssembler {
  private readonly parts = new Map<string, PartCache>();
  /** Per collection: the parts it was merged from (by their caches) and the merged, sorted array. */
  private readonly merged = new Map<CollectionKey, { from: PartCache[]; records: AnyRecord[] }>();
  /** Namespaces each merged array refers to. */
  private readonly referenced = new WeakMap<readonly AnyRecord[], Set<string>>();
  private readonly implicit = new Map<string, Namespace>();
  /** Pods with their owners resolved against the workloads array `ownersOf`, and the last pods array made. */
  private resolved = new WeakMap<object, Pod>();
  private ownersOf?: readonly AnyRecord[];
  private lastPods?: { of: readonly AnyRecord[]; pods: Pod[] };
  private workloadIndex?: ReturnType<typeof indexWorkloads>;
  private aggregated?: { of: readonly AnyRecord[]; roles: Role[]; issues: LoadIssue[] };
  private previous?: ClusterSnapshot;

  constructor(
    readonly source: SnapshotSource,
    private readonly normalized = new WeakMap<object, NormalizeResult>(),
  ) {}

  /** What a raw object brings, kept per object (its origin is its part's, the same every time). */
  private admit(raw: unknown, origin: Origin): Admitted {
    if (raw === null || typeof raw !== "object") return admit(normalizeObject(raw), raw, origin);
    let a = this.admitted.get(raw);
    if (a) return a;
    let r = this.normalized.get(raw);
    if (!r) this.normalized.set(raw, (r = normalizeObject(raw)));
    this.admitted.set(raw, (a = admit(r, raw, origin)));
    return a;
  }
  private readonly admitted = new WeakMap<object, Admitted>();

  /** What one part brings, recomputed only when its generation moved. */
  private part(p: LivePart): PartCache {
    const had = this.parts.get(p.resource);
    if (had && had.generation === p.generation) return had;
    const c: PartCache = { generation: p.generation, records: new Map(), issues: [], ignored: [] };
    const ignored = new Map<string, number>();
    for (const raw of p.objects()) {
      const a = this.admit(raw, p.origin);
      if (a.status === "ignored") {
        ignored.set(a.kind, (ignored.get(a.kind) ?? 0) + 1);
        continue;
      }
      for (const i of a.issues) c.issues.push(i);
      if (a.status === "invalid") continue;
      let list = c.records.get(a.key);
      if (!list) c.records.set(a.key, (list = []));
      list.push(a.record);
    }
    c.ignored = [...ignored];
    this.parts.set(p.resource, c);
    return c;
  }

  /**
   * The next snapshot of `parts` (every watched resource, in snapshot order), or undefined when two
   * objects share an identity (two resources filling one collection with one name): the caller then
   * builds from scratch, which reports the duplicate.
   */
  build(parts: readonly LivePart[], takenAt?: string): Built | undefined {
    const caches = parts.map((p) => this.part(p));
    for (const k of this.parts.keys()) if (!parts.some((p) => p.resource === k)) this.parts.delete(k);
    const prev = this.previous;
    const s = emptySnapshot(this.source, takenAt);
    if (prev) s.source = prev.source;
    const out = s as unknown as Record<CollectionKey, AnyRecord[]>;
    for (const key of COLLECTION_KEYS) {
      const from = caches.filter((c) => c.records.has(key));
      const had = this.merged.get(key);
      if (had && sameElements(had.from, from)) {
        out[key] = had.records;
        continue;
      }
      const records = mergeParts(from, key);
      if (!records) return undefined;
      if (key !== "namespaces") this.referenced.set(records, namespacesOf(records));
      this.merged.set(key, { from, records });
      out[key] = records;
    }
    out.pods = this.owners(out.pods, out.workloads) as unknown as AnyRecord[];
    const aggregation = this.aggregation(out.clusterRoles);
    out.clusterRoles = aggregation.roles as unknown as AnyRecord[];
    s.namespaces = this.namespaces(out);
    parts.forEach((p, i) => {
      s.kinds[p.resource] = p.status;
      for (const issue of caches[i].issues) s.issues.push(issue);
      for (const [kind, n] of caches[i].ignored) s.ignored[kind] = (s.ignored[kind] ?? 0) + n;
    });
    for (const i of aggregation.issues) s.issues.push(i);
    const changed = COLLECTION_KEYS.filter((k) => !prev || prev[k] !== s[k]);
    if (prev) share(prev, s);
    this.previous = s;
    return { snapshot: s, changed };
  }

  /** Pods with `owner` set (copies); only new pods are resolved, unless the workloads moved. */
  private owners(pods: readonly AnyRecord[], workloads: readonly AnyRecord[]): Pod[] {
    if (workloads === this.ownersOf && this.lastPods?.of === pods) return this.lastPods.pods;
    const before = this.resolved;
    const moved = workloads !== this.ownersOf;
    if (moved) {
      this.ownersOf = workloads;
      this.resolved = new WeakMap();
      this.workloadIndex = undefined;
    }
    const next = (pods as unknown as Pod[]).map((p) => {
      let r = this.resolved.get(p);
      if (r) return r;
      this.workloadIndex ??= indexWorkloads(workloads as unknown as Workload[]);
      const owner = podOwner(p, this.workloadIndex);
      const had = moved ? before.get(p) : undefined;
      r = had && had.owner.kind === owner.kind && had.owner.name === owner.name ? had : { ...p, owner };
      this.resolved.set(p, r);
      return r;
    });
    const prev = this.previous?.pods;
    this.lastPods = { of: pods, pods: prev && sameElements(prev, next) ? prev : next };
    return this.lastPods.pods;
  }

  /** The ClusterRoles with the aggregation of the aggregated ones checked (copies), when the ClusterRoles moved. */
  private aggregation(roles: readonly AnyRecord[]): { roles: Role[]; issues: LoadIssue[] } {
    if (this.aggregated?.of === roles) return this.aggregated;
    const copies = (roles as unknown as Role[]).map((r) => (r.aggregationRule ? { ...r } : r));
    const issues = aggregateClusterRoles(copies, "check");
    this.aggregated = { of: roles, roles: copies, issues };
    return this.aggregated;
  }

  /** Declared namespaces (with their name label) and the implicit ones other collections refer to, sorted. */
  private namespaces(out: Record<CollectionKey, AnyRecord[]>): Namespace[] {
    const declared = out.namespaces as unknown as Namespace[];
    const names = new Set(declared.map((n) => n.name));
    const implicit = new Set<string>();
    for (const key of COLLECTION_KEYS) {
      if (key === "namespaces") continue;
      for (const ns of this.referenced.get(out[key]) ?? namespacesOf(out[key])) if (!names.has(ns)) implicit.add(ns);
    }
    const prev = this.previous?.namespaces;
    if (implicit.size === 0) return withNameLabels(declared);
    const all = [...declared, ...[...implicit].map((n) => this.implicitNamespace(n))].sort(byNamespaceName);
    return withNameLabels(prev && sameElements(prev, all) ? prev : all);
  }

  private implicitNamespace(name: string): Namespace {
    let ns = this.implicit.get(name);
    if (!ns) this.implicit.set(name, (ns = implicitNamespace(name)));
    return ns;
  }
}

/** Every namespace carries `kubernetes.io/metadata.name` (as SnapshotBuilder's completeNamespaces sets it). */
function withNameLabels(namespaces: Namespace[]): Namespace[] {
  for (const ns of namespaces) if (ns.labels[NAMESPACE_NAME_LABEL] === undefined) ns.labels[NAMESPACE_NAME_LABEL] = ns.name;
  return namespaces;
}

/** One collection's records from its parts, in part order, sorted; undefined when an identity repeats. */
function mergeParts(from: readonly PartCache[], key: CollectionKey): AnyRecord[] | undefined {
  const records: AnyRecord[] = [];
  for (const c of from) for (const r of c.records.get(key)!) records.push(r);
  records.sort(byNamespaceName);
  // sorted by namespace, name and kind: one identity (recordIdentity) would be side by side
  for (let i = 1; i < records.length; i++) if (byNamespaceName(records[i - 1], records[i]) === 0) return undefined;
  return records;
}

function namespacesOf(records: readonly AnyRecord[]): Set<string> {
  const out = new Set<string>();
  for (const r of records) if (r.namespace) out.add(r.namespace);
  return out;
}

/** Keeps `prev`'s objects for the small fields that did not change in value (kinds, issues, ignored). */
function share(prev: ClusterSnapshot, next: ClusterSnapshot): void {
  if (sameElements(prev.issues, next.issues)) next.issues = prev.issues;
  if (JSON.stringify(prev.kinds) === JSON.stringify(next.kinds)) next.kinds = prev.kinds;
  if (JSON.stringify(prev.ignored) === JSON.stringify(next.ignored)) next.ignored = prev.ignored;
}
