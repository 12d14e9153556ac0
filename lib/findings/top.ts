/**
 * The risks a manager should read first: the worst open findings, one per rule before any rule
 * repeats, so ten lines show ten different problems.
 */
import { SEVERITY_RANK, type Category, type Finding, type Severity } from "./types";

export function topRisks(findings: readonly Finding[], n = 10): Finding[] {
  const open = findings.filter((f) => !f.exception && f.severity !== "info");
  const sorted = [...open].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
  const seen = new Set<string>();
  const first: Finding[] = [];
  const rest: Finding[] = [];
  for (const f of sorted) {
    if (seen.has(f.rule)) rest.push(f);
    else {
      seen.add(f.rule);
      first.push(f);
    }
  }
  return [...first, ...rest].slice(0, n);
}

/** Open findings counted by area and severity (the overview's grid). */
export function countByArea(findings: readonly Finding[]): Record<Category, Record<Severity, number>> {
  const out = {} as Record<Category, Record<Severity, number>>;
  for (const f of findings) {
    if (f.exception) continue;
    const row = (out[f.category] ??= { critical: 0, high: 0, medium: 0, low: 0, info: 0 });
    row[f.severity]++;
  }
  return out;
}
