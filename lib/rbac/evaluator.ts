/**
 * The RBAC authorizer, written straight from upstream's decision procedure over plain object lists
 * (no index). It is the reference the indexed queries are property-tested against, and the place
 * where the procedure reads as the rules say:
 * - `system:masters` is allowed by the privileged-groups authorizer before RBAC runs;
 * - every ClusterRoleBinding whose subjects apply (namespace "" for subject matching) contributes its
 *   ClusterRole's rules;
 * - only for a request with a namespace, every RoleBinding in that namespace contributes its role's
 *   rules (a Role is looked up in the binding's namespace; a ClusterRole is scoped to it);
 * - a missing role records an error and the walk continues (rules are additive);
 * - RBAC only allows: no matching rule is "no opinion", never a deny.
 * Sources: kubernetes/kubernetes `plugin/pkg/auth/authorizer/rbac/rbac.go` (Authorize),
 * `pkg/registry/rbac/validation/rule.go` (VisitRulesFor, GetRoleReferenceRules),
 * `plugin/pkg/auth/authorizer/rbac/subject_locator.go` (AllowedSubjects).
 */
import type { PolicyRule, Role, RoleBinding, RoleRef, Subject } from "../model";
import type { AccessRequest } from "./request";
import { ruleAllows } from "./rule-allows";
import { SYSTEM_MASTERS, appliesToUser, type Identity } from "./subjects";

export interface RbacObjects {
  roles: readonly Role[];
  clusterRoles: readonly Role[];
  roleBindings: readonly RoleBinding[];
  clusterRoleBindings: readonly RoleBinding[];
}

export interface RoleResolution {
  rules: readonly PolicyRule[];
  role?: Role;
  /** Set when the roleRef cannot be resolved; the binding then contributes nothing. */
  error?: string;
}

/**
 * Upstream GetRoleReferenceRules: a `Role` is looked up in the binding's namespace, a `ClusterRole`
 * cluster-wide; any other kind is an error. Missing roles yield no rules and an error.
 */
export function getRoleReferenceRules(rbac: RbacObjects, roleRef: RoleRef, bindingNamespace: string): RoleResolution {
  if (roleRef.kind === "Role") {
    const role = rbac.roles.find((r) => r.namespace === bindingNamespace && r.name === roleRef.name);
    return role ? { rules: role.rules, role } : { rules: [], error: `role.rbac.authorization.k8s.io "${roleRef.name}" not found in namespace "${bindingNamespace}"` };
  }
  if (roleRef.kind === "ClusterRole") {
    const role = rbac.clusterRoles.find((r) => r.name === roleRef.name);
    return role ? { rules: role.rules, role } : { rules: [], error: `clusterrole.rbac.authorization.k8s.io "${roleRef.name}" not found` };
  }
  return { rules: [], error: `unsupported role reference kind: "${roleRef.kind}"` };
}

export interface Decision {
  allowed: boolean;
  /** Allowed by system:masters membership, before RBAC. */
  bypass?: boolean;
  /** Upstream-style reason: `RBAC: allowed by ClusterRoleBinding "x" of ClusterRole "y" to User "u"`. */
  reason: string;
  /** Role lookups that failed along the way (upstream logs them and continues). */
  errors: string[];
}

/** Upstream's describeSubject: `User "alice"`, `ServiceAccount "deployer/ci"` (name/namespace, as upstream prints it). */
function describeBoundSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === "ServiceAccount") return `${s.kind} "${s.name}/${s.namespace || bindingNamespace}"`;
  return `${s.kind} "${s.name}"`;
}

/**
 * Would the API server authorize this identity's request? RBAC plus the `system:masters` bypass;
 * the Node and webhook authorizers are outside a snapshot's reach.
 */
export function authorize(rbac: RbacObjects, identity: Identity, req: AccessRequest): Decision {
  if (identity.groups.includes(SYSTEM_MASTERS)) {
    return { allowed: true, bypass: true, reason: `allowed by membership of Group "${SYSTEM_MASTERS}" (privileged-groups authorizer, before RBAC)`, errors: [] };
  }
  const errors: string[] = [];
  for (const crb of rbac.clusterRoleBindings) {
    const subject = crb.subjects.find((s) => appliesToUser(identity, s, ""));
    if (!subject) continue;
    const res = getRoleReferenceRules(rbac, crb.roleRef, "");
    if (res.error) errors.push(res.error);
    if (res.rules.some((rule) => ruleAllows(req, rule))) {
      return { allowed: true, reason: `RBAC: allowed by ClusterRoleBinding "${crb.name}" of ${crb.roleRef.kind} "${crb.roleRef.name}" to ${describeBoundSubject(subject, "")}`, errors };
    }
  }
  const ns = req.resourceRequest ? req.namespace : "";
  if (ns) {
    for (const rb of rbac.roleBindings) {
      if (rb.namespace !== ns) continue;
      const subject = rb.subjects.find((s) => appliesToUser(identity, s, ns));
      if (!subject) continue;
      const res = getRoleReferenceRules(rbac, rb.roleRef, ns);
      if (res.error) errors.push(res.error);
      if (res.rules.some((rule) => ruleAllows(req, rule))) {
        return { allowed: true, reason: `RBAC: allowed by RoleBinding "${rb.name}/${ns}" of ${rb.roleRef.kind} "${rb.roleRef.name}" to ${describeBoundSubject(subject, ns)}`, errors };
      }
    }
  }
  return { allowed: false, reason: "RBAC: no rule allows the request (no opinion)", errors };
}

/** A subject found by allowedSubjects, with the namespace of the binding it came from ("" for a CRB). */
export interface LocatedSubject {
  subject: Subject;
  bindingNamespace: string;
}

/**
 * Upstream AllowedSubjects (who-can): `Group system:masters` first, then the subjects of every
 * ClusterRoleBinding and, for a namespaced request, every RoleBinding of that namespace whose role
 * allows the request; exact duplicates removed. Subjects are returned as written in the bindings,
 * with the binding's namespace (an SA subject without namespace means the RoleBinding's).
 */
export function allowedSubjects(rbac: RbacObjects, req: AccessRequest): { subjects: LocatedSubject[]; errors: string[] } {
  const subjects: LocatedSubject[] = [{ subject: { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: SYSTEM_MASTERS }, bindingNamespace: "" }];
  const errors: string[] = [];
  for (const crb of rbac.clusterRoleBindings) {
    const res = getRoleReferenceRules(rbac, crb.roleRef, "");
    if (res.error) errors.push(res.error);
    if (res.rules.some((rule) => ruleAllows(req, rule))) for (const subject of crb.subjects) subjects.push({ subject, bindingNamespace: "" });
  }
  const ns = req.resourceRequest ? req.namespace : "";
  if (ns) {
    for (const rb of rbac.roleBindings) {
      if (rb.namespace !== ns) continue;
      const res = getRoleReferenceRules(rbac, rb.roleRef, ns);
      if (res.error) errors.push(res.error);
      if (res.rules.some((rule) => ruleAllows(req, rule))) for (const subject of rb.subjects) subjects.push({ subject, bindingNamespace: ns });
    }
  }
  const seen = new Set<string>();
  const deduped = subjects.filter(({ subject: s, bindingNamespace }) => {
    const k = JSON.stringify([s.kind, s.apiGroup ?? "", s.name, s.namespace ?? "", bindingNamespace]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return { subjects: deduped, errors };
}
