/**
 * Property test: the catalogue's conditions evaluated on random roles and bindings equal a
 * straightforward evaluation — each probe on its own (its paths grant by grant from the role tables),
 * the matching probes' paths concatenated and merged with a map of rule sets — and a condition
 * mayMatch rules out never matches (assess.ts skips those tiers).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PolicyRule, Role, RoleBinding } from "../model";
import { RISK_RULES } from "./catalogue";
import { compile, evaluateCondition, mayMatch, perRuleList, roleTable, scopeContext, type ConditionResult, type ScopeContext } from "./probes";
import { PathSet } from "./path-set";
import { buildRbacIndex, grantApplies, RuleMatchCache, type Grant, type GrantPath } from "./rbac-index";
import { resourceRequest } from "./request";
import type { Condition, Probe } from "./risk-model";

const NAMESPACES = ["kube-system", "ns1", "ns2"];
const PROBES: Probe[] = [];
const collect = (c: Condition): void => void ("any" in c ? PROBES.push(...c.any) : c.all.forEach(collect));
for (const r of RISK_RULES) for (const t of r.tiers) collect(t.when);
const CONDITIONS = RISK_RULES.flatMap((r) => r.tiers.map((t) => t.when));
const uniq = (xs: string[]) => [...new Set(xs)];
const pick = <T,>(xs: readonly T[]) => fc.constantFrom(...xs);
const subset = (xs: readonly string[], max: number) => fc.uniqueArray(pick(xs), { minLength: 1, maxLength: max });
const literals = PROBES.flatMap((p) => (typeof p.name === "object" ? [p.name.literal] : []));

// rules in the catalogue's own words, so that most draws match some probe (and many match named):
// a probe's own verb, group and resource (each sometimes "*"), or a mix of the vocabulary
const names = fc.oneof(fc.constant([] as string[]), fc.uniqueArray(pick([...literals, ...NAMESPACES, "x"]), { minLength: 1, maxLength: 2 }));
const ruleArb: fc.Arbitrary<PolicyRule> = fc.oneof(
  fc.record({ probe: pick(PROBES), wild: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), resourceNames: names }).map(({ probe, wild, resourceNames }) => ({
    verbs: [wild[0] ? "*" : probe.verb],
    apiGroups: [wild[1] ? "*" : probe.group],
    resources: [wild[2] ? "*" : probe.resource],
    resourceNames,
    nonResourceURLs: [],
  })),
  fc.record({
    verbs: subset([...uniq(PROBES.map((p) => p.verb)), "*"], 3),
    apiGroups: subset([...uniq(PROBES.map((p) => p.group)), "*"], 2),
    resources: subset([...uniq(PROBES.map((p) => p.resource)), "*", "*/exec"], 3),
    resourceNames: names,
    nonResourceURLs: fc.constant([] as string[]),
  }),
);

const meta = { labels: {}, annotations: {} };
const ref = (kind: string, name: string) => ({ apiGroup: "rbac.authorization.k8s.io", kind, name });
const rbacArb = fc
  .record({
    clusterRoles: fc.array(fc.array(ruleArb, { maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    roles: fc.array(fc.record({ namespace: pick(NAMESPACES), rules: fc.array(ruleArb, { maxLength: 3 }) }), { maxLength: 3 }),
    crbs: fc.array(fc.nat(2), { maxLength: 2 }),
    rbs: fc.array(fc.record({ namespace: pick(NAMESPACES), cluster: fc.boolean(), role: fc.nat(2) }), { maxLength: 4 }),
  })
  .map(({ clusterRoles, roles, crbs, rbs }) => {
    const subjects = [{ kind: "User", name: "alice" }];
    return {
      clusterRoles: clusterRoles.map((rules, i): Role => ({ kind: "ClusterRole", name: `cr${i}`, ...meta, rules })),
      roles: roles.map((r, i): Role => ({ kind: "Role", name: `r${i}`, namespace: r.namespace, ...meta, rules: r.rules })),
      clusterRoleBindings: crbs.map((r, i): RoleBinding => ({ kind: "ClusterRoleBinding", name: `crb${i}`, ...meta, roleRef: ref("ClusterRole", `cr${r}`), subjects })),
      roleBindings: rbs.map((b, i): RoleBinding => ({ kind: "RoleBinding", name: `rb${i}`, namespace: b.namespace, ...meta, roleRef: b.cluster ? ref("ClusterRole", `cr${b.role}`) : ref("Role", `r${b.role}`), subjects })),
    };
  });

/** Paths merged the plain way: a set of rule indices per grant, grants in the order they first come. */
function mergeReference(paths: readonly GrantPath[]): GrantPath[] {
  const byGrant = new Map<Grant, Set<number>>();
  for (const p of paths) {
    const s = byGrant.get(p.grant) ?? new Set<number>();
    for (const i of p.rules) s.add(i);
    byGrant.set(p.grant, s);
  }
  return [...byGrant].map(([grant, rules]) => ({ grant, rules: [...rules].sort((a, b) => a - b) }));
}

const NO: ConditionResult = { matched: false, named: false, paths: [], matchedProbes: [] };

/** One probe, every grant of the scope looked at: direct paths, else those through a listed name. */
function probeReference(p: Probe, ctx: ScopeContext): ConditionResult {
  const c = compile(p);
  const namespace = p.name === "own-namespace" && ctx.namespace ? ctx.namespace : (c.fixedNamespace ?? ctx.namespace);
  const direct: GrantPath[] = [];
  const named: GrantPath[] = [];
  ctx.grants.forEach((g, i) => {
    if (ctx.tables[i].direct[c.id].length && grantApplies(g, namespace)) direct.push({ grant: g, rules: [...ctx.tables[i].direct[c.id]] });
    for (const { rule, name } of ctx.tables[i].named[c.id]) {
      const req = resourceRequest({ verb: p.verb, apiGroup: p.group, resource: p.resource, name, namespace: ctx.namespace });
      if (!grantApplies(g, req.namespace)) continue;
      (p.name === "own-namespace" && name === ctx.namespace ? direct : named).push({ grant: g, rules: [rule] });
    }
  });
  if (direct.length) return { matched: true, named: false, paths: mergeReference(direct), matchedProbes: [c.text] };
  if (named.length) return { matched: true, named: true, paths: mergeReference(named), matchedProbes: [`${c.text} (named)`] };
  return NO;
}

function conditionReference(c: Condition, ctx: ScopeContext): ConditionResult {
  const parts = "any" in c ? c.any.map((p) => probeReference(p, ctx)).filter((r) => r.matched) : c.all.map((s) => conditionReference(s, ctx));
  if ("any" in c) {
    if (!parts.length) return NO;
    const unnamed = parts.filter((r) => !r.named);
    const used = unnamed.length ? unnamed : parts;
    return { matched: true, named: !unnamed.length, paths: mergeReference(used.flatMap((r) => r.paths)), matchedProbes: used.flatMap((r) => r.matchedProbes) };
  }
  if (parts.some((r) => !r.matched)) return NO;
  return { matched: true, named: parts.some((r) => r.named), paths: mergeReference(parts.flatMap((r) => r.paths)), matchedProbes: parts.flatMap((r) => r.matchedProbes) };
}

describe("catalogue conditions", () => {
  it("PathSet ≡ merging paths with a set of rules per grant", () => {
    const grants = ["a", "b", "c"].map((id) => ({ id }) as Grant);
    const sortedRules = fc.uniqueArray(fc.nat(5), { minLength: 1, maxLength: 4 }).map((r) => r.sort((x, y) => x - y));
    fc.assert(
      fc.property(fc.array(fc.record({ grant: pick(grants), rules: sortedRules }), { maxLength: 8 }), (paths) => {
        const set = new PathSet();
        set.addAll(paths);
        expect(set.paths()).toEqual(mergeReference(paths));
      }),
      { numRuns: 300, seed: 20261205 },
    );
  });

  it("evaluateCondition ≡ probe by probe with merged paths; mayMatch never rules out a match", () => {
    let matched = 0;
    let named = 0;
    let ruledOut = 0;
    fc.assert(
      fc.property(rbacArb, (rbac) => {
        const index = buildRbacIndex(rbac);
        const scopes = [scopeContext("cluster", "", index.clusterGrants, index.cache)];
        for (const ns of NAMESPACES) scopes.push(scopeContext(ns === "kube-system" ? "privileged-namespace" : "namespace", ns, [...index.clusterGrants, ...(index.namespaceGrants.get(ns) ?? [])], index.cache));
        for (const ctx of scopes) {
          for (const c of CONDITIONS) {
            const want = conditionReference(c, ctx);
            expect(evaluateCondition(c, ctx)).toEqual(want);
            if (!mayMatch(c, ctx)) {
              ruledOut++;
              expect(want.matched).toBe(false);
            }
            if (want.matched) matched++;
            if (want.named) named++;
          }
        }
      }),
      { numRuns: 150, seed: 20261205 },
    );
    // the draws must exercise matches, named matches and skipped conditions
    expect(matched).toBeGreaterThan(500);
    expect(named).toBeGreaterThan(200);
    expect(ruledOut).toBeGreaterThan(5000);
  });

  it("a role's table is the one computed for its rules alone, when other roles share their content", () => {
    fc.assert(
      fc.property(fc.array(fc.array(ruleArb, { maxLength: 3 }), { minLength: 1, maxLength: 4 }), fc.array(fc.nat(3), { maxLength: 6 }), (lists, copies) => {
        // the same contents again as other arrays of other rule objects
        const all = [...lists, ...copies.map((i) => lists[i % lists.length].map((r) => ({ ...r })))];
        const cache = new RuleMatchCache();
        for (const rules of all) expect(roleTable(rules, cache)).toEqual(roleTable(rules, new RuleMatchCache()));
      }),
      { numRuns: 150, seed: 20261205 },
    );
  });

  it("perRuleList computes a fact once per content of the rules, per cache", () => {
    const rule = (verb: string): PolicyRule => ({ verbs: [verb], apiGroups: [""], resources: ["pods"], resourceNames: [], nonResourceURLs: [] });
    const cache = new RuleMatchCache();
    const seen: string[] = [];
    const fact = (rules: PolicyRule[]) => perRuleList("test", rules, cache, () => (seen.push(rules[0].verbs[0]), rules[0].verbs[0]));
    expect([fact([rule("get")]), fact([rule("get")]), fact([rule("list")]), fact([rule("get")])]).toEqual(["get", "get", "list", "get"]);
    expect(seen).toEqual(["get", "list"]);
    expect(perRuleList("other", [rule("get")], cache, () => "other")).toBe("other");
    // one array asked for two facts: each fact its own value, each computed once
    const shared = [rule("watch")];
    expect([perRuleList("test", shared, cache, () => "test"), perRuleList("other", shared, cache, () => "other"), perRuleList("other", [rule("watch")], cache, () => "again")]).toEqual(["test", "other", "other"]);
    expect(perRuleList("test", [rule("get")], new RuleMatchCache(), () => "fresh")).toBe("fresh");
  });
});
