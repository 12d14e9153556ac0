/**
 * What a change does to RBAC: for every subject a binding names, the permissions it gains and
 * loses, each with the binding → role paths that grant it. Permissions are compared as granted,
 * nothing expanded: one tuple per (scope, verb, apiGroup, resource[/subresource], resourceName) or
 * (verb, nonResourceURL), wildcards kept as `*`, so `* on *.*` and `get pods` are different grants
 * even though one covers the other. Scope is cluster-wide for a ClusterRoleBinding and the
 * binding's namespace for a RoleBinding; what a RoleBinding cannot grant (non-resource URLs,
 * cluster-scoped resources other than its own Namespace object; upstream rule.go VisitRulesFor) is left out, as
 * in permissions.ts. A binding whose role is not in the input (a repository of manifests binding
 * the built-in `cluster-admin`) is one grant of its own, `missingRole`: its rules are unknown. A
 * subject is judged on the bindings that name it: what reaches it through a
 * group shows once, on the group (as the findings do). Default and vendor objects are noise in a
 * review: a control-plane subject, or a grant whose only paths are default bindings, is skipped
 * unless asked for.
 */
import type { Finding } from "../findings/types";
import type { PolicyRule } from "../model";
import { isDefaultSubject } from "./defaults";
import type { Grant, RbacIndex } from "./rbac-index";
import { isClusterScoped } from "./resources";
import { subjectId, subjectOfKey, type SubjectRef } from "./subjects";
import { viaOf, type Via } from "./who-can";

/** One verb-set on one resource (or URL) in one scope, with the paths that grant it. */
export interface PermissionChange {
  scope: "cluster" | "namespace";
  namespace?: string;
  verbs: string[];
  apiGroup?: string;
  /** `pods`, `pods/exec`, `*`. */
  resource?: string;
  /** Absent: any name. */
  resourceName?: string;
  nonResourceURL?: string;
  /** Set when the binding's role is not in the input (`ClusterRole/cluster-admin` in a repository of manifests): its rules are unknown. */
  missingRole?: string;
  via: Via[];
}

export interface SubjectChange extends SubjectRef {
  permissions: PermissionChange[];
  /** Ids of the findings (added or removed, like the permissions) that name this subject. */
  findings?: string[];
}

export interface GrantsDiff {
  added: SubjectChange[];
  removed: SubjectChange[];
}

export interface GrantsDiffOptions {
  /** Also report control-plane subjects and grants made only by default bindings (default false). */
  includeDefaults?: boolean;
}

interface Tuple {
  namespace: string;
  verb: string;
  apiGroup?: string;
  resource?: string;
  resourceName?: string;
  nonResourceURL?: string;
  missingRole?: string;
}

interface Granted {
  tuple: Tuple;
  via: Map<Grant, Set<number>>;
}

/** Rule lists numbered by content for one comparison: equal rules ⇔ equal numbers, on either side. */
class RulesIds {
  private readonly byArray = new WeakMap<readonly PolicyRule[], number>();
  private readonly byText = new Map<string, number>();
  of(rules: readonly PolicyRule[]): number {
    let id = this.byArray.get(rules);
    if (id === undefined) {
      const text = JSON.stringify(rules);
      id = this.byText.get(text);
      if (id === undefined) this.byText.set(text, (id = this.byText.size));
      this.byArray.set(rules, id);
    }
    return id;
  }
}

function grantsOfKey(index: RbacIndex, key: string): Grant[] {
  return [...(index.clusterByKey.get(key) ?? []), ...(index.namespacedByKey.get(key) ?? [])];
}

const grantSignature = (g: Grant, ids: RulesIds) => `${g.id}\u0001${g.roleId}\u0001${ids.of(g.rules)}`;

/** Equal signatures ⇔ the same bindings with the same rules, so the same permissions. */
function signature(grants: readonly Grant[], ids: RulesIds): string {
  return grants
    .map((g) => grantSignature(g, ids))
    .sort()
    .join("\u0002");
}

/** A tuple's identity but for its verb. */
const objectKey = (t: Tuple) => `${t.namespace}\u0000${t.missingRole ?? ""}\u0000${t.nonResourceURL ?? ""}\u0000${t.apiGroup ?? ""}\u0000${t.resource ?? ""}\u0000${t.resourceName ?? ""}`;

/** Every tuple the grants give, keyed, each with the grants and rule indices it comes from. */
function tuplesOf(grants: readonly Grant[]): Map<string, Granted> {
  const out = new Map<string, Granted>();
  const put = (t: Tuple, g: Grant, i: number) => {
    const key = `${objectKey(t)}\u0000${t.verb}`;
    let e = out.get(key);
    if (!e) out.set(key, (e = { tuple: t, via: new Map() }));
    const idx = e.via.get(g);
    if (idx) idx.add(i);
    else e.via.set(g, new Set([i]));
  };
  for (const g of grants) {
    const ns = g.namespace;
    // a binding to a role that is not there grants what that role holds where it exists: say so
    if (g.missing) put({ namespace: ns, verb: "", missingRole: g.roleId }, g, -1);
    g.rules.forEach((rule, i) => {
      if (!ns) for (const url of rule.nonResourceURLs) for (const verb of rule.verbs) put({ namespace: ns, verb, nonResourceURL: url }, g, i);
      for (const apiGroup of rule.apiGroups) {
        for (const resource of rule.resources) {
          let names: (string | undefined)[] = rule.resourceNames.length ? rule.resourceNames : [undefined];
          const base = resource.split("/")[0];
          if (ns && apiGroup !== "*" && isClusterScoped(apiGroup, base)) {
            // a RoleBinding reaches only its own Namespace object among cluster-scoped resources
            if (apiGroup !== "" || base !== "namespaces" || (rule.resourceNames.length && !rule.resourceNames.includes(ns))) continue;
            names = [ns];
          }
          for (const verb of rule.verbs) for (const resourceName of names) put({ namespace: ns, verb, apiGroup, resource, ...(resourceName !== undefined ? { resourceName } : {}) }, g, i);
        }
      }
    });
  }
  return out;
}

const VERB_ORDER = ["*", "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];
const verbRank = (v: string) => {
  const i = VERB_ORDER.indexOf(v);
  return i < 0 ? VERB_ORDER.length : i;
};

/** Tuples that differ only by verb and share their paths become one entry with several verbs. */
function group(entries: readonly Granted[]): PermissionChange[] {
  const byKey = new Map<string, PermissionChange & { grants: Map<Grant, Set<number>> }>();
  for (const { tuple: t, via } of entries) {
    const ids = [...via.keys()].map((g) => g.id).sort();
    const key = `${objectKey(t)}\u0000${ids.join(",")}`;
    let p = byKey.get(key);
    if (!p) {
      const { namespace, apiGroup, resource, resourceName, nonResourceURL, missingRole } = t;
      const what = missingRole !== undefined ? { missingRole } : nonResourceURL !== undefined ? { nonResourceURL } : { apiGroup, resource, ...(resourceName !== undefined ? { resourceName } : {}) };
      p = { scope: namespace ? "namespace" : "cluster", ...(namespace ? { namespace } : {}), verbs: [], ...what, via: [], grants: new Map() };
      byKey.set(key, p);
    }
    if (t.verb) p.verbs.push(t.verb);
    for (const [g, idx] of via) p.grants.set(g, new Set([...(p.grants.get(g) ?? []), ...idx]));
  }
  const out = [...byKey.values()].map(({ grants, ...p }) => ({
    ...p,
    verbs: p.verbs.sort((a, b) => verbRank(a) - verbRank(b) || a.localeCompare(b)),
    via: [...grants].sort(([a], [b]) => a.id.localeCompare(b.id)).map(([grant, idx]) => viaOf({ grant, rules: [...idx].filter((i) => i >= 0).sort((a, b) => a - b) })),
  }));
  const sortKey = (p: PermissionChange) => `${p.namespace ?? ""}\u0000${p.missingRole !== undefined ? 0 : p.nonResourceURL !== undefined ? 2 : 1}\u0000${p.apiGroup ?? ""}\u0000${p.resource ?? p.nonResourceURL ?? p.missingRole}\u0000${p.resourceName ?? ""}`;
  return out.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

/**
 * The permissions each bound subject gains (paths from `after`) and loses (paths from `before`),
 * see file comment. Subjects whose bindings and roles are unchanged are not expanded at all.
 */
export function diffGrants(before: RbacIndex, after: RbacIndex, opts: GrantsDiffOptions = {}): GrantsDiff {
  const diff: GrantsDiff = { added: [], removed: [] };
  if (before === after) return diff;
  const keys = new Set([...before.clusterByKey.keys(), ...before.namespacedByKey.keys(), ...after.clusterByKey.keys(), ...after.namespacedByKey.keys()]);
  const ids = new RulesIds();
  const shown = (e: Granted) => opts.includeDefaults || [...e.via.keys()].some((g) => !g.isDefault);
  for (const key of keys) {
    const subject = subjectOfKey(key);
    if (!opts.includeDefaults && isDefaultSubject(subject)) continue;
    const gb = grantsOfKey(before, key);
    const ga = grantsOfKey(after, key);
    if (signature(gb, ids) === signature(ga, ids)) continue;
    // only the grants that differ can add or remove a tuple; a tuple names its grant's namespace, so
    // of the grants both sides share, only those in the same namespaces can still hold it
    const inB = new Set(gb.map((g) => grantSignature(g, ids)));
    const inA = new Set(ga.map((g) => grantSignature(g, ids)));
    const onlyB = gb.filter((g) => !inA.has(grantSignature(g, ids)));
    const onlyA = ga.filter((g) => !inB.has(grantSignature(g, ids)));
    const touched = new Set([...onlyA, ...onlyB].map((g) => g.namespace));
    const kept = tuplesOf(gb.filter((g) => inA.has(grantSignature(g, ids)) && touched.has(g.namespace)));
    const tb = tuplesOf(onlyB);
    const ta = tuplesOf(onlyA);
    const added = [...ta].filter(([k, e]) => !tb.has(k) && !kept.has(k) && shown(e)).map(([, e]) => e);
    const removed = [...tb].filter(([k, e]) => !ta.has(k) && !kept.has(k) && shown(e)).map(([, e]) => e);
    if (added.length) diff.added.push({ ...subject, permissions: group(added) });
    if (removed.length) diff.removed.push({ ...subject, permissions: group(removed) });
  }
  const bySubject = (a: SubjectRef, b: SubjectRef) => subjectId(a).localeCompare(subjectId(b));
  diff.added.sort(bySubject);
  diff.removed.sort(bySubject);
  return diff;
}

/** Does a finding name this subject among its resources? */
function names(f: Finding, s: SubjectRef): boolean {
  return f.resources.some((r) => r.kind === s.kind && r.name === s.name && (r.namespace ?? undefined) === (s.namespace ?? undefined));
}

/**
 * Links each subject to the RBAC findings that name it: added findings to the subjects that gained
 * permissions, removed findings to those that lost some (the findings diff judges the risk).
 */
export function linkFindings(diff: GrantsDiff, findings: { added: readonly Finding[]; removed: readonly Finding[] }): GrantsDiff {
  const link = (subjects: SubjectChange[], list: readonly Finding[]) =>
    subjects.map((s) => {
      const ids = list.filter((f) => f.category === "rbac" && names(f, s)).map((f) => f.id);
      return ids.length ? { ...s, findings: ids } : s;
    });
  return { added: link(diff.added, findings.added), removed: link(diff.removed, findings.removed) };
}

/** The number of (verb × resource) grants in a list of subject changes; a missing role counts once. */
export function countGrants(subjects: readonly SubjectChange[]): number {
  return subjects.reduce((n, s) => n + s.permissions.reduce((m, p) => m + Math.max(1, p.verbs.length), 0), 0);
}


export { permissionText } from "./permission-text";
