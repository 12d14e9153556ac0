/**
 * A subject's permission grid (lib/rbac/permission-grid.ts) with what it used over the audit window:
 * every cell — a row (scope, API group, resource, names) and one verb — is used, with the number of
 * requests and when it was last seen, or unused. A cell is used when a request of the subject that
 * the log shows as allowed falls inside it: made in the row's scope (any namespace for a
 * ClusterRoleBinding's rows, the namespace for a RoleBinding's), and matched by the row's rule with
 * that verb (the evaluator's ruleAllows). Every cell is one or the other, never both.
 */
import type { PolicyRule } from "../model";
import { permissionGrid, type GridRow, type GridScope, type PermissionGrid } from "../rbac/permission-grid";
import { permissionsOf } from "../rbac/permissions";
import type { RbacIndex } from "../rbac/rbac-index";
import { ruleAllows } from "../rbac/rule-allows";
import type { SubjectRef } from "../rbac/subjects";
import type { Atom } from "./accumulate";
import { isUse, subjectAtoms, type AuditAnalysis, type Use } from "./usage";
import { windowText, type AuditWindow } from "./window";

export interface UsageRow extends GridRow {
  /** Uses per verb: the grid's verbs and any other verb (escalate, impersonate …) a request used. */
  used: Record<string, Use>;
  /** The row's verbs no request used; with `*`, "*" stands for every verb not listed in `used`. */
  unused: string[];
  total: Use;
}

export interface UsageScope extends Omit<GridScope, "rows" | "urls"> {
  rows: UsageRow[];
  urls: UsageRow[];
}

export interface UsageGrid extends Omit<PermissionGrid, "scopes"> {
  scopes: UsageScope[];
  window: AuditWindow | null;
  windowText: string;
  /** Cells used and in all (a `*` verb row counts its grid verbs, plus one cell for the rest). */
  cells: { used: number; total: number };
}

function rowRule(row: GridRow, url: boolean): PolicyRule {
  const verbs = row.all ? ["*"] : [...row.verbs, ...row.other];
  return url
    ? { verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [row.resource] }
    : { verbs, apiGroups: [row.group], resources: [row.resource], resourceNames: row.names, nonResourceURLs: [] };
}

/** The verbs a row grants as cells: its grid verbs and other verbs, `*` for "every other verb". */
export function rowCells(row: GridRow): string[] {
  return row.all ? [...row.verbs, "*"] : [...row.verbs, ...row.other];
}

function usageRow(row: GridRow, atoms: readonly Atom[], url: boolean): UsageRow {
  const rule = rowRule(row, url);
  const used: Record<string, Use> = {};
  const total = { count: 0, last: 0 };
  for (const a of atoms) {
    if (a.request.resourceRequest === url || !ruleAllows(a.request, rule)) continue;
    const u = (used[a.request.verb] ??= { count: 0, last: 0 });
    u.count += a.count;
    u.last = Math.max(u.last, a.last);
    total.count += a.count;
    total.last = Math.max(total.last, a.last);
  }
  const unused = rowCells(row).filter((v) => (v === "*" ? Object.keys(used).every((u) => row.verbs.includes(u)) : !used[v]));
  return { ...row, used, unused, total };
}

/** Uses in a scope: a ClusterRoleBinding's rows cover requests in any namespace, a RoleBinding's its own. */
function inScope(atoms: readonly Atom[], s: GridScope): Atom[] {
  if (s.scope === "cluster") return [...atoms];
  return atoms.filter((a) => a.request.resourceRequest && a.request.namespace === s.namespace);
}

/** The grid of a subject's permissions with what it used (see file comment). */
export function usageGrid(index: RbacIndex, analysis: AuditAnalysis, subject: SubjectRef, opts: { namespace?: string; assumeGroups?: readonly string[] } = {}): UsageGrid {
  const grid = permissionGrid(permissionsOf(index, subject, opts));
  const uses = subjectAtoms(analysis, subject).filter(isUse);
  let used = 0;
  let total = 0;
  const scopes = grid.scopes.map((s): UsageScope => {
    const atoms = inScope(uses, s);
    const rows = s.rows.map((r) => usageRow(r, atoms, false));
    const urls = s.urls.map((r) => usageRow(r, atoms, true));
    for (const r of [...rows, ...urls]) {
      const cells = rowCells(r);
      total += cells.length;
      used += cells.length - r.unused.length;
    }
    return { ...s, rows, urls };
  });
  return { ...grid, scopes, window: analysis.window, windowText: windowText(analysis.window), cells: { used, total } };
}

/** One cell of a usage grid, flat: what `clearance permissions --audit-log … --output json` lists. */
export interface PermissionUse {
  scope: "cluster" | "namespace";
  namespace?: string;
  apiGroup: string;
  /** `pods`, `pods/exec`, `*`; empty for a non-resource URL. */
  resource: string;
  resourceNames: string[];
  nonResourceURL?: string;
  /** A verb, or `*` for every verb the row grants beyond those listed. */
  verb: string;
  used: boolean;
  count: number;
  /** ISO time of the last use; null when unused. */
  lastSeen: string | null;
}

/** Every cell of the grid as a PermissionUse (used and unused partition the list). */
export function usageCells(grid: UsageGrid): PermissionUse[] {
  const out: PermissionUse[] = [];
  for (const s of grid.scopes) {
    const where = { scope: s.scope, ...(s.namespace ? { namespace: s.namespace } : {}) };
    for (const [url, rows] of [[false, s.rows], [true, s.urls]] as const) {
      for (const r of rows) {
        for (const verb of rowCells(r)) {
          const uses = verb === "*" ? Object.entries(r.used).filter(([v]) => !r.verbs.includes(v)).map(([, u]) => u) : r.used[verb] ? [r.used[verb]] : [];
          const count = uses.reduce((n, u) => n + u.count, 0);
          const last = Math.max(0, ...uses.map((u) => u.last));
          out.push({ ...where, apiGroup: url ? "" : r.group, resource: url ? "" : r.resource, resourceNames: r.names, ...(url ? { nonResourceURL: r.resource } : {}), verb, used: count > 0, count, lastSeen: count ? new Date(last).toISOString() : null });
        }
      }
    }
  }
  return out;
}
