/**
 * The risks a manager should read first: the worst open findings, one per rule before any rule
 * repeats, so ten lines show ten different problems.
 */
import { SEVERITY_RANK, type Category, type Finding, type Severity } from "./types";

/**
 * Within one severity, what an attacker can use from outside comes first: an attack path from the
 * internet to a powerful token (NP10), then a pod whose mounted token carries a critical or high
 * permission (R29), then a cluster-admin-equivalent subject (R01).
 */
const URGENCY: Readonly<Record<string, number>> = { NP10: 3, R29: 2, R01: 1 };

/**
 * Rank of a finding among its severity: the rule's urgency, then — within one rule — whether the
 * permission behind it is cluster-admin equivalent (R01 among its risks), then whether it is a
 * ServiceAccount (a token that can be taken from a pod) rather than a user or group.
 */
function urgency(f: Finding): number {
  const details = f.details as { risks?: { rule?: string }[]; subject?: { kind?: string } } | undefined;
  const adminEquivalent = Array.isArray(details?.risks) && details.risks.some((r) => r.rule === "R01");
  const serviceAccount = details?.subject?.kind === "ServiceAccount" || f.resources[0]?.kind === "ServiceAccount";
  return (URGENCY[f.rule] ?? 0) * 10 + (adminEquivalent ? 5 : 0) + (serviceAccount ? 1 : 0);
}

export function topRisks(findings: readonly Finding[], n = 10): Finding[] {
  const open = findings.filter((f) => !f.exception && f.severity !== "info");
  const sorted = [...open].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || urgency(b) - urgency(a));
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

/** The findings of one area. */
export function findingsOf(findings: readonly Finding[], category: Category): Finding[] {
  return findings.filter((f) => f.category === category);
}

/** What changed since the previous scan, for the overview: the new findings themselves, how many were fixed. */
export function changesSince(findings: readonly Finding[], diff: { previous: { takenAt: string }; new: readonly string[]; fixed: readonly string[] } | undefined): { since: string; new: Finding[]; fixed: number } | undefined {
  if (!diff) return undefined;
  const byId = new Map(findings.map((f) => [f.id, f]));
  return { since: diff.previous.takenAt, new: diff.new.map((id) => byId.get(id)).filter((f) => f !== undefined), fixed: diff.fixed.length };
}
