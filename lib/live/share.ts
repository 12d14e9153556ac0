/**
 * Structural sharing between two snapshots of one watched source: a collection whose records are
 * the same objects in the same order keeps the previous array, so an analysis memoized on that
 * array (and on nothing that changed) is reused — a change to one RoleBinding does not recompute
 * reachability, a new Pod does not rebuild the RBAC index.
 */
import { COLLECTION_KEYS, type ClusterSnapshot } from "../model";
import { sameElements } from "../analysis/memo";


/**
 * Replaces `next`'s collections that equal `prev`'s element for element by `prev`'s arrays, and its
 * other fields that are equal in value (`kinds`, `issues`, `source`, ...) by `prev`'s objects;
 * returns the collections that changed. `takenAt` is left as it is: it is when this one was built.
 */
export function shareUnchanged(prev: ClusterSnapshot | undefined, next: ClusterSnapshot): string[] {
  if (!prev) return [...COLLECTION_KEYS];
  const changed: string[] = [];
  const p = prev as unknown as Record<string, unknown>;
  const n = next as unknown as Record<string, unknown>;
  const collections = new Set<string>(COLLECTION_KEYS);
  for (const k of Object.keys(n)) {
    if (k === "takenAt") continue;
    if (collections.has(k)) {
      if (sameElements(p[k] as unknown[], n[k] as unknown[])) n[k] = p[k];
      else changed.push(k);
    } else if (JSON.stringify(p[k]) === JSON.stringify(n[k])) {
      n[k] = p[k];
    }
  }
  return changed;
}
