/**
 * What the explorer's pickers offer: verbs, resources and namespaces for the who-can question (the
 * well-known API resources plus everything the snapshot's rules name, so custom resources appear),
 * and a search over subjects, bindings and roles by name.
 */
import type { RbacGraph, RbacNodeKind } from "./graph";
import type { RbacIndex } from "./rbac-index";
import { WELL_KNOWN_RESOURCES, lookupResource } from "./resources";

/** API verbs RBAC rules use, in the order people ask about them (kubectl's and the authorizer's). */
export const KNOWN_VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "escalate", "bind", "impersonate", "use", "approve", "sign", "proxy"];

/** Subresources reviewers ask about most (they carry exec, token and proxy risks). */
const SUBRESOURCES = ["pods/exec", "pods/attach", "pods/portforward", "pods/log", "pods/ephemeralcontainers", "pods/eviction", "serviceaccounts/token", "nodes/proxy", "services/proxy", "deployments/scale", "statefulsets/scale", "certificatesigningrequests/approval"];

export interface ResourceOption {
  /** What to type: `secrets`, `pods/exec`, `certificates.cert-manager.io`. */
  value: string;
  group: string;
  namespaced: boolean;
  /** Named by a rule in this snapshot. */
  inRules: boolean;
}

export interface Completions {
  verbs: string[];
  resources: ResourceOption[];
  namespaces: string[];
}

/** The picker options for a snapshot (see file comment). */
export function completions(index: RbacIndex): Completions {
  const verbs = new Set(KNOWN_VERBS);
  const named = new Map<string, Set<string>>();
  for (const role of index.roles.values()) {
    for (const r of role.rules) {
      for (const v of r.verbs) if (v !== "*") verbs.add(v);
      for (const res of r.resources) {
        if (res.includes("*")) continue;
        const groups = named.get(res) ?? new Set<string>();
        for (const g of r.apiGroups) if (g !== "*") groups.add(g);
        named.set(res, groups);
      }
    }
  }
  const out = new Map<string, ResourceOption>();
  for (const r of WELL_KNOWN_RESOURCES) if (!out.has(r.resource)) out.set(r.resource, { value: r.resource, group: r.group, namespaced: r.namespaced, inRules: named.has(r.resource) });
  for (const s of SUBRESOURCES) {
    const base = lookupResource(s.split("/")[0]);
    if (base) out.set(s, { value: s, group: base.group, namespaced: base.namespaced, inRules: named.has(s) });
  }
  for (const [res, groups] of named) {
    const base = res.split("/")[0];
    const known = lookupResource(base);
    if (out.has(res) && (groups.size === 0 || (known && groups.has(known.group)))) continue;
    for (const g of groups.size ? groups : new Set([""])) {
      const value = known && known.group === g ? res : g ? `${base}.${g}${res.slice(base.length)}` : res;
      if (!out.has(value)) out.set(value, { value, group: g, namespaced: known ? known.namespaced : true, inRules: true });
    }
  }
  const resources = [...out.values()].sort((a, b) => Number(b.inRules) - Number(a.inRules) || a.value.localeCompare(b.value));
  return { verbs: [...verbs], resources, namespaces: index.namespaces };
}

/**
 * The access matrix's opening columns: what reviewers check first (workloads, exec, Secrets, tokens,
 * RBAC objects). A large cluster's rules name hundreds of resources; evaluating every one for every
 * subject takes seconds there, so "all resources" is a choice, not the default.
 */
export const MATRIX_COLUMNS: readonly { group: string; resource: string }[] = [
  ["", "pods"], ["", "pods/exec"], ["", "pods/log"], ["", "pods/portforward"], ["", "secrets"], ["", "configmaps"], ["", "services"],
  ["", "serviceaccounts"], ["", "serviceaccounts/token"], ["", "persistentvolumeclaims"], ["", "events"], ["apps", "deployments"], ["apps", "statefulsets"],
  ["apps", "daemonsets"], ["batch", "jobs"], ["batch", "cronjobs"], ["networking.k8s.io", "ingresses"], ["networking.k8s.io", "networkpolicies"],
  ["rbac.authorization.k8s.io", "roles"], ["rbac.authorization.k8s.io", "rolebindings"],
].map(([group, resource]) => ({ group, resource }));

export interface NodeHit {
  id: string;
  kind: RbacNodeKind;
  label: string;
  namespace?: string;
  isDefault: boolean;
  implicit: boolean;
}

export interface NodeSearch {
  total: number;
  hits: NodeHit[];
}

const SUBJECT_KINDS: readonly RbacNodeKind[] = ["User", "Group", "ServiceAccount"];

/**
 * Subjects (and, when asked, roles and bindings) whose name or `namespace/name` contains every word
 * of the query, case-insensitively; exact names first, then prefixes, then the rest, each by label.
 */
export function searchNodes(g: RbacGraph, q: string, opts: { kinds?: readonly RbacNodeKind[]; limit?: number; hideDefaults?: boolean } = {}): NodeSearch {
  const kinds = opts.kinds?.length ? opts.kinds : SUBJECT_KINDS;
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  const scored: { hit: NodeHit; score: number }[] = [];
  for (const n of g.nodes.values()) {
    if (!kinds.includes(n.kind) || n.ghost) continue;
    if (opts.hideDefaults && n.isDefault) continue;
    const hay = `${n.kind} ${n.namespace ?? ""}/${n.name}`.toLowerCase();
    if (!words.every((w) => hay.includes(w))) continue;
    const name = n.name.toLowerCase();
    const label = n.label.toLowerCase();
    const whole = words.join(" ");
    const score = words.length === 0 ? 2 : name === whole || label === whole ? 0 : name.startsWith(whole) || label.startsWith(whole) ? 1 : 2;
    scored.push({ hit: { id: n.id, kind: n.kind, label: n.label, ...(n.namespace ? { namespace: n.namespace } : {}), isDefault: !!n.isDefault, implicit: !!n.implicit }, score: score + (n.isDefault ? 0.5 : 0) });
  }
  scored.sort((a, b) => a.score - b.score || a.hit.label.localeCompare(b.hit.label));
  return { total: scored.length, hits: scored.slice(0, opts.limit ?? 50).map((s) => s.hit) };
}
