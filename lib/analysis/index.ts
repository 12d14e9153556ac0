/**
 * Analyses shared across areas, computed once per snapshot (memo.ts): the RBAC index that RBAC
 * findings, network attack paths and posture's token check all read.
 */
import type { ClusterSnapshot } from "../model";
import { buildRbacIndex, grantsFor, type RbacIndex } from "../rbac/rbac-index";
import { serviceAccountUsername } from "../rbac/subjects";
import { memoize } from "./memo";

export { memoize } from "./memo";

/**
 * The RBAC index of a snapshot. Its grants, roles, accounts and rule-match cache read no pods, so
 * they are built apart (`rbac:grants`) and kept while only the pods change (a watched source's Pod
 * events); the index is that with the snapshot's pods (which only workload identities read).
 */
export function rbacIndexOf(snapshot: ClusterSnapshot): RbacIndex {
  return memoize(snapshot, "rbac:index", () => {
    const base = memoize(snapshot, "rbac:grants", () => {
      const { roles, clusterRoles, roleBindings, clusterRoleBindings, serviceAccounts, namespaces, nodes } = snapshot;
      return buildRbacIndex({ roles, clusterRoles, roleBindings, clusterRoleBindings, serviceAccounts, namespaces, nodes });
    });
    return { ...base, pods: snapshot.pods };
  });
}

/**
 * Does this service account hold permissions through bindings that name it (not only through groups
 * every account is in)? Then its mounted token is presumably used; otherwise mounting it is needless.
 */
export function serviceAccountHasOwnPermissions(index: RbacIndex, namespace: string, name: string): boolean {
  return grantsFor(index, { username: serviceAccountUsername(namespace, name), groups: [] }, null).some((g) => !g.missing && g.rules.length > 0);
}


/** The network analysis of a snapshot (memoized per snapshot and engine options inside lib/netpol). */
export { networkAnalysis as networkAnalysisOf, type NetworkAnalysis } from "../netpol/analysis";
