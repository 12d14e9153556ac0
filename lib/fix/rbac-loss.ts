/**
 * "Who loses what" for an RBAC edit, as the authorizer sees it: every (subject, request) that was
 * allowed before the edit and is not after. Requests are enumerated from the rules the subject held
 * before — each verb, group, resource and name a rule lists, a `*` standing for every value the
 * cluster's rules write in that place (and the API's usual verbs) — in every scope where its answer
 * can differ: cluster-wide (all namespaces) and each namespace where a RoleBinding applies to the
 * subject. A subject's identity includes its implicit groups (identityOf), so a permission it
 * still gets through a group is not lost. The property test compares this with the plain
 * evaluator (lib/rbac/evaluator.ts) over the whole cluster.
 */
import type { PolicyRule } from "../model";
import { ANY } from "../rbac/risk-model";
import { authorizeIndexed, grantsFor, type RbacIndex } from "../rbac/rbac-index";
import type { ResourceRequest } from "../rbac/request";
import { isClusterScoped } from "../rbac/resources";
import { identityKeys, identityOf, keyOfSubject, type Identity, type SubjectRef } from "../rbac/subjects";

/** The API's verbs a `*` stands for, besides those the cluster's rules write. */
export const STANDARD_VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"];

export interface Vocabulary {
  verbs: string[];
  groups: string[];
  resources: string[];
  /** Names rules list, plus ANY (a name no rule lists). */
  names: string[];
}

/** The values the cluster's rules write, per place (see file comment). */
export function vocabularyOf(...ruleLists: (readonly PolicyRule[])[]): Vocabulary {
  const verbs = new Set(STANDARD_VERBS);
  const groups = new Set<string>([""]);
  const resources = new Set<string>();
  const names = new Set<string>([ANY]);
  for (const rules of ruleLists) {
    for (const r of rules) {
      for (const v of r.verbs) if (v !== "*") verbs.add(v);
      for (const g of r.apiGroups) if (g !== "*") groups.add(g);
      for (const x of r.resources) if (x !== "*" && !x.startsWith("*/")) resources.add(x);
      for (const n of r.resourceNames) names.add(n);
    }
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return { verbs: sorted(verbs), groups: sorted(groups), resources: sorted(resources), names: sorted(names) };
}

/** Every rule of every role in the snapshot's RBAC objects. */
export function allRules(index: RbacIndex): PolicyRule[][] {
  return [...index.objects.roles, ...index.objects.clusterRoles].map((r) => r.rules);
}

const expand = (list: readonly string[], all: readonly string[]) => (list.includes("*") ? all : list);

/** The resource strings a rule's resources stand for: `*` every one, `*\/sub` every `x/sub`. */
function expandResources(list: readonly string[], all: readonly string[]): string[] {
  if (list.includes("*")) return [...all];
  const out = new Set<string>();
  for (const r of list) {
    if (r.startsWith("*/")) {
      for (const x of all) if (x.endsWith(r.slice(1))) out.add(x);
    } else out.add(r);
  }
  return [...out];
}

/**
 * The requests a rule can answer in one scope (namespace "" cluster-wide). A rule without
 * resourceNames answers for every name: ANY, and the names in `vocab` (for one subject, those its
 * own rules list — any other name gets ANY's answer).
 */
export function requestsOfRule(rule: PolicyRule, vocab: Vocabulary, namespace: string): ResourceRequest[] {
  const out: ResourceRequest[] = [];
  const names = rule.resourceNames.length ? rule.resourceNames : vocab.names;
  for (const apiGroup of expand(rule.apiGroups, vocab.groups)) {
    for (const combined of expandResources(rule.resources, vocab.resources)) {
      const slash = combined.indexOf("/");
      const resource = slash < 0 ? combined : combined.slice(0, slash);
      const subresource = slash < 0 ? "" : combined.slice(slash + 1);
      if (namespace && isClusterScoped(apiGroup, resource)) continue;
      for (const verb of expand(rule.verbs, vocab.verbs)) for (const name of names) out.push({ resourceRequest: true, verb, apiGroup, resource, subresource, name, namespace });
    }
  }
  return out;
}

/** Cluster-wide, and each namespace where a RoleBinding applies to the identity in any of the indexes. */
export function scopesOf(identity: Identity, ...indexes: RbacIndex[]): string[] {
  const keys = identityKeys(identity);
  const out = new Set<string>([""]);
  for (const index of indexes) for (const k of keys) for (const g of index.namespacedByKey.get(k) ?? []) out.add(g.namespace);
  return [...out].sort();
}

export interface LostRequest {
  /** "" cluster-wide (every namespace), else the namespace. */
  namespace: string;
  verb: string;
  apiGroup: string;
  /** `pods` or `pods/exec`. */
  resource: string;
  /** Absent: any name. */
  resourceName?: string;
}

export interface Loss {
  subject: SubjectRef;
  lost: LostRequest[];
}

const requestKey = (r: ResourceRequest) => `${r.namespace}\u0000${r.verb}\u0000${r.apiGroup}\u0000${r.resource}\u0000${r.subresource}\u0000${r.name}`;

function lostRequest(r: ResourceRequest): LostRequest {
  return { namespace: r.namespace, verb: r.verb, apiGroup: r.apiGroup, resource: r.subresource ? `${r.resource}/${r.subresource}` : r.resource, ...(r.name !== ANY ? { resourceName: r.name } : {}) };
}

/**
 * Lost requests in canonical form: a named request only when the same verb on the same resource
 * in the same scope is not lost for any name (then every name is lost, and saying it once is enough).
 */
export function canonicalLoss(lost: readonly LostRequest[]): LostRequest[] {
  const anyName = new Set(lost.filter((r) => r.resourceName === undefined).map(requestKeyOf));
  return lost.filter((r) => r.resourceName === undefined || !anyName.has(requestKeyOf({ ...r, resourceName: undefined }))).sort((a, b) => requestKeyOf(a).localeCompare(requestKeyOf(b)));
}

/** What one subject loses between two indexes (see file comment). */
export function subjectLoss(before: RbacIndex, after: RbacIndex, subject: SubjectRef, vocab: Vocabulary): LostRequest[] {
  const identity = identityOf(subject);
  const scopes = scopesOf(identity, before, after);
  // names matter only where one of the subject's own rules lists them
  const listed = new Set<string>([ANY]);
  for (const index of [before, after]) for (const g of grantsFor(index, identity, null)) for (const r of g.rules) r.resourceNames.forEach((n) => listed.add(n));
  vocab = { ...vocab, names: [...listed].sort() };
  const seen = new Set<string>();
  const out: LostRequest[] = [];
  for (const namespace of scopes) {
    for (const g of grantsFor(before, identity, namespace)) {
      for (const rule of g.rules) {
        for (const req of requestsOfRule(rule, vocab, namespace)) {
          const k = requestKey(req);
          if (seen.has(k)) continue;
          seen.add(k);
          if (authorizeIndexed(before, identity, req, before.cache).allowed && !authorizeIndexed(after, identity, req, after.cache).allowed) out.push(lostRequest(req));
        }
      }
    }
  }
  return canonicalLoss(out);
}

/** A lost request's identity (scope, group, resource, verb, name), for sorting and comparing. */
export const requestKeyOf = (r: LostRequest) => `${r.namespace}\u0000${r.apiGroup}\u0000${r.resource}\u0000${r.verb}\u0000${r.resourceName ?? ""}`;

/** Who loses what among `subjects` (those the edit can reach), subjects with no loss left out. */
export function lossOf(before: RbacIndex, after: RbacIndex, subjects: readonly SubjectRef[], vocab = vocabularyOf(...allRules(before))): Loss[] {
  const byKey = new Map(subjects.map((s) => [keyOfSubject(s), s]));
  return [...byKey.values()].map((subject) => ({ subject, lost: subjectLoss(before, after, subject, vocab) })).filter((l) => l.lost.length > 0);
}
