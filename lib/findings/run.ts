/**
 * One scan: every area's findings for a snapshot. Posture runs directly; RBAC and network
 * findings come from injected producers (lib/rbac and lib/netpol plug in here), so this module
 * does not depend on them. Findings are deduplicated by id and sorted worst first.
 */
import { memoize } from "../analysis/memo";
import type { ClusterSnapshot } from "../model";
import { POSTURE_RULES, postureFindings, type PostureOptions, type PostureResult } from "../posture";
import { workloadUnits } from "../posture/units";
import { buildCatalogue, completeCatalogue } from "./catalogue";
import { dedupeAndSort } from "./dedupe";
import type { Category, Finding, RuleInfo } from "./types";

export { compareFindings, dedupeAndSort } from "./dedupe";

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
      // the units posture memoizes under the same key (lib/posture/index.ts), not grouped again
      workloads ??= memoize(snapshot, "posture:units", () => workloadUnits(snapshot.pods)).length;
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
