/**
 * A right-sizing for one subject, as the CLI prints it and the dashboard shows it: the suggested
 * objects (manifests and YAML), the evaluator's check that nothing the log used stops working, the
 * risky permissions before and after (those kept, with the requests that needed them), and, for each
 * binding that names the subject today, what it would lose.
 */
import type { Severity } from "../findings/types";
import { assessGrants, type RiskHit } from "../rbac/assess";
import { ANY, type Condition, type Probe, type RiskRule } from "../rbac/risk-model";
import { describeGrant, describeRule } from "../rbac/describe";
import { authorizeIndexed, grantApplies, type Grant, type RbacIndex } from "../rbac/rbac-index";
import { describeRequest, resourceRequest } from "../rbac/request";
import { ruleAllows } from "../rbac/rule-allows";
import { assessOptions, scopeText, type RiskOptions } from "../rbac/sa-risk";
import { unbindDraft } from "../fix/rbac";
import { describeSubject, identityOf, keyOfSubject, subjectKey, type SubjectRef } from "../rbac/subjects";
import type { Atom } from "./accumulate";
import { manifestsOf, toYamlStream, type Manifest } from "./manifests";
import { OBSERVED, type Generalisation } from "./rules";
import { grantsNaming, indexAfter, suggestionBasis, verifySuggestion } from "./suggest";
import { totalUse, type AuditAnalysis, type Use } from "./usage";
import { windowText, type AuditWindow } from "./window";

export interface AtomView {
  /** `patch deployments.apps named "web" in namespace shop-frontend`. */
  text: string;
  count: number;
  /** Epoch ms. */
  last: number;
}

export interface RiskView {
  rule: string;
  title: string;
  severity: Severity;
  scope: "cluster" | "privileged-namespace" | "namespace";
  namespace?: string;
  /** `is cluster-admin equivalent cluster-wide`. */
  text: string;
}

export interface RuleChange {
  index: number;
  text: string;
  used: Use;
  /** The requests it allowed (most frequent first, at most 5). */
  usedAs: AtomView[];
  /** What the subject loses of this rule: all of it, all but what was used, or nothing. */
  lost: "all" | "rest" | "none";
}

export interface BindingChange {
  /** `ClusterRoleBinding "ci-deployer-admin" of ClusterRole "cluster-admin"`. */
  text: string;
  binding: { kind: string; name: string; namespace?: string };
  role: { kind: string; name: string; namespace?: string };
  /** Delete it (the subject is its only subject) or take the subject out of it. */
  action: "delete" | "remove-subject";
  otherSubjects: number;
  used: Use;
  rules: RuleChange[];
  /** Risky permissions the subject holds through this binding and would no longer hold. */
  lostRisks: RiskView[];
}

export interface RightSizing {
  subject: SubjectRef;
  window: AuditWindow | null;
  /** "the 21 days covered by the audit log (…)". */
  windowText: string;
  generalisation: Generalisation;
  /** Requests only the subject's own bindings allow: what the suggestion covers. */
  needed: { atoms: number; requests: number };
  manifests: Manifest[];
  yaml: string;
  verification: { ok: boolean; checked: { atoms: number; requests: number }; missing: AtomView[] };
  risk: { before: RiskView[]; after: (RiskView & { because: AtomView[] })[]; removed: RiskView[] };
  changes: BindingChange[];
}

export function atomView(a: Atom): AtomView {
  const folded = a.folded ? (a.request.resourceRequest ? " (many names)" : " (many paths)") : "";
  return { text: `${describeRequest(a.request)}${folded}${a.impersonation ? " (impersonation)" : ""}`, count: a.count, last: a.last };
}

const byCount = (a: Atom, b: Atom) => b.count - a.count || b.last - a.last;

export function riskView(h: RiskHit): RiskView {
  return { rule: h.rule.rule, title: h.rule.title, severity: h.severity, scope: h.scope, ...(h.namespace ? { namespace: h.namespace } : {}), text: `${h.rule.phrase} ${scopeText(h.scope, h.namespace)}` };
}

export const riskKey = (h: { rule: { rule: string } | string; namespace?: string }) => `${typeof h.rule === "string" ? h.rule : h.rule.rule}\u0000${h.namespace ?? ""}`;

/** Atoms a grant's rule allows (in the grant's scope). */
function atomsThrough(atoms: readonly Atom[], g: Grant, i: number): Atom[] {
  return atoms.filter((a) => grantApplies(g, a.request.resourceRequest ? a.request.namespace : "") && ruleAllows(a.request, g.rules[i]));
}

function probesOf(c: Condition): Probe[] {
  return "any" in c ? c.any : c.all.flatMap(probesOf);
}

/** Does a request match one of a catalogue rule's probes (ANY standing for anything)? */
export function matchesRisk(a: Atom, rule: RiskRule): boolean {
  const r = a.request;
  if (!r.resourceRequest) return false;
  const resource = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
  const eq = (p: string, v: string) => p === v || p === ANY || (p.endsWith(ANY) && v.startsWith(p.slice(0, -ANY.length)));
  return rule.tiers.some((t) => probesOf(t.when).some((p) => eq(p.verb, r.verb) && eq(p.group, r.apiGroup) && eq(p.resource, resource)));
}

const WILD = (xs: readonly string[]) => xs.includes("*") || xs.some((x) => x.startsWith("*/"));

/** Does the after-RBAC still give the subject everything this rule gives it (rules without wildcards only)? */
function fullyKept(after: RbacIndex, subject: SubjectRef, groups: readonly string[], g: Grant, i: number): boolean {
  const r = g.rules[i];
  if (WILD(r.verbs) || WILD(r.apiGroups) || WILD(r.resources) || r.nonResourceURLs.some((u) => u.endsWith("*"))) return false;
  const identity = identityOf(subject, groups);
  const allowed = (req: Parameters<typeof ruleAllows>[0]) => authorizeIndexed(after, identity, req, after.cache).allowed;
  if (r.nonResourceURLs.length) return r.verbs.every((verb) => r.nonResourceURLs.every((path) => allowed({ resourceRequest: false, verb, path })));
  const names = r.resourceNames.length ? r.resourceNames : ["\u0000any"];
  return r.verbs.every((verb) => r.apiGroups.every((apiGroup) => r.resources.every((resource) => names.every((name) => allowed(resourceRequest({ verb, apiGroup, resource, name, namespace: g.namespace }))))));
}

function bindingChange(subject: SubjectRef, groups: readonly string[], g: Grant, atoms: readonly Atom[], after: RbacIndex, removed: RiskHit[]): BindingChange {
  const key = keyOfSubject(subject);
  const others = g.binding.subjects.filter((s) => subjectKey(s, g.namespace) !== key).length;
  const rules = g.rules.map((rule, index): RuleChange => {
    const through = atomsThrough(atoms, g, index).sort(byCount);
    const used = totalUse(through);
    return { index, text: describeRule(rule), used, usedAs: through.slice(0, 5).map(atomView), lost: fullyKept(after, subject, groups, g, index) ? "none" : used.count ? "rest" : "all" };
  });
  return {
    text: describeGrant(g),
    binding: { kind: g.binding.kind, name: g.binding.name, ...(g.namespace ? { namespace: g.namespace } : {}) },
    role: { kind: g.roleRef.kind, name: g.roleRef.name, ...(g.roleRef.kind === "Role" ? { namespace: g.namespace } : {}) },
    action: others ? "remove-subject" : "delete",
    otherSubjects: others,
    used: totalUse(atoms.filter((a) => a.paths.some((p) => p.grant === g))),
    rules,
    lostRisks: removed.filter((h) => h.paths.some((p) => p.grant === g)).map(riskView),
  };
}

/**
 * The suggestion as one text for `kubectl apply` and for a what-if draft alike: the new objects
 * first (so nothing used stops working while it is applied), then each binding it replaces either
 * rewritten without the subject or, when the subject was its only subject, deleted by a
 * `# clearance: delete KIND NAMESPACE/NAME` line (lib/whatif/draft.ts; a comment to kubectl, so
 * the header says to delete it by hand).
 */
export function draftText(subject: SubjectRef, replaced: readonly Grant[], manifests: readonly Manifest[], header: readonly string[]): string {
  const unbind = unbindDraft(subject, replaced);
  const note = unbind.deletes.length ? ["", `Apply, then delete the bindings named by the "clearance: delete" lines at the end (kubectl delete; a Clearance draft deletes them).`] : [];
  const rewritten = unbind.docs.map((d) => `---\n${d.trimEnd()}\n`).join("");
  return `${toYamlStream(manifests, [...header, ...note])}${rewritten}${unbind.deletes.map((l) => `${l}\n`).join("")}`;
}

export interface RightSizeOptions extends RiskOptions {
  generalisation?: Generalisation;
  /** Groups the subject is in (IdP membership), for judging what each binding loses. */
  assumeGroups?: readonly string[];
}

/** The right-sizing of one subject's own bindings from what it used (see file comment). */
export function rightSize(index: RbacIndex, analysis: AuditAnalysis, subject: SubjectRef, opts: RightSizeOptions = {}): RightSizing {
  const generalisation = opts.generalisation ?? OBSERVED;
  const basis = suggestionBasis(index, analysis, subject, generalisation);
  const after = indexAfter(index, basis);
  const aopts = assessOptions(index, opts);
  const before = assessGrants(basis.replaced, aopts, index.cache);
  const afterHits = assessGrants(grantsNaming(after, subject), aopts, after.cache);
  const kept = new Set(afterHits.map(riskKey));
  const removed = before.filter((h) => !kept.has(riskKey(h)));
  const verification = verifySuggestion(after, basis);
  const manifests = manifestsOf(basis.objects);
  const wt = windowText(analysis.window);
  const header = [
    `Suggested by Clearance for ${describeSubject(subject)} from what it used in ${wt}.`,
    `Covers ${basis.needed.length} distinct requests (${basis.needed.reduce((n, a) => n + a.count, 0)} in all); names ${generalisation.names === "any" ? "generalised to any" : "as observed"}, verbs ${generalisation.verbs === "family" ? "generalised to their family" : "as observed"}.`,
    ...basis.replaced.map((g) => `Replaces ${describeGrant(g)}: ${g.binding.subjects.length > 1 ? "take the subject out of it" : "delete it"}.`),
  ];
  return {
    subject,
    window: analysis.window,
    windowText: wt,
    generalisation,
    needed: { atoms: basis.needed.length, requests: basis.needed.reduce((n, a) => n + a.count, 0) },
    manifests,
    yaml: draftText(subject, basis.replaced, manifests, header),
    verification: { ok: verification.ok, checked: verification.checked, missing: verification.missing.map(atomView) },
    risk: {
      before: before.map(riskView),
      after: afterHits.map((h) => ({ ...riskView(h), because: [...new Set(h.paths.flatMap((p) => p.rules.flatMap((i) => atomsThrough(basis.needed, p.grant, i))))].filter((a) => matchesRisk(a, h.rule)).sort(byCount).slice(0, 5).map(atomView) })),
      removed: removed.map(riskView),
    },
    changes: basis.replaced.map((g) => bindingChange(subject, opts.assumeGroups ?? [], g, basis.allowed, after, removed)),
  };
}
