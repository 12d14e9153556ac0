/**
 * One scan: every area's findings for a snapshot. Posture runs directly; RBAC and network
 * findings come from injected producers (lib/rbac and lib/netpol plug in here), so this module
 * does not depend on them. Findings are deduplicated by id and sorted worst first.
 */
import type { ClusterSnapshot } from "../model";
import { POSTURE_RULES, postureFindings, type PostureOptions, type PostureResult } from "../posture";
import { workloadUnits } from "../posture/units";
import { buildCatalogue, completeCatalogue } from "./catalogue";
import { CATEGORIES, SEVERITY_RANK, type Category, type Finding, type RuleInfo } from "./types";

/** What an area returns: findings, and optionally the number of resources each rule was checked on and its rules. */
export interface ProducerOutput {
  findings: Finding[];
  evaluated?: Record<string, number>;
  rules?: readonly RuleInfo[];
}

export type FindingProducer = (snapshot: ClusterSnapshot) => Finding[] | ProducerOutput;

export interface RunOptions extends PostureOptions {
  /** RBAC, network (and any other) finding producers. */
  producers?: readonly FindingProducer[];
  /** Extra catalogue entries (e.g. RBAC_RULES, NETWORK_RULES). */
  rules?: readonly (readonly RuleInfo[])[];
  /** An earlier run's findings, whose order the findings it shares keep (`dedupeAndSort`); the result is the same. */
  previous?: readonly Finding[];
}

export interface FindingsRun {
  findings: Finding[];
  evaluated: Record<string, number>;
  catalogue: RuleInfo[];
  posture: PostureResult;
}

/**
 * When a producer does not say how many resources a rule was checked on, the area's size stands in
 * (so its findings are weighed against something): RBAC — roles and bindings; network —
 * namespaces and workloads; others — workloads.
 */
export function areaSize(snapshot: ClusterSnapshot, category: Category, workloads = workloadUnits(snapshot.pods).length): number {
  switch (category) {
    case "rbac":
      return snapshot.roles.length + snapshot.clusterRoles.length + snapshot.roleBindings.length + snapshot.clusterRoleBindings.length;
    case "network":
      return snapshot.namespaces.length + workloads;
    case "platform":
      return Math.max(1, snapshot.nodes.length);
    default:
      return workloads;
  }
}

const by = (x: string | undefined, y: string | undefined) => ((x ?? "") < (y ?? "") ? -1 : (x ?? "") > (y ?? "") ? 1 : 0);
const CATEGORY_RANK = new Map<string, number>(CATEGORIES.map((c, i) => [c, i]));
const categoryRank = (c: Category) => CATEGORY_RANK.get(c) ?? -1;

/** Worst first, then by area, rule, namespace and resource, so output is stable. */
export function compareFindings(a: Finding, b: Finding): number {
  // `by` and the category ranks made once, not per comparison: a large scan sorts ~10^6 pairs per run
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    categoryRank(a.category) - categoryRank(b.category) ||
    by(a.rule, b.rule) ||
    by(a.namespace, b.namespace) ||
    by(a.resources[0]?.name, b.resources[0]?.name) ||
    by(a.id, b.id)
  );
}

/**
 * Keeps one finding per id (the most severe), sorted by severity, area, rule, namespace, resource.
 * `previous`, an earlier result of this function (the source's run when scanning a draft or the
 * next watched snapshot), lends its order: the findings it shares (the same objects, as reused
 * checks return them) keep their order, only the others are sorted and merged in. The result is
 * the same; a draft touching a few workloads sorts a few findings, not ~50,000.
 */
export function dedupeAndSort(findings: readonly Finding[], previous?: readonly Finding[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const f of findings) {
    const prev = byId.get(f.id);
    if (!prev || SEVERITY_RANK[f.severity] > SEVERITY_RANK[prev.severity]) byId.set(f.id, f);
  }
  if (!previous?.length) return [...byId.values()].sort(compareFindings);
  const earlier = membersOf(previous);
  const fresh: Finding[] = [];
  for (const f of byId.values()) if (!earlier.has(f)) fresh.push(f);
  // a subsequence of a sorted list is sorted (compareFindings orders distinct ids strictly)
  return mergeSorted(
    previous.filter((f) => byId.get(f.id) === f),
    fresh.sort(compareFindings),
  );
}

/** The findings of an earlier sorted result, kept with it (several drafts over one source share it). */
const members = new WeakMap<readonly Finding[], Set<Finding>>();
function membersOf(list: readonly Finding[]): Set<Finding> {
  let m = members.get(list);
  if (!m) members.set(list, (m = new Set(list)));
  return m;
}

/** Two sorted lists as one; `b` is the short one: each of its items is placed by binary search in `a`. */
function mergeSorted(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  let i = 0;
  for (const x of b) {
    let lo = i;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareFindings(a[mid], x) < 0) lo = mid + 1;
      else hi = mid;
    }
    while (i < lo) out.push(a[i++]);
    out.push(x);
  }
  while (i < a.length) out.push(a[i++]);
  return out;
}

/** Posture plus every injected producer's findings, with the evaluated counts and the complete catalogue. */
export function runAllFindings(snapshot: ClusterSnapshot, options: RunOptions = {}): FindingsRun {
  const posture = postureFindings(snapshot, options);
  const all: Finding[] = [...posture.findings];
  const evaluated: Record<string, number> = { ...posture.evaluated };
  const ruleLists: (readonly RuleInfo[])[] = [POSTURE_RULES, ...(options.rules ?? [])];
  let workloads: number | undefined;
  for (const produce of options.producers ?? []) {
    const out = produce(snapshot);
    const { findings, evaluated: counts, rules } = Array.isArray(out) ? { findings: out, evaluated: undefined, rules: undefined } : out;
    for (const f of findings) all.push(f); // not push(...findings): 200,000 arguments overflow the stack
    if (rules) ruleLists.push(rules);
    if (counts) Object.assign(evaluated, counts);
    for (const f of findings) {
      if (counts?.[f.rule] !== undefined || evaluated[f.rule] !== undefined) continue;
      workloads ??= workloadUnits(snapshot.pods).length;
      evaluated[f.rule] = areaSize(snapshot, f.category, workloads);
    }
  }
  const findings = dedupeAndSort(all, options.previous);
  return { findings, evaluated, catalogue: completeCatalogue(buildCatalogue(...ruleLists), findings), posture };
}

/** Findings shown by default: those about default or vendor objects only when asked for. */
export function visibleFindings(findings: readonly Finding[], includeDefaults: boolean): Finding[] {
  return includeDefaults ? [...findings] : findings.filter((f) => !f.isDefault);
}
