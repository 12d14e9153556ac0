/**
 * How big each synthetic cluster is. L follows the largest published figures for a real cluster
 * (DataDog/KubeHound#87: 4,491 RoleBindings, 676 ClusterRoleBindings, 1,374 Roles, 721 ClusterRoles;
 * ARCHITECTURE.md "Scale": 10,000 pods in 1,000 namespaces, 2,000+ NetworkPolicies, 5,000 ServiceAccounts).
 * Counts are exact where a figure is given; ServiceAccounts and ClusterRoles/Bindings are floors (the
 * system components alone may need more on a tiny cluster).
 */
export type SizeName = "S" | "M" | "L" | "XL";

export interface ClusterShape {
  /** Including the ~11 system and platform namespaces. */
  namespaces: number;
  /** Running pods (plus a few Pending and completed Job pods), from Deployments mostly. */
  pods: number;
  /** Nodes, of which three are control-plane nodes. */
  nodes: number;
  networkPolicies: number;
  roles: number;
  roleBindings: number;
  clusterRoles: number;
  clusterRoleBindings: number;
  serviceAccounts: number;
}

export const SIZES: Readonly<Record<SizeName, ClusterShape>> = {
  S: { namespaces: 20, pods: 200, nodes: 4, networkPolicies: 40, roles: 40, roleBindings: 90, clusterRoles: 140, clusterRoleBindings: 110, serviceAccounts: 120 },
  M: { namespaces: 200, pods: 2_000, nodes: 12, networkPolicies: 500, roles: 280, roleBindings: 900, clusterRoles: 300, clusterRoleBindings: 250, serviceAccounts: 1_000 },
  L: { namespaces: 1_000, pods: 10_000, nodes: 50, networkPolicies: 2_500, roles: 1_400, roleBindings: 4_500, clusterRoles: 720, clusterRoleBindings: 700, serviceAccounts: 5_000 },
  XL: { namespaces: 5_000, pods: 100_000, nodes: 400, networkPolicies: 12_500, roles: 7_000, roleBindings: 22_500, clusterRoles: 1_500, clusterRoleBindings: 1_500, serviceAccounts: 25_000 },
};

/** Is this one of the named sizes? */
export function isSizeName(s: string): s is SizeName {
  return s === "S" || s === "M" || s === "L" || s === "XL";
}
