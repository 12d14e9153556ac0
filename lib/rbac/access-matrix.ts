/**
 * The access matrix of a namespace (rakkess-style): for every subject bound there or cluster-wide,
 * which verbs it has on each resource of the namespace. Each cell is the evaluator's answer to a
 * nameless request (as `kubectl auth can-i VERB RESOURCE -n NS` asks), so rules limited by
 * resourceNames do not fill a cell. Subjects are taken with their implicit groups (a user is in
 * system:authenticated, an SA also in system:serviceaccounts[:ns]), as they would be at request time.
 */
import { isDefaultSubject } from "./defaults";
import { grantingPaths, grantsFor, type RbacIndex } from "./rbac-index";
import { resourceRequest } from "./request";
import { isClusterScoped, lookupResource } from "./resources";
import { SYSTEM_MASTERS, identityOf, subjectOfKey, type SubjectRef } from "./subjects";

export const MATRIX_VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"] as const;

export interface MatrixResource {
  group: string;
  /** `resource` or `resource/subresource`. */
  resource: string;
}

export interface MatrixRow {
  subject: SubjectRef;
  /** Verbs allowed, per resource (same order as `resources`). */
  cells: string[][];
  /** In system:masters: everything is allowed before RBAC. */
  bypass?: boolean;
  isDefault: boolean;
}

export interface AccessMatrix {
  namespace: string;
  verbs: readonly string[];
  resources: MatrixResource[];
  rows: MatrixRow[];
}

export interface AccessMatrixOptions {
  /** Columns; default: common namespaced resources plus every namespaced resource named in rules that apply. */
  resources?: MatrixResource[];
  /** Include control-plane subjects (system:kube-scheduler, ...). Default false. */
  includeDefaults?: boolean;
}

const COMMON: MatrixResource[] = [
  ["", "pods"], ["", "pods/exec"], ["", "pods/log"], ["", "services"], ["", "configmaps"], ["", "secrets"], ["", "serviceaccounts"],
  ["", "persistentvolumeclaims"], ["apps", "deployments"], ["apps", "statefulsets"], ["apps", "daemonsets"], ["batch", "jobs"], ["batch", "cronjobs"],
  ["networking.k8s.io", "ingresses"], ["networking.k8s.io", "networkpolicies"], ["rbac.authorization.k8s.io", "roles"], ["rbac.authorization.k8s.io", "rolebindings"],
].map(([group, resource]) => ({ group, resource }));

function defaultColumns(index: RbacIndex, namespace: string): MatrixResource[] {
  const seen = new Map(COMMON.map((r) => [`${r.group}/${r.resource}`, r]));
  const grants = [...index.clusterGrants, ...(index.namespaceGrants.get(namespace) ?? [])];
  for (const g of grants) {
    for (const rule of g.rules) {
      for (const resource of rule.resources) {
        if (resource.includes("*")) continue;
        const base = resource.split("/")[0];
        for (const group of rule.apiGroups) {
          const grp = group === "*" ? (lookupResource(base)?.group ?? null) : group;
          if (grp === null || isClusterScoped(grp, base)) continue;
          const key = `${grp}/${resource}`;
          if (!seen.has(key)) seen.set(key, { group: grp, resource });
        }
      }
    }
  }
  return [...seen.values()].sort((a, b) => a.group.localeCompare(b.group) || a.resource.localeCompare(b.resource));
}

/** The matrix of one namespace (see file comment). Rows with no allowed cell are left out. */
export function accessMatrix(index: RbacIndex, namespace: string, opts: AccessMatrixOptions = {}): AccessMatrix {
  const resources = opts.resources ?? defaultColumns(index, namespace);
  const keys = new Set<string>();
  for (const g of [...index.clusterGrants, ...(index.namespaceGrants.get(namespace) ?? [])]) for (const k of g.keys) keys.add(k);
  const requests = resources.map((r) => MATRIX_VERBS.map((verb) => resourceRequest({ verb, apiGroup: r.group, resource: r.resource, namespace })));
  const rows: MatrixRow[] = [];
  for (const key of [...keys].sort()) {
    const subject = subjectOfKey(key);
    const isDefault = isDefaultSubject(subject);
    if (isDefault && !opts.includeDefaults) continue;
    const identity = identityOf(subject);
    const bypass = identity.groups.includes(SYSTEM_MASTERS);
    const grants = grantsFor(index, identity, namespace);
    const cells = requests.map((perVerb) => (bypass ? [...MATRIX_VERBS] : MATRIX_VERBS.filter((_, i) => grantingPaths(grants, perVerb[i], index.cache).length > 0)));
    if (!cells.some((c) => c.length)) continue;
    rows.push({ subject, cells, ...(bypass ? { bypass } : {}), isDefault });
  }
  return { namespace, verbs: MATRIX_VERBS, resources, rows };
}

