/**
 * Structural sharing between two snapshots of one watched source: a collection whose records are
 * the same objects in the same order keeps the previous array, so an analysis memoized on that
 * array (and on nothing that changed) is reused — a change to one RoleBinding does not recompute
 * reachability, a new Pod does not rebuild the RBAC index.
 */
import { COLLECTION_KEYS, type ClusterSnapshot } from "../model";

function sameElements(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Replaces `next`'s collections that equal `prev`'s element for element by `prev`'s arrays; returns the keys that changed. */
export function shareUnchanged(prev: ClusterSnapshot | undefined, next: ClusterSnapshot): string[] {
  if (!prev) return [...COLLECTION_KEYS];
  const changed: string[] = [];
  for (const k of COLLECTION_KEYS) {
    const a = prev[k] as unknown[];
    const b = next[k] as unknown[];
    if (sameElements(a, b)) (next as unknown as Record<string, unknown>)[k] = a;
    else changed.push(k);
  }
  return changed;
}
