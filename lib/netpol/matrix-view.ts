/**
 * The namespace matrix as a page of a screen at any size: namespace rows/columns (or groups of
 * namespaces, as the cluster view groups them), filtered by a search, sorted (by name, by how many
 * they reach or are reached by, or clustered so namespaces with the same reachability sit side by
 * side), one window of rows × columns at a time, each cell with a 0–1 heat value (the share of
 * workload pairs — or namespace pairs for groups — that are connected).
 */
import { BY_REACH, groupingKeys, groupOf, namespaceGroups, type GroupingKey } from "./cluster-view";
import { namespaceMatrix, OUTSIDE, type MatrixCell } from "./matrix";
import { namespaceFacts, type NamespaceFacts } from "./namespace-facts";
import type { Reachability } from "./reachability";

export type MatrixSort = "name" | "out" | "in" | "cluster";

export interface MatrixViewOptions {
  /** `namespace` (default), a label key or BY_REACH to group. */
  by?: string;
  search?: string;
  sort?: MatrixSort;
  rowPage?: number;
  colPage?: number;
  pageSize?: number;
}

export interface MatrixAxis {
  id: string;
  label: string;
  /** Namespaces it stands for (1 for a namespace). */
  namespaces: number;
  workloads: number;
}

export interface MatrixViewCell {
  from: string;
  to: string;
  /** 0–1: connected pairs / all pairs. */
  heat: number;
  connected: number;
  pairs: number;
  /** Union of allowed connections (namespace cells only). */
  conn?: string;
  /** Something not evaluated could change some of these connections (namespace cells only; completeness.ts). */
  incomplete?: boolean;
}

export interface MatrixView {
  by: string;
  /** Label keys the rows can be grouped by. */
  keys: GroupingKey[];
  rows: MatrixAxis[];
  cols: MatrixAxis[];
  cells: MatrixViewCell[];
  page: { row: number; col: number; size: number; rowPages: number; colPages: number; total: number };
  sort: MatrixSort;
}


const clamp = (n: number, max: number) => Math.max(0, Math.min(max, Math.floor(n) || 0));

function order<T extends { label: string }>(items: T[], sort: MatrixSort, out: (t: T) => number, inn: (t: T) => number, cluster: (t: T) => string): T[] {
  const byName = (a: T, b: T) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  if (sort === "out") return items.sort((a, b) => out(b) - out(a) || byName(a, b));
  if (sort === "in") return items.sort((a, b) => inn(b) - inn(a) || byName(a, b));
  if (sort === "cluster") return items.sort((a, b) => (cluster(a) < cluster(b) ? -1 : cluster(a) > cluster(b) ? 1 : byName(a, b)));
  return items.sort(byName);
}

function window<T>(items: T[], page: number, size: number): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const p = clamp(page, pages - 1);
  return { items: items.slice(p * size, p * size + size), page: p, pages };
}

export function matrixView(reach: Reachability, o: MatrixViewOptions = {}): MatrixView {
  const size = Math.max(5, Math.min(100, o.pageSize ?? 40));
  const sort = o.sort ?? "name";
  const q = o.search?.trim().toLowerCase() ?? "";
  const by = o.by && o.by !== "namespace" ? namespaceGroups(reach, o.by).by : "namespace";
  const { rows, cols, cells, total } = by === "namespace" ? namespaceAxes(reach, q, sort, o, size) : groupAxes(reach, by, q, sort, o, size);
  return { by, keys: groupingKeys(namespaceFacts(reach)), rows: rows.items, cols: cols.items, cells, sort, page: { row: rows.page, col: cols.page, size, rowPages: rows.pages, colPages: cols.pages, total } };
}

function namespaceAxes(reach: Reachability, q: string, sort: MatrixSort, o: MatrixViewOptions, size: number) {
  const t = namespaceFacts(reach);
  const m = namespaceMatrix(reach);
  const reachClass = groupOf(t, BY_REACH);
  type Item = MatrixAxis & { f?: NamespaceFacts };
  const items: Item[] = t.list.filter((f) => !q || f.name.toLowerCase().includes(q)).map((f) => ({ id: f.name, label: f.name, namespaces: 1, workloads: f.workloads, f }));
  const sorted = order(items, sort, (i) => i.f!.out.size, (i) => i.f!.in.size, (i) => reachClass.get(i.id)!);
  const outside: Item = { id: OUTSIDE, label: "outside the cluster", namespaces: 0, workloads: 0 };
  const rows = window(sorted, o.rowPage ?? 0, size);
  const cols = window(sorted, o.colPage ?? 0, size);
  // the outside is always the last row and column of every page
  rows.items = [...rows.items, outside];
  cols.items = [...cols.items, outside];
  const index = cellIndex(m.cells);
  const cells: MatrixViewCell[] = [];
  for (const r of rows.items) {
    for (const c of cols.items) {
      const cell = index.get(r.id)?.get(c.id);
      if (cell) cells.push({ from: r.id, to: c.id, heat: cell.pairs ? cell.connected / cell.pairs : 1, connected: cell.connected, pairs: cell.pairs, conn: cell.conn, ...(cell.incomplete ? { incomplete: true } : {}) });
    }
  }
  const strip = ({ id, label, namespaces, workloads }: Item): MatrixAxis => ({ id, label, namespaces, workloads });
  return { rows: { ...rows, items: rows.items.map(strip) }, cols: { ...cols, items: cols.items.map(strip) }, cells, total: sorted.length };
}

const indexCache = new WeakMap<readonly MatrixCell[], Map<string, Map<string, MatrixCell>>>();

function cellIndex(cells: readonly MatrixCell[]): Map<string, Map<string, MatrixCell>> {
  let idx = indexCache.get(cells);
  if (!idx) {
    idx = new Map();
    for (const c of cells) (idx.get(c.from) ?? idx.set(c.from, new Map()).get(c.from)!).set(c.to, c);
    indexCache.set(cells, idx);
  }
  return idx;
}

function groupAxes(reach: Reachability, by: string, q: string, sort: MatrixSort, o: MatrixViewOptions, size: number) {
  const t = namespaceFacts(reach);
  const v = namespaceGroups(reach, by);
  const groupIds = v.groupIds;
  // connected namespace pairs between groups (and from the outside)
  const connected = new Map<string, number>();
  const bump = (k: string) => connected.set(k, (connected.get(k) ?? 0) + 1);
  for (const f of t.list) {
    const a = groupIds.get(f.name)!;
    if (f.self) bump(`${a}\u0000${a}`);
    if (f.exposed) bump(`${OUTSIDE}\u0000${a}`);
    if (f.egressOut) bump(`${a}\u0000${OUTSIDE}`);
    for (const to of f.out) bump(`${a}\u0000${groupIds.get(to)}`);
  }
  const items: MatrixAxis[] = v.groups.filter((g) => !q || g.label.toLowerCase().includes(q) || g.namespaces.some((n) => n.toLowerCase().includes(q))).map((g) => ({ id: g.id, label: g.label, namespaces: g.namespaces.length, workloads: g.workloads }));
  const sum = (id: string, dir: "out" | "in") => items.reduce((s, other) => s + (connected.get(dir === "out" ? `${id}\u0000${other.id}` : `${other.id}\u0000${id}`) ?? 0), 0);
  const sorted = order(items, sort === "cluster" ? "out" : sort, (i) => sum(i.id, "out"), (i) => sum(i.id, "in"), (i) => i.id);
  const outside: MatrixAxis = { id: OUTSIDE, label: "outside the cluster", namespaces: 0, workloads: 0 };
  const rows = window(sorted, o.rowPage ?? 0, size);
  const cols = window(sorted, o.colPage ?? 0, size);
  rows.items = [...rows.items, outside];
  cols.items = [...cols.items, outside];
  const cells: MatrixViewCell[] = [];
  for (const r of rows.items) {
    for (const c of cols.items) {
      const n = connected.get(`${r.id}\u0000${c.id}`);
      if (!n) continue;
      // namespace pairs: ordered pairs of distinct namespaces, plus each namespace with itself; the outside counts as one
      const pairs = r.id === OUTSIDE || c.id === OUTSIDE ? Math.max(r.namespaces, c.namespaces) : r.id === c.id ? r.namespaces * r.namespaces : r.namespaces * c.namespaces;
      cells.push({ from: r.id, to: c.id, heat: Math.min(1, n / pairs), connected: n, pairs });
    }
  }
  return { rows, cols, cells, total: sorted.length };
}
