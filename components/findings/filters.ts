/** Findings filters, kept in the URL so a view can be shared. Pure: used by the table and its tests. */
import type { Finding, Severity } from "@/lib/findings/types";

export interface FindingFilters {
  severity: Severity[];
  area: string[];
  rule: string[];
  namespace: string[];
  status: ("open" | "excepted")[];
  q: string;
  group: "none" | "rule" | "namespace" | "severity" | "area";
  defaults: boolean;
}

export function readFilters(sp: URLSearchParams): FindingFilters {
  const list = (k: string) => sp.getAll(k).flatMap((v) => v.split(",")).filter(Boolean);
  const group = sp.get("group");
  return {
    severity: list("severity") as Severity[],
    area: list("area"),
    rule: list("rule"),
    namespace: list("namespace"),
    status: list("status") as FindingFilters["status"],
    q: sp.get("q") ?? "",
    group: group === "rule" || group === "namespace" || group === "severity" || group === "area" ? group : "none",
    defaults: sp.get("defaults") === "1",
  };
}

export function writeFilters(f: FindingFilters, base: URLSearchParams): URLSearchParams {
  const sp = new URLSearchParams(base);
  for (const k of ["severity", "area", "rule", "namespace", "status", "q", "group", "defaults"]) sp.delete(k);
  if (f.severity.length) sp.set("severity", f.severity.join(","));
  if (f.area.length) sp.set("area", f.area.join(","));
  if (f.rule.length) sp.set("rule", f.rule.join(","));
  if (f.namespace.length) sp.set("namespace", f.namespace.join(","));
  if (f.status.length) sp.set("status", f.status.join(","));
  if (f.q) sp.set("q", f.q);
  if (f.group !== "none") sp.set("group", f.group);
  if (f.defaults) sp.set("defaults", "1");
  return sp;
}

export function statusOf(f: Finding): "open" | "excepted" {
  return f.exception ? "excepted" : "open";
}

export function applyFilters(findings: readonly Finding[], f: FindingFilters): Finding[] {
  const terms = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  return findings.filter((x) => {
    if (!f.defaults && x.isDefault) return false;
    if (f.severity.length && !f.severity.includes(x.severity)) return false;
    if (f.area.length && !f.area.includes(x.category)) return false;
    if (f.rule.length && !f.rule.includes(x.rule)) return false;
    if (f.namespace.length && !f.namespace.includes(x.namespace ?? "(cluster)")) return false;
    if (f.status.length && !f.status.includes(statusOf(x))) return false;
    if (terms.length) {
      const hay = `${x.rule} ${x.title} ${x.evidence} ${x.resources.map((r) => `${r.kind} ${r.namespace ?? ""}/${r.name}`).join(" ")}`.toLowerCase();
      if (!terms.every((t) => hay.includes(t))) return false;
    }
    return true;
  });
}

export type Row = { type: "group"; key: string; label: string; count: number } | { type: "finding"; finding: Finding };

export function groupRows(findings: readonly Finding[], group: FindingFilters["group"], ruleTitles: Record<string, string> = {}): Row[] {
  if (group === "none") return findings.map((finding) => ({ type: "finding", finding }));
  const keyOf = (x: Finding) =>
    group === "rule" ? x.rule : group === "namespace" ? (x.namespace ?? "(cluster)") : group === "severity" ? x.severity : x.category;
  const groups = new Map<string, Finding[]>();
  for (const x of findings) {
    const k = keyOf(x);
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(x);
  }
  const rows: Row[] = [];
  for (const [key, items] of groups) {
    rows.push({ type: "group", key, label: group === "rule" && ruleTitles[key] ? `${key} · ${ruleTitles[key]}` : key, count: items.length });
    for (const finding of items) rows.push({ type: "finding", finding });
  }
  return rows;
}
