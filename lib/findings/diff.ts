/**
 * What changed between two scans, by finding id (ids are stable across scans): findings that
 * appeared and findings that are gone. Other areas add their own sections next to this one in
 * `clearance diff` (grants, reachability).
 */
import type { Finding } from "./types";

export interface FindingsDiff {
  added: Finding[];
  removed: Finding[];
  unchanged: number;
}

/**
 * Findings of `after` not in `before` (added) and of `before` not in `after` (removed), by id. Each
 * list holds an id once, as a scan's findings do (`dedupeAndSort`). A draft's scan shares most of its
 * findings with its source's (the same objects, kept by reused checks): those are unchanged without
 * looking at their ids, and only the others are compared by id.
 */
export function diffFindings(before: readonly Finding[], after: readonly Finding[]): FindingsDiff {
  const beforeSet = new Set(before);
  const afterSet = new Set(after);
  const gone = before.filter((f) => !afterSet.has(f));
  const come = after.filter((f) => !beforeSet.has(f));
  // an id in both lists on different objects (its evidence changed) is unchanged; ids are unique per list,
  // so a shared object's id is on no other object of either list
  const goneIds = new Set(gone.map((f) => f.id));
  const comeIds = new Set(come.map((f) => f.id));
  const added = come.filter((f) => !goneIds.has(f.id));
  return { added, removed: gone.filter((f) => !comeIds.has(f.id)), unchanged: after.length - added.length };
}

/** The same comparison on ids alone (what history stores). */
export function diffIds(before: Iterable<string>, after: Iterable<string>): { added: string[]; removed: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { added: [...a].filter((id) => !b.has(id)).sort(), removed: [...b].filter((id) => !a.has(id)).sort() };
}
