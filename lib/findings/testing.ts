/** Test helpers: findings and rules with sensible defaults. */
import { findingId, type Finding, type ResourceRef, type RuleInfo, type Severity } from "./types";

export function rule(id: string, patch: Partial<RuleInfo> = {}): RuleInfo {
  return { rule: id, category: "workload", title: `Rule ${id}`, severity: "medium", description: `About ${id}`, remediation: `Fix ${id}`, references: [], ...patch };
}

export function finding(ruleId: string, name: string, patch: Partial<Finding> & { severity?: Severity } = {}): Finding {
  const resources: ResourceRef[] = patch.resources ?? [{ kind: "Deployment", namespace: "shop", name }];
  return {
    id: findingId(ruleId, resources),
    rule: ruleId,
    severity: "medium",
    category: "workload",
    title: `Rule ${ruleId}`,
    resources,
    evidence: `evidence for ${name}`,
    remediation: `Fix ${ruleId}`,
    references: [],
    namespace: resources[0]?.namespace,
    ...patch,
  };
}
