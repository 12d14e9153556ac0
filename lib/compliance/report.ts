/**
 * Compliance per framework, the way Kubescape computes its compliance score (kubescape/opa-utils
 * score/score.go): a control is checked on every resource of its scope; a resource fails when a
 * finding of one of the control's checks names it first; control score = 100 × passed / checked;
 * framework score = the mean of its scored controls. Findings are taken before exceptions and with
 * default objects, as Kubescape sees a cluster: an accepted risk is still a gap.
 */
import type { Finding, ResourceRef, RuleInfo } from "../findings/types";
import type { ClusterSnapshot } from "../model";
import { CHECK_FILTERS, parseCheck, type ParsedCheck } from "./filters";
import { FRAMEWORK_CONTROLS, FRAMEWORK_TITLES } from "./frameworks";
import { CLUSTER, scopeResources } from "./scopes";
import { FRAMEWORKS, type ControlDef, type ControlResource, type ControlResult, type Framework, type FrameworkReport, type ResourceScope } from "./types";

export const COMPLIANCE_FORMULA = [
  "Frameworks: CIS Kubernetes Benchmark v1.12 section 5 and the NSA/CISA hardening guidance as Kubescape defines them (kubescape/regolibrary frameworks/cis-v1.12.0.json, nsaframework.json), and the Pod Security Standards.",
  "A control is checked on every resource of its scope (workloads, namespaces, RBAC subjects, bindings or namespaced objects); a resource fails when a finding of one of the control's checks names it.",
  "A cluster-admin-equivalent finding also fails the narrower controls it implies (exec, impersonation, wildcards, Secrets, ...).",
  "Control compliance = 100 × passed resources / checked resources, rounded; a control with nothing to check, or that read-only API objects cannot answer, is listed without a score.",
  "Framework compliance = the mean of its scored controls, rounded; each control costs (100 − its score) / scored controls points.",
  "Excepted (accepted-risk) findings and findings about default objects still fail their control, as in Kubescape: the gap exists, it is only accepted.",
].join("\n");

/** How many passing resources a control lists (all are counted). */
export const PASSING_SHOWN = 50;

/** Every framework's controls, in framework order. */
const ALL_CONTROLS: readonly ControlDef[] = FRAMEWORKS.flatMap((fw) => FRAMEWORK_CONTROLS[fw]);

/** A resource's key, kept per ref object: findings of one workload share its ref, and a draft shares the source's refs. */
const keys = new WeakMap<ResourceRef, string>();
function keyOf(r: ResourceRef): string {
  let k = keys.get(r);
  if (k === undefined) keys.set(r, (k = `${r.kind}/${r.namespace ?? ""}/${r.name}`));
  return k;
}

/** A scope's resources by key, in the order first listed (a key listed twice keeps its last resource). */
type Universe = ReadonlyMap<string, ResourceRef>;

function byKey(lists: Iterable<Iterable<ResourceRef>>): Map<string, ResourceRef> {
  const m = new Map<string, ResourceRef>();
  for (const list of lists) for (const r of list) m.set(keyOf(r), r);
  return m;
}

const sameElements = <T>(a: readonly T[] | undefined, b: readonly T[]) => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * What one evaluation of the controls keeps, so the next one (a watched source's next snapshot, a
 * draft over its source) reuses what its inputs leave alone. A control's result is a function of its
 * definition, the findings listed under each of its checks' rules (in order), those rules' titles and
 * its scopes' resources; findings and refs are never mutated, so the same objects in the same order
 * mean the same result.
 */
export interface Evaluation {
  defs: readonly ControlDef[];
  results: Omit<ControlResult, "cost">[];
  /** Each finding under its rule and the rules it implies, in the findings' order. */
  byRule: Map<string, Finding[]>;
  titles: Map<string, string>;
  /** Each scope's resources, and each list of scopes' universe. */
  lists: Map<ResourceScope, readonly ResourceRef[]>;
  universes: Map<string, Universe>;
}

/** The universes of an evaluation: a list of scopes' is the previous one when every scope lists the same refs. */
function scopeUniverses(snapshot: ClusterSnapshot, lists: Evaluation["lists"], universes: Evaluation["universes"], previous?: Evaluation): (scopes: readonly ResourceScope[]) => Universe {
  const resources = scopeResources(snapshot);
  const listOf = (scope: ResourceScope) => {
    let l = lists.get(scope);
    if (!l) {
      l = resources(scope);
      const before = previous?.lists.get(scope);
      lists.set(scope, (l = before && sameElements(before, l) ? before : l));
    }
    return l;
  };
  return (scopes) => {
    const key = scopes.join(",");
    let u = universes.get(key);
    if (!u) {
      const ls = scopes.map(listOf);
      const before = previous?.universes.get(key);
      universes.set(key, (u = before && scopes.every((s, i) => previous!.lists.get(s) === ls[i]) ? before : byKey(ls)));
    }
    return u;
  };
}

/** A control's checks parsed, once per definition. */
const parsedChecks = new WeakMap<ControlDef, ParsedCheck[]>();
const checksOf = (def: ControlDef) => {
  let c = parsedChecks.get(def);
  if (!c) parsedChecks.set(def, (c = def.checks.map(parseCheck)));
  return c;
};

function evaluateControl(def: ControlDef, universe: Universe, byRule: ReadonlyMap<string, readonly Finding[]>, titles: ReadonlyMap<string, string>): Omit<ControlResult, "cost"> {
  const checks = checksOf(def);
  const base = {
    id: def.id, title: def.title, definition: def.definition, source: def.source,
    ...(def.kubescape ? { kubescape: def.kubescape } : {}),
    checks: checks.map((c) => ({ rule: c.rule, title: titles.get(c.rule) ?? c.rule, ...(c.filter ? { filter: CHECK_FILTERS[c.filter].label } : {}) })),
    ...(def.notChecked ? { notChecked: def.notChecked } : {}),
    differences: def.differences,
  };
  const failing = new Map<string, ControlResource>();
  for (const check of checks) {
    // byRule lists a finding under every rule it counts for (findingRules): only the filter is left to ask
    const filter = check.filter ? CHECK_FILTERS[check.filter].test : undefined;
    for (const f of byRule.get(check.rule) ?? []) {
      if (filter && !filter(f)) continue;
      // the resource a finding fails: its first, or the cluster
      const resource = f.resources[0] ?? CLUSTER;
      const k = keyOf(resource);
      let entry = failing.get(k);
      if (!entry) failing.set(k, (entry = { resource, findings: [] }));
      if (!entry.findings.some((x) => x.id === f.id)) entry.findings.push({ id: f.id, rule: f.rule, title: f.title });
    }
  }
  // the checked resources: the scopes' and the failing ones (a failing resource may lie outside the scopes)
  let outside = 0;
  for (const k of failing.keys()) if (!universe.has(k)) outside++;
  const checked = checks.length ? universe.size + outside : 0;
  const passing: ResourceRef[] = [];
  for (const [k, r] of universe) {
    if (passing.length >= PASSING_SHOWN) break;
    if (!failing.has(k)) passing.push(r);
  }
  const failed = failing.size;
  // a failing entry's key is its resource's key
  const sorted = [...failing].sort(([a], [b]) => a.localeCompare(b)).map(([, e]) => e);
  return { ...base, checked, failed, passed: checked - failed, score: checked ? Math.round((100 * (checked - failed)) / checked) : null, failing: sorted, passing };
}

/**
 * Controls evaluated over a snapshot's findings; `catalogue` gives the checks' titles. With the
 * `previous` evaluation, a control whose findings (per rule), titles and universe are the same
 * objects keeps its result.
 */
export function evaluate(snapshot: ClusterSnapshot, findings: readonly Finding[], catalogue: readonly RuleInfo[], defs: readonly ControlDef[], previous?: Evaluation): Evaluation {
  const byRule = new Map<string, Finding[]>();
  const add = (rule: string, f: Finding) => {
    const list = byRule.get(rule);
    if (list) list.push(f);
    else byRule.set(rule, [f]);
  };
  for (const f of findings) {
    // findingRules(f) without an array per finding
    add(f.rule, f);
    const implies = f.details?.implies;
    if (Array.isArray(implies)) for (const rule of implies as string[]) add(rule, f);
  }
  const titles = new Map(catalogue.map((r) => [r.rule, r.title]));
  const lists: Evaluation["lists"] = new Map();
  const universes: Evaluation["universes"] = new Map();
  const universeOf = scopeUniverses(snapshot, lists, universes, previous);
  // a rule whose findings are the previous evaluation's, in the same order, with the same title
  const same = new Map<string, boolean>();
  const sameRule = (rule: string) => {
    let s = same.get(rule);
    if (s === undefined) {
      const now = byRule.get(rule) ?? [];
      s = previous!.titles.get(rule) === titles.get(rule) && (sameElements(previous!.byRule.get(rule), now) || (now.length === 0 && !previous!.byRule.has(rule)));
      same.set(rule, s);
    }
    return s;
  };
  const results = defs.map((def, i) => {
    const universe = universeOf(def.scope);
    if (previous && previous.defs[i] === def && previous.universes.get(def.scope.join(",")) === universe && checksOf(def).every((c) => sameRule(c.rule))) return previous.results[i];
    return evaluateControl(def, universe, byRule, titles);
  });
  return { defs, results, byRule, titles, lists, universes };
}

/** Controls evaluated over a snapshot's findings; `catalogue` gives the checks' titles. */
export function evaluateControls(snapshot: ClusterSnapshot, findings: readonly Finding[], catalogue: readonly RuleInfo[], defs: readonly ControlDef[]): Omit<ControlResult, "cost">[] {
  return evaluate(snapshot, findings, catalogue, defs).results;
}

/** The evaluation each report was made from (complianceReport's `previous`). */
const evaluations = new WeakMap<object, Evaluation>();

/**
 * Every framework's controls evaluated over a snapshot's findings (all of them: before exceptions,
 * default objects included). `previous`, the report of the snapshot this one follows (a watched
 * source's last, a draft's source), lends the controls whose inputs are the same (`evaluate`).
 */
export function complianceReport(snapshot: ClusterSnapshot, findings: readonly Finding[], catalogue: readonly RuleInfo[], previous?: Record<Framework, FrameworkReport>): Record<Framework, FrameworkReport> {
  const evaluation = evaluate(snapshot, findings, catalogue, ALL_CONTROLS, previous && evaluations.get(previous));
  const all = evaluation.results;
  const out = {} as Record<Framework, FrameworkReport>;
  let at = 0;
  for (const fw of FRAMEWORKS) {
    const results = all.slice(at, (at += FRAMEWORK_CONTROLS[fw].length));
    const scored = results.filter((c) => c.score !== null);
    const score = scored.length ? Math.round(scored.reduce((n, c) => n + c.score!, 0) / scored.length) : null;
    const controls = results.map((c) => ({ ...c, cost: c.score === null ? 0 : Math.round((10 * (100 - c.score)) / scored.length) / 10 }));
    out[fw] = { framework: fw, title: FRAMEWORK_TITLES[fw], score, controls, formula: COMPLIANCE_FORMULA };
  }
  evaluations.set(out, evaluation);
  return out;
}

/** The overview's summary of a framework: its score and each control's counts. */
export interface FrameworkScore {
  score: number | null;
  controls: { id: string; checked: number; failed: number; score: number | null }[];
}

export function frameworkScores(report: Record<Framework, FrameworkReport>): Record<Framework, FrameworkScore> {
  const out = {} as Record<Framework, FrameworkScore>;
  for (const fw of FRAMEWORKS) out[fw] = { score: report[fw].score, controls: report[fw].controls.map((c) => ({ id: c.id, checked: c.checked, failed: c.failed, score: c.score })) };
  return out;
}
