/**
 * who-can: the subjects allowed a request, each with every path that grants it. Same walk as
 * upstream AllowedSubjects (`plugin/pkg/auth/authorizer/rbac/subject_locator.go`): `Group
 * system:masters` first (it bypasses RBAC), then the subjects of every ClusterRoleBinding and — for a
 * namespaced request — every RoleBinding of that namespace whose role allows the request. Unlike
 * upstream, subjects carry the path (binding → role → matching rule indices, scope), a ServiceAccount
 * without a namespace in a RoleBinding is shown in the binding's namespace (as it matches), and one
 * in a ClusterRoleBinding (which matches nobody) is left out.
 */
import { describeGrant } from "./describe";
import { RuleMatchCache, grantingPaths, type GrantPath, type RbacIndex } from "./rbac-index";
import type { AccessRequest } from "./request";
import { SYSTEM_MASTERS, keyOfSubject, subjectId, type SubjectRef } from "./subjects";

export interface Via {
  /** `RoleBinding "payments/pod-debuggers" of ClusterRole "pod-debugger"`. */
  text: string;
  /** Set for system:masters: allowed before RBAC, no binding involved. */
  bypass?: true;
  binding?: { kind: "RoleBinding" | "ClusterRoleBinding"; name: string; namespace?: string };
  role?: { kind: string; name: string; namespace?: string };
  /** Indices (0-based) of the role's rules that match the request. */
  rules?: number[];
  /** `cluster` for a ClusterRoleBinding, `namespace` for a RoleBinding (then `namespace` is set). */
  scope: "cluster" | "namespace";
  namespace?: string;
}

export interface WhoCanSubject extends SubjectRef {
  via: Via[];
}

export interface WhoCanResult {
  subjects: WhoCanSubject[];
  /** Role lookups that failed among the bindings considered (they grant nothing). */
  missingRoles: string[];
}

/** The structured `via` of one granting path. */
export function viaOf(p: GrantPath): Via {
  const g = p.grant;
  const binding = g.namespace
    ? { kind: "RoleBinding" as const, name: g.binding.name, namespace: g.namespace }
    : { kind: "ClusterRoleBinding" as const, name: g.binding.name };
  const role = g.roleRef.kind === "Role" ? { kind: "Role", name: g.roleRef.name, namespace: g.namespace } : { kind: g.roleRef.kind, name: g.roleRef.name };
  return { text: describeGrant(g), binding, role, rules: p.rules, scope: g.namespace ? "namespace" : "cluster", ...(g.namespace ? { namespace: g.namespace } : {}) };
}

const MASTERS_VIA: Via = {
  text: `member of Group "${SYSTEM_MASTERS}": allowed by the privileged-groups authorizer before RBAC, no binding needed`,
  bypass: true,
  scope: "cluster",
};

const KIND_ORDER: Record<SubjectRef["kind"], number> = { Group: 0, User: 1, ServiceAccount: 2 };

/** Who can make this request, and through which bindings. */
export function whoCan(index: RbacIndex, req: AccessRequest, cache: RuleMatchCache = index.cache): WhoCanResult {
  const ns = req.resourceRequest ? req.namespace : "";
  const grants = ns ? [...index.clusterGrants, ...(index.namespaceGrants.get(ns) ?? [])] : index.clusterGrants;
  const bySubject = new Map<string, WhoCanSubject>();
  const missing = new Set<string>();
  for (const p of grantingPaths(grants, req, cache)) {
    const via = viaOf(p);
    for (const s of p.grant.subjects) {
      const id = subjectId(s);
      const entry = bySubject.get(id);
      if (entry) entry.via.push(via);
      else bySubject.set(id, { ...s, via: [via] });
    }
  }
  for (const g of grants) if (g.missing) missing.add(`${describeGrant(g)}: ${g.missing}`);
  const masters: WhoCanSubject = { kind: "Group", name: SYSTEM_MASTERS, via: [MASTERS_VIA] };
  const mastersId = subjectId(masters);
  const bound = bySubject.get(mastersId);
  if (bound) masters.via.push(...bound.via);
  bySubject.delete(mastersId);
  const rest = [...bySubject.values()].sort(
    (a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.namespace ?? "").localeCompare(b.namespace ?? "") || a.name.localeCompare(b.name),
  );
  return { subjects: [masters, ...rest], missingRoles: [...missing].sort() };
}

/** Subject keys allowed (for comparing with the reference evaluator): `u:<username>` / `g:<group>`. */
export function whoCanKeys(result: WhoCanResult): Set<string> {
  return new Set(result.subjects.map((s) => keyOfSubject(s)));
}
