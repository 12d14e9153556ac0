/**
 * What a service account's token is worth: the catalogue run over everything the token's identity
 * holds — its own bindings and those of its implicit groups (`system:serviceaccounts`,
 * `system:serviceaccounts:<ns>`, `system:authenticated`) — summarised by the highest severity.
 * The network analysis uses it to rank exposed pods as attack paths.
 */
import { SEVERITY_RANK, type Severity } from "../findings/types";
import { assessGrants, DEFAULT_PRIVILEGED_NAMESPACES, type AssessOptions, type RiskHit } from "./assess";
import type { ScopeKind } from "./risk-model";
import { grantsFor, type RbacIndex, type RuleMatchCache } from "./rbac-index";
import { serviceAccountIdentity, type Identity } from "./subjects";

export interface RiskItem {
  rule: string;
  title: string;
  severity: Severity;
  scope: ScopeKind;
  /** Absent cluster-wide. */
  namespace?: string;
  /** Every granting binding is a default/vendor one. */
  isDefault: boolean;
  /** `ClusterRoleBinding "x" of ClusterRole "y"`, first granting path. */
  via: string;
}

export interface IdentityRisk {
  /** Highest severity, null when nothing in the catalogue applies. */
  severity: Severity | null;
  /** One line: "critical: is cluster-admin equivalent cluster-wide; can read Secrets in payments (+2 more)". */
  summary: string;
  risks: RiskItem[];
}

export interface RiskOptions {
  privilegedNamespaces?: readonly string[];
  eks?: boolean;
}

/** Findings options with their defaults: privileged namespaces (kube-system) and EKS from the nodes. */
export function assessOptions(index: RbacIndex, opts: RiskOptions = {}): AssessOptions {
  return { privilegedNamespaces: new Set(opts.privilegedNamespaces ?? DEFAULT_PRIVILEGED_NAMESPACES), eks: opts.eks ?? index.eks };
}

/** "cluster-wide" or "in <namespace>". */
export function scopeText(scope: ScopeKind, namespace: string): string {
  return scope === "cluster" ? "cluster-wide" : `in ${namespace}`;
}

/** A hit is about defaults when every granting binding is a default/vendor one. */
export function hitIsDefault(h: RiskHit): boolean {
  return h.paths.length > 0 && h.paths.every((p) => p.grant.isDefault);
}

function summarise(hits: RiskHit[]): IdentityRisk {
  const risks = hits
    .map((h): RiskItem => {
      const g = h.paths[0]?.grant;
      const via = g ? `${g.namespace ? `RoleBinding "${g.namespace}/${g.binding.name}"` : `ClusterRoleBinding "${g.binding.name}"`} of ${g.roleRef.kind} "${g.roleRef.name}"` : "";
      return { rule: h.rule.rule, title: h.rule.title, severity: h.severity, scope: h.scope, ...(h.namespace ? { namespace: h.namespace } : {}), isDefault: hitIsDefault(h), via };
    })
    .sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.rule.localeCompare(b.rule));
  if (!risks.length) return { severity: null, summary: "no risky permission", risks };
  const top = risks.slice(0, 3).map((r) => `${hitsPhrase(hits, r.rule)} ${r.scope === "cluster" ? "cluster-wide" : `in ${r.namespace}`}`);
  const more = risks.length > 3 ? ` (+${risks.length - 3} more)` : "";
  return { severity: risks[0].severity, summary: `${risks[0].severity}: ${top.join("; ")}${more}`, risks };
}

function hitsPhrase(hits: RiskHit[], rule: string): string {
  return hits.find((h) => h.rule.rule === rule)!.rule.phrase;
}

/** The risk of whatever this identity holds (its bindings and its groups'). */
export function identityRisk(index: RbacIndex, identity: Identity, opts: RiskOptions = {}): IdentityRisk {
  return summarise(assessGrants(grantsFor(index, identity, null), assessOptions(index, opts), index.cache));
}

/**
 * Kept per rule-match cache, not per index object: one cache goes with one set of grants and the
 * EKS flag (buildRbacIndex makes both), which is all a risk reads, while an index that differs only
 * in its pods (a watched source's Pod event: lib/analysis rbacIndexOf) shares it.
 */
const memo = new WeakMap<RuleMatchCache, Map<string, IdentityRisk>>();

/** The risk of ServiceAccount ns/name's token, memoized per grants (the index's rule-match cache). */
export function serviceAccountRisk(index: RbacIndex, namespace: string, name: string, opts: RiskOptions = {}): IdentityRisk {
  let m = memo.get(index.cache);
  if (!m) {
    m = new Map();
    memo.set(index.cache, m);
  }
  const key = `${namespace}/${name}\u0000${(opts.privilegedNamespaces ?? []).join(",")}\u0000${opts.eks ?? ""}`;
  let r = m.get(key);
  if (!r) {
    r = identityRisk(index, serviceAccountIdentity(namespace, name), opts);
    m.set(key, r);
  }
  return r;
}
