/**
 * ClusterRole aggregation, as kube-controller-manager's clusterrole-aggregation-controller does it:
 * for each selector in order, the matching ClusterRoles sorted by name (the role itself skipped)
 * contribute their rules, exact duplicates dropped; manual rules are overwritten. Every change
 * re-enqueues all aggregated roles, so nested aggregation (view ⊂ edit ⊂ admin) reaches a fixed point.
 * Manifests from files ship `rules: []`, so the loader computes them; on a live cluster the stored
 * rules are kept and compared with the computed ones (drift).
 */
import type { LoadIssue } from "./snapshot";
import { matchesSelector } from "./selector";
import type { PolicyRule, Role } from "./types";

export function ruleKey(r: PolicyRule): string {
  return JSON.stringify([r.verbs, r.apiGroups, r.resources, r.resourceNames, r.nonResourceURLs]);
}

function aggregateOnce(role: Role, byName: readonly Role[], current: Map<string, PolicyRule[]>): { rules: PolicyRule[]; sources: string[] } {
  const rules: PolicyRule[] = [];
  const seen = new Set<string>();
  const sources: string[] = [];
  for (const sel of role.aggregationRule?.clusterRoleSelectors ?? []) {
    for (const other of byName) {
      if (other.name === role.name || !matchesSelector(sel, other.labels)) continue;
      if (!sources.includes(other.name)) sources.push(other.name);
      for (const r of current.get(other.name) ?? other.rules) {
        const k = ruleKey(r);
        if (!seen.has(k)) {
          seen.add(k);
          rules.push(r);
        }
      }
    }
  }
  return { rules, sources };
}

/**
 * Computes aggregated rules for every ClusterRole with an aggregationRule. `compute` writes them into
 * `rules` (file sources); `check` keeps the stored rules and records drift (live sources).
 */
export function aggregateClusterRoles(clusterRoles: Role[], mode: "compute" | "check"): LoadIssue[] {
  const aggregated = clusterRoles.filter((r) => r.aggregationRule).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (aggregated.length === 0) return [];
  const byName = [...clusterRoles].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const current = new Map<string, PolicyRule[]>();
  const sources = new Map<string, string[]>();
  // Start from nothing in both modes: "check" recomputes and compares with what the cluster stored.
  for (const r of aggregated) current.set(r.name, []);

  let changed = true;
  let rounds = 0;
  const limit = aggregated.length + 2;
  while (changed && rounds < limit) {
    changed = false;
    rounds++;
    for (const role of aggregated) {
      const next = aggregateOnce(role, byName, current);
      const prev = current.get(role.name)!;
      if (prev.length !== next.rules.length || prev.some((r, i) => ruleKey(r) !== ruleKey(next.rules[i]))) {
        current.set(role.name, next.rules);
        changed = true;
      }
      sources.set(role.name, next.sources);
    }
  }
  const issues: LoadIssue[] = [];
  if (changed) {
    issues.push({
      severity: "warning",
      source: "aggregation",
      kind: "ClusterRole",
      message: `aggregation of ${aggregated.map((r) => r.name).join(", ")} did not settle after ${limit} rounds (cyclic aggregation?)`,
    });
  }
  for (const role of aggregated) {
    const computed = current.get(role.name)!;
    if (mode === "compute") {
      if (role.rules.length > 0) {
        issues.push({
          severity: "info",
          source: "aggregation",
          kind: "ClusterRole",
          name: role.name,
          message: "manual rules on an aggregated ClusterRole are replaced by the aggregated ones, as the controller does",
        });
      }
      role.rules = computed;
      role.aggregation = { computed: true, sources: sources.get(role.name) ?? [] };
    } else {
      const stored = new Set(role.rules.map(ruleKey));
      const comp = new Set(computed.map(ruleKey));
      const missing = computed.filter((r) => !stored.has(ruleKey(r)));
      const extra = role.rules.filter((r) => !comp.has(ruleKey(r)));
      role.aggregation = {
        computed: false,
        sources: sources.get(role.name) ?? [],
        ...(missing.length || extra.length ? { drift: { missing, extra } } : {}),
      };
    }
  }
  return issues;
}
