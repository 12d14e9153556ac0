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

/** Findings of `after` not in `before` (added) and of `before` not in `after` (removed), by id. */
export function diffFindings(before: readonly Finding[], after: readonly Finding[]): FindingsDiff {
  const beforeIds = new Set(before.map((f) => f.id));
  const afterIds = new Set(after.map((f) => f.id));
  return {
    added: after.filter((f) => !beforeIds.has(f.id)),
    removed: before.filter((f) => !afterIds.has(f.id)),
    unchanged: after.filter((f) => beforeIds.has(f.id)).length,
  };
}

/** The same comparison on ids alone (what history stores). */
export function diffIds(before: Iterable<string>, after: Iterable<string>): { added: string[]; removed: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { added: [...a].filter((id) => !b.has(id)).sort(), removed: [...b].filter((id) => !a.has(id)).sort() };
}
