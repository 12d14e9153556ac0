/**
 * A subject's effective permissions (permissions.ts) as a compact grid per scope: one row per API
 * group and resource (names kept apart, since resourceNames narrow a rule), one column per common
 * verb, other verbs (escalate, bind, impersonate, use, approve …) listed beside, and the bindings and
 * rules each row comes from. A `*` verb fills every column — upstream VerbMatches treats it as any verb.
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

/** The grid of a subject's permissions (see file comment). */
export function permissionGrid(p: Permissions): PermissionGrid {
  return {
    verbs: GRID_VERBS,
    bypass: p.bypass,
    missingRoles: p.missingRoles,
    scopes: p.scopes.map((s) => {
      const rows: GridRow[] = [];
      const urls: GridRow[] = [];
      for (const r of s.rules) {
        if (r.nonResourceURLs.length) for (const u of r.nonResourceURLs) urls.push(row(r, "", u));
        else for (const g of r.apiGroups) for (const res of r.resources) rows.push(row(r, g, res));
      }
      rows.sort((a, b) => rank(a.group).localeCompare(rank(b.group)) || rank(a.resource).localeCompare(rank(b.resource)) || a.names.join().localeCompare(b.names.join()));
      urls.sort((a, b) => a.resource.localeCompare(b.resource));
      return { scope: s.scope, ...(s.namespace ? { namespace: s.namespace } : {}), rows, urls, ineffective: s.ineffective };
    }),
  };
}
