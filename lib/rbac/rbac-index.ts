/**
 * The RBAC index: built once per snapshot so every query (who-can, permissions, matrix, findings,
 * graph) runs on resolved bindings instead of scanning lists. Each binding becomes a Grant: its
 * roleRef resolved once (a Role in the binding's namespace, a ClusterRole cluster-wide — upstream
 * GetRoleReferenceRules), its scope ("" for ClusterRoleBindings, else the binding's namespace) and
 * the keys its subjects match on (see subjects.ts subjectKey). Missing roles are kept as grants with
 * no rules and reported, as upstream logs them and continues.
 */
import type { ClusterSnapshot, Node, Pod, PolicyRule, Role, RoleBinding, RoleRef, ServiceAccount } from "../model";
import { isDefaultObject } from "./defaults";
import { getRoleReferenceRules, type RbacObjects } from "./evaluator";
import type { AccessRequest } from "./request";
import { matchingRules } from "./rule-allows";
import { SYSTEM_MASTERS, boundSubject, identityKeys, subjectKey, type Identity, type SubjectRef } from "./subjects";

export interface Grant {
  /** `ClusterRoleBinding/<name>` or `RoleBinding/<ns>/<name>`. */
  id: string;
  binding: RoleBinding;
  /** "" for a ClusterRoleBinding (applies everywhere), else the RoleBinding's namespace. */
  namespace: string;
  roleRef: RoleRef;
  /** `ClusterRole/<name>` or `Role/<ns>/<name>`, whether or not it exists. */
  roleId: string;
  role?: Role;
  /** The role's rules; empty when the role is missing. */
  rules: readonly PolicyRule[];
  /** Set when the roleRef does not resolve. */
  missing?: string;
  /** Subjects that can match, SA namespaces defaulted; subjects of other kinds are dropped. */
  subjects: SubjectRef[];
  /** subjectKey of each subject, same order. */
  keys: string[];
  isDefault: boolean;
}

/** One granting path: a grant and the indices of its role's rules that match. */
export interface GrantPath {
  grant: Grant;
  rules: number[];
}

export interface MissingRole {
  binding: string;
  roleId: string;
  message: string;
}

export interface RbacInput extends RbacObjects {
  serviceAccounts?: readonly ServiceAccount[];
  pods?: readonly Pod[];
  namespaces?: readonly { name: string }[];
  nodes?: readonly Pick<Node, "kubeletVersion" | "labels">[];
}

export interface RbacIndex {
  objects: RbacObjects;
  grants: Grant[];
  clusterGrants: Grant[];
  /** RoleBinding grants by namespace. */
  namespaceGrants: Map<string, Grant[]>;
  /** ClusterRoleBinding grants by subject key. */
  clusterByKey: Map<string, Grant[]>;
  /** RoleBinding grants (any namespace) by subject key. */
  namespacedByKey: Map<string, Grant[]>;
  /** Existing roles by roleId. */
  roles: Map<string, Role>;
  /** Grants by the roleId they reference (including missing roles). */
  grantsByRole: Map<string, Grant[]>;
  missingRoles: MissingRole[];
  /** ServiceAccounts by `ns/name`. */
  serviceAccounts: Map<string, ServiceAccount>;
  /** False when the input had no ServiceAccounts at all (cannot tell a missing SA from an unread one). */
  hasServiceAccounts: boolean;
  pods: readonly Pod[];
  /** Every namespace known from the snapshot or from bindings, sorted. */
  namespaces: string[];
  /** Nodes report an EKS kubelet or node-group label (aws-auth rule R26 applies). */
  eks: boolean;
  /** Rule matches memoized for every query on this index. */
  cache: RuleMatchCache;
}

/** Where a roleRef points: a Role in the binding's namespace, a ClusterRole cluster-wide (GetRoleReferenceRules). */
export function roleIdOf(roleRef: RoleRef, bindingNamespace: string): string {
  return roleRef.kind === "Role" ? `Role/${bindingNamespace}/${roleRef.name}` : `${roleRef.kind}/${roleRef.name}`;
}

/** `ClusterRoleBinding/<name>` or `RoleBinding/<ns>/<name>`. */
export function bindingId(b: RoleBinding): string {
  return b.kind === "ClusterRoleBinding" ? `ClusterRoleBinding/${b.name}` : `RoleBinding/${b.namespace}/${b.name}`;
}

/** `ClusterRole/<name>` or `Role/<ns>/<name>`. */
export function roleIdOfRole(r: Role): string {
  return r.kind === "Role" ? `Role/${r.namespace}/${r.name}` : `ClusterRole/${r.name}`;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** Builds the index. Linear in the number of objects; roles are resolved through a map, not a scan. */
export function buildRbacIndex(input: RbacInput): RbacIndex {
  const roles = new Map<string, Role>();
  for (const r of input.roles) roles.set(roleIdOfRole(r), r);
  for (const r of input.clusterRoles) roles.set(roleIdOfRole(r), r);
  const objects: RbacObjects = { roles: input.roles, clusterRoles: input.clusterRoles, roleBindings: input.roleBindings, clusterRoleBindings: input.clusterRoleBindings };
  const index: RbacIndex = {
    objects,
    grants: [],
    clusterGrants: [],
    namespaceGrants: new Map(),
    clusterByKey: new Map(),
    namespacedByKey: new Map(),
    roles,
    grantsByRole: new Map(),
    missingRoles: [],
    serviceAccounts: new Map((input.serviceAccounts ?? []).map((sa) => [`${sa.namespace}/${sa.name}`, sa])),
    hasServiceAccounts: (input.serviceAccounts ?? []).length > 0,
    pods: input.pods ?? [],
    namespaces: [],
    eks: (input.nodes ?? []).some((n) => /-eks-/.test(n.kubeletVersion ?? "") || "eks.amazonaws.com/nodegroup" in n.labels),
    cache: new RuleMatchCache(),
  };
  const namespaces = new Set((input.namespaces ?? []).map((n) => n.name));
  const add = (b: RoleBinding, namespace: string) => {
    const roleId = roleIdOf(b.roleRef, namespace);
    const role = b.roleRef.kind === "Role" || b.roleRef.kind === "ClusterRole" ? roles.get(roleId) : undefined;
    const missing = role ? undefined : getRoleReferenceRules(objects, b.roleRef, namespace).error;
    const subjects: SubjectRef[] = [];
    const keys: string[] = [];
    for (const s of b.subjects) {
      const key = subjectKey(s, namespace);
      const ref = boundSubject(s, namespace);
      if (!key || !ref || keys.includes(key)) continue;
      keys.push(key);
      subjects.push(ref);
    }
    const g: Grant = { id: bindingId(b), binding: b, namespace, roleRef: b.roleRef, roleId, role, rules: role?.rules ?? [], subjects, keys, isDefault: isDefaultObject(b) };
    if (missing) {
      g.missing = missing;
      index.missingRoles.push({ binding: g.id, roleId, message: missing });
    }
    index.grants.push(g);
    push(index.grantsByRole, roleId, g);
    if (namespace === "") {
      index.clusterGrants.push(g);
      for (const k of keys) push(index.clusterByKey, k, g);
    } else {
      namespaces.add(namespace);
      push(index.namespaceGrants, namespace, g);
      for (const k of keys) push(index.namespacedByKey, k, g);
    }
  };
  for (const b of input.clusterRoleBindings) add(b, "");
  for (const b of input.roleBindings) add(b, b.namespace ?? "");
  for (const r of input.roles) if (r.namespace) namespaces.add(r.namespace);
  index.namespaces = [...namespaces].sort();
  return index;
}

/** The index of a snapshot. */
export function indexSnapshot(s: ClusterSnapshot): RbacIndex {
  return buildRbacIndex(s);
}

/**
 * Grants whose subjects match the identity and that apply to a request in `namespace`: every
 * matching ClusterRoleBinding, plus matching RoleBindings of that namespace when it is non-empty
 * (upstream VisitRulesFor). `namespace: null` returns RoleBindings of every namespace.
 */
export function grantsFor(index: RbacIndex, identity: Identity, namespace: string | null): Grant[] {
  const out: Grant[] = [];
  const seen = new Set<string>();
  const take = (g: Grant) => {
    if (!seen.has(g.id)) {
      seen.add(g.id);
      out.push(g);
    }
  };
  const keys = identityKeys(identity);
  for (const k of keys) for (const g of index.clusterByKey.get(k) ?? []) take(g);
  if (namespace !== "") {
    for (const k of keys) for (const g of index.namespacedByKey.get(k) ?? []) if (namespace === null || g.namespace === namespace) take(g);
  }
  return out;
}

/** Does a grant apply to a request in this namespace? ClusterRoleBindings always; RoleBindings only in theirs. */
export function grantApplies(g: Grant, requestNamespace: string): boolean {
  return g.namespace === "" || g.namespace === requestNamespace;
}

function requestKey(r: AccessRequest): string {
  return r.resourceRequest ? `${r.verb}\u0000${r.apiGroup}\u0000${r.resource}\u0000${r.subresource}\u0000${r.name}` : `\u0001${r.verb}\u0000${r.path}`;
}

/**
 * Memoizes rule matching per role (rules array) and request: many bindings share a role, and the
 * findings ask the same probes of every subject. Namespaces do not enter the key — they decide
 * which grants apply, not which rules match. Probes of the catalogue are looked up by number
 * (`matchProbe`) rather than by text; whole-scope results of the findings are kept in `scopes`.
 */
export class RuleMatchCache {
  private readonly byRules = new WeakMap<readonly PolicyRule[], Map<string, number[]>>();
  private readonly vectors = new WeakMap<readonly PolicyRule[], (number[] | undefined)[]>();
  private readonly perRoleMemo = new Map<string, WeakMap<readonly PolicyRule[], unknown>>();
  readonly scopes = new Map<string, unknown>();

  /** A fact about one role (its rules array), computed once per index: `kind` names the fact. */
  perRole<T>(kind: string, rules: readonly PolicyRule[], compute: () => T): T {
    let m = this.perRoleMemo.get(kind);
    if (!m) {
      m = new WeakMap();
      this.perRoleMemo.set(kind, m);
    }
    if (m.has(rules)) return m.get(rules) as T;
    const v = compute();
    m.set(rules, v);
    return v;
  }

  match(rules: readonly PolicyRule[], req: AccessRequest, key = requestKey(req)): number[] {
    let m = this.byRules.get(rules);
    if (!m) {
      m = new Map();
      this.byRules.set(rules, m);
    }
    let hit = m.get(key);
    if (!hit) {
      hit = matchingRules(rules, req);
      m.set(key, hit);
    }
    return hit;
  }

  /** Like match, for request number `id` whose rule-relevant fields never change (a compiled probe). */
  matchProbe(rules: readonly PolicyRule[], id: number, req: AccessRequest): number[] {
    let v = this.vectors.get(rules);
    if (!v) {
      v = [];
      this.vectors.set(rules, v);
    }
    return (v[id] ??= matchingRules(rules, req));
  }
}

/** Every granting path among `grants` for the request (grants not applying to its namespace skipped). */
export function grantingPaths(grants: readonly Grant[], req: AccessRequest, cache?: RuleMatchCache): GrantPath[] {
  const ns = req.resourceRequest ? req.namespace : "";
  const key = requestKey(req);
  const out: GrantPath[] = [];
  for (const g of grants) {
    if (!grantApplies(g, ns) || g.rules.length === 0) continue;
    const rules = cache ? cache.match(g.rules, req, key) : matchingRules(g.rules, req);
    if (rules.length) out.push({ grant: g, rules });
  }
  return out;
}

export interface IndexedDecision {
  allowed: boolean;
  bypass: boolean;
  paths: GrantPath[];
}

/** The authorizer on the index: same answer as evaluator.ts authorize, with every granting path. */
export function authorizeIndexed(index: RbacIndex, identity: Identity, req: AccessRequest, cache?: RuleMatchCache): IndexedDecision {
  const bypass = identity.groups.includes(SYSTEM_MASTERS);
  const ns = req.resourceRequest ? req.namespace : "";
  const paths = grantingPaths(grantsFor(index, identity, ns), req, cache);
  return { allowed: bypass || paths.length > 0, bypass, paths };
}
