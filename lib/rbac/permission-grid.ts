/**
 * A subject's effective permissions (permissions.ts) as a compact grid per scope: one row per API
 * group and resource (names kept apart, since resourceNames narrow a rule), one column per common
 * verb, other verbs (escalate, bind, impersonate, use, approve …) listed beside, and the bindings and
 * rules each row comes from. A `*` verb fills every column — upstream VerbMatches treats it as any verb.
 * Wildcards are expanded wherever they reach: a row covered by a wildcard row of the same scope, or
 * of the cluster-wide scope (a ClusterRoleBinding grants in every namespace) (`*` group, `*` resource, `*\/sub`, names unrestricted) shows the verbs the wildcard grants too, and says so
 * (`fromWildcard`), so "pods: get, list, watch" never hides that `*` also allows create; a wildcard
 * row carries a sentence saying what it grants (`grants`).
 */
import { sortVerbs, type EffectiveRule, type Permissions } from "./permissions";
import type { Via } from "./who-can";

export const GRID_VERBS = ["get", "list", "watch", "create", "update", "patch", "delete", "deletecollection"] as const;

export interface GridRow {
  /** "" for the core group; "*" for every group. */
  group: string;
  /** `secrets`, `pods/exec`, `*`; for URL rows the path. */
  resource: string;
  /** resourceNames the row is limited to (empty: any name). */
  names: string[];
  /** Which of GRID_VERBS are allowed. */
  verbs: string[];
  /** Verbs outside GRID_VERBS (`*` when every verb is allowed). */
  other: string[];
  all: boolean;
  via: Via[];
  /** Verbs this row has only through a wildcard row (same scope) that covers it. */
  fromWildcard?: string[];
  /** A wildcard row, in words: "every verb on every resource in every API group". */
  grants?: string;
}

export interface GridScope {
  scope: "cluster" | "namespace";
  namespace?: string;
  rows: GridRow[];
  /** Non-resource URLs (cluster-wide only). */
  urls: GridRow[];
  ineffective: { rule: string; reason: string; via: Via[] }[];
}

export interface PermissionGrid {
  verbs: readonly string[];
  bypass: boolean;
  scopes: GridScope[];
  missingRoles: string[];
}

function row(r: EffectiveRule, group: string, resource: string): GridRow {
  const verbs = sortVerbs(r.verbs);
  const all = verbs.includes("*");
  return {
    group,
    resource,
    names: r.resourceNames,
    verbs: all ? [...GRID_VERBS] : GRID_VERBS.filter((v) => verbs.includes(v)),
    other: all ? ["*"] : verbs.filter((v) => !(GRID_VERBS as readonly string[]).includes(v)),
    all,
    via: r.via,
  };
}

const rank = (s: string) => (s === "*" ? "\u0000" : s);

/** The upstream matchers (rule-allows.ts) applied to grid rows: does wildcard row `w` cover row `r`? */
function covers(w: GridRow, r: GridRow): boolean {
  if (w === r || w.names.length) return false;
  if (w.group !== "*" && w.group !== r.group) return false;
  if (w.resource === "*") return true;
  const slash = r.resource.indexOf("/");
  return slash > 0 && w.resource === `*${r.resource.slice(slash)}`;
}

function isWildcard(r: GridRow): boolean {
  return r.group === "*" || r.resource === "*" || r.resource.startsWith("*/") || r.all;
}

/** What a wildcard row grants, in words. */
export function wildcardGrants(r: GridRow): string | undefined {
  if (!isWildcard(r)) return undefined;
  const verbs = r.all ? "every verb (escalate, bind, impersonate and any other included)" : [...r.verbs, ...r.other].join(", ");
  const what = r.resource === "*" ? "every resource and subresource" : r.resource.startsWith("*/") ? `the ${r.resource.slice(2)} subresource of every resource` : r.resource;
  const where = r.group === "*" ? "in every API group" : `in the ${r.group === "" ? "core" : r.group} API group`;
  return `${verbs} on ${what} ${where}${r.names.length ? `, named ${r.names.join(", ")}` : ""}`;
}

/** Rows a wildcard covers (of their scope, or cluster-wide ones) take its verbs and provenance, marked as coming from it. */
function expandWildcards(rows: GridRow[], clusterWide: readonly GridRow[] = []): GridRow[] {
  const wild = [...rows, ...clusterWide].filter((r) => isWildcard(r) && !r.names.length);
  return rows.map((r) => {
    const by = wild.filter((w) => covers(w, r));
    const grants = wildcardGrants(r);
    if (!by.length) return grants ? { ...r, grants } : r;
    const verbs = new Set(r.verbs);
    const other = new Set(r.other);
    const added: string[] = [];
    for (const w of by) {
      for (const v of [...w.verbs, ...w.other]) {
        const set = (GRID_VERBS as readonly string[]).includes(v) ? verbs : other;
        if (set.has(v)) continue;
        set.add(v);
        added.push(v);
      }
    }
    if (!added.length) return grants ? { ...r, grants } : r;
    const all = r.all || by.some((w) => w.all);
    return { ...r, verbs: GRID_VERBS.filter((v) => verbs.has(v)), other: all ? ["*"] : [...other], all, via: [...r.via, ...by.flatMap((w) => w.via)], fromWildcard: added, ...(grants ? { grants } : {}) };
  });
}

/** The grid of a subject's permissions (see file comment). */
export function permissionGrid(p: Permissions): PermissionGrid {
  let clusterRows: GridRow[] = [];
  return {
    verbs: GRID_VERBS,
    bypass: p.bypass,
    missingRoles: p.missingRoles,
    // the cluster scope comes first (permissions.ts), so its wildcards are known for the namespaces
    scopes: p.scopes.map((s) => {
      const rows: GridRow[] = [];
      const urls: GridRow[] = [];
      for (const r of s.rules) {
        if (r.nonResourceURLs.length) for (const u of r.nonResourceURLs) urls.push(row(r, "", u));
        else for (const g of r.apiGroups) for (const res of r.resources) rows.push(row(r, g, res));
      }
      rows.sort((a, b) => rank(a.group).localeCompare(rank(b.group)) || rank(a.resource).localeCompare(rank(b.resource)) || a.names.join().localeCompare(b.names.join()));
      urls.sort((a, b) => a.resource.localeCompare(b.resource));
      const expanded = expandWildcards(rows, s.scope === "namespace" ? clusterRows : []);
      if (s.scope === "cluster") clusterRows = expanded;
      return { scope: s.scope, ...(s.namespace ? { namespace: s.namespace } : {}), rows: expanded, urls, ineffective: s.ineffective };
    }),
  };
}
