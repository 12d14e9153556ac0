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
  return finding(rule, resources, f, f.namespace, f.scope, f.focus, f.isDefault);
}

/**
 * A finding about a workload: namespaced, focused on the workloads view, "default" in system
 * namespaces — each unless `f` says otherwise (as `postureFinding` of those fields followed by `f`,
 * without making that object for each of the ~40,000 workload findings of a large cluster).
 */
export function workloadFinding(rule: string, unit: WorkloadUnit, f: FindingFields): Finding {
  const { namespace, kind, name } = unit.ref;
  const system = SYSTEM_NAMESPACES.has(namespace);
  return finding(
    rule,
    [unit.ref],
    f,
    "namespace" in f ? f.namespace : namespace,
    "scope" in f ? f.scope : system ? "privileged-namespace" : "namespace",
    "focus" in f ? f.focus : { view: "workloads", params: { namespace, kind, name } },
    "isDefault" in f ? f.isDefault : system,
  );
}

function finding(rule: string, resources: ResourceRef[], f: FindingFields, namespace: string | undefined, scope: Finding["scope"], focus: FindingFocus | undefined, isDefault: boolean | undefined): Finding {
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
  if (namespace !== undefined) out.namespace = namespace;
  if (scope) out.scope = scope;
  if (focus) out.focus = focus;
  if (f.details) out.details = f.details;
  if (isDefault) out.isDefault = true;
  return out;
}
