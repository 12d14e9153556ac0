/** Roles, ClusterRoles and their bindings. */
import type { z } from "zod";
import * as R from "../raw";
import type * as T from "../types";
import { fail, meta, parse, selector } from "./common";

export function policyRule(r: z.infer<typeof R.PolicyRuleS>): T.PolicyRule {
  return {
    verbs: r.verbs,
    apiGroups: r.apiGroups ?? [],
    resources: r.resources ?? [],
    resourceNames: r.resourceNames ?? [],
    nonResourceURLs: r.nonResourceURLs ?? [],
  };
}

export function role(kind: "Role" | "ClusterRole", raw: unknown): T.Role {
  const r = parse(R.RoleS, raw);
  const out: T.Role = { ...meta(r.metadata, kind === "Role"), kind, rules: (r.rules ?? []).map(policyRule) };
  if (kind === "ClusterRole" && r.aggregationRule) {
    out.aggregationRule = {
      clusterRoleSelectors: (r.aggregationRule.clusterRoleSelectors ?? []).map((s, i) =>
        selector(s, `aggregationRule.clusterRoleSelectors[${i}]`),
      ),
    };
  }
  return out;
}

export function roleBinding(kind: "RoleBinding" | "ClusterRoleBinding", raw: unknown): T.RoleBinding {
  const b = parse(R.RoleBindingS, raw);
  if (kind === "ClusterRoleBinding" && b.roleRef.kind !== "ClusterRole") {
    fail(`roleRef.kind: a ClusterRoleBinding can only reference a ClusterRole, not ${b.roleRef.kind}`);
  }
  return {
    ...meta(b.metadata, kind === "RoleBinding"),
    kind,
    roleRef: { apiGroup: b.roleRef.apiGroup ?? "rbac.authorization.k8s.io", kind: b.roleRef.kind, name: b.roleRef.name },
    subjects: (b.subjects ?? []).map((s) => ({
      kind: s.kind,
      name: s.name,
      ...(s.namespace ? { namespace: s.namespace } : {}),
      ...(s.apiGroup !== null && s.apiGroup !== undefined ? { apiGroup: s.apiGroup } : {}),
    })),
  };
}
