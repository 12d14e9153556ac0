/**
 * What a subject can do: its effective rules per scope (cluster-wide through ClusterRoleBindings,
 * then each namespace through its RoleBindings), compacted and deduplicated, each with the bindings
 * and rules it comes from. Implicit groups are added as the authenticators would (subjects.ts), and
 * `assumeGroups` lets a reviewer state IdP group membership RBAC objects cannot show.
 * Rules that cannot take effect in a RoleBinding (non-resource URLs, cluster-scoped resources: the
 * request's namespace is "", so no RoleBinding applies; evaluator.ts) are listed apart as ineffective;
 * `namespaces` in a RoleBinding of N is narrowed to the Namespace object N itself, which lives in N
 * (apiserver requestinfo.go; request.ts).
 */
import { grantsFor, type Grant, type RbacIndex } from "./rbac-index";
import { isClusterScoped } from "./resources";
import { SYSTEM_MASTERS, identityOf, type Identity, type SubjectRef } from "./subjects";
import { viaOf, type Via } from "./who-can";

export interface PermissionsOptions {
  /** Only cluster-wide rules and those of this namespace. */
  namespace?: string;
  /** Groups the subject is assumed to be in (IdP membership is invisible in RBAC objects). */
  assumeGroups?: readonly string[];
}

export interface EffectiveRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
  via: Via[];
}

export interface IneffectiveRule {
  rule: string;
  reason: string;
  via: Via[];
}

export interface ScopePermissions {
  scope: "cluster" | "namespace";
  namespace?: string;
  rules: EffectiveRule[];
  ineffective: IneffectiveRule[];
}

export interface Permissions {
  subject: SubjectRef;
  identity: Identity;
  assumedGroups: string[];
  /** In system:masters: every request is allowed before RBAC. */
  bypass: boolean;
  scopes: ScopePermissions[];
  missingRoles: string[];
}

const VERB_ORDER = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

/** Canonical verb order; `*` absorbs everything else. */
export function sortVerbs(verbs: Iterable<string>): string[] {
  const set = new Set(verbs);
  if (set.has("*")) return ["*"];
  return [...set].sort((a, b) => {
    const ia = VERB_ORDER.indexOf(a);
    const ib = VERB_ORDER.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    return a.localeCompare(b);
  });
}

interface Tuple {
  group: string;
  resource: string;
  names: string[];
  url?: string;
  verbs: Set<string>;
  via: Map<Grant, Set<number>>;
}

function addVia(via: Map<Grant, Set<number>>, g: Grant, i: number): void {
  const s = via.get(g);
  if (s) s.add(i);
  else via.set(g, new Set([i]));
}

function viaList(via: Map<Grant, Set<number>>): Via[] {
  return [...via].map(([grant, rules]) => viaOf({ grant, rules: [...rules].sort((a, b) => a - b) }));
}

/** Splits one scope's grants into (group, resource, names) or URL tuples with merged verbs. */
function flatten(grants: readonly Grant[], namespace: string): { tuples: Map<string, Tuple>; ineffective: IneffectiveRule[] } {
  const tuples = new Map<string, Tuple>();
  const ineffective = new Map<string, IneffectiveRule & { viaMap: Map<Grant, Set<number>> }>();
  const skip = (what: string, reason: string, g: Grant, i: number) => {
    const key = `${what}\u0000${reason}`;
    const e = ineffective.get(key) ?? { rule: what, reason, via: [], viaMap: new Map() };
    addVia(e.viaMap, g, i);
    ineffective.set(key, e);
  };
  const put = (key: string, base: Omit<Tuple, "verbs" | "via">, verbs: readonly string[], g: Grant, i: number) => {
    let t = tuples.get(key);
    if (!t) {
      t = { ...base, verbs: new Set(), via: new Map() };
      tuples.set(key, t);
    }
    for (const v of verbs) t.verbs.add(v);
    addVia(t.via, g, i);
  };
  for (const g of grants) {
    g.rules.forEach((rule, i) => {
      for (const url of rule.nonResourceURLs) {
        if (namespace) skip(`${rule.verbs.join(",")} ${url}`, "non-resource URLs are granted only through ClusterRoleBindings", g, i);
        else put(`u\u0000${url}`, { group: "", resource: "", names: [], url }, rule.verbs, g, i);
      }
      for (const group of rule.apiGroups) {
        for (const resource of rule.resources) {
          let names = [...rule.resourceNames].sort();
          const base = resource.split("/")[0];
          if (namespace && group !== "*" && isClusterScoped(group, base)) {
            if (group === "" && base === "namespaces") {
              if (names.length === 0 || names.includes(namespace)) names = [namespace];
              else {
                skip(`${rule.verbs.join(",")} ${resource} named ${names.join(",")}`, `a RoleBinding in ${namespace} only reaches the Namespace object ${namespace}`, g, i);
                continue;
              }
            } else {
              skip(`${rule.verbs.join(",")} ${resource}${group ? `.${group}` : ""}`, "cluster-scoped resources are granted only through ClusterRoleBindings", g, i);
              continue;
            }
          }
          put(`r\u0000${group}\u0000${resource}\u0000${names.join(",")}`, { group, resource, names }, rule.verbs, g, i);
        }
      }
    });
  }
  return { tuples, ineffective: [...ineffective.values()].map(({ viaMap, ...e }) => ({ ...e, via: viaList(viaMap) })) };
}

/**
 * Merges tuples into rows: same group, names and verbs → one row with several resources; then rows
 * equal but for the group → one row with several groups.
 */
function compact(tuples: Iterable<Tuple>): EffectiveRule[] {
  const rows = new Map<string, { t: Tuple; resources: Set<string>; groups: Set<string>; via: Map<Grant, Set<number>> }>();
  const mergeVia = (into: Map<Grant, Set<number>>, from: Map<Grant, Set<number>>) => {
    for (const [g, idx] of from) for (const i of idx) addVia(into, g, i);
  };
  for (const t of tuples) {
    const verbs = sortVerbs(t.verbs);
    const key = t.url !== undefined ? `u\u0000${verbs}` : `r\u0000${t.group}\u0000${t.names.join(",")}\u0000${verbs}`;
    const row = rows.get(key) ?? { t: { ...t, verbs: new Set(verbs) }, resources: new Set<string>(), groups: new Set([t.group]), via: new Map() };
    row.resources.add(t.url ?? t.resource);
    mergeVia(row.via, t.via);
    rows.set(key, row);
  }
  const byGroup = new Map<string, { rule: EffectiveRule; via: Map<Grant, Set<number>> }>();
  for (const { t, resources, via } of rows.values()) {
    const res = [...resources].sort();
    const verbs = [...t.verbs];
    if (t.url !== undefined) {
      byGroup.set(`u\u0000${verbs}\u0000${res}`, { rule: { verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: res, via: [] }, via });
      continue;
    }
    const key = `r\u0000${res}\u0000${t.names.join(",")}\u0000${verbs}`;
    const prev = byGroup.get(key);
    if (prev) {
      prev.rule.apiGroups.push(t.group);
      mergeVia(prev.via, via);
    } else {
      byGroup.set(key, { rule: { verbs, apiGroups: [t.group], resources: res, resourceNames: t.names, nonResourceURLs: [], via: [] }, via });
    }
  }
  const out = [...byGroup.values()].map(({ rule, via }) => ({ ...rule, apiGroups: rule.apiGroups.sort(), via: viaList(via) }));
  const sortKey = (r: EffectiveRule) => `${r.nonResourceURLs.length ? 1 : 0}\u0000${r.apiGroups[0] ?? ""}\u0000${r.resources[0] ?? r.nonResourceURLs[0]}`;
  return out.sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
}

/** The effective permissions of a subject (see file comment). */
export function permissionsOf(index: RbacIndex, subject: SubjectRef, opts: PermissionsOptions = {}): Permissions {
  const identity = identityOf(subject, opts.assumeGroups ?? []);
  const grants = grantsFor(index, identity, opts.namespace ?? null);
  const byScope = new Map<string, Grant[]>();
  for (const g of grants) {
    const list = byScope.get(g.namespace);
    if (list) list.push(g);
    else byScope.set(g.namespace, [g]);
  }
  const order = [...byScope.keys()].sort();
  const scopes: ScopePermissions[] = order.map((ns) => {
    const { tuples, ineffective } = flatten(byScope.get(ns)!, ns);
    return { scope: ns ? "namespace" : "cluster", ...(ns ? { namespace: ns } : {}), rules: compact(tuples.values()), ineffective };
  });
  return {
    subject,
    identity,
    assumedGroups: [...(opts.assumeGroups ?? [])],
    bypass: identity.groups.includes(SYSTEM_MASTERS),
    scopes,
    missingRoles: grants.filter((g) => g.missing).map((g) => `${g.id}: ${g.missing}`),
  };
}
