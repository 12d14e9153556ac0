/**
 * Sorting and filtering the fleet's rows, for the browser: nothing here imports the model or the
 * engines (lib/fleet/fleet.ts builds the rows on the server).
 */
import type { FleetRow } from "./fleet";

export const SORT_KEYS = ["name", "score", "criticals", "high", "lastRead", "state", "cni"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** Rows that could not be read sort after the rest whatever the key, so a broken cluster is never lost among good ones when sorting by score. */
export function sortRows(rows: readonly FleetRow[], key: SortKey, dir: "asc" | "desc" = "asc"): FleetRow[] {
  const sign = dir === "asc" ? 1 : -1;
  const value = (r: FleetRow): number | string => {
    switch (key) {
      case "name":
        return r.label;
      case "score":
        return r.score ?? -1;
      case "criticals":
        return r.bySeverity.critical;
      case "high":
        return r.bySeverity.high;
      case "lastRead":
        return r.lastRead ?? "";
      case "state":
        return r.state === "error" ? 0 : r.unreadable.length ? 1 : r.state === "loading" ? 2 : 3;
      case "cni":
        return r.cni ?? "";
    }
  };
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const c = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb));
    return sign * c || a.label.localeCompare(b.label);
  });
}

export interface FleetFilter {
  /** Substring of the name, context, server or CNI (case-insensitive). */
  text?: string;
  /** Only sources with an open finding of this rule. */
  rule?: string;
  /** "problems": errors, partial reads or open critical findings. */
  only?: "problems";
}

export function filterRows(rows: readonly FleetRow[], f: FleetFilter): FleetRow[] {
  const text = f.text?.trim().toLowerCase();
  return rows.filter((r) => {
    if (text && ![r.label, r.context, r.server, r.cni].some((v) => v?.toLowerCase().includes(text))) return false;
    if (f.rule && !r.rules.some((x) => x.rule === f.rule)) return false;
    if (f.only === "problems" && !(r.state === "error" || r.unreadable.length > 0 || r.bySeverity.critical > 0)) return false;
    return true;
  });
}
