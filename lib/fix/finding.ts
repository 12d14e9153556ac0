/**
 * Which fix a finding gets: an RBAC risk finding (rules with probes, lib/rbac/catalogue.ts) the
 * grant fixer for every probe the subject holds in the finding's scope, each alternative also
 * checked to make the finding go away; a workload's Pod Security finding the patch to its owner
 * at the control's level (or a higher one asked for); a hygiene finding a template edit fixes, the
 * same patch; a workload that its namespace's enforced level would reject, the patch to that level.
 * Anything else says why there is no automatic fix, with the rule's remediation.
 */
import { rbacIndexOf } from "../analysis";
import { ClearanceError } from "../errors";
import type { Finding, ResourceRef } from "../findings/types";
import type { ClusterSnapshot } from "../model";
import { PSS_CONTROLS } from "../posture/pss/evaluate";
import { assessGrants } from "../rbac/assess";
import { RISK_RULES } from "../rbac/catalogue";
import { hitFinding } from "../rbac/findings";
import type { Condition, Probe } from "../rbac/risk-model";
import { assessOptions } from "../rbac/sa-risk";
import { keyOfSubject, type SubjectRef } from "../rbac/subjects";
import { HYGIENE_EDITS, type TargetLevel } from "./harden";
import { postureFix, type PostureFix } from "./posture";
import { fixGrant, type RbacFix } from "./rbac";
import type { RulePoint } from "./rbac-narrow";

export type FindingFix =
  | { kind: "rbac"; finding: Finding; fix: RbacFix & { alternatives: (RbacFix["alternatives"][number] & { fixesFinding: boolean })[] } }
  | { kind: "posture"; finding: Finding; fix: PostureFix }
  | { kind: "none"; finding: Finding; reason: string };

function probesOf(c: Condition): Probe[] {
  return "any" in c ? c.any : c.all.flatMap(probesOf);
}

/** Does the subject still have this finding (same id) in the snapshot? */
export function subjectHasFinding(snapshot: ClusterSnapshot, subject: SubjectRef, id: string): boolean {
  const index = rbacIndexOf(snapshot);
  const key = keyOfSubject(subject);
  const grants = [...(index.clusterByKey.get(key) ?? []), ...(index.namespacedByKey.get(key) ?? [])];
  return assessGrants(grants, assessOptions(index, {}), index.cache).some((h) => hitFinding(subject, h).id === id);
}

function rbacFix(snapshot: ClusterSnapshot, f: Finding): FindingFix {
  const rule = RISK_RULES.find((r) => r.rule === f.rule);
  const subject = (f.details as { subject?: SubjectRef } | undefined)?.subject;
  if (!rule || !rule.tiers.length || !subject) return { kind: "none", finding: f, reason: `no automatic fix for ${f.rule}: ${f.remediation}` };
  const seen = new Set<string>();
  const points: RulePoint[] = [];
  for (const t of rule.tiers) {
    for (const p of probesOf(t.when)) {
      const k = `${p.verb}\u0000${p.group}\u0000${p.resource}`;
      if (!seen.has(k)) points.push({ verb: p.verb, apiGroup: p.group, resource: p.resource });
      seen.add(k);
    }
  }
  const fix = fixGrant(snapshot, { subject, points, namespace: f.namespace ?? "" }, (after) => !subjectHasFinding(after, subject, f.id));
  return { kind: "rbac", finding: f, fix: fix as Extract<FindingFix, { kind: "rbac" }>["fix"] };
}

const PSS_LEVEL = new Map(PSS_CONTROLS.map((c) => [c.rule, c.level]));

function workloadRef(f: Finding): (ResourceRef & { namespace: string }) | undefined {
  const r = f.resources[0];
  return r?.namespace ? { ...r, namespace: r.namespace } : undefined;
}

/** The fix for one finding (see file comment); `level` raises a Pod Security fix to that level. */
export function fixFinding(snapshot: ClusterSnapshot, f: Finding, opts: { level?: TargetLevel } = {}): FindingFix {
  if (f.category === "rbac") return rbacFix(snapshot, f);
  const ref = workloadRef(f);
  const required = f.rule === "ADM-psa-would-reject" ? ((f.details as { required?: string } | undefined)?.required as TargetLevel | undefined) : PSS_LEVEL.get(f.rule);
  const hygiene = HYGIENE_EDITS[f.rule] ? [f.rule] : [];
  if (!ref || (!required && !hygiene.length)) return { kind: "none", finding: f, reason: `no automatic fix for ${f.rule}: ${f.remediation}` };
  const level = opts.level === "restricted" || required === "restricted" ? "restricted" : required ? (opts.level ?? required) : opts.level;
  const fix = postureFix(snapshot, ref, { ...(level ? { level } : {}), hygiene });
  return fix ? { kind: "posture", finding: f, fix } : { kind: "none", finding: f, reason: `${ref.kind} ${ref.namespace}/${ref.name} is not in the snapshot` };
}

/** The fix of the finding with this id among `findings` (a scan of `snapshot`); not_found when there is none. */
export function fixFindingById(snapshot: ClusterSnapshot, findings: readonly Finding[], id: string, opts: { level?: TargetLevel } = {}): FindingFix {
  const f = findings.find((x) => x.id === id);
  if (!f) throw new ClearanceError("not_found", `no finding ${id} in this source`);
  return fixFinding(snapshot, f, opts);
}
