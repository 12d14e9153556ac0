/** ServiceAccounts, Roles, ClusterRoles (aggregated ones with their stored rules) and bindings. */
import { Rng } from "../random";
import type { BindingDesc, Json, JsonObject, KubeObject, RoleDesc, ServiceAccountDesc } from "../types";
import { objectMeta } from "./meta";

const RBAC_V1 = "rbac.authorization.k8s.io/v1";

/** A ServiceAccount; one in ten still lists a legacy token Secret (created before 1.24). */
export function serviceAccount(seed: number, namespace: string, d: ServiceAccountDesc, ageDays: number): KubeObject {
  const rng = Rng.for(seed, "ServiceAccount", namespace, d.name);
  // Accounts created before 1.24 still list their token Secret.
  const legacy = rng.chance(0.1);
  return {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: objectMeta({ seed, kind: "ServiceAccount", namespace, name: d.name, labels: d.labels, ageDays: Math.min(ageDays, rng.int(1, 900)) }, rng),
    ...(d.automountToken === false ? { automountServiceAccountToken: false } : {}),
    ...(legacy ? { secrets: [{ name: `${d.name}-token-${rng.token(5)}` }] } : {}),
  };
}

/** A Role or ClusterRole; `storedRules` overrides the rules (aggregated ClusterRoles). */
export function role(seed: number, kind: "Role" | "ClusterRole", namespace: string | undefined, d: RoleDesc, storedRules?: JsonObject[]): KubeObject {
  const rng = Rng.for(seed, kind, namespace ?? "", d.name);
  return {
    apiVersion: RBAC_V1,
    kind,
    metadata: objectMeta({ seed, kind, namespace, name: d.name, labels: d.labels, annotations: d.annotations, ageDays: rng.int(10, 900) }, rng),
    ...(d.aggregationRule ? { aggregationRule: d.aggregationRule } : {}),
    rules: storedRules ?? d.rules,
  };
}

/** A RoleBinding or ClusterRoleBinding; User and Group subjects carry apiGroup rbac.authorization.k8s.io. */
export function binding(seed: number, kind: "RoleBinding" | "ClusterRoleBinding", namespace: string | undefined, d: BindingDesc): KubeObject {
  const rng = Rng.for(seed, kind, namespace ?? "", d.name);
  return {
    apiVersion: RBAC_V1,
    kind,
    metadata: objectMeta({ seed, kind, namespace, name: d.name, labels: d.labels, annotations: d.annotations, ageDays: rng.int(10, 900) }, rng),
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: d.roleRef.kind, name: d.roleRef.name },
    subjects: d.subjects.map((s) =>
      s.kind === "ServiceAccount" ? { kind: s.kind, name: s.name, namespace: s.namespace } : { apiGroup: "rbac.authorization.k8s.io", kind: s.kind, name: s.name },
    ),
  };
}

function matches(selector: Json | undefined, labels: Record<string, string> = {}): boolean {
  if (!selector || typeof selector !== "object" || Array.isArray(selector)) return false;
  const ml = (selector as JsonObject).matchLabels as Record<string, string> | undefined;
  return !!ml && Object.entries(ml).every(([k, v]) => labels[k] === v);
}

/**
 * The rules a live cluster stores on aggregated ClusterRoles (the clusterrole-aggregation-controller:
 * matching roles by name, rules deduplicated, repeated until nothing changes so view ⊂ edit ⊂ admin).
 * Only matchLabels selectors are used by the generator.
 */
export function aggregatedRules(roles: readonly RoleDesc[]): Map<string, JsonObject[]> {
  const out = new Map<string, JsonObject[]>();
  const aggregated = roles.filter((r) => r.aggregationRule);
  for (const r of aggregated) out.set(r.name, []);
  const byName = [...roles].sort((a, b) => (a.name < b.name ? -1 : 1));
  for (let round = 0, changed = true; changed && round <= aggregated.length + 1; round++) {
    changed = false;
    for (const r of aggregated) {
      const rules: JsonObject[] = [];
      const seen = new Set<string>();
      for (const sel of (r.aggregationRule?.clusterRoleSelectors as Json[] | undefined) ?? []) {
        for (const other of byName) {
          if (other.name === r.name || !matches(sel, other.labels)) continue;
          for (const rule of out.get(other.name) ?? other.rules) {
            const key = JSON.stringify(rule);
            if (!seen.has(key)) {
              seen.add(key);
              rules.push(rule);
            }
          }
        }
      }
      if (rules.length !== out.get(r.name)!.length) changed = true;
      out.set(r.name, rules);
    }
  }
  return out;
}
