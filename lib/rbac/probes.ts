/**
 * Puts catalogue probes to the evaluator in one scope. A scope is the set of grants that can apply
 * there (ClusterRoleBindings, plus one namespace's RoleBindings) and the namespace requests are
 * made in ("" cluster-wide). Each probe becomes a request through the request normaliser, so a
 * probe on a cluster-scoped resource gets namespace "" and only ClusterRoleBindings can satisfy it —
 * exactly as upstream — and rules are matched by ruleAllows.
 * A probe on "any" object is asked with a name no rule lists (so only rules without resourceNames
 * match); a rule with resourceNames that grants it for one of its names is a "named" match, which
 * lowers the severity one level (assess.ts tierSeverity). For speed, each role's answers to every probe are
 * computed once (roleTable) and scopes only combine them.
 */
import type { PolicyRule } from "../model";
import { RISK_RULES } from "./catalogue";
import { ANY, type Condition, type NameMode, type Probe, type ScopeKind } from "./risk-model";
import { grantApplies, type Grant, type GrantPath, type RuleMatchCache } from "./rbac-index";
import { PathSet } from "./path-set";
import { resourceRequest, type ResourceRequest } from "./request";
import { ruleAllows } from "./rule-allows";

export interface ScopeContext {
  kind: ScopeKind;
  /** "" cluster-wide. */
  namespace: string;
  grants: readonly Grant[];
  /** roleTable of each grant, same order. */
  tables: readonly RoleTable[];
  /** answered[id]: some grant's role answers probe number id (directly or named); see mayMatch. */
  answered: Uint8Array;
  cache: RuleMatchCache;
}

export interface ConditionResult {
  matched: boolean;
  /** Matched only through rules with resourceNames. */
  named: boolean;
  paths: GrantPath[];
  /** The probes that matched, as "verb resource" text. */
  matchedProbes: string[];
}

const NO_MATCH: ConditionResult = { matched: false, named: false, paths: [], matchedProbes: [] };

export interface Compiled {
  id: number;
  probe: Probe;
  text: string;
  /** The normalised request (its namespace is irrelevant to rule matching). */
  request: ResourceRequest;
  /** The namespace the normaliser gives whatever the scope ("" cluster-scoped), or null: the scope's. */
  fixedNamespace: string | null;
}

function nameFor(mode: NameMode, namespace: string): string {
  if (mode === "none") return "";
  if (mode === "any" || mode === "own-namespace") return mode === "own-namespace" && namespace ? namespace : ANY;
  return mode.literal;
}

function probeRequest(p: Probe, name: string, namespace: string): ResourceRequest {
  return resourceRequest({ verb: p.verb, apiGroup: p.group, resource: p.resource, name, namespace });
}

/** `create pods/exec`, `impersonate userextras/*.authentication.k8s.io` — a probe for evidence text. */
export function probeText(p: Probe): string {
  const show = (s: string) => s.split(ANY).join("*");
  const group = p.group === "" ? "" : `.${show(p.group)}`;
  const name = typeof p.name === "object" ? ` "${p.name.literal}"` : "";
  return `${show(p.verb)} ${show(p.resource)}${group}${name}`;
}

const compiledByProbe = new Map<Probe, Compiled>();
const COMPILED: Compiled[] = [];

/**
 * Normalises a probe once: asking it in two different namespaces tells whether the normaliser pins
 * its namespace (cluster-scoped resources, the Namespace object) or keeps the scope's. An own-namespace
 * probe is compiled with the "any" name; its scope's own name is handled as a named match.
 */
export function compile(p: Probe): Compiled {
  let c = compiledByProbe.get(p);
  if (c) return c;
  const a = probeRequest(p, nameFor(p.name, ""), "\u0001a");
  const b = probeRequest(p, nameFor(p.name, ""), "\u0001b");
  c = { id: COMPILED.length, probe: p, text: probeText(p), request: a, fixedNamespace: a.namespace === b.namespace ? a.namespace : null };
  compiledByProbe.set(p, c);
  COMPILED.push(c);
  return c;
}

/** The probe numbers of each `any` condition of the catalogue. */
const anyIds = new Map<Condition, number[]>();

function collect(c: Condition): void {
  if ("any" in c) anyIds.set(c, c.any.map((p) => compile(p).id));
  else c.all.forEach(collect);
}
for (const r of RISK_RULES) for (const t of r.tiers) collect(t.when);

/** A role's answer to every probe: rules matching as asked, and named rules matching for a name they list. */
export interface RoleTable {
  direct: (readonly number[])[];
  named: (readonly { rule: number; name: string }[])[];
  /** The probes with a direct or a named answer (most roles answer none). */
  answers: number[];
}

const EMPTY: readonly never[] = [];

/** A role's answers to every catalogue probe, computed once per index and rule list (perRuleList). */
export function roleTable(rules: readonly PolicyRule[], cache: RuleMatchCache): RoleTable {
  return perRuleList("probes", rules, cache, () => computeRoleTable(rules));
}

/** Per cache: each rules array's JSON (made once, whatever the facts asked of it), and each fact by kind and JSON. */
const byContent = new WeakMap<RuleMatchCache, { json: WeakMap<readonly PolicyRule[], string>; facts: Map<string, Map<string, unknown>> }>();

/**
 * A fact about a role that reads nothing but its rules (`kind` names the fact), computed once per
 * index for each distinct list of rules: roles are many and their lists of rules repeat (L: 2,122
 * roles, 775 distinct lists). Looked up by the rules array first, then by its JSON — made once per
 * array for every kind (the role table and the wildcard facts both ask), and looked up as it is,
 * not joined to the kind: a long string made anew per lookup is flattened and hashed each time.
 */
export function perRuleList<T>(kind: string, rules: readonly PolicyRule[], cache: RuleMatchCache, compute: () => T): T {
  return cache.perRole(kind, rules, () => {
    let c = byContent.get(cache);
    if (!c) byContent.set(cache, (c = { json: new WeakMap(), facts: new Map() }));
    let json = c.json.get(rules);
    if (json === undefined) c.json.set(rules, (json = JSON.stringify(rules)));
    let facts = c.facts.get(kind);
    if (!facts) c.facts.set(kind, (facts = new Map()));
    if (facts.has(json)) return facts.get(json) as T;
    const v = compute();
    facts.set(json, v);
    return v;
  });
}

function computeRoleTable(rules: readonly PolicyRule[]): RoleTable {
  const t: RoleTable = { direct: [], named: [], answers: [] };
  for (const c of COMPILED) {
    let direct: number[] | null = null;
    let named: { rule: number; name: string }[] | null = null;
    const canName = c.probe.name === "any" || c.probe.name === "own-namespace";
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      if (ruleAllows(c.request, rule)) (direct ??= []).push(i);
      else if (canName && rule.resourceNames.length) {
        for (const name of rule.resourceNames) {
          if (ruleAllows(probeRequest(c.probe, name, ""), rule)) (named ??= []).push({ rule: i, name });
        }
      }
    }
    t.direct.push(direct ?? EMPTY);
    t.named.push(named ?? EMPTY);
    if (direct || named) t.answers.push(c.id);
  }
  return t;
}

/** The grants that can apply in one scope, with their role tables. */
export function scopeContext(kind: ScopeKind, namespace: string, grants: readonly Grant[], cache: RuleMatchCache): ScopeContext {
  const tables = grants.map((g) => roleTable(g.rules, cache));
  const answered = new Uint8Array(COMPILED.length);
  for (const t of tables) for (const id of t.answers) answered[id] = 1;
  return { kind, namespace, grants, tables, answered, cache };
}

/**
 * False when the condition cannot match in the scope: an `any` none of whose probes some role
 * there answers, or an `all` with such a part. evaluateProbe finds paths only in the role tables'
 * answers, so this is exact to skip on (most scopes answer no probe of most conditions).
 */
export function mayMatch(c: Condition, ctx: ScopeContext): boolean {
  if ("any" in c) {
    const ids = anyIds.get(c);
    if (!ids) return true; // not a catalogue condition: nothing known about it
    for (const id of ids) if (ctx.answered[id]) return true;
    return false;
  }
  for (const sub of c.all) if (!mayMatch(sub, ctx)) return false;
  return true;
}

/** Evaluates one probe in the scope: its granting paths, and whether only named rules grant it. */
export function evaluateProbe(p: Probe, ctx: ScopeContext): ConditionResult {
  return evaluateAny([p], ctx);
}

/**
 * `any`: matched when one probe matches, named only if every matching probe is named — then the
 * paths and texts of the unnamed matches, or of the named ones when there are no others. A probe no
 * role of the scope answers is skipped without looking at the grants.
 */
function evaluateAny(probes: readonly Probe[], ctx: ScopeContext): ConditionResult {
  let direct: PathSet | null = null;
  let directTexts: string[] | null = null;
  let named: PathSet | null = null;
  let namedTexts: string[] | null = null;
  for (const p of probes) {
    const c = compile(p);
    if (!ctx.answered[c.id]) continue;
    // An own-namespace probe in namespace N asks for the Namespace object N (which lives in N).
    const namespace = p.name === "own-namespace" && ctx.namespace ? probeRequest(p, ctx.namespace, ctx.namespace).namespace : (c.fixedNamespace ?? ctx.namespace);
    let matched = false;
    let byName: (Grant | number)[] | null = null; // grant, rule, grant, rule …: kept if nothing matches directly
    for (let i = 0; i < ctx.grants.length; i++) {
      const g = ctx.grants[i];
      const t = ctx.tables[i];
      const d = t.direct[c.id];
      if (d.length && grantApplies(g, namespace)) {
        (direct ??= new PathSet()).add(g, d);
        matched = true;
      }
      const n = t.named[c.id];
      if (!n.length) continue;
      for (const { rule, name } of n) {
        // The name can move the request (the Namespace object lives in itself): normalise it.
        const req = probeRequest(p, name, ctx.namespace);
        if (!grantApplies(g, req.namespace)) continue;
        if (p.name === "own-namespace" && name === ctx.namespace) {
          (direct ??= new PathSet()).add(g, [rule]);
          matched = true;
        } else (byName ??= []).push(g, rule);
      }
    }
    if (matched) (directTexts ??= []).push(c.text);
    else if (byName) {
      named ??= new PathSet();
      for (let i = 0; i < byName.length; i += 2) named.add(byName[i] as Grant, [byName[i + 1] as number]);
      (namedTexts ??= []).push(`${c.text} (named)`);
    }
  }
  if (direct) return { matched: true, named: false, paths: direct.paths(), matchedProbes: directTexts ?? [] };
  if (named) return { matched: true, named: true, paths: named.paths(), matchedProbes: namedTexts ?? [] };
  return NO_MATCH;
}

/** `any` as evaluateAny; `all`: matched when every part matches (named if any part is). */
export function evaluateCondition(c: Condition, ctx: ScopeContext): ConditionResult {
  if ("any" in c) return evaluateAny(c.any, ctx);
  const parts: ConditionResult[] = [];
  for (const sub of c.all) {
    const r = evaluateCondition(sub, ctx);
    if (!r.matched) return NO_MATCH;
    parts.push(r);
  }
  const paths = new PathSet();
  for (const p of parts) paths.addAll(p.paths);
  return { matched: true, named: parts.some((p) => p.named), paths: paths.paths(), matchedProbes: parts.flatMap((p) => p.matchedProbes) };
}
