/** Builds posture findings from the catalogue, so titles, remediation and references live in one place. */
import { findingId, type Finding, type FindingFocus, type ResourceRef, type RuleInfo, type Severity } from "../findings/types";
import { POSTURE_RULES } from "./catalogue";
import { SYSTEM_NAMESPACES, type WorkloadUnit } from "./units";

const RULES = new Map<string, RuleInfo>(POSTURE_RULES.map((r) => [r.rule, r]));

/** The catalogue entry of a posture rule (a programming error if missing). */
export function ruleInfo(rule: string): RuleInfo {
  const r = RULES.get(rule);
  if (!r) throw new Error(`unknown posture rule ${rule}`);
  return r;
}

export interface FindingFields {
  evidence: string;
  severity?: Severity;
  /** Replaces the catalogue title when the finding can say more (e.g. which level is violated). */
  title?: string;
  remediation?: string;
  /** Extra references on top of the rule's. */
  references?: string[];
  /** Distinguishes findings of one rule on the same resources (e.g. a Node version). */
  discriminator?: string;
  /** Resources used for the id when they differ from the listed ones (e.g. ids stable as nodes come and go). */
  idResources?: ResourceRef[];
  namespace?: string;
  scope?: Finding["scope"];
  focus?: FindingFocus;
  details?: Record<string, unknown>;
  isDefault?: boolean;
}

/** A finding of a posture rule: catalogue texts, a stable id from rule + resources (+ discriminator). */
export function postureFinding(rule: string, resources: ResourceRef[], f: FindingFields): Finding {
  const info = ruleInfo(rule);
  const out: Finding = {
    id: findingId(rule, f.idResources ?? resources, f.discriminator ?? ""),
    rule,
    severity: f.severity ?? info.severity,
    category: info.category,
    title: f.title ?? info.title,
    resources,
    evidence: f.evidence,
    remediation: f.remediation ?? info.remediation,
    references: f.references ? [...new Set([...info.references, ...f.references])] : [...info.references],
  };
  if (f.namespace !== undefined) out.namespace = f.namespace;
  if (f.scope) out.scope = f.scope;
  if (f.focus) out.focus = f.focus;
  if (f.details) out.details = f.details;
  if (f.isDefault) out.isDefault = true;
  return out;
}

/** A finding about a workload: namespaced, focused on the workloads view, "default" in system namespaces. */
export function workloadFinding(rule: string, unit: WorkloadUnit, f: FindingFields): Finding {
  return postureFinding(rule, [unit.ref], {
    namespace: unit.ref.namespace,
    scope: SYSTEM_NAMESPACES.has(unit.ref.namespace) ? "privileged-namespace" : "namespace",
    focus: { view: "workloads", params: { namespace: unit.ref.namespace, kind: unit.ref.kind, name: unit.ref.name } },
    isDefault: SYSTEM_NAMESPACES.has(unit.ref.namespace),
    ...f,
  });
}
