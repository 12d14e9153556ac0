/** Small constructors for RBAC objects, for tests and synthetic benchmarks (no parsing, no defaults). */
import type { PolicyRule, Role, RoleBinding, Subject } from "../model";

export function rule(p: Partial<PolicyRule> & { verbs: string[] }): PolicyRule {
  return { apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...p };
}

export function role(namespace: string, name: string, rules: PolicyRule[], labels: Record<string, string> = {}): Role {
  return { kind: "Role", namespace, name, rules, labels, annotations: {} };
}

export function clusterRole(name: string, rules: PolicyRule[], labels: Record<string, string> = {}): Role {
  return { kind: "ClusterRole", name, rules, labels, annotations: {} };
}

export function roleBinding(namespace: string, name: string, roleRef: { kind: string; name: string }, subjects: Subject[], labels: Record<string, string> = {}): RoleBinding {
  return { kind: "RoleBinding", namespace, name, roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef }, subjects, labels, annotations: {} };
}

export function clusterRoleBinding(name: string, roleName: string, subjects: Subject[], labels: Record<string, string> = {}): RoleBinding {
  return { kind: "ClusterRoleBinding", name, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleName }, subjects, labels, annotations: {} };
}

export const user = (name: string): Subject => ({ kind: "User", apiGroup: "rbac.authorization.k8s.io", name });
export const group = (name: string): Subject => ({ kind: "Group", apiGroup: "rbac.authorization.k8s.io", name });
export const sa = (namespace: string | undefined, name: string): Subject => ({ kind: "ServiceAccount", name, ...(namespace ? { namespace } : {}) });
