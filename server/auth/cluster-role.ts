/**
 * The dashboard's authority towards the cluster, derived from what the live source reads: get,
 * list and watch on every kind of lib/model/kinds.ts `KINDS`, plus Gatekeeper's constraints (their
 * kinds come from the ConstraintTemplates, so the group is granted whole). Nothing else: no
 * Secrets, no write verbs, no subresources. deploy/10-rbac.yaml holds this exact list; a test keeps
 * the two equal.
 */
import { GATEKEEPER_CONSTRAINTS_GROUP, KINDS } from "../../lib/model";

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export const READ_VERBS = ["get", "list", "watch"];

/** One rule per API group (core first, then by name), resources sorted. */
export function dashboardClusterRoleRules(): PolicyRule[] {
  const byGroup = new Map<string, Set<string>>();
  const add = (group: string, resource: string) => byGroup.set(group, (byGroup.get(group) ?? new Set()).add(resource));
  for (const k of KINDS) add(k.group, k.resource);
  add(GATEKEEPER_CONSTRAINTS_GROUP, "*");
  return [...byGroup.keys()]
    .sort((a, b) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b)))
    .map((group) => ({ apiGroups: [group], resources: [...byGroup.get(group)!].sort(), verbs: [...READ_VERBS] }));
}
