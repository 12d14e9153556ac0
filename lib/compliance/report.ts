/**
 * Compliance per framework, the way Kubescape computes its compliance score (kubescape/opa-utils
 * score/score.go): a control is checked on every resource of its scope; a resource fails when a
 * finding of one of the control's checks names it first; control score = 100 × passed / checked;
 * framework score = the mean of its scored controls. Findings are taken before exceptions and with
 * default objects, as Kubescape sees a cluster: an accepted risk is still a gap.
 */
import { memoize, rbacIndexOf } from "../analysis";
import type { Finding, ResourceRef, RuleInfo } from "../findings/types";
import type { ClusterSnapshot } from "../model";
import { namespacedObjects } from "../posture/default-namespace";
import { workloadUnits } from "../posture/units";
import { subjectResource } from "../rbac/findings";
import { subjectOfKey } from "../rbac/subjects";
import { CHECK_FILTERS, parseCheck, type ParsedCheck } from "./filters";
import { FRAMEWORK_CONTROLS, FRAMEWORK_TITLES } from "./frameworks";
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

const CLUSTER: ResourceRef = { kind: "Cluster", name: "cluster" };
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

/** The resources of a list of scopes in a snapshot, by key, computed on first use and shared by every control. */
function scopeUniverses(snapshot: ClusterSnapshot): (scopes: readonly ResourceScope[]) => Universe {
  const lists = scopeResources(snapshot);
  const cache = new Map<string, Universe>();
  return (scopes) => {
    const key = scopes.join(",");
    let r = cache.get(key);
    if (!r) cache.set(key, (r = byKey(scopes.map(lists))));
    return r;
  };
}

/** The resources of each scope in a snapshot, computed on first use. */
export function scopeResources(snapshot: ClusterSnapshot): (scope: ResourceScope) => readonly ResourceRef[] {
  const cache = new Map<ResourceScope, readonly ResourceRef[]>();
  // the units posture memoizes under the same key (lib/posture/index.ts): their refs, and so their keys, are shared
  const unitsOf = () => memoize(snapshot, "posture:units", () => workloadUnits(snapshot.pods));
  const compute = (scope: ResourceScope): readonly ResourceRef[] => {
    switch (scope) {
      case "workloads":
        return unitsOf().map((u) => u.ref);
      case "namespaces":
        return snapshot.namespaces.map((n) => ({ kind: "Namespace", name: n.name }));
      case "subjects": {
        const index = rbacIndexOf(snapshot);
        return [...new Set([...index.clusterByKey.keys(), ...index.namespacedByKey.keys()])].map((k) => subjectResource(subjectOfKey(k)));
      }
      case "bindings":
        return [...snapshot.roleBindings, ...snapshot.clusterRoleBindings].map((b) => ({ kind: b.kind, ...(b.namespace ? { namespace: b.namespace } : {}), name: b.name }));
      case "namespaced-objects":
        return namespacedObjects(snapshot, unitsOf());
      case "cluster":
        return [CLUSTER];
    }
  };
  return (scope) => {
    let r = cache.get(scope);
    if (!r) cache.set(scope, (r = compute(scope)));
    return r;
  };
}

/** A control's checks parsed, once per definition. */
const parsedChecks = new WeakMap<ControlDef, ParsedCheck[]>();
const checksOf = (def: ControlDef) => {
  let c = parsedChecks.get(def);
  if (!c) parsedChecks.set(def, (c = def.checks.map(parseCheck)));
  return c;
};

function evaluateControl(def: ControlDef, universeOf: (s: readonly ResourceScope[]) => Universe, byRule: ReadonlyMap<string, { finding: Finding; key: string }[]>, titles: ReadonlyMap<string, string>): Omit<ControlResult, "cost"> {
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
    for (const { finding: f, key: k } of byRule.get(check.rule) ?? []) {
      if (filter && !filter(f)) continue;
      let entry = failing.get(k);
      if (!entry) failing.set(k, (entry = { resource: f.resources[0] ?? CLUSTER, findings: [] }));
      if (!entry.findings.some((x) => x.id === f.id)) entry.findings.push({ id: f.id, rule: f.rule, title: f.title });
    }
  }
  // the checked resources: the scopes' and the failing ones (a failing resource may lie outside the scopes)
  const universe = universeOf(def.scope);
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

/** Controls evaluated over a snapshot's findings; `catalogue` gives the checks' titles. */
export function evaluateControls(snapshot: ClusterSnapshot, findings: readonly Finding[], catalogue: readonly RuleInfo[], defs: readonly ControlDef[]): Omit<ControlResult, "cost">[] {
  // each finding with the key of the resource it fails (its first, or the cluster)
  const byRule = new Map<string, { finding: Finding; key: string }[]>();
  const add = (rule: string, entry: { finding: Finding; key: string }) => {
    const list = byRule.get(rule);
    if (list) list.push(entry);
    else byRule.set(rule, [entry]);
  };
  for (const f of findings) {
    const entry = { finding: f, key: keyOf(f.resources[0] ?? CLUSTER) };
    // findingRules(f) without an array per finding
    add(f.rule, entry);
    const implies = f.details?.implies;
    if (Array.isArray(implies)) for (const rule of implies as string[]) add(rule, entry);
  }
  const titles = new Map(catalogue.map((r) => [r.rule, r.title]));
  const universeOf = scopeUniverses(snapshot);
  return defs.map((def) => evaluateControl(def, universeOf, byRule, titles));
}

/**
 * Every framework's controls evaluated over a snapshot's findings (all of them: before exceptions,
 * default objects included).
 */
export function complianceReport(snapshot: ClusterSnapshot, findings: readonly Finding[], catalogue: readonly RuleInfo[]): Record<Framework, FrameworkReport> {
  const all = evaluateControls(snapshot, findings, catalogue, FRAMEWORKS.flatMap((fw) => FRAMEWORK_CONTROLS[fw]));
  const out = {} as Record<Framework, FrameworkReport>;
  let at = 0;
  for (const fw of FRAMEWORKS) {
    const results = all.slice(at, (at += FRAMEWORK_CONTROLS[fw].length));
    const scored = results.filter((c) => c.score !== null);
    const score = scored.length ? Math.round(scored.reduce((n, c) => n + c.score!, 0) / scored.length) : null;
    const controls = results.map((c) => ({ ...c, cost: c.score === null ? 0 : Math.round((10 * (100 - c.score)) / scored.length) / 10 }));
    out[fw] = { framework: fw, title: FRAMEWORK_TITLES[fw], score, controls, formula: COMPLIANCE_FORMULA };
  }
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
