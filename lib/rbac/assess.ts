/**
 * Runs the catalogue over a set of grants, scope by scope: cluster-wide (the ClusterRoleBindings
 * alone), then each namespace (its RoleBindings together with the ClusterRoleBindings, so that a
 * combination such as bind cluster-wide + create rolebindings in N is seen). A namespace hit is kept
 * only when a RoleBinding of that namespace takes part in it and the cluster-wide hit of the same
 * rule is not already as severe.
 */
import { raiseSeverity, SEVERITY_RANK, type Severity } from "../findings/types";
import { RISK_RULES, riskRule } from "./catalogue";
import { ANY, type RiskRule, type ScopeKind, type Tier } from "./risk-model";
import { evaluateCondition, mayMatch, perRuleList, scopeContext, type ScopeContext } from "./probes";
import type { PolicyRule } from "../model";
import type { Grant, GrantPath, RuleMatchCache } from "./rbac-index";
import { resourceRequest } from "./request";
import { ruleAllows } from "./rule-allows";

export interface AssessOptions {
  /** Namespaces where a grant counts as much as a cluster-wide one (default kube-system). */
  privilegedNamespaces: ReadonlySet<string>;
  /** R26 applies on EKS only. */
  eks: boolean;
}

export interface RiskHit {
  rule: RiskRule;
  tier: string;
  severity: Severity;
  scope: ScopeKind;
  /** "" cluster-wide. */
  namespace: string;
  paths: GrantPath[];
  named: boolean;
  matchedProbes: string[];
  /**
   * R01 only: the narrower rules the same grants satisfy in this scope, reported under R01 alone
   * (exec, impersonation, wildcards, ...). Compliance counts the subject as failing their controls.
   */
  implies?: string[];
}

export const DEFAULT_PRIVILEGED_NAMESPACES: readonly string[] = ["kube-system"];

const PROBE_RULES = RISK_RULES.filter((r) => r.tiers.length > 0);

/** Base severity of a tier in a scope: +1 cluster-wide and in privileged namespaces, −1 when only named. */
export function tierSeverity(t: Tier, scope: ScopeKind, named: boolean): Severity {
  let s = t.severity;
  if (t.raise && scope !== "namespace") s = raiseSeverity(s, 1);
  if (named && t.namedPenalty !== false) s = raiseSeverity(s, -1);
  return s;
}

function bestTier(rule: RiskRule, ctx: ScopeContext): RiskHit | null {
  let best: RiskHit | null = null;
  for (const t of rule.tiers) {
    if ((t.scopes && !t.scopes.includes(ctx.kind)) || !mayMatch(t.when, ctx)) continue;
    const r = evaluateCondition(t.when, ctx);
    if (!r.matched) continue;
    const severity = tierSeverity(t, ctx.kind, r.named);
    if (!best || SEVERITY_RANK[severity] > SEVERITY_RANK[best.severity]) {
      best = { rule, tier: t.label, severity, scope: ctx.kind, namespace: ctx.namespace, paths: r.paths, named: r.named, matchedProbes: r.matchedProbes };
    }
  }
  return best;
}

/**
 * The rules of the ClusterRole cluster-admin as the bootstrap policy defines it (kubernetes/kubernetes
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go, "cluster-admin"), for bindings to it
 * when the role itself is not in the input.
 */
const CLUSTER_ADMIN_RULES: readonly PolicyRule[] = [
  { verbs: ["*"], apiGroups: ["*"], resources: ["*"], resourceNames: [], nonResourceURLs: [] },
  { verbs: ["*"], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: ["*"] },
];

/** R01 also holds for a binding to the ClusterRole cluster-admin, even when it is not in the input. */
function boundToClusterAdmin(ctx: ScopeContext): GrantPath[] {
  return ctx.grants.filter((g) => g.roleRef.kind === "ClusterRole" && g.roleRef.name === "cluster-admin" && (g.namespace === "" || g.namespace === ctx.namespace)).map((grant) => ({ grant, rules: [] }));
}

interface WildcardFacts {
  /** Matching rule indices and which dimensions have `*`. */
  rules: number[];
  dims: Set<string>;
  /** Worst wildcard rule: "high", "medium" or "low" (read-only `*` resources of one custom group). */
  severity: Severity | null;
}

const WRITE_VERBS = ["create", "update", "patch", "delete", "deletecollection", "escalate", "bind", "impersonate", "approve", "sign", "use"];

/**
 * R22 for one role: each rule's own first verb, group and resource are asked again with one of them
 * replaced by a value no rule lists; only a `*` can match that, and a rule with a `*` always matches
 * its own anchor — so a role's wildcard rules are exactly those matching their own anchors. High
 * when `*` resources are granted in the core group, apps or every group; low when the only wildcard
 * is resources of one other group and no write verb is granted on them (reading a custom group's
 * kinds, e.g. Gatekeeper constraints whose kinds are defined at run time); medium otherwise.
 */
function wildcardFacts(rules: readonly PolicyRule[]): WildcardFacts {
  const f: WildcardFacts = { rules: [], dims: new Set(), severity: null };
  const worse = (s: Severity) => {
    if (!f.severity || SEVERITY_RANK[s] > SEVERITY_RANK[f.severity]) f.severity = s;
  };
  const sub = (r: string) => (r === "*" ? ANY : r.startsWith("*/") ? `${ANY}${r.slice(1)}` : r);
  rules.forEach((rule, i) => {
    if (!rule.resources.length || !rule.apiGroups.length) return;
    const v = rule.verbs[0] === "*" ? ANY : rule.verbs[0];
    const grp = rule.apiGroups[0] === "*" ? ANY : rule.apiGroups[0];
    const res = sub(rule.resources[0]);
    const name = rule.resourceNames[0] ?? ANY;
    const allows = (verb: string, group: string, resource: string) => ruleAllows(resourceRequest({ verb, apiGroup: group, resource, name }), rule);
    // `*` and `*/sub` resources: the anchors a resource wildcard can match.
    const resourceAnchors = [ANY, ...rule.resources.filter((x) => x.startsWith("*/")).map(sub)];
    const found = ([
      ["verbs", allows(ANY, grp, res)],
      ["resources", resourceAnchors.some((a) => allows(v, grp, a))],
      ["apiGroups", allows(v, ANY, res)],
    ] as const).filter(([, ok]) => ok).map(([dim]) => dim);
    if (!found.length) return;
    f.rules.push(i);
    for (const d of found) f.dims.add(d);
    if (["", "apps", ANY].some((g) => allows(v, g, ANY))) worse("high");
    else if (found.length === 1 && found[0] === "resources" && grp !== "" && grp !== "apps" && !WRITE_VERBS.some((w) => allows(w, grp, ANY))) worse("low");
    else worse("medium");
  });
  return f;
}

function wildcardHit(ctx: ScopeContext, own: (g: Grant) => boolean): RiskHit | null {
  const paths: GrantPath[] = [];
  const dims = new Set<string>();
  let severity: Severity | null = null;
  for (const g of ctx.grants) {
    if (!own(g) || !g.rules.length) continue;
    const f = perRuleList("wildcards", g.rules, ctx.cache, () => wildcardFacts(g.rules));
    if (!f.rules.length) continue;
    paths.push({ grant: g, rules: f.rules });
    for (const d of f.dims) dims.add(d);
    if (f.severity && (!severity || SEVERITY_RANK[f.severity] > SEVERITY_RANK[severity])) severity = f.severity;
  }
  if (!paths.length || !severity) return null;
  const rule = riskRule("R22");
  return { rule, tier: `* in ${[...dims].join(", ")}`, severity, scope: ctx.kind, namespace: ctx.namespace, paths, named: false, matchedProbes: [...dims].map((d) => `* in ${d}`) };
}

/** Scope results depend only on the scope kind, the grants and the EKS flag: memoized on the cache. */
function assessScope(ctx: ScopeContext, opts: AssessOptions, own: (g: Grant) => boolean, cache: RuleMatchCache): RiskHit[] {
  const key = `${ctx.kind}\u0000${ctx.namespace}\u0000${opts.eks}\u0000${ctx.grants.map((g) => g.id).join("\u0000")}`;
  const memo = cache.scopes.get(key) as RiskHit[] | undefined;
  if (memo) return memo;
  const out = computeScope(ctx, opts, own);
  cache.scopes.set(key, out);
  return out;
}

function computeScope(ctx: ScopeContext, opts: AssessOptions, own: (g: Grant) => boolean): RiskHit[] {
  const hits: RiskHit[] = [];
  for (const rule of PROBE_RULES) {
    if (rule.rule === "R26" && (!opts.eks || (ctx.kind !== "cluster" && ctx.namespace !== "kube-system"))) continue;
    let hit = bestTier(rule, ctx);
    if (rule.rule === "R01" && !hit) {
      const paths = boundToClusterAdmin(ctx);
      if (paths.length) hit = { rule, tier: "bound to ClusterRole cluster-admin", severity: tierSeverity(rule.tiers[0], ctx.kind, false), scope: ctx.kind, namespace: ctx.namespace, paths, named: false, matchedProbes: ["roleRef cluster-admin"] };
    }
    if (hit) hits.push(hit);
  }
  const has = (id: string) => hits.some((h) => h.rule.rule === id);
  const w = wildcardHit(ctx, own);
  // Cluster-admin equivalence implies every other entry: one finding says it all, and names the rest.
  if (has("R01")) {
    const r01 = hits.find((h) => h.rule.rule === "R01")!;
    const narrower = r01.paths.some((p) => !p.rules.length) ? impliedByClusterAdmin(ctx, opts, own) : [...hits.filter((h) => h !== r01), ...(w ? [w] : [])];
    return [{ ...r01, implies: [...new Set(narrower.map((h) => h.rule.rule))].sort() }];
  }
  const out = hits.filter((h) => h.rule.rule !== "R21" || !(has("R02") || has("R03")));
  if (w) out.push(w);
  return out;
}

/** The other hits of a scope whose cluster-admin bindings are read with the bootstrap cluster-admin rules. */
function impliedByClusterAdmin(ctx: ScopeContext, opts: AssessOptions, own: (g: Grant) => boolean): RiskHit[] {
  const grants = ctx.grants.map((g) => (g.roleRef.kind === "ClusterRole" && g.roleRef.name === "cluster-admin" && !g.rules.length ? { ...g, rules: CLUSTER_ADMIN_RULES } : g));
  const full = scopeContext(ctx.kind, ctx.namespace, grants, ctx.cache);
  const hits: RiskHit[] = [];
  for (const rule of PROBE_RULES) {
    if (rule.rule === "R01" || (rule.rule === "R26" && !opts.eks)) continue;
    const hit = bestTier(rule, full);
    if (hit) hits.push(hit);
  }
  const w = wildcardHit(full, own);
  return w ? [...hits, w] : hits;
}

/**
 * Every catalogue hit of a set of grants (those of one subject, or of one identity), by scope.
 * Hits depend only on the bindings and roles behind the grants, so they are remembered by those
 * records (not by the index): a snapshot that shares most records with another — a draft over a
 * source (lib/model/overlay.ts) — is assessed again only where its bindings or roles differ.
 */
export function assessGrants(grants: readonly Grant[], opts: AssessOptions, cache: RuleMatchCache): RiskHit[] {
  if (grants.length === 0) return []; // no grant, no hit (most service accounts of a large cluster hold none)
  const key = assessmentKey(grants, opts);
  const known = remembered.get(key);
  if (known) return known.map((h) => ({ ...h, paths: h.paths.map((p) => ({ grant: grants[p.grant], rules: p.rules })) }));
  const hits = assessGrantsNow(grants, opts, cache);
  if (remembered.size >= REMEMBER) for (const k of [...remembered.keys()].slice(0, REMEMBER / 2)) remembered.delete(k);
  remembered.set(key, hits.map((h) => ({ ...h, paths: h.paths.map((p) => ({ grant: grants.indexOf(p.grant), rules: p.rules })) })));
  return hits;
}

/** Hits with each path's grant as its position in the assessed list, so they apply to another index's equal grants. */
type RememberedHit = Omit<RiskHit, "paths"> & { paths: { grant: number; rules: number[] }[] };
const remembered = new Map<string, RememberedHit[]>();
const REMEMBER = 100_000;

const ids = new WeakMap<object, number>();
let nextId = 1;
function idOf(o: object | undefined): number {
  if (!o) return 0;
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}

/** The records a grant list stands for (binding, role, rules: the same objects give the same hits) and the options. */
function assessmentKey(grants: readonly Grant[], opts: AssessOptions): string {
  return `${[...opts.privilegedNamespaces].sort().join(",")}|${opts.eks ? 1 : 0}|${grants.map((g) => `${idOf(g.binding)}.${idOf(g.role)}.${idOf(g.rules)}.${g.namespace}`).join(",")}`;
}

function assessGrantsNow(grants: readonly Grant[], opts: AssessOptions, cache: RuleMatchCache): RiskHit[] {
  const cluster = grants.filter((g) => g.namespace === "");
  const byNs = new Map<string, Grant[]>();
  for (const g of grants) if (g.namespace) byNs.set(g.namespace, [...(byNs.get(g.namespace) ?? []), g]);
  const hits: RiskHit[] = [];
  const clusterHits = cluster.some((g) => g.rules.length || g.roleRef.name === "cluster-admin") ? assessScope(scopeContext("cluster", "", cluster, cache), opts, () => true, cache) : [];
  for (const h of clusterHits) hits.push(h);
  const clusterSeverity = new Map(clusterHits.map((h) => [h.rule.rule, SEVERITY_RANK[h.severity]]));
  if (clusterSeverity.has("R01")) return hits;
  for (const [ns, local] of [...byNs].sort(([a], [b]) => a.localeCompare(b))) {
    const kind: ScopeKind = opts.privilegedNamespaces.has(ns) ? "privileged-namespace" : "namespace";
    const ctx = scopeContext(kind, ns, [...cluster, ...local], cache);
    for (const h of assessScope(ctx, opts, (g) => g.namespace === ns, cache)) {
      if (!h.paths.some((p) => p.grant.namespace === ns)) continue;
      if ((clusterSeverity.get(h.rule.rule) ?? -1) >= SEVERITY_RANK[h.severity]) continue;
      hits.push(h);
    }
  }
  return hits;
}

