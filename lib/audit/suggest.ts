/**
 * Right-sized roles for one subject: Roles/ClusterRoles and bindings that grant what the subject used
 * over the audit window (rules.ts) in place of the bindings that name it, then checked by the same
 * evaluator: with the subject taken out of today's bindings and the suggestion added, every request
 * the log shows as allowed (and today's RBAC allows) must still be allowed. Bindings the subject gets
 * through groups stay as they are (group membership is the identity provider's), so what they
 * already allow is not repeated. The objects are plain Kubernetes manifests, so they can be exported
 * as YAML or opened as a draft.
 */
import type { PolicyRule, Role, RoleBinding, Subject } from "../model";
import type { RbacObjects } from "../rbac/evaluator";
import { buildRbacIndex, type Grant, type RbacIndex } from "../rbac/rbac-index";
import { identityKeys, isImplicitGroup, keyOfSubject, subjectKey, type Identity, type SubjectRef } from "../rbac/subjects";
import type { Atom } from "./accumulate";
import { refusedBy } from "./used-check";
import { rulesFor, OBSERVED, type Generalisation, type RuleSet } from "./rules";
import { isUse, subjectAtoms, type AuditAnalysis } from "./usage";
import { windowRange, windowText, type AuditWindow } from "./window";

const RBAC_GROUP = "rbac.authorization.k8s.io";

export interface SuggestedObjects {
  roles: Role[];
  clusterRoles: Role[];
  roleBindings: RoleBinding[];
  clusterRoleBindings: RoleBinding[];
}

/** What a suggestion for one subject starts from: the bindings it replaces and the requests it must cover. */
export interface SuggestionBasis {
  subject: SubjectRef;
  window: AuditWindow | null;
  generalisation: Generalisation;
  /** Grants that name the subject: the suggestion replaces the subject's place in them. */
  replaced: Grant[];
  /** The subject's requests that no binding staying in force allows: the suggestion must cover them. */
  needed: Atom[];
  /** Every request of the subject that today's RBAC allows and the log shows as allowed. */
  allowed: Atom[];
  rules: RuleSet;
  objects: SuggestedObjects;
}

/** Grants naming the subject itself (not through a group it is in). */
export function grantsNaming(index: RbacIndex, subject: SubjectRef): Grant[] {
  const key = keyOfSubject(subject);
  return [...(index.clusterByKey.get(key) ?? []), ...(index.namespacedByKey.get(key) ?? [])];
}

/** A name part from a subject: `ci-deployer` for ServiceAccount ci/deployer, `alice-example-com` for alice@example.com. */
export function subjectSlug(s: SubjectRef): string {
  const raw = s.kind === "ServiceAccount" ? `${s.namespace}-${s.name}` : s.name;
  return raw.toLowerCase().replace(/[^a-z0-9.-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "").slice(0, 200) || "subject";
}

function bindingSubject(s: SubjectRef): Subject {
  return s.kind === "ServiceAccount" ? { kind: "ServiceAccount", name: s.name, namespace: s.namespace } : { kind: s.kind, apiGroup: RBAC_GROUP, name: s.name };
}

const canonical = (rules: readonly PolicyRule[]) => JSON.stringify(rules);

/**
 * The objects for a rule set: a ClusterRole + ClusterRoleBinding for cluster-wide rules; per
 * namespace a Role + RoleBinding, except that namespaces needing identical rules share one
 * ClusterRole, bound in each of them by a RoleBinding (which scopes it to that namespace).
 */
export function objectsFor(subject: SubjectRef, rules: RuleSet, window: AuditWindow | null): SuggestedObjects {
  const base = `${subjectSlug(subject)}-used`;
  const annotations: Record<string, string> = {
    "clearance.io/suggested-for": `${subject.kind} ${subject.kind === "ServiceAccount" ? `${subject.namespace}/` : ""}${subject.name}`,
    ...(window ? { "clearance.io/audit-window": windowRange(window) } : {}),
  };
  const meta = (name: string, namespace?: string) => ({ name, ...(namespace ? { namespace } : {}), labels: {}, annotations: { ...annotations } });
  const subjects = [bindingSubject(subject)];
  const out: SuggestedObjects = { roles: [], clusterRoles: [], roleBindings: [], clusterRoleBindings: [] };
  if (rules.cluster.length) {
    const name = `${base}-cluster`;
    out.clusterRoles.push({ kind: "ClusterRole", ...meta(name), rules: rules.cluster });
    out.clusterRoleBindings.push({ kind: "ClusterRoleBinding", ...meta(name), roleRef: { apiGroup: RBAC_GROUP, kind: "ClusterRole", name }, subjects });
  }
  const byRules = new Map<string, string[]>();
  for (const [ns, rs] of rules.namespaces) byRules.set(canonical(rs), [...(byRules.get(canonical(rs)) ?? []), ns]);
  const sharedRole = new Map<string, string>();
  for (const [ns, rs] of rules.namespaces) {
    const key = canonical(rs);
    if (byRules.get(key)!.length === 1) {
      out.roles.push({ kind: "Role", ...meta(base, ns), rules: rs });
      out.roleBindings.push({ kind: "RoleBinding", ...meta(base, ns), roleRef: { apiGroup: RBAC_GROUP, kind: "Role", name: base }, subjects });
      continue;
    }
    let roleName = sharedRole.get(key);
    if (!roleName) {
      roleName = `${base}-in-namespaces${sharedRole.size ? `-${sharedRole.size + 1}` : ""}`;
      sharedRole.set(key, roleName);
      out.clusterRoles.push({ kind: "ClusterRole", ...meta(roleName), rules: rs });
    }
    out.roleBindings.push({ kind: "RoleBinding", ...meta(base, ns), roleRef: { apiGroup: RBAC_GROUP, kind: "ClusterRole", name: roleName }, subjects });
  }
  return out;
}

/** Requests the subject made that the log shows as allowed and that today's RBAC allows (system:masters aside). */
export function allowedAtoms(analysis: AuditAnalysis, subject: SubjectRef): Atom[] {
  return subjectAtoms(analysis, subject).filter((a) => isUse(a) && a.rbacAllowed && !a.bypass);
}

/**
 * Does a grant that does not name the subject stay in force for it? Bindings to identity-provider
 * groups do (membership is not ours to change) and so do the control plane's defaults (discovery,
 * basic-user); a non-default binding to an implicit group (system:authenticated, system:serviceaccounts)
 * does not count: it is itself a finding to fix, and a suggestion leaning on it would break when it goes.
 */
function staysInForce(g: Grant, identity: Identity): boolean {
  if (g.isDefault) return true;
  const keys = new Set(identityKeys(identity));
  return g.keys.some((k) => keys.has(k) && k.startsWith("g:") && !isImplicitGroup(k.slice(2)));
}

/** The basis of a suggestion (see SuggestionBasis). */
export function suggestionBasis(index: RbacIndex, analysis: AuditAnalysis, subject: SubjectRef, generalisation: Generalisation = OBSERVED): SuggestionBasis {
  const replaced = grantsNaming(index, subject);
  const ids = new Set(replaced.map((g) => g.id));
  const allowed = allowedAtoms(analysis, subject);
  // A group's bindings were used whenever they allowed a member's request, whatever else the member
  // holds (other members may not); a user or service account keeps what stays in force for it.
  const needed =
    subject.kind === "Group"
      ? allowed.filter((a) => a.paths.some((p) => ids.has(p.grant.id)))
      : allowed.filter((a) => !a.paths.some((p) => !ids.has(p.grant.id) && staysInForce(p.grant, a.identity)));
  const rules = rulesFor(
    needed.map((a) => ({ request: a.request, folded: a.folded > 0 })),
    generalisation,
  );
  return { subject, window: analysis.window, generalisation, replaced, needed, allowed, rules, objects: objectsFor(subject, rules, analysis.window) };
}

/**
 * Today's RBAC with the suggestion applied: the subject taken out of the bindings it replaces
 * (a binding left without subjects is dropped) and the suggested objects added.
 */
export function applySuggestion(index: RbacIndex, b: SuggestionBasis): RbacObjects {
  const key = keyOfSubject(b.subject);
  const replaced = new Set(b.replaced.map((g) => g.binding));
  const strip = (list: readonly RoleBinding[]) =>
    list.flatMap((rb) => {
      if (!replaced.has(rb)) return [rb];
      const subjects = rb.subjects.filter((s) => subjectKey(s, rb.kind === "RoleBinding" ? (rb.namespace ?? "") : "") !== key);
      return subjects.length ? [{ ...rb, subjects }] : [];
    });
  const o = index.objects;
  return {
    roles: [...o.roles, ...b.objects.roles],
    clusterRoles: [...o.clusterRoles, ...b.objects.clusterRoles],
    roleBindings: [...strip(o.roleBindings), ...b.objects.roleBindings],
    clusterRoleBindings: [...strip(o.clusterRoleBindings), ...b.objects.clusterRoleBindings],
  };
}

export interface Verification {
  /** Every allowed request is still allowed with the suggestion applied. */
  ok: boolean;
  /** Distinct requests checked and requests they stand for. */
  checked: { atoms: number; requests: number };
  /** Requests that would stop working (should be empty; folded URL paths cannot be named). */
  missing: Atom[];
}

/** Puts every allowed request of the subject to the authorizer over today's RBAC with the suggestion applied. */
export function verifySuggestion(after: RbacIndex, b: SuggestionBasis): Verification {
  // Folded non-resource requests have no path left to ask about (rules.ts lists them as uncovered).
  const missing = refusedBy(after, b.allowed);
  return { ok: missing.length === 0, checked: { atoms: b.allowed.length, requests: b.allowed.reduce((n, a) => n + a.count, 0) }, missing };
}

/** The index of today's RBAC with the suggestion applied (the rest of the snapshot as it is). */
export function indexAfter(index: RbacIndex, b: SuggestionBasis): RbacIndex {
  return buildRbacIndex({ ...applySuggestion(index, b), serviceAccounts: [...index.serviceAccounts.values()], pods: index.pods, namespaces: index.namespaces.map((name) => ({ name })) });
}

export { windowText };
