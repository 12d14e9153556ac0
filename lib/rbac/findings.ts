/**
 * RBAC findings: the catalogue (catalogue.ts) run per bound subject × scope through the evaluator,
 * plus the binding-level rules (R27 grants to everyone, R28 risky grants to all service accounts,
 * H1–H3 hygiene) and R29, workloads whose mounted token carries a critical or high permission.
 * Subjects are judged on the bindings that name them; what they get through implicit groups is
 * reported on the group (R27/R28), and what a pod's token gets in total on the workload (R29).
 * Default and vendor objects (bootstrap label, `system:` names) are hidden unless asked for.
 */
import { SEVERITY_RANK, findingId, type Finding, type ResourceRef, type Severity } from "../findings/types";
import { assessGrants, type RiskHit } from "./assess";
import { riskRule } from "./catalogue";
import type { ScopeKind } from "./risk-model";
import { isDefaultSubject } from "./defaults";
import { describeGrant, describePath } from "./describe";
import { aggregationDriftFindings, bindingFindings } from "./hygiene";
import type { Grant, RbacIndex } from "./rbac-index";
import { assessOptions, hitIsDefault, scopeText, type RiskOptions } from "./sa-risk";
import { ALL_SERVICE_ACCOUNTS, describeSubject, subjectId, subjectOfKey, type SubjectRef } from "./subjects";
import { viaOf } from "./who-can";
import { workloadIdentities, type WorkloadIdentity } from "./workload-identity";

export interface RbacFindingOptions extends RiskOptions {
  /** Include findings about default and vendor objects (default false). */
  includeDefaults?: boolean;
  /** H3: more distinct roles than this (default 10). */
  manyRolesThreshold?: number;
}

/** A subject as a finding resource (kind User/Group/ServiceAccount). */
export function subjectResource(ref: SubjectRef): ResourceRef {
  return resourceRef(ref.kind, ref.namespace, ref.name);
}

/** `{ kind, namespace, name }`, without the namespace when it is empty (no spread: one per finding and path). */
const resourceRef = (kind: string, namespace: string | undefined, name: string): ResourceRef => (namespace ? { kind, namespace, name } : { kind, name });

/** The bindings and roles of the granting paths, as finding resources, once each. */
export function grantResources(grants: Iterable<Grant>): ResourceRef[] {
  const out = new Map<string, ResourceRef>();
  for (const g of grants) {
    out.set(g.id, resourceRef(g.binding.kind, g.namespace, g.binding.name));
    const roleKey = `${g.roleRef.kind}/${g.roleRef.kind === "Role" ? g.namespace : ""}/${g.roleRef.name}`;
    out.set(roleKey, g.roleRef.kind === "Role" ? { kind: g.roleRef.kind, namespace: g.namespace, name: g.roleRef.name } : { kind: g.roleRef.kind, name: g.roleRef.name });
  }
  return [...out.values()];
}

/** The explorer focus for a subject: the graph opens on its node. */
export function subjectFocus(ref: SubjectRef, extra: Record<string, string> = {}) {
  return { view: "rbac" as const, params: { focus: `subject:${subjectId(ref)}`, ...extra } };
}

function scopeDiscriminator(h: { scope: ScopeKind; namespace: string }): string {
  return h.namespace ? `ns:${h.namespace}` : "cluster";
}

/** A finding for one catalogue hit of one subject. */
export function hitFinding(subject: SubjectRef, h: RiskHit): Finding {
  const subjectRef = subjectResource(subject);
  const grants = h.paths.map((p) => p.grant);
  const evidence = `${h.tier} (${h.matchedProbes.join(", ")}) — ${h.paths.map(describePath).join("; ")}`;
  return {
    id: findingId(h.rule.rule, [subjectRef], scopeDiscriminator(h)),
    rule: h.rule.rule,
    severity: h.severity,
    category: "rbac",
    title: `${describeSubject(subject)} ${h.rule.phrase} ${scopeText(h.scope, h.namespace)}`,
    resources: [subjectRef, ...grantResources(grants)],
    evidence,
    remediation: h.rule.remediation,
    references: [...h.rule.references],
    ...(h.namespace ? { namespace: h.namespace } : {}),
    scope: h.scope,
    focus: subjectFocus(subject, { rule: h.rule.rule, ...(h.namespace ? { namespace: h.namespace } : {}) }),
    details: { reason: h.rule.description, subject, tier: h.tier, named: h.named, probes: h.matchedProbes, paths: h.paths.map(viaOf), ...(h.implies?.length ? { implies: h.implies } : {}) },
    ...(isDefaultSubject(subject) || hitIsDefault(h) ? { isDefault: true } : {}),
  };
}

const R28_SOURCES = new Set(["R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08", "R09", "R10", "R11", "R12", "R13", "R14", "R15", "R16", "R17", "R18", "R19"]);

/** R28: a group of every service account (cluster or one namespace) holding an R01–R19 permission. */
function allServiceAccountsFinding(group: SubjectRef, hits: RiskHit[]): Finding[] {
  const byScope = new Map<string, RiskHit[]>();
  for (const h of hits) if (R28_SOURCES.has(h.rule.rule)) byScope.set(scopeDiscriminator(h), [...(byScope.get(scopeDiscriminator(h)) ?? []), h]);
  const rule = riskRule("R28");
  return [...byScope.values()].map((hs) => {
    const h = hs[0];
    const severity: Severity = h.scope === "namespace" ? "high" : "critical";
    const ref = subjectResource(group);
    return {
      id: findingId("R28", [ref], scopeDiscriminator(h)),
      rule: "R28",
      severity,
      category: "rbac",
      title: `${describeSubject(group)} ${rule.phrase} ${scopeText(h.scope, h.namespace)}`,
      resources: [ref, ...grantResources(hs.flatMap((x) => x.paths.map((p) => p.grant)))],
      evidence: hs.map((x) => `${x.rule.rule} ${x.rule.phrase}: ${x.paths.map((p) => describeGrant(p.grant)).join("; ")}`).join(" · "),
      remediation: rule.remediation,
      references: [...rule.references],
      ...(h.namespace ? { namespace: h.namespace } : {}),
      scope: h.scope,
      focus: subjectFocus(group, { rule: "R28" }),
      details: { reason: rule.description, subject: group, rules: hs.map((x) => x.rule.rule) },
      ...(hs.every(hitIsDefault) ? { isDefault: true } : {}),
    };
  });
}

/** H3: a subject bound to more distinct roles than the threshold. */
function manyRolesFinding(subject: SubjectRef, grants: Grant[], threshold: number): Finding | null {
  const roles = new Set(grants.map((g) => g.roleId));
  if (roles.size <= threshold) return null;
  const rule = riskRule("H3");
  const ref = subjectResource(subject);
  return {
    id: findingId("H3", [ref]),
    rule: "H3",
    severity: "info",
    category: "rbac",
    title: `${describeSubject(subject)} ${rule.phrase} (${roles.size})`,
    resources: [ref],
    evidence: `${roles.size} roles through ${grants.length} bindings: ${[...roles].slice(0, 10).join(", ")}${roles.size > 10 ? ", …" : ""}`,
    remediation: rule.remediation,
    references: [],
    focus: subjectFocus(subject),
    ...(isDefaultSubject(subject) || grants.every((g) => g.isDefault) ? { isDefault: true } : {}),
  };
}

/** R29: workloads whose mounted token carries a critical or high permission. */
function workloadTokenFindings(index: RbacIndex, opts: RiskOptions): Finding[] {
  const out: Finding[] = [];
  for (const w of workloadIdentities(index, opts)) {
    // made once per identity: a namespace whose pods did not move keeps its identities (workload-identity.ts), so its findings
    let f = tokenFindings.get(w);
    if (f === undefined) tokenFindings.set(w, (f = workloadTokenFinding(w)));
    if (f) out.push(f);
  }
  return out;
}

/** Each identity's R29 finding (null: none), a function of the identity alone. */
const tokenFindings = new WeakMap<WorkloadIdentity, Finding | null>();

function workloadTokenFinding(w: WorkloadIdentity): Finding | null {
  const rule = riskRule("R29");
  const sev = w.risk.severity;
  if (!w.token.mounted || !sev || SEVERITY_RANK[sev] < SEVERITY_RANK.high) return null;
  const serious = w.risk.risks.filter((r) => SEVERITY_RANK[r.severity] >= SEVERITY_RANK.high);
  const workloadRef: ResourceRef = { kind: w.workload.kind, namespace: w.namespace, name: w.workload.name };
  const saRef: ResourceRef = { kind: "ServiceAccount", namespace: w.namespace, name: w.serviceAccount.name };
  return {
    id: findingId("R29", [workloadRef]),
    rule: "R29",
    severity: sev,
    category: "rbac",
    title: `${w.workload.kind} ${w.namespace}/${w.workload.name} ${rule.phrase} (ServiceAccount ${w.serviceAccount.name})`,
    resources: [workloadRef, saRef],
    evidence: `token mounted (decided by ${w.token.decidedBy}); ServiceAccount ${w.namespace}/${w.serviceAccount.name} ${w.risk.summary}`,
    remediation: rule.remediation,
    references: [...rule.references],
    namespace: w.namespace,
    scope: serious.some((r) => r.scope !== "namespace") ? "cluster" : "namespace",
    focus: subjectFocus({ kind: "ServiceAccount", namespace: w.namespace, name: w.serviceAccount.name }),
    details: { pods: w.pods, synthesized: w.synthesized, serviceAccount: w.serviceAccount, token: w.token, risks: serious },
    ...(serious.every((r) => r.isDefault) ? { isDefault: true } : {}),
  };
}

/**
 * A subject's findings, kept from one index to the next (a watched cluster's snapshots) while the
 * bindings that name it and their roles are the same records and the settings the same: a new
 * RoleBinding re-evaluates the subjects it names, not every subject. A grant is made from its
 * binding and its role alone, so equal records give equal findings. Kept on the subject's first
 * binding record, so it goes when that binding does.
 */
interface SubjectEntry {
  grants: readonly Grant[];
  settings: string;
  findings: Finding[];
}
const bySubject = new WeakMap<object, Map<string, SubjectEntry>>();

function subjectFindings(key: string, grants: readonly Grant[], settings: string, compute: () => Finding[]): Finding[] {
  if (grants.length === 0) return compute();
  let m = bySubject.get(grants[0].binding);
  if (!m) bySubject.set(grants[0].binding, (m = new Map()));
  const had = m.get(key);
  if (had && had.settings === settings && sameGrants(had.grants, grants)) return had.findings;
  const findings = compute();
  m.set(key, { grants, settings, findings });
  return findings;
}

const sameGrants = (a: readonly Grant[], b: readonly Grant[]) => a.length === b.length && a.every((g, i) => g.binding === b[i].binding && g.role === b[i].role && g.namespace === b[i].namespace);

/** Every RBAC finding of the index, most severe first. */
export function rbacFindings(index: RbacIndex, opts: RbacFindingOptions = {}): Finding[] {
  const aopts = assessOptions(index, opts);
  const threshold = opts.manyRolesThreshold ?? 10;
  const out: Finding[] = [];
  const keys = new Set([...index.clusterByKey.keys(), ...index.namespacedByKey.keys()]);
  const settings = `${threshold}\u0000${aopts.eks}\u0000${[...aopts.privilegedNamespaces].join(",")}`;
  for (const key of keys) {
    const grants = [...(index.clusterByKey.get(key) ?? []), ...(index.namespacedByKey.get(key) ?? [])];
    for (const f of subjectFindings(key, grants, settings, () => {
      const subject = subjectOfKey(key);
      const hits = assessGrants(grants, aopts, index.cache);
      const found = hits.map((h) => hitFinding(subject, h));
      if (subject.kind === "Group" && (subject.name === ALL_SERVICE_ACCOUNTS || subject.name.startsWith(`${ALL_SERVICE_ACCOUNTS}:`))) found.push(...allServiceAccountsFinding(subject, hits));
      const many = manyRolesFinding(subject, grants, threshold);
      if (many) found.push(many);
      return found;
    }))
      out.push(f);
  }
  for (const list of [bindingFindings(index), aggregationDriftFindings(index), workloadTokenFindings(index, opts)]) for (const f of list) out.push(f);
  const shown = opts.includeDefaults ? out : out.filter((f) => !f.isDefault);
  return shown.sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.rule.localeCompare(b.rule) || a.title.localeCompare(b.title));
}
