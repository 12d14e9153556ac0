/**
 * U01, risky but unused: a catalogue hit (lib/rbac/catalogue.ts) a subject holds through bindings
 * that name it, which the roles right-sized from its use over the audit window no longer carry —
 * nothing it did in the window needed it. "A cluster-admin token nobody used in 30 days" is the
 * finding a reviewer wants first, so it keeps the severity of the risk it is about and scores like
 * any other finding. No findings when the log counted no request: an empty log proves nothing.
 */
import { findingId, type Finding, type RuleInfo } from "../findings/types";
import { assessGrants, type AssessOptions, type RiskHit } from "../rbac/assess";
import { describePath } from "../rbac/describe";
import { grantResources, subjectFocus, subjectResource } from "../rbac/findings";
import { buildRbacIndex, type RbacIndex } from "../rbac/rbac-index";
import { assessOptions, hitIsDefault, scopeText, type RiskOptions } from "../rbac/sa-risk";
import { describeSubject, keyOfSubject, subjectOfKey, type SubjectRef } from "../rbac/subjects";
import { isDefaultSubject } from "../rbac/defaults";
import { riskKey } from "./right-size";
import { OBSERVED } from "./rules";
import { suggestionBasis } from "./suggest";
import { subjectAtoms, totalUse, type AuditAnalysis } from "./usage";
import { windowLength, windowText } from "./window";

export const UNUSED_RULES: readonly RuleInfo[] = [
  {
    rule: "U01",
    category: "rbac",
    title: "Risky permission unused over the audit window",
    severity: "critical",
    description: "The subject holds a risky permission through bindings that name it, and nothing it did in the window the audit log covers needed it: roles right-sized from its use would not carry it.",
    remediation: "Replace the subject's bindings with roles cut to what it used (clearance suggest-role, or the dashboard's suggestion), or remove the binding. Keep broad rights for break-glass accounts, used only when needed.",
    references: ["CIS 5.1.1", "GP Least privilege", "GP Periodic review"],
  },
];

export interface UnusedRisk {
  subject: SubjectRef;
  hit: RiskHit;
  finding: Finding;
  /** What the subject did instead, without the window: "it made 12 allowed requests (…), none needing it". */
  activity: string;
}

function activityOf(used: { count: number; last: number }, what: string[]): string {
  return used.count
    ? `it made ${used.count} allowed request${used.count === 1 ? "" : "s"} (last ${new Date(used.last).toISOString().slice(0, 16).replace("T", " ")} UTC), none needing it${what.length ? `; what it used: ${what.join("; ")}` : ""}`
    : "no allowed request came from it";
}

function finding(analysis: AuditAnalysis, subject: SubjectRef, h: RiskHit, activity: string): Finding {
  const ref = subjectResource(subject);
  const w = analysis.window!;
  const scope = h.namespace ? `ns:${h.namespace}` : "cluster";
  return {
    id: findingId("U01", [ref], `${h.rule.rule}|${scope}`),
    rule: "U01",
    severity: h.severity,
    category: "rbac",
    title: `${describeSubject(subject)} ${h.rule.phrase} ${scopeText(h.scope, h.namespace)}, unused in the ${windowLength(w)} the audit log covers`,
    resources: [ref, ...grantResources(h.paths.map((p) => p.grant))],
    evidence: `In ${windowText(w)} ${activity}. Granted by ${h.paths.map(describePath).join("; ")}.`,
    remediation: UNUSED_RULES[0].remediation,
    references: [...new Set([...UNUSED_RULES[0].references, ...h.rule.references])],
    ...(h.namespace ? { namespace: h.namespace } : {}),
    scope: h.scope,
    focus: subjectFocus(subject, { suggest: "1" }),
    details: { unusedRule: h.rule.rule, unusedTitle: h.rule.title, window: w, subject },
    ...(isDefaultSubject(subject) || hitIsDefault(h) ? { isDefault: true } : {}),
  };
}

/** One subject's risky-but-unused permissions, and the number of catalogue hits checked. */
export function unusedRisksOf(index: RbacIndex, analysis: AuditAnalysis, subject: SubjectRef, aopts: AssessOptions): { risks: UnusedRisk[]; checked: number } {
  if (!analysis.window) return { risks: [], checked: 0 };
  const key = keyOfSubject(subject);
  const grants = [...(index.clusterByKey.get(key) ?? []), ...(index.namespacedByKey.get(key) ?? [])];
  const hits = assessGrants(grants, aopts, index.cache);
  if (!hits.length) return { risks: [], checked: 0 };
  const basis = suggestionBasis(index, analysis, subject, OBSERVED);
  const after = buildRbacIndex(basis.objects);
  const kept = new Set(assessGrants(after.grants, aopts, after.cache).map(riskKey));
  const unused = hits.filter((h) => !kept.has(riskKey(h)));
  if (!unused.length) return { risks: [], checked: hits.length };
  const used = totalUse(subjectAtoms(analysis, subject));
  const what = [...basis.needed]
    .sort((a, b) => b.count - a.count)
    .slice(0, 3)
    .map((a) => `${a.request.verb} ${a.request.resourceRequest ? `${a.request.resource}${a.request.subresource ? `/${a.request.subresource}` : ""}${a.request.namespace ? ` in ${a.request.namespace}` : ""}` : a.request.path} ×${a.count}`);
  const activity = activityOf(used, what);
  return { risks: unused.map((h) => ({ subject, hit: h, activity, finding: finding(analysis, subject, h, activity) })), checked: hits.length };
}

/**
 * Every risky-but-unused permission: per subject with catalogue hits through its own bindings, the
 * hits its right-sized roles (names and verbs as observed) would not carry. `evaluated` is the number
 * of hits checked (the denominator of the score).
 */
export function unusedRisks(index: RbacIndex, analysis: AuditAnalysis, opts: RiskOptions = {}): { risks: UnusedRisk[]; evaluated: number } {
  if (!analysis.window) return { risks: [], evaluated: 0 };
  const aopts = assessOptions(index, opts);
  const out: UnusedRisk[] = [];
  let evaluated = 0;
  for (const key of new Set([...index.clusterByKey.keys(), ...index.namespacedByKey.keys()])) {
    const r = unusedRisksOf(index, analysis, subjectOfKey(key), aopts);
    out.push(...r.risks);
    evaluated += r.checked;
  }
  return { risks: out, evaluated };
}

/** U01 as a finding producer for scans (lib/findings/run.ts), over one audit analysis. */
export function unusedProducer(index: RbacIndex, analysis: AuditAnalysis, opts: RiskOptions = {}) {
  return () => {
    const { risks, evaluated } = unusedRisks(index, analysis, opts);
    return { findings: risks.map((r) => r.finding), evaluated: { U01: evaluated }, rules: UNUSED_RULES };
  };
}
