/**
 * Who a request comes from, and which binding subjects that is. Upstream
 * `pkg/registry/rbac/validation/rule.go` appliesToUser:
 * - User: exact, case-sensitive name equality (`*` is not a wildcard);
 * - Group: exact membership in the user's groups;
 * - ServiceAccount: username `system:serviceaccount:<ns>:<name>`, where an empty subject namespace
 *   means the RoleBinding's namespace, and never matches in a ClusterRoleBinding;
 * - any other kind matches nobody.
 * Identities carry the implicit groups the authenticators add (kubernetes.io/docs/reference/access-authn-authz/authentication, "Users in Kubernetes" and anonymous requests): every
 * authenticated user is in `system:authenticated`, anonymous is `system:anonymous` in
 * `system:unauthenticated`, service accounts are also in `system:serviceaccounts` and
 * `system:serviceaccounts:<ns>`.
 */
import type { Subject } from "../model";

export const SYSTEM_MASTERS = "system:masters";
export const AUTHENTICATED = "system:authenticated";
export const UNAUTHENTICATED = "system:unauthenticated";
export const ANONYMOUS = "system:anonymous";
export const ALL_SERVICE_ACCOUNTS = "system:serviceaccounts";
const SA_PREFIX = "system:serviceaccount:";

/** What the authenticator hands the authorizer. No username = a pure "member of these groups" probe. */
export interface Identity {
  username?: string;
  groups: readonly string[];
}

/** A subject as the product names it: the kinds RBAC can match. */
export interface SubjectRef {
  kind: "User" | "Group" | "ServiceAccount";
  name: string;
  /** ServiceAccounts only. */
  namespace?: string;
}

/** The username a ServiceAccount token authenticates as: `system:serviceaccount:<ns>:<name>`. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** `system:serviceaccount:ns:name` → {ns, name}; null for other usernames. */
export function parseServiceAccountUsername(username: string): { namespace: string; name: string } | null {
  if (!username.startsWith(SA_PREFIX)) return null;
  const rest = username.slice(SA_PREFIX.length);
  const colon = rest.indexOf(":");
  if (colon <= 0 || colon === rest.length - 1) return null;
  return { namespace: rest.slice(0, colon), name: rest.slice(colon + 1) };
}

/** The groups `system:serviceaccounts:<ns>` implies. */
export function serviceAccountGroups(namespace: string): string[] {
  return [ALL_SERVICE_ACCOUNTS, `${ALL_SERVICE_ACCOUNTS}:${namespace}`, AUTHENTICATED];
}

/** Is this group one the authenticators add on their own (never listed in any IdP)? */
export function isImplicitGroup(group: string): boolean {
  return group === AUTHENTICATED || group === UNAUTHENTICATED || group === ALL_SERVICE_ACCOUNTS || group.startsWith(`${ALL_SERVICE_ACCOUNTS}:`);
}

/** A user as authenticated: `system:authenticated` added, or `system:unauthenticated` for anonymous. */
export function userIdentity(username: string, groups: readonly string[] = []): Identity {
  const implicit = username === ANONYMOUS ? UNAUTHENTICATED : AUTHENTICATED;
  return { username, groups: groups.includes(implicit) ? [...groups] : [...groups, implicit] };
}

/** A service account's token: its username and the three implicit groups. */
export function serviceAccountIdentity(namespace: string, name: string, extraGroups: readonly string[] = []): Identity {
  return { username: serviceAccountUsername(namespace, name), groups: [...new Set([...serviceAccountGroups(namespace), ...extraGroups])] };
}

/** The identity a SubjectRef stands for, with implicit groups (a Group stands for its members). */
export function identityOf(ref: SubjectRef, assumeGroups: readonly string[] = []): Identity {
  if (ref.kind === "ServiceAccount") return serviceAccountIdentity(ref.namespace ?? "", ref.name, assumeGroups);
  if (ref.kind === "User") return userIdentity(ref.name, assumeGroups);
  return { groups: [...new Set([ref.name, ...assumeGroups])] };
}

/** Upstream appliesToUser: does a binding subject match this identity? */
export function appliesToUser(identity: Identity, subject: Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case "User":
      return identity.username !== undefined && identity.username === subject.name;
    case "Group":
      return identity.groups.includes(subject.name);
    case "ServiceAccount": {
      const ns = subject.namespace || bindingNamespace;
      if (!ns) return false;
      return identity.username !== undefined && identity.username === serviceAccountUsername(ns, subject.name);
    }
    default:
      return false;
  }
}

/**
 * The index key a subject matches on: `u:<username>` for Users and ServiceAccounts (an SA subject is
 * its username, so User "system:serviceaccount:ci:deployer" and SA ci/deployer are the same key),
 * `g:<group>` for Groups; null when the subject can match nobody.
 */
export function subjectKey(subject: Subject, bindingNamespace: string): string | null {
  if (subject.kind === "User") return `u:${subject.name}`;
  if (subject.kind === "Group") return `g:${subject.name}`;
  if (subject.kind === "ServiceAccount") {
    const ns = subject.namespace || bindingNamespace;
    return ns ? `u:${serviceAccountUsername(ns, subject.name)}` : null;
  }
  return null;
}

/** The keys an identity matches: its username and each of its groups. */
export function identityKeys(identity: Identity): string[] {
  const keys = identity.groups.map((g) => `g:${g}`);
  if (identity.username !== undefined) keys.unshift(`u:${identity.username}`);
  return keys;
}

/** The subject a key stands for; SA usernames come back as ServiceAccounts. */
export function subjectOfKey(key: string): SubjectRef {
  const value = key.slice(2);
  if (key.startsWith("g:")) return { kind: "Group", name: value };
  const sa = parseServiceAccountUsername(value);
  return sa ? { kind: "ServiceAccount", namespace: sa.namespace, name: sa.name } : { kind: "User", name: value };
}

/** The index key of a SubjectRef (inverse of subjectOfKey). */
export function keyOfSubject(ref: SubjectRef): string {
  if (ref.kind === "Group") return `g:${ref.name}`;
  if (ref.kind === "ServiceAccount") return `u:${serviceAccountUsername(ref.namespace ?? "", ref.name)}`;
  return `u:${ref.name}`;
}

/** A binding subject as matched: SA namespace defaulted to the RoleBinding's; null when it matches nobody. */
export function boundSubject(subject: Subject, bindingNamespace: string): SubjectRef | null {
  if (subject.kind === "User" || subject.kind === "Group") return { kind: subject.kind, name: subject.name };
  if (subject.kind === "ServiceAccount") {
    const ns = subject.namespace || bindingNamespace;
    return ns ? { kind: "ServiceAccount", namespace: ns, name: subject.name } : null;
  }
  return null;
}

/** Stable text id: `User/alice`, `Group/devs`, `ServiceAccount/ci/deployer` (used in URLs and graph ids). */
export function subjectId(ref: SubjectRef): string {
  return ref.kind === "ServiceAccount" ? `ServiceAccount/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

/** Inverse of subjectId; null when malformed. */
export function parseSubjectId(id: string): SubjectRef | null {
  const slash = id.indexOf("/");
  if (slash < 0) return null;
  const kind = id.slice(0, slash);
  const rest = id.slice(slash + 1);
  if (kind === "User" || kind === "Group") return rest ? { kind, name: rest } : null;
  if (kind === "ServiceAccount") {
    const s = rest.indexOf("/");
    return s > 0 && s < rest.length - 1 ? { kind, namespace: rest.slice(0, s), name: rest.slice(s + 1) } : null;
  }
  return null;
}

/** `User "alice"`, `Group "devs"`, `ServiceAccount "ci/deployer"` — upstream's describeSubject style. */
export function describeSubject(ref: SubjectRef): string {
  return ref.kind === "ServiceAccount" ? `ServiceAccount "${ref.namespace}/${ref.name}"` : `${ref.kind} "${ref.name}"`;
}
