/**
 * Builds a ClusterSnapshot from raw objects, one at a time, from any source (files, live lists,
 * the demo). Applies what the API server and controllers would have done (namespace name label,
 * aggregated ClusterRoles, pod owners, representative pods for workloads) and keeps a record of
 * everything skipped.
 */
import { aggregateClusterRoles } from "./aggregation";
import type { CollectionKey } from "./kinds";
import { IdentityMap } from "./identity-map";
import { normalizeObject, type NormalizeResult } from "./normalize";
import { indexWorkloads, resolvePodOwners, synthesizePods } from "./owners";
import { emptySnapshot, originKey, type ClusterSnapshot, type KindStatus, type LoadIssue, type ObjectOrigin, type SnapshotSource } from "./snapshot";
import type { Namespace } from "./types";

/** Where a raw object came from, for error messages. */
export interface Origin {
  source: string;
  document?: number;
  item?: number;
  line?: number;
  /** Finds the line of a field path (YAML sources), so errors point at the offending field. */
  locate?: (path: readonly (string | number)[]) => number | undefined;
}

export interface BuildOptions {
  /** Create one representative pod per workload without pods (file and demo sources). */
  synthesizePods: boolean;
  /** `compute` aggregated ClusterRole rules (files) or `check` the stored ones (live). */
  aggregation: "compute" | "check";
  /**
   * Record where each object came from (`snapshot.provenance`; default true). Live sources leave it
   * out: every object comes from its kind's API path, and only file locations are read (SARIF).
   */
  provenance?: boolean;
}

export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

export type AnyRecord = { name: string; namespace?: string; kind?: string };

/**
 * What one normalized object brings to a snapshot (SnapshotBuilder.add, and lib/live/assemble.ts
 * which keeps it per watched collection): a count of an ignored kind, issues only (invalid), or a
 * record for a collection with its warnings and its provenance entry.
 */
export type Admitted =
  | { status: "ignored"; kind: string }
  | { status: "invalid"; issues: LoadIssue[] }
  | { status: "ok"; key: CollectionKey; record: AnyRecord; issues: LoadIssue[]; provenance: [string, ObjectOrigin] };

export function admit(r: NormalizeResult, raw: unknown, origin: Origin): Admitted {
  if (r.status === "ignored") return { status: "ignored", kind: r.kind };
  if (r.status === "invalid") {
    const { locate, ...where } = origin;
    const line = r.path && locate ? locate(r.path) : undefined;
    return {
      status: "invalid",
      issues: [
        {
          severity: r.severity,
          ...where,
          ...(line !== undefined ? { line } : {}),
          ...(r.kind ? { kind: r.kind } : {}),
          ...(r.namespace ? { namespace: r.namespace } : {}),
          ...(r.name ? { name: r.name } : {}),
          message: r.message,
        },
      ],
    };
  }
  const rec = r.record as AnyRecord;
  const kindForKey = rec.kind ?? r.key;
  const issues: LoadIssue[] = r.warnings
    ? r.warnings.map((message) => ({
        severity: "warning",
        ...withoutLocate(origin),
        kind: r.kind ?? kindForKey,
        ...(rec.namespace ? { namespace: rec.namespace } : {}),
        name: rec.name,
        message,
      }))
    : NO_ISSUES;
  const rawKind = (raw as { kind?: unknown }).kind;
  return { status: "ok", key: r.key, record: rec, issues, provenance: [originKey({ kind: typeof rawKind === "string" ? rawKind : kindForKey, namespace: rec.namespace, name: rec.name }), objectOrigin(origin)] };
}

/** Shared by every admitted object without warnings (never written to: issues are copied out). */
const NO_ISSUES: LoadIssue[] = [];

/**
 * The provenance entry of an object from `origin`: one object per place, shared by the objects
 * defined there in a row (every item of a JSON list has the same file and document).
 */
let lastOrigin: ObjectOrigin = { source: "" };
function objectOrigin({ source, document, line }: Origin): ObjectOrigin {
  const last = lastOrigin;
  if (last.source === source && last.document === document && last.line === line) return last;
  const at: ObjectOrigin = { source };
  if (document !== undefined) at.document = document;
  if (line !== undefined) at.line = line;
  return (lastOrigin = at);
}

/** The warning for a second object with one identity (the later definition is used). */
export function duplicateIssue(key: CollectionKey, rec: AnyRecord, origin: Origin, first: Origin): LoadIssue {
  return {
    severity: "warning",
    ...withoutLocate(origin),
    kind: rec.kind ?? key,
    ...(rec.namespace ? { namespace: rec.namespace } : {}),
    name: rec.name,
    message: `duplicate object: also defined at ${where(first)}; the later definition is used`,
  };
}

function where(o: Origin): string {
  const parts = [o.source];
  if (o.document !== undefined) parts.push(`document ${o.document}`);
  if (o.item !== undefined) parts.push(`item ${o.item}`);
  if (o.line !== undefined) parts.push(`line ${o.line}`);
  return parts.join(", ");
}

export class SnapshotBuilder {
  private readonly snapshot: ClusterSnapshot;
  private readonly seen = new IdentityMap<{ index: number; origin: Origin }>();
  /** Each admitted object's provenance key and origin, in order (a map made of them only when read). */
  private readonly originKeys: string[] = [];
  private readonly origins: ObjectOrigin[] = [];

  /**
   * @param normalized a cache of normalized records by raw object, for a source that rebuilds its
   *   snapshot from mostly the same objects (a watched cluster): an unchanged object is not
   *   normalized again. The records are shared between the snapshots built with it.
   */
  constructor(source: SnapshotSource, takenAt?: string, private readonly normalized?: WeakMap<object, NormalizeResult>) {
    this.snapshot = emptySnapshot(source, takenAt);
  }

  private normalize(raw: unknown): NormalizeResult {
    if (!this.normalized || raw === null || typeof raw !== "object") return normalizeObject(raw);
    let r = this.normalized.get(raw);
    if (!r) this.normalized.set(raw, (r = normalizeObject(raw)));
    return r;
  }

  /** Normalizes and adds one raw object; problems become issues naming the origin. */
  add(raw: unknown, origin: Origin): void {
    const a = admit(this.normalize(raw), raw, origin);
    if (a.status === "ignored") {
      this.snapshot.ignored[a.kind] = (this.snapshot.ignored[a.kind] ?? 0) + 1;
      return;
    }
    for (const i of a.issues) this.issue(i);
    if (a.status === "invalid") return;
    const { key, record: rec } = a;
    const list = this.snapshot[key] as unknown as AnyRecord[];
    const prev = this.seen.get(key, rec);
    this.originKeys.push(a.provenance[0]);
    this.origins.push(a.provenance[1]);
    const at = origin.locate ? withoutLocate(origin) : origin;
    if (prev) {
      list[prev.index] = rec;
      this.issue(duplicateIssue(key, rec, at, prev.origin));
      prev.origin = at;
      return;
    }
    this.seen.set(key, rec, { index: list.length, origin: at });
    list.push(rec);
  }

  issue(issue: LoadIssue): void {
    this.snapshot.issues.push(issue);
  }

  kindStatus(resource: string, status: KindStatus): void {
    this.snapshot.kinds[resource] = status;
  }

  build(opts: BuildOptions): ClusterSnapshot {
    const s = this.snapshot;
    completeNamespaces(s);
    const idx = indexWorkloads(s.workloads);
    resolvePodOwners(s.pods, idx);
    // Appended one by one: push(...list) passes every element as an argument and overflows the stack past ~100,000.
    if (opts.synthesizePods) for (const p of synthesizePods(s.workloads, s.pods, idx, s.nodes.length)) s.pods.push(p);
    for (const i of aggregateClusterRoles(s.clusterRoles, opts.aggregation)) s.issues.push(i);
    for (const k of Object.keys(s) as (keyof ClusterSnapshot)[]) {
      const v = s[k];
      if (Array.isArray(v) && k !== "issues") (v as AnyRecord[]).sort(byNamespaceName);
    }
    // after the loop above, which reads every key: reading the record there made it at every build
    if (this.originKeys.length && opts.provenance !== false) lazyProvenance(s, this.originKeys, this.origins);
    return s;
  }
}

/**
 * `s.provenance`, made from the map when first read: only SARIF's locations and writing the snapshot
 * out read it, and a record with an entry per object (~40,000 at L) costs ~75 ms to build. It reads
 * and writes as the plain property it stands for (enumerable, in the same place among the keys;
 * JSON, spreads and structured clones see the record).
 */
function lazyProvenance(s: ClusterSnapshot, keys: readonly string[], origins: readonly ObjectOrigin[]): void {
  const settle = (value: ClusterSnapshot["provenance"]) => Object.defineProperty(s, "provenance", { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(s, "provenance", {
    enumerable: true,
    configurable: true,
    get: () => {
      const record = provenanceRecord(keys, origins);
      settle(record);
      return record;
    },
    set: settle,
  });
}

/**
 * The snapshot's record of origins: each key where it was first set, holding the last origin given
 * for it (a later definition of the same object replaces the first, as it does in the collections).
 */
function provenanceRecord(keys: readonly string[], origins: readonly ObjectOrigin[]): Record<string, ObjectOrigin> {
  const out: Record<string, ObjectOrigin> = {};
  // keys are `Kind/namespace/name` (originKey): never "__proto__" nor an array index, so assignment defines them in order
  for (let i = 0; i < keys.length; i++) out[keys[i]] = origins[i];
  return out;
}

/**
 * Every namespace carries `kubernetes.io/metadata.name` (set by the API server since 1.21), and a
 * namespace that objects live in but that the input did not declare is created, marked implicit.
 */
export function completeNamespaces(s: ClusterSnapshot): void {
  const declared = new Map<string, Namespace>();
  for (const ns of s.namespaces) {
    if (ns.labels[NAMESPACE_NAME_LABEL] === undefined) ns.labels[NAMESPACE_NAME_LABEL] = ns.name;
    declared.set(ns.name, ns);
  }
  const referenced = new Set<string>();
  for (const k of Object.keys(s) as (keyof ClusterSnapshot)[]) {
    const v = s[k];
    if (!Array.isArray(v) || k === "namespaces" || k === "issues") continue;
    for (const rec of v as AnyRecord[]) if (rec.namespace) referenced.add(rec.namespace);
  }
  for (const name of referenced) {
    if (declared.has(name)) continue;
    s.namespaces.push(implicitNamespace(name));
  }
}

/** A namespace that objects live in but that the input did not declare. */
export function implicitNamespace(name: string): Namespace {
  return { name, labels: { [NAMESPACE_NAME_LABEL]: name }, annotations: {}, implicit: true };
}

/** A record's identity in its collection: the builder keeps one record per identity (the later wins). */
export function recordIdentity(key: CollectionKey, rec: { kind?: string; namespace?: string; name: string }): string {
  return `${key}\u0000${rec.kind ?? key}\u0000${rec.namespace ?? ""}\u0000${rec.name}`;
}

function withoutLocate(o: Origin): Origin {
  const { locate, ...rest } = o;
  void locate;
  return rest;
}

/** Snapshot order: by namespace, then name, then kind. */
export function byNamespaceName(a: AnyRecord, b: AnyRecord): number {
  const an = a.namespace ?? "";
  const bn = b.namespace ?? "";
  if (an !== bn) return an < bn ? -1 : 1;
  const ak = a.kind ?? "";
  const bk = b.kind ?? "";
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return ak < bk ? -1 : ak > bk ? 1 : 0;
}
