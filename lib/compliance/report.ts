/**
 * Compliance per framework, the way Kubescape computes its compliance score (kubescape/opa-utils
 * score/score.go): a control is checked on every resource of its scope; a resource fails when a
 * finding of one of the control's checks names it first; control score = 100 × passed / checked;
 * framework score = the mean of its scored controls. Findings are taken before exceptions and with
 * default objects, as Kubescape sees a cluster: an accepted risk is still a gap.
 */
import type { Finding, ResourceRef, RuleInfo } from "../findings/types";
import type { ClusterSnapshot } from "../model";
import { checksOf, evaluateControl, keyOf, middleOf, patchControl, type Result, type Universe } from "./control";
import { FRAMEWORK_CONTROLS, FRAMEWORK_TITLES } from "./frameworks";
import { scopeResources } from "./scopes";
import { FRAMEWORKS, type ControlDef, type Framework, type FrameworkReport, type ResourceScope } from "./types";
import { sameElements } from "../analysis/memo";

export { PASSING_SHOWN } from "./control";

export const COMPLIANCE_FORMULA = [
  "Frameworks: CIS Kubernetes Benchmark v1.12 section 5 and the NSA/CISA hardening guidance as Kubescape defines them (kubescape/regolibrary frameworks/cis-v1.12.0.json, nsaframework.json), and the Pod Security Standards.",
  "A control is checked on every resource of its scope (workloads, namespaces, RBAC subjects, bindings or namespaced objects); a resource fails when a finding of one of the control's checks names it.",
  "A cluster-admin-equivalent finding also fails the narrower controls it implies (exec, impersonation, wildcards, Secrets, ...).",
  "Control compliance = 100 × passed resources / checked resources, rounded; a control with nothing to check, or that read-only API objects cannot answer, is listed without a score.",
  "Framework compliance = the mean of its scored controls, rounded; each control costs (100 − its score) / scored controls points.",
  "Excepted (accepted-risk) findings and findings about default objects still fail their control, as in Kubescape: the gap exists, it is only accepted.",
].join("\n");

/** Every framework's controls, in framework order. */
const ALL_CONTROLS: readonly ControlDef[] = FRAMEWORKS.flatMap((fw) => FRAMEWORK_CONTROLS[fw]);

function byKey(lists: Iterable<Iterable<ResourceRef>>): Map<string, ResourceRef> {
  const m = new Map<string, ResourceRef>();
  for (const list of lists) for (const r of list) m.set(keyOf(r), r);
  return m;
}


/**
 * What one evaluation of the controls keeps, so the next one (a watched source's next snapshot, a
 * draft over its source) reuses what its inputs leave alone. A control's result is a function of its
 * definition, the findings listed under each of its checks' rules (in order), those rules' titles and
 * its scopes' resources; findings and refs are never mutated, so the same objects in the same order
 * mean the same result.
 */
export interface Evaluation {
  defs: readonly ControlDef[];
  results: Result[];
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
  // per rule, the findings outside the common prefix and suffix of the previous evaluation's list and this one's
  const middles = new Map<string, readonly Finding[]>();
  const middle = (rule: string) => {
    let m = middles.get(rule);
    if (!m) middles.set(rule, (m = middleOf(previous!.byRule.get(rule) ?? [], byRule.get(rule) ?? [])));
    return m;
  };
  const results = defs.map((def, i) => {
    const universe = universeOf(def.scope);
    if (previous && previous.defs[i] === def) {
      const before = previous.results[i];
      // the same findings in the same order under rules of the same titles, the same universe: the same result
      const same = checksOf(def).every((c) => previous.titles.get(c.rule) === titles.get(c.rule) && middle(c.rule).length === 0);
      if (same && previous.universes.get(def.scope.join(",")) === universe) return before;
      // otherwise only the resources whose findings moved are looked at again
      const patched = patchControl(def, universe, byRule, titles, before, middle);
      if (patched) return patched;
    }
    return evaluateControl(def, universe, byRule, titles);
  });
  return { defs, results, byRule, titles, lists, universes };
}

/** Controls evaluated over a snapshot's findings; `catalogue` gives the checks' titles. */
export function evaluateControls(snapshot: ClusterSnapshot, findings: readonly Finding[], catalogue: readonly RuleInfo[], defs: readonly ControlDef[]): Result[] {
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
