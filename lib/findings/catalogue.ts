/**
 * The catalogue: every rule any area can emit (RBAC, network, posture), in one list the UI, the
 * SARIF exporter and the score read. Areas publish their RuleInfo lists; findings whose rule is
 * not in the catalogue still get an entry derived from the finding, so nothing is unexplained.
 */
import type { Category, Finding, RuleInfo } from "./types";
import { CATEGORIES, SEVERITY_RANK } from "./types";

/** Merges rule lists (the first definition of a rule wins), sorted by area then rule id. */
export function buildCatalogue(...lists: readonly (readonly RuleInfo[])[]): RuleInfo[] {
  const byRule = new Map<string, RuleInfo>();
  for (const list of lists) for (const r of list) if (!byRule.has(r.rule)) byRule.set(r.rule, r);
  const order = (c: Category) => CATEGORIES.indexOf(c);
  return [...byRule.values()].sort((a, b) => order(a.category) - order(b.category) || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

/** A catalogue entry for a rule only known from its findings (highest severity seen, first finding's texts). */
export function ruleFromFindings(findings: readonly Finding[]): RuleInfo {
  const f = findings[0];
  const worst = findings.reduce((a, b) => (SEVERITY_RANK[b.severity] > SEVERITY_RANK[a.severity] ? b : a), f);
  return { rule: f.rule, category: f.category, title: f.title, severity: worst.severity, description: f.title, remediation: f.remediation, references: f.references };
}

/** The catalogue completed with entries for findings whose rule it lacks. */
export function completeCatalogue(catalogue: readonly RuleInfo[], findings: readonly Finding[]): RuleInfo[] {
  const known = new Set(catalogue.map((r) => r.rule));
  const missing = new Map<string, Finding[]>();
  for (const f of findings) {
    if (known.has(f.rule)) continue;
    const list = missing.get(f.rule) ?? [];
    list.push(f);
    missing.set(f.rule, list);
  }
  if (!missing.size) return [...catalogue];
  return buildCatalogue(catalogue, [...missing.values()].map(ruleFromFindings));
}
