/**
 * Findings questions, as the Findings page asks them: filters kept in the URL (so a view can be shared),
 * and the page of rows that answers them. Pure, and written for both sides: the browser reads and
 * writes the URL with it, the server filters, counts, groups and pages with it (tens of thousands of
 * findings never travel to the browser; a page of rows and the counts do).
 */
import type { Finding, Severity } from "./types";

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

const FILTER_KEYS = ["severity", "area", "rule", "namespace", "status", "q", "group", "defaults"] as const;

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

/** `base` with the filters replaced (its other parameters kept; a page number is dropped: new filters start at the top). */
export function writeFilters(f: FindingFilters, base: URLSearchParams): URLSearchParams {
  const sp = new URLSearchParams(base);
  for (const k of [...FILTER_KEYS, "page"]) sp.delete(k);
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

const NO_NAMESPACE = "(cluster)";
const haystacks = new WeakMap<Finding, string>();

/** What a text search looks through, lower-cased once per finding. */
function haystack(x: Finding): string {
  let h = haystacks.get(x);
  if (h === undefined) {
    h = `${x.rule} ${x.title} ${x.evidence} ${x.resources.map((r) => `${r.kind} ${r.namespace ?? ""}/${r.name}`).join(" ")}`.toLowerCase();
    haystacks.set(x, h);
  }
  return h;
}

export function applyFilters(findings: readonly Finding[], f: FindingFilters): Finding[] {
  const terms = f.q.toLowerCase().split(/\s+/).filter(Boolean);
  return findings.filter((x) => {
    if (!f.defaults && x.isDefault) return false;
    if (f.severity.length && !f.severity.includes(x.severity)) return false;
    if (f.area.length && !f.area.includes(x.category)) return false;
    if (f.rule.length && !f.rule.includes(x.rule)) return false;
    if (f.namespace.length && !f.namespace.includes(x.namespace ?? NO_NAMESPACE)) return false;
    if (f.status.length && !f.status.includes(statusOf(x))) return false;
    if (terms.length) {
      const hay = haystack(x);
      if (!terms.every((t) => hay.includes(t))) return false;
    }
    return true;
  });
}

export type Row = { type: "group"; key: string; label: string; count: number } | { type: "finding"; finding: Finding };

export function groupRows(findings: readonly Finding[], group: FindingFilters["group"], ruleTitles: Readonly<Record<string, string>> = {}): Row[] {
  if (group === "none") return findings.map((finding) => ({ type: "finding", finding }));
  const keyOf = (x: Finding) =>
    group === "rule" ? x.rule : group === "namespace" ? (x.namespace ?? NO_NAMESPACE) : group === "severity" ? x.severity : x.category;
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

/** Rows per page on the Findings page (a page is drawn virtualized; this bounds what one answer carries). */
export const FINDINGS_PAGE_SIZE = 200;

/** One page of the answer to `filters`, with what the controls need about the whole answer. */
export interface FindingsPage {
  /** Findings considered (default and vendor roles only with `defaults`). */
  total: number;
  /** Findings that pass every filter. */
  matched: number;
  /** Per severity, the findings passing every filter but severity and text (the severity toggles' counts). */
  severityCounts: Record<Severity, number>;
  /** The namespaces and rules among the findings considered (the filter menus). */
  namespaces: string[];
  ruleIds: string[];
  /** Rows of the answer (group headers included) on this page, and how many the answer has. */
  rows: Row[];
  totalRows: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** The finding `selected` names, wherever it is (it may be filtered out or on another page). */
  selected?: Finding;
}

/** Rows from `start`; a page that begins inside a group begins with that group's header again. */
function pageRows(all: readonly Row[], start: number, size: number): Row[] {
  const rows = all.slice(start, start + size);
  if (rows[0]?.type !== "finding") return rows;
  for (let i = start - 1; i >= 0; i--) {
    const r = all[i];
    if (r.type === "group") return [{ ...r, label: `${r.label} (continued)` }, ...rows];
  }
  return rows;
}

/** Pages are numbered from 1; a page past the end is the last. */
export function findingsPage(
  findings: readonly Finding[],
  filters: FindingFilters,
  opts: { page?: number; pageSize?: number; selected?: string; ruleTitles?: Readonly<Record<string, string>> } = {},
): FindingsPage {
  const considered = filters.defaults ? findings : findings.filter((x) => !x.isDefault);
  const matchedList = applyFilters(considered, filters);
  const severityCounts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
  for (const x of applyFilters(considered, { ...filters, severity: [], q: "" })) severityCounts[x.severity]++;
  const namespaces = new Set<string>();
  const rules = new Set<string>();
  for (const x of considered) {
    namespaces.add(x.namespace ?? NO_NAMESPACE);
    rules.add(x.rule);
  }
  const all = groupRows(matchedList, filters.group, opts.ruleTitles);
  const pageSize = Math.max(1, Math.floor(opts.pageSize ?? FINDINGS_PAGE_SIZE));
  const pageCount = Math.max(1, Math.ceil(all.length / pageSize));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), pageCount);
  const selected = opts.selected === undefined ? undefined : findings.find((x) => x.id === opts.selected);
  return {
    total: considered.length,
    matched: matchedList.length,
    severityCounts,
    namespaces: [...namespaces].sort(),
    ruleIds: [...rules].sort(),
    rows: pageRows(all, (page - 1) * pageSize, pageSize),
    totalRows: all.length,
    page,
    pageCount,
    pageSize,
    ...(selected ? { selected } : {}),
  };
}
