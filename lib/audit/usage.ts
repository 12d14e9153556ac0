/**
 * Granted versus used: the atoms of an audit log (accumulate.ts) laid over the snapshot's RBAC index.
 * A request the log shows as allowed counts as a use of every binding and rule that authorises it on
 * the snapshot (all granting paths, not only the first upstream would report: removing any one of
 * several sufficient bindings keeps the request working, so none of them is "unused"). Requests the
 * log shows as refused are attempts, never uses. Everything is "over the window the log covers".
 */
import type { Grant, RbacIndex } from "../rbac/rbac-index";
import { parseServiceAccountUsername, serviceAccountUsername, type SubjectRef } from "../rbac/subjects";
import type { Atom, AuditUsage } from "./accumulate";
import type { AuditWindow } from "./window";

export interface Use {
  count: number;
  /** Epoch ms of the last use; 0 when never used. */
  last: number;
}

export interface RoleUse extends Use {
  /** Uses per rule index. */
  rules: Map<number, Use>;
}

export interface AuditAnalysis {
  usage: AuditUsage;
  window: AuditWindow | null;
  /** Uses per grant id (bindings never used are absent). */
  grants: Map<string, Use & { usernames: Set<string> }>;
  /** Uses per role id (through any binding). */
  roles: Map<string, RoleUse>;
  /** Atoms by the username that made them (impersonated identity for impersonated requests). */
  byUsername: Map<string, Atom[]>;
  /** Atoms by each group their identity carried. */
  byGroup: Map<string, Atom[]>;
}

export const NEVER: Use = Object.freeze({ count: 0, last: 0 });

function bump(u: Use, a: Atom): void {
  u.count += a.count;
  if (a.last > u.last) u.last = a.last;
}

/** A use is an atom the log shows as allowed; refused requests are attempts. */
export function isUse(a: Atom): boolean {
  return a.decision === "allow";
}

/** Lays the atoms over the index: uses per binding, role and rule, atoms per username. */
export function analyseUsage(usage: AuditUsage): AuditAnalysis {
  const grants = new Map<string, Use & { usernames: Set<string> }>();
  const roles = new Map<string, RoleUse>();
  const byUsername = new Map<string, Atom[]>();
  const byGroup = new Map<string, Atom[]>();
  const push = (m: Map<string, Atom[]>, k: string, a: Atom) => {
    const list = m.get(k);
    if (list) list.push(a);
    else m.set(k, [a]);
  };
  for (const a of usage.atoms) {
    push(byUsername, a.identity.username, a);
    for (const g of a.identity.groups) push(byGroup, g, a);
    if (!isUse(a)) continue;
    for (const p of a.paths) {
      let g = grants.get(p.grant.id);
      if (!g) grants.set(p.grant.id, (g = { count: 0, last: 0, usernames: new Set() }));
      bump(g, a);
      g.usernames.add(a.identity.username);
      let r = roles.get(p.grant.roleId);
      if (!r) roles.set(p.grant.roleId, (r = { count: 0, last: 0, rules: new Map() }));
      bump(r, a);
      for (const i of p.rules) {
        let ru = r.rules.get(i);
        if (!ru) r.rules.set(i, (ru = { count: 0, last: 0 }));
        bump(ru, a);
      }
    }
  }
  return { usage, window: usage.window, grants, roles, byUsername, byGroup };
}

/** The username a User or ServiceAccount subject authenticates as; undefined for a Group. */
export function usernameOf(s: SubjectRef): string | undefined {
  if (s.kind === "ServiceAccount") return serviceAccountUsername(s.namespace ?? "", s.name);
  return s.kind === "User" ? s.name : undefined;
}

/**
 * The atoms a subject stands for: a User's or ServiceAccount's own requests; a Group's members'
 * requests (identities carrying the group).
 */
export function subjectAtoms(a: AuditAnalysis, s: SubjectRef): Atom[] {
  const user = usernameOf(s);
  if (user !== undefined) return a.byUsername.get(user) ?? [];
  return a.byGroup.get(s.name) ?? [];
}

/** Total use over atoms (allowed ones only). */
export function totalUse(atoms: readonly Atom[]): Use {
  const u = { count: 0, last: 0 };
  for (const x of atoms) if (isUse(x)) bump(u, x);
  return u;
}

/** The groups a username was seen with in the log (what the identity provider said), sorted. */
export function groupsSeen(a: AuditAnalysis, username: string): string[] {
  const out = new Set<string>();
  for (const x of a.byUsername.get(username) ?? []) for (const g of x.identity.groups) out.add(g);
  return [...out].sort();
}

export function grantUse(a: AuditAnalysis, g: Grant): Use {
  return a.grants.get(g.id) ?? NEVER;
}

/** ServiceAccounts of the snapshot that no request came from, as `ns/name`. */
export function silentServiceAccounts(a: AuditAnalysis, index: RbacIndex): string[] {
  const heard = new Set<string>();
  for (const u of a.byUsername.keys()) {
    const sa = parseServiceAccountUsername(u);
    if (sa) heard.add(`${sa.namespace}/${sa.name}`);
  }
  return [...index.serviceAccounts.keys()].filter((k) => !heard.has(k)).sort();
}
