/**
 * Analyses shared across areas, computed once per snapshot (memo.ts): the RBAC index that RBAC
 * findings, network attack paths and posture's token check all read.
 */
import type { ClusterSnapshot } from "../model";
import { grantsFor, indexSnapshot, type RbacIndex } from "../rbac/rbac-index";
import { serviceAccountUsername } from "../rbac/subjects";
import { memoize } from "./memo";

export { memoize } from "./memo";

export function rbacIndexOf(snapshot: ClusterSnapshot): RbacIndex {
  return memoize(snapshot, "rbac:index", () => indexSnapshot(snapshot));
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
