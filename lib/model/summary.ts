/** What a snapshot holds, in numbers: counts per kind and per namespace, completeness and problems. */
import { COLLECTION_KEYS, completeness, type ClusterSnapshot } from "./snapshot";

export function snapshotSummary(s: ClusterSnapshot) {
  const counts: Record<string, number> = {};
  for (const k of COLLECTION_KEYS) counts[k] = (s[k] as unknown[]).length;
  const perNamespace: Record<string, Record<string, number>> = {};
  for (const k of COLLECTION_KEYS) {
    for (const rec of s[k] as { namespace?: string }[]) {
      if (!rec.namespace) continue;
      const row = (perNamespace[rec.namespace] ??= {});
      row[k] = (row[k] ?? 0) + 1;
    }
  }
  const c = completeness(s);
  return {
    source: s.source,
    takenAt: s.takenAt,
    partial: c.partial,
    counts,
    synthesizedPods: s.pods.filter((p) => p.synthesized).length,
    /** Pods counting replicas folded into synthesized representatives. */
    podReplicas: s.pods.reduce((n, p) => n + (p.synthesized?.replicas ?? 1), 0),
    namespaces: s.namespaces.map((n) => ({ name: n.name, implicit: !!n.implicit, labels: n.labels, counts: perNamespace[n.name] ?? {} })),
    kinds: s.kinds,
    unavailable: c.unavailable,
    issues: s.issues,
    ignored: s.ignored,
  };
}

export type SnapshotSummary = ReturnType<typeof snapshotSummary>;
