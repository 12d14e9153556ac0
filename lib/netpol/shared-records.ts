/**
 * For property tests of what a watched source reuses from one snapshot to the next: a snapshot
 * built from scratch, with every record equal to one of the previous snapshot's (same collection)
 * replaced by that record, and equal collections and fields shared — as lib/live/assemble.ts keeps
 * a record per unchanged object and an array per unchanged collection. Caches keyed by record
 * identity (classes.ts, model.ts, findings-namespaces.ts) are then exercised as in a live source.
 */
import { COLLECTION_KEYS, type ClusterSnapshot } from "../model";

export function sharedWith(prev: ClusterSnapshot, next: ClusterSnapshot): ClusterSnapshot {
  const p = prev as unknown as Record<string, unknown>;
  const n = { ...next } as unknown as Record<string, unknown>;
  const collections = new Set<string>(COLLECTION_KEYS);
  for (const k of Object.keys(n)) {
    if (k === "takenAt") continue;
    if (!collections.has(k)) {
      if (JSON.stringify(p[k]) === JSON.stringify(n[k])) n[k] = p[k];
      continue;
    }
    const before = new Map(((p[k] ?? []) as unknown[]).map((r) => [JSON.stringify(r), r]));
    const records = ((n[k] ?? []) as unknown[]).map((r) => before.get(JSON.stringify(r)) ?? r);
    const old = (p[k] ?? []) as unknown[];
    n[k] = old.length === records.length && old.every((r, i) => r === records[i]) ? old : records;
  }
  return n as unknown as ClusterSnapshot;
}
