/**
 * The cluster-level network view for clusters too large to draw namespace by namespace: namespaces
 * aggregated into groups — by a namespace label (team, tenant, environment …) or by reachability
 * equivalence (namespaces that reach, and are reached by, exactly the same namespaces) — with the
 * edges between groups, a group opened as its namespaces, and ranked lists of what matters
 * (exposed to the internet, open to every namespace, sensitive namespaces and who reaches them).
 */
import type { GraphDTO, GraphEdge, GraphNode } from "../graph/types";
import { namespaceFacts, type NamespaceFacts, type NamespaceFactTable } from "./namespace-facts";
import type { Reachability } from "./reachability";
import { BY_REACH } from "./view-keys";

export { BY_REACH };

/** Preferred grouping labels, first present wins. */
const PREFERRED = ["team", "tenant", "owner", "app.kubernetes.io/part-of", "environment", "env"];
/** Edges drawn at most (strongest first); the matrix shows every pair. */
export const EDGE_LIMIT = 150;
/** Groups drawn at most; smaller ones are folded into "other groups". */
const GROUP_LIMIT = 120;

export interface GroupingKey {
  key: string;
  /** Distinct values over the namespaces with workloads. */
  values: number;
  /** Namespaces (with workloads) carrying the label. */
  coverage: number;
}

export interface NamespaceGroup {
  id: string;
  label: string;
  namespaces: string[];
  workloads: number;
  exposed: number;
  openToAll: number;
  sensitive: number;
}

export interface RankedNamespace {
  name: string;
  group: string;
  workloads: number;
  /** What it is ranked by (namespaces reached, reaching it, …). */
  count: number;
}

export interface RankedLists {
  exposed: RankedNamespace[];
  openToAll: RankedNamespace[];
  /** Sensitive namespaces by how many namespaces reach them. */
  sensitiveReached: RankedNamespace[];
  /** Namespaces that reach the most other namespaces. */
  widest: RankedNamespace[];
  totals: { exposed: number; openToAll: number; sensitive: number };
}

export interface ClusterView {
  by: string;
  keys: GroupingKey[];
  groups: NamespaceGroup[];
  /** The group opened, if any. */
  group?: string;
  graph: GraphDTO;
  ranked: RankedLists;
  totals: { namespaces: number; workloads: number; groups: number };
}

/** Label keys worth grouping by: on at least half the namespaces, 2 to 200 values, not the name label. */
export function groupingKeys(t: NamespaceFactTable): GroupingKey[] {
  const seen = new Map<string, Set<string>>();
  const count = new Map<string, number>();
  for (const f of t.list) {
    for (const [k, v] of Object.entries(f.labels)) {
      if (k === "kubernetes.io/metadata.name") continue;
      (seen.get(k) ?? seen.set(k, new Set()).get(k)!).add(v);
      count.set(k, (count.get(k) ?? 0) + 1);
    }
  }
  return [...seen]
    .map(([key, vs]) => ({ key, values: vs.size, coverage: count.get(key)! }))
    .filter((k) => k.values >= 2 && k.values <= 200 && k.coverage * 2 >= t.list.length)
    .sort((a, b) => b.coverage - a.coverage || (a.key < b.key ? -1 : 1));
}

export function defaultGrouping(keys: readonly GroupingKey[]): string {
  return PREFERRED.find((p) => keys.some((k) => k.key === p)) ?? keys[0]?.key ?? BY_REACH;
}

/** The group id of every namespace: its label value (or "no <key>"), or its reachability class. */
export function groupOf(t: NamespaceFactTable, by: string): Map<string, string> {
  const out = new Map<string, string>();
  if (by !== BY_REACH) {
    for (const f of t.list) out.set(f.name, f.labels[by] ?? `(no ${by})`);
    return out;
  }
  const classes = new Map<string, string[]>();
  for (const f of t.list) {
    const sig = `${f.self ? 1 : 0}${f.exposed ? 1 : 0}${f.egressOut ? 1 : 0}>${[...f.out].sort().join(",")}<${[...f.in].sort().join(",")}`;
    (classes.get(sig) ?? classes.set(sig, []).get(sig)!).push(f.name);
  }
  // named after a member, largest classes first
  const sorted = [...classes.values()].sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : 1));
  sorted.forEach((members, i) => {
    const id = members.length === 1 ? members[0] : `#${i + 1} like ${members[0]} (${members.length})`;
    for (const n of members) out.set(n, id);
  });
  return out;
}

function summarise(t: NamespaceFactTable, groupIds: Map<string, string>): NamespaceGroup[] {
  const groups = new Map<string, NamespaceGroup>();
  for (const f of t.list) {
    const id = groupIds.get(f.name)!;
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { id, label: id, namespaces: [], workloads: 0, exposed: 0, openToAll: 0, sensitive: 0 }));
    g.namespaces.push(f.name);
    g.workloads += f.workloads;
    if (f.exposed) g.exposed++;
    if (f.openToAll) g.openToAll++;
    if (f.sensitive) g.sensitive++;
  }
  return [...groups.values()].sort((a, b) => b.workloads - a.workloads || (a.id < b.id ? -1 : 1));
}

function rank(t: NamespaceFactTable, groupIds: Map<string, string>, limit: number): RankedLists {
  const r = (f: NamespaceFacts, count: number): RankedNamespace => ({ name: f.name, group: groupIds.get(f.name)!, workloads: f.workloads, count });
  const by = (a: RankedNamespace, b: RankedNamespace) => b.count - a.count || b.workloads - a.workloads || (a.name < b.name ? -1 : 1);
  const exposed = t.list.filter((f) => f.exposed).map((f) => r(f, f.in.size));
  const open = t.list.filter((f) => f.openToAll).map((f) => r(f, f.workloads));
  const sensitive = t.list.filter((f) => f.sensitive).map((f) => r(f, f.in.size));
  const widest = t.list.map((f) => r(f, f.out.size)).filter((x) => x.count > 0);
  return {
    exposed: exposed.sort(by).slice(0, limit),
    openToAll: open.sort(by).slice(0, limit),
    sensitiveReached: sensitive.sort(by).slice(0, limit),
    widest: widest.sort(by).slice(0, limit),
    totals: { exposed: exposed.length, openToAll: open.length, sensitive: sensitive.length },
  };
}

function guardClass(open: number, of: number): string {
  return open === 0 ? "isolated" : open === of ? "unprotected" : "partial";
}

type Weighted = { source: string; target: string; pairs: number };

/** The strongest edges within the limit, edges into nodes open to everyone last (their mark says it). */
function strongest(edges: Weighted[], openIds: Set<string>, limit: number): { kept: GraphEdge[]; dropped: number; intoOpen: number } {
  const ranked = edges.filter((e) => e.source !== e.target).sort((a, b) => Number(openIds.has(a.target)) - Number(openIds.has(b.target)) || b.pairs - a.pairs || (a.source + a.target < b.source + b.target ? -1 : 1));
  const kept = ranked.slice(0, limit).filter((e) => !openIds.has(e.target));
  const intoOpen = ranked.filter((e) => openIds.has(e.target)).length;
  return {
    kept: kept.map((e) => ({ id: `${e.source}->${e.target}`, source: e.source, target: e.target, label: `${e.pairs} namespace pair${e.pairs === 1 ? "" : "s"}` })),
    dropped: ranked.length - kept.length - intoOpen,
    intoOpen,
  };
}

const OUTSIDE_NODE: GraphNode = { id: "external:outside", label: "outside the cluster", type: "External", classes: ["external"] };

function groupNode(g: NamespaceGroup, by: string): GraphNode {
  const n = g.namespaces.length;
  return {
    id: `group:${g.id}`,
    label: `${g.label} · ${n} ns`,
    type: "Namespace",
    size: Math.min(100, n),
    classes: ["group", guardClass(g.openToAll, n)],
    detail: `${by === BY_REACH ? "reachability class" : `${by}=${g.id}`} · ${n} namespace${n === 1 ? "" : "s"}, ${g.workloads} workloads · ${g.exposed} exposed to the internet · ${g.openToAll} open to every namespace · ${g.sensitive} sensitive`,
  };
}

function hiddenNote(dropped: number, intoOpen: number, extra?: string) {
  const parts = [
    intoOpen ? `${intoOpen} edges into groups or namespaces open to everyone (marked ✕)` : "",
    dropped ? `${dropped} weaker edges past the ${EDGE_LIMIT} strongest (the matrix shows every pair)` : "",
    extra ?? "",
  ].filter(Boolean);
  return parts.length ? { hidden: { nodes: 0, edges: dropped + intoOpen, reason: parts.join("; ") } } : {};
}

/** Groups as nodes, edges between groups weighted by connected namespace pairs. */
function groupsGraph(t: NamespaceFactTable, groupIds: Map<string, string>, groups: NamespaceGroup[], by: string): GraphDTO {
  const drawn = groups.slice(0, GROUP_LIMIT);
  const other = groups.slice(GROUP_LIMIT);
  const folded = new Set(other.map((g) => g.id));
  const nodeIds = new Map([...groupIds].map(([ns, g]) => [ns, folded.has(g) ? "group:(other)" : `group:${g}`]));
  const nodeOf = (ns: string) => nodeIds.get(ns)!;
  const nodes = drawn.map((g) => groupNode(g, by));
  if (other.length) {
    const merged = other.reduce((a, g) => ({ ...a, namespaces: [...a.namespaces, ...g.namespaces], workloads: a.workloads + g.workloads, exposed: a.exposed + g.exposed, openToAll: a.openToAll + g.openToAll, sensitive: a.sensitive + g.sensitive }), { id: "(other)", label: `${other.length} smaller groups`, namespaces: [] as string[], workloads: 0, exposed: 0, openToAll: 0, sensitive: 0 });
    nodes.push(groupNode(merged, by));
  }
  const pairs = new Map<string, Weighted>();
  let exposed = false;
  for (const f of t.list) {
    const a = nodeOf(f.name);
    if (f.exposed) {
      exposed = true;
      const k = `external:outside>${a}`;
      (pairs.get(k) ?? pairs.set(k, { source: "external:outside", target: a, pairs: 0 }).get(k)!).pairs++;
    }
    for (const to of f.out) {
      const b = nodeOf(to);
      const k = `${a}>${b}`;
      (pairs.get(k) ?? pairs.set(k, { source: a, target: b, pairs: 0 }).get(k)!).pairs++;
    }
  }
  if (exposed) nodes.push(OUTSIDE_NODE);
  const openIds = new Set(nodes.filter((n) => n.classes?.includes("unprotected")).map((n) => n.id));
  const { kept, dropped, intoOpen } = strongest([...pairs.values()], openIds, EDGE_LIMIT);
  return { nodes, edges: kept, ...hiddenNote(dropped, intoOpen, other.length ? `${other.length} smallest groups folded into one node` : undefined) };
}

/** One group opened: its namespaces one by one, the other groups folded, and the outside. */
function withinGroupGraph(t: NamespaceFactTable, groupIds: Map<string, string>, groups: NamespaceGroup[], open: string, by: string): GraphDTO {
  const members = t.list.filter((f) => groupIds.get(f.name) === open);
  const nodeOf = (ns: string) => (groupIds.get(ns) === open ? `ns:${ns}` : `group:${groupIds.get(ns)}`);
  const pairs = new Map<string, Weighted>();
  const add = (source: string, target: string) => {
    const k = `${source}>${target}`;
    (pairs.get(k) ?? pairs.set(k, { source, target, pairs: 0 }).get(k)!).pairs++;
  };
  for (const f of members) {
    if (f.exposed) add("external:outside", `ns:${f.name}`);
    for (const to of f.out) add(`ns:${f.name}`, nodeOf(to));
    for (const from of f.in) if (groupIds.get(from) !== open) add(nodeOf(from), `ns:${f.name}`);
  }
  const used = new Set([...pairs.values()].flatMap((e) => [e.source, e.target]));
  const nodes: GraphNode[] = members.map((f) => ({
    id: `ns:${f.name}`,
    label: f.name,
    type: "Namespace",
    classes: [f.openToAll ? "unprotected" : f.in.size || f.exposed ? "partial" : "isolated"],
    detail: `${f.workloads} workloads · reaches ${f.out.size} namespaces · reached by ${f.in.size}${f.exposed ? " · exposed to the internet" : ""}${f.sensitive ? " · sensitive" : ""}`,
  }));
  for (const g of groups) if (g.id !== open && used.has(`group:${g.id}`)) nodes.push({ ...groupNode(g, by), classes: ["group", "collapsed"] });
  if (used.has("external:outside")) nodes.push(OUTSIDE_NODE);
  const openIds = new Set(nodes.filter((n) => n.classes?.includes("unprotected")).map((n) => n.id));
  const { kept, dropped, intoOpen } = strongest([...pairs.values()], openIds, EDGE_LIMIT);
  return { nodes, edges: kept, focus: `group:${open}`, ...hiddenNote(dropped, intoOpen) };
}

export interface Grouping {
  by: string;
  keys: GroupingKey[];
  groups: NamespaceGroup[];
  /** Namespace → group id. */
  groupIds: Map<string, string>;
}

const groupingCache = new WeakMap<Reachability, Map<string, Grouping>>();

/** The namespaces grouped by a label key or BY_REACH (an unknown key: the default grouping); memoized per reachability. */
export function namespaceGroups(reach: Reachability, wanted?: string): Grouping {
  const t = namespaceFacts(reach);
  const keys = groupingKeys(t);
  const by = wanted && (wanted === BY_REACH || keys.some((k) => k.key === wanted)) ? wanted : defaultGrouping(keys);
  let perReach = groupingCache.get(reach);
  if (!perReach) groupingCache.set(reach, (perReach = new Map()));
  let g = perReach.get(by);
  if (!g) {
    const groupIds = groupOf(t, by);
    perReach.set(by, (g = { by, keys, groups: summarise(t, groupIds), groupIds }));
  }
  return g;
}

const viewCache = new WeakMap<Reachability, Map<string, ClusterView>>();

/** The view for a grouping (a label key or BY_REACH; default: the first preferred label present) and optionally one opened group; memoized per reachability. */
export function clusterView(reach: Reachability, opts: { by?: string; group?: string; rankLimit?: number } = {}): ClusterView {
  const key = JSON.stringify([opts.by ?? "", opts.group ?? "", opts.rankLimit ?? 10]);
  let perReach = viewCache.get(reach);
  if (!perReach) viewCache.set(reach, (perReach = new Map()));
  let v = perReach.get(key);
  if (!v) perReach.set(key, (v = computeView(reach, opts)));
  return v;
}

function computeView(reach: Reachability, opts: { by?: string; group?: string; rankLimit?: number }): ClusterView {
  const t = namespaceFacts(reach);
  const { by, keys, groups, groupIds } = namespaceGroups(reach, opts.by);
  const group = opts.group && groups.some((g) => g.id === opts.group) ? opts.group : undefined;
  const graph = group ? withinGroupGraph(t, groupIds, groups, group, by) : groupsGraph(t, groupIds, groups, by);
  const workloads = t.list.reduce((s, f) => s + f.workloads, 0);
  return { by, keys, groups, ...(group ? { group } : {}), graph, ranked: rank(t, groupIds, opts.rankLimit ?? 10), totals: { namespaces: t.list.length, workloads, groups: groups.length } };
}
