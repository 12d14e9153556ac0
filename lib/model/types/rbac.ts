/** Roles, ClusterRoles and their bindings. */
import type { LabelSelector } from "../selector";
import type { Meta } from "./meta";

export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export interface Role extends Meta {
  kind: "Role" | "ClusterRole";
  rules: PolicyRule[];
  aggregationRule?: { clusterRoleSelectors: LabelSelector[] };
  /**
   * For aggregated ClusterRoles: how `rules` were obtained. From files the loader computes them
   * (the manifests ship `rules: []`); from a live cluster the stored rules are kept and compared.
   */
  aggregation?: { computed: boolean; sources: string[]; drift?: { missing: PolicyRule[]; extra: PolicyRule[] } };
}

export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

export interface RoleBinding extends Meta {
  kind: "RoleBinding" | "ClusterRoleBinding";
  roleRef: RoleRef;
  subjects: Subject[];
}
