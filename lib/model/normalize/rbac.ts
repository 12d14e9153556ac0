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

// Records are built by assignment onto their metadata, in field order, not by spreading it into a
// new object (and each subject's optional fields): one copy less per binding and subject.
export function role(kind: "Role" | "ClusterRole", raw: unknown): T.Role {
  const r = parse(R.RoleS, raw);
  const out = meta(r.metadata, kind === "Role") as T.Role;
  out.kind = kind;
  out.rules = (r.rules ?? []).map(policyRule);
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
  const out = meta(b.metadata, kind === "RoleBinding") as T.RoleBinding;
  out.kind = kind;
  out.roleRef = { apiGroup: b.roleRef.apiGroup ?? "rbac.authorization.k8s.io", kind: b.roleRef.kind, name: b.roleRef.name };
  out.subjects = (b.subjects ?? []).map(subject);
  return out;
}

function subject(s: z.infer<typeof R.SubjectS>): T.Subject {
  const out: T.Subject = { kind: s.kind, name: s.name };
  if (s.namespace) out.namespace = s.namespace;
  if (s.apiGroup !== null && s.apiGroup !== undefined) out.apiGroup = s.apiGroup;
  return out;
}
