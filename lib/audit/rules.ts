/**
 * Policy rules that grant exactly a set of observed requests, up to a stated generalisation:
 * - names: the object names seen (resourceNames), or any name when a request had none (list,
 *   create, watch of a collection), when more than NAMES_LIMIT names were seen or folded by the
 *   reader, or when the option says so;
 * - verbs: the verbs seen, or their whole family (read get/list/watch, write create/update/patch,
 *   delete delete/deletecollection — the groupings of the default `view` and `edit` roles);
 * - scopes: each namespace apart; a request made across all namespaces, on a cluster-scoped resource
 *   or on a non-resource URL needs a cluster-wide rule, as RBAC grants those only through
 *   ClusterRoleBindings (kubernetes `pkg/registry/rbac/validation/rule.go` VisitRulesFor).
 * Rules are merged only where the union is exact: resources sharing a group, verbs and names; then
 * groups sharing resources, verbs and names; verbs are put together only when they saw the same names.
 */
import type { PolicyRule } from "../model";
import type { AccessRequest } from "../rbac/request";
import { sortVerbs } from "../rbac/permissions";

export interface Generalisation {
  verbs: "observed" | "family";
  names: "observed" | "any";
}

export const OBSERVED: Generalisation = { verbs: "observed", names: "observed" };

/** More distinct names than this for one verb on one resource: the rule names none (any name). */
export const NAMES_LIMIT = 16;

export const VERB_FAMILIES: readonly (readonly string[])[] = [
  ["get", "list", "watch"],
  ["create", "update", "patch"],
  ["delete", "deletecollection"],
];

/** The verbs a verb stands for under the generalisation. */
export function verbsFor(verb: string, g: Generalisation): readonly string[] {
  if (g.verbs === "observed") return [verb];
  return VERB_FAMILIES.find((f) => f.includes(verb)) ?? [verb];
}

/** An observed request; `folded` when the reader merged several names (or paths) into it. */
export interface ObservedUse {
  request: AccessRequest;
  folded: boolean;
}

export interface RuleSet {
  /** Rules needing a ClusterRoleBinding. */
  cluster: PolicyRule[];
  /** Rules per namespace (a RoleBinding in it). */
  namespaces: Map<string, PolicyRule[]>;
  /** Folded non-resource requests: their paths are unknown, no rule can name them. */
  uncovered: ObservedUse[];
}

const ANY = "\u0000any";

interface ScopeTuples {
  /** group → resource → verb → names (ANY in the set = any name). */
  resources: Map<string, Map<string, Map<string, Set<string>>>>;
  /** path → verbs. */
  urls: Map<string, Set<string>>;
}

function scope(m: Map<string, ScopeTuples>, ns: string): ScopeTuples {
  let s = m.get(ns);
  if (!s) m.set(ns, (s = { resources: new Map(), urls: new Map() }));
  return s;
}

function at<K, V>(m: Map<K, V>, k: K, make: () => V): V {
  let v = m.get(k);
  if (v === undefined) m.set(k, (v = make()));
  return v;
}

const namesKey = (names: Set<string>) => (names.has(ANY) ? "" : [...names].sort().join("\u0000"));

/** Rows of one scope's resource tuples, merged exactly (see file comment). */
function resourceRules(t: ScopeTuples): PolicyRule[] {
  // (group, names, verbs) → resources
  const rows = new Map<string, { group: string; names: string[]; verbs: string[]; resources: Set<string> }>();
  for (const [group, byResource] of t.resources) {
    for (const [resource, byVerb] of byResource) {
      const verbsByNames = new Map<string, { names: string[]; verbs: Set<string> }>();
      for (const [verb, names] of byVerb) {
        const k = namesKey(names);
        at(verbsByNames, k, () => ({ names: k ? k.split("\u0000") : [], verbs: new Set<string>() })).verbs.add(verb);
      }
      for (const [k, { names, verbs }] of verbsByNames) {
        const vs = sortVerbs(verbs);
        at(rows, `${group}\u0001${k}\u0001${vs.join(",")}`, () => ({ group, names, verbs: vs, resources: new Set<string>() })).resources.add(resource);
      }
    }
  }
  // (resources, names, verbs) → groups
  const merged = new Map<string, PolicyRule>();
  for (const r of rows.values()) {
    const resources = [...r.resources].sort();
    const key = `${resources.join(",")}\u0001${r.names.join(",")}\u0001${r.verbs.join(",")}`;
    const have = merged.get(key);
    if (have) have.apiGroups.push(r.group);
    else merged.set(key, { verbs: r.verbs, apiGroups: [r.group], resources, resourceNames: r.names, nonResourceURLs: [] });
  }
  return [...merged.values()].map((r) => ({ ...r, apiGroups: r.apiGroups.sort() }));
}

function urlRules(t: ScopeTuples): PolicyRule[] {
  const byVerbs = new Map<string, { verbs: string[]; urls: string[] }>();
  for (const [url, verbs] of t.urls) {
    const vs = sortVerbs(verbs);
    at(byVerbs, vs.join(","), () => ({ verbs: vs, urls: [] })).urls.push(url);
  }
  return [...byVerbs.values()].map(({ verbs, urls }) => ({ verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: urls.sort() }));
}

const ruleOrder = (r: PolicyRule) => `${r.nonResourceURLs.length ? 1 : 0}\u0000${r.apiGroups.join(",")}\u0000${r.resources.join(",")}\u0000${r.nonResourceURLs.join(",")}\u0000${r.verbs.join(",")}`;

/** The rules that grant exactly `uses` under generalisation `g` (see file comment). */
export function rulesFor(uses: readonly ObservedUse[], g: Generalisation = OBSERVED): RuleSet {
  const scopes = new Map<string, ScopeTuples>();
  const uncovered: ObservedUse[] = [];
  for (const u of uses) {
    const r = u.request;
    if (!r.resourceRequest) {
      if (u.folded || !r.path) {
        uncovered.push(u);
        continue;
      }
      const verbs = at(scope(scopes, "").urls, r.path, () => new Set<string>());
      for (const v of verbsFor(r.verb, g)) verbs.add(v);
      continue;
    }
    const resource = r.subresource ? `${r.resource}/${r.subresource}` : r.resource;
    const byVerb = at(at(scope(scopes, r.namespace).resources, r.apiGroup, () => new Map()), resource, () => new Map<string, Set<string>>());
    const name = g.names === "any" || u.folded || r.name === "" ? ANY : r.name;
    for (const v of verbsFor(r.verb, g)) at(byVerb, v, () => new Set<string>()).add(name);
  }
  for (const t of scopes.values()) {
    for (const byResource of t.resources.values()) {
      for (const byVerb of byResource.values()) {
        for (const names of byVerb.values()) {
          if (names.size > NAMES_LIMIT) {
            names.clear();
            names.add(ANY);
          }
        }
      }
    }
  }
  const build = (t: ScopeTuples) => [...resourceRules(t), ...urlRules(t)].sort((a, b) => (ruleOrder(a) < ruleOrder(b) ? -1 : ruleOrder(a) > ruleOrder(b) ? 1 : 0));
  const namespaces = new Map<string, PolicyRule[]>();
  for (const ns of [...scopes.keys()].sort()) if (ns) namespaces.set(ns, build(scopes.get(ns)!));
  return { cluster: scopes.has("") ? build(scopes.get("")!) : [], namespaces, uncovered };
}
