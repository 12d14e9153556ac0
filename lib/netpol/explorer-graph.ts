/**
 * The network explorer's graph around a focus, drawn as "focus + context": the focus (a namespace's
 * workloads, or one workload) and the workloads connected to it within `hops`, where workloads of
 * namespaces the user has not expanded are folded into one node per namespace. Edges run outward
 * from the focus only (a star per hop), never between two peers of the same hop, so a namespace that
 * everything can reach does not turn the picture into a hairball. Without a focus, or when the
 * focused picture would pass the element budget, it falls back to namespaces (graph.ts).
 */
import { ClearanceError } from "../errors";
import { MAX_ELEMENTS, type GraphEdge, type GraphNode } from "../graph/types";
import { endsIncomplete } from "./completeness";
import { NONE_ID } from "./conn-table";
import { namespaceGroups } from "./cluster-view";
import { networkGraph, type NetworkGraph } from "./graph";
import { joinUniformEdges } from "./busy-edges";
import { classGuard, combineGuards, type Guard } from "./guard";
import { ingressControllerEdges, INGRESS_CONTROLLER } from "./ingress-controller";
import type { Reachability } from "./reachability";
import { externalConnIds, workloadConnId, workloadsOf, type WorkloadNode } from "./workloads";

export interface ExplorerGraphOptions {
  /** `ns` or `ns/Kind/name`; absent: the cluster at namespace level. */
  focus?: string;
  /** Namespaces drawn workload by workload besides the focus's own. */
  expand?: readonly string[];
  /** Keep only peers in these namespaces (a cell of the namespace matrix). */
  only?: readonly string[];
  /** Hops around the focus, 1 to 3 (default 1). */
  hops?: number;
  /** Draw what reaches the focus (default true). */
  ingress?: boolean;
  /** Draw what the focus reaches (default true). */
  egress?: boolean;
  /** Outside addresses and the ingress controller (default true). */
  exposure?: boolean;
  /** `namespace` forces the namespace level even with a focus. */
  level?: "auto" | "namespace";
  maxElements?: number;
  /** A workload focus draws up to this many peers one by one before folding them (default 15). */
  detailLimit?: number;
  /**
   * Past this many folded namespaces (default 30), folded namespaces are folded again into their
   * group (cluster-view.ts: a namespace label such as team, or reachability); `expand` entries
   * `group:<id>` open a group back into its namespaces.
   */
  groupFoldLimit?: number;
  /** The grouping for group folds (a namespace label key or BY_REACH; default: the cluster view's). */
  groupBy?: string;
  /**
   * A namespace focus with more edges than this (default 300) draws the edges between its workloads
   * and folded nodes once per namespace box (their connections joined), not once per workload, and
   * says what is uniform instead of drawing it (busy-edges.ts: workloads all open to one another,
   * two-way edges).
   */
  boxEdgeLimit?: number;
}

export interface ExplorerGraph extends NetworkGraph {
  totals: { namespaces: number; workloads: number };
  /** Workloads drawn one by one, nodes folded (and the workloads inside them), workloads out of reach; `groups` of the folded nodes are groups of namespaces. */
  shown: { workloads: number; folded: number; foldedWorkloads: number; unreached: number; groups?: number };
}

const OUTSIDE_ID = "external:outside";
const CONTROLLER_ID = "external:ingress-controller";

function workloadGuards(reach: Reachability, w: WorkloadNode): { ingress: Guard; egress: Guard } {
  const gs = w.classes.map((c) => classGuard(reach, c));
  return { ingress: combineGuards(gs.map((g) => g.ingress)), egress: combineGuards(gs.map((g) => g.egress)) };
}

/** A workload node: guard flags per direction (`ingress-isolated`, ...), the focus highlighted. */
function workloadNode(reach: Reachability, w: WorkloadNode, focus: boolean): GraphNode {
  const g = workloadGuards(reach, w);
  const classes = [`ingress-${g.ingress}`, `egress-${g.egress}`, ...(w.hostNetwork ? ["host-network"] : []), ...(focus ? ["highlight"] : [])];
  return { id: `w:${w.key}`, label: w.ref.name, type: "Workload", parent: `ns:${w.namespace}`, classes, detail: `${w.ref.kind} · ${w.pods} pod${w.pods === 1 ? "" : "s"} · ingress ${g.ingress} · egress ${g.egress}${w.hostNetwork ? " · host network" : ""}` };
}

function nsGuard(reach: Reachability, ws: readonly WorkloadNode[]): Guard {
  return combineGuards(ws.flatMap((w) => w.classes.map((c) => classGuard(reach, c))).flatMap((g) => [g.ingress, g.egress]));
}

function totalsOf(all: readonly WorkloadNode[]) {
  return { namespaces: new Set(all.map((w) => w.namespace)).size, workloads: all.length };
}

/** The cluster (or the focus's namespace neighbourhood) one node per namespace, each marked by how guarded its workloads are. */
function namespaceLevel(reach: Reachability, o: Required<ExplorerGraphOptions>, reason?: string): ExplorerGraph {
  const all = workloadsOf(reach);
  const direction = o.ingress && o.egress ? "both" : o.ingress ? "ingress" : "egress";
  const g = networkGraph(reach, { level: "namespace", direction, external: o.exposure, maxElements: o.maxElements, ...(o.focus ? { focus: o.focus, hops: o.hops } : {}) });
  const byNs = new Map<string, WorkloadNode[]>();
  for (const w of all) (byNs.get(w.namespace) ?? byNs.set(w.namespace, []).get(w.namespace)!).push(w);
  const nodes = g.nodes.map((n): GraphNode => {
    if (n.type !== "Namespace") return n;
    const ws = byNs.get(n.label) ?? [];
    return { ...n, classes: [...(n.classes ?? []), nsGuard(reach, ws)], detail: `${ws.length} workload${ws.length === 1 ? "" : "s"}` };
  });
  const edges = g.edges.filter((e) => (o.ingress || e.target !== OUTSIDE_ID) && (o.egress || e.source !== OUTSIDE_ID));
  const hidden = reason ? { nodes: g.hidden?.nodes ?? 0, edges: g.hidden?.edges ?? 0, reason: [reason, g.hidden?.reason].filter(Boolean).join("; ") } : g.hidden;
  const drawnNs = nodes.filter((n) => n.type === "Namespace").map((n) => n.label);
  const foldedWorkloads = drawnNs.reduce((s, ns) => s + (byNs.get(ns)?.length ?? 0), 0);
  return { ...g, nodes, edges, ...(hidden ? { hidden } : {}), totals: totalsOf(all), shown: { workloads: 0, folded: drawnNs.length, foldedWorkloads, unreached: all.length - foldedWorkloads } };
}

function inFocus(w: WorkloadNode, focus: string): boolean {
  return focus.includes("/") ? w.key.toLowerCase() === focus.toLowerCase() : w.namespace === focus;
}

/** The explorer's graph for the options, within the element budget (≤ 2,000 by default). */
export function explorerGraph(reach: Reachability, opts: ExplorerGraphOptions = {}): ExplorerGraph {
  const o: Required<ExplorerGraphOptions> = { focus: "", expand: [], only: [], hops: 1, ingress: true, egress: true, exposure: true, level: "auto", maxElements: MAX_ELEMENTS, detailLimit: 15, groupFoldLimit: 30, groupBy: "", boxEdgeLimit: 300, ...opts };
  o.hops = Math.min(3, Math.max(1, Math.floor(o.hops)));
  if (!o.ingress && !o.egress) o.ingress = o.egress = true;
  const all = workloadsOf(reach);
  if (!o.focus) return namespaceLevel(reach, o);
  const focusSet = all.filter((w) => inFocus(w, o.focus));
  if (focusSet.length === 0) {
    throw new ClearanceError("not_found", `nothing to focus on: no namespace with workloads and no workload named "${o.focus}" (use NAMESPACE or NAMESPACE/KIND/NAME)`);
  }
  if (o.level === "namespace") return namespaceLevel(reach, o);
  const g = focusedGraph(reach, all, focusSet, o);
  return g ?? namespaceLevel(reach, o, `the workload view around ${o.focus} would pass ${o.maxElements} elements; showing namespaces`);
}

/** Hop by hop in the directions asked for; stops early (and says at which hop) past `cap` workloads. */
function layersAround(reach: Reachability, all: readonly WorkloadNode[], focusSet: readonly WorkloadNode[], o: Required<ExplorerGraphOptions>, cap: number): { layers: WorkloadNode[][]; stoppedAt?: number } {
  const only = o.only.length ? new Set(o.only) : undefined;
  const seen = new Set(focusSet);
  const layers: WorkloadNode[][] = [[...focusSet]];
  for (let h = 1; h <= o.hops; h++) {
    const frontier = layers[h - 1];
    const next: WorkloadNode[] = [];
    for (const w of all) {
      if (seen.has(w) || (only && !only.has(w.namespace))) continue;
      if (frontier.some((f) => (o.egress && workloadConnId(reach, f, w) !== NONE_ID) || (o.ingress && workloadConnId(reach, w, f) !== NONE_ID))) {
        seen.add(w);
        next.push(w);
      }
    }
    if (next.length === 0) break;
    layers.push(next);
    if (seen.size > cap && h < o.hops) return { layers, stoppedAt: h };
  }
  return { layers };
}

/** A folded node: a namespace (`ns:`) or a group of namespaces (`group:`), with the connected workloads inside. */
type Fold = { label: string; workloads: number; hop: number; namespaces: Set<string> };

type DraftEdge = { source: string; target: string; id: number; label?: string; classes?: string[]; incomplete?: boolean };

/**
 * Within the budget: the focus, its namespace boxes and the outside nodes always; then folded
 * namespaces nearest the focus first, the ones holding more connected workloads first, each with
 * its edges to what is already drawn, while they fit.
 */
function fitBudget(nodes: GraphNode[], edges: DraftEdge[], folded: Map<string, Fold>, budget: number): { nodes: GraphNode[]; edges: DraftEdge[]; dropped: string[] } | undefined {
  if (nodes.length + edges.length <= budget) return { nodes, edges, dropped: [] };
  const foldedIds = new Set(folded.keys());
  const kept = new Set(nodes.filter((n) => !foldedIds.has(n.id)).map((n) => n.id));
  const inside = (e: DraftEdge) => kept.has(e.source) && kept.has(e.target);
  let size = kept.size + edges.filter(inside).length;
  if (size > budget) return undefined;
  const byNode = new Map<string, DraftEdge[]>();
  for (const e of edges) for (const end of new Set([e.source, e.target])) (byNode.get(end) ?? byNode.set(end, []).get(end)!).push(e);
  const rank = (id: string) => folded.get(id)!;
  const order = [...foldedIds].sort((a, b) => rank(a).hop - rank(b).hop || rank(b).workloads - rank(a).workloads || (a < b ? -1 : 1));
  const dropped: string[] = [];
  for (const id of order) {
    const joins = (byNode.get(id) ?? []).filter((e) => (e.source === id || kept.has(e.source)) && (e.target === id || kept.has(e.target))).length;
    if (size + 1 + joins > budget) {
      dropped.push(id);
      continue;
    }
    size += 1 + joins;
    kept.add(id);
  }
  return { nodes: nodes.filter((n) => kept.has(n.id)), edges: edges.filter(inside), dropped };
}

function focusedGraph(reach: Reachability, all: readonly WorkloadNode[], focusSet: readonly WorkloadNode[], o: Required<ExplorerGraphOptions>): ExplorerGraph | undefined {
  const conn = (a: WorkloadNode, b: WorkloadNode) => workloadConnId(reach, a, b);
  const { layers, stoppedAt } = layersAround(reach, all, focusSet, o, o.maxElements);
  const reached = layers.flat();
  const focusNs = new Set(focusSet.map((w) => w.namespace));
  const peers = reached.length - focusSet.length;
  const workloadFocus = o.focus.includes("/");
  const expanded = new Set([...focusNs, ...o.expand]);
  const drawnAlone = (w: WorkloadNode) => expanded.has(w.namespace) || (workloadFocus && peers <= o.detailLimit);
  const foldOf = foldIds(reach, reached.filter((w) => !drawnAlone(w)), o);
  const idOf = (w: WorkloadNode) => (drawnAlone(w) ? `w:${w.key}` : foldOf(w.namespace));

  const nodes: GraphNode[] = [];
  const folded = new Map<string, Fold>();
  const boxes = new Set<string>();
  layers.forEach((layer, hop) => {
    for (const w of layer) {
      if (drawnAlone(w)) boxes.add(w.namespace);
      else {
        const id = idOf(w);
        const f = folded.get(id) ?? folded.set(id, { label: id.startsWith("group:") ? groupLabel(id) : w.namespace, workloads: 0, hop, namespaces: new Set() }).get(id)!;
        f.workloads++;
        f.namespaces.add(w.namespace);
      }
    }
  });
  for (const ns of [...boxes].sort()) nodes.push({ id: `ns:${ns}`, label: ns, type: "Namespace" });
  for (const [id, f] of [...folded].sort(([a], [b]) => (a < b ? -1 : 1))) nodes.push(foldNode(id, f));
  // a workload focus is marked; a namespace focus is the breadcrumb's
  const focusKeys = new Set(workloadFocus ? focusSet : []);
  for (const w of reached) if (drawnAlone(w)) nodes.push(workloadNode(reach, w, focusKeys.has(w)));

  // edges: within the focus, and from each hop to the next in the directions asked for, merged per drawn pair
  const merged = new Map<string, DraftEdge>();
  // whether something not evaluated could change a workload pair's connection (undefined: outside)
  const rep = (w?: WorkloadNode) => (w ? { pod: reach.classes[w.classes[0]].pods[0] } : {});
  const gap = (a?: WorkloadNode, b?: WorkloadNode) => endsIncomplete(reach.model, rep(a), rep(b), true);
  const add = (source: string, target: string, id: number, incomplete: () => boolean) => {
    if (id === NONE_ID || source === target) return;
    const k = `${source}->${target}`;
    const m = merged.get(k);
    if (m) {
      m.id = reach.table.union(m.id, id);
      if (!m.incomplete && incomplete()) m.incomplete = true;
    } else merged.set(k, { source, target, id, ...(incomplete() ? { incomplete: true } : {}) });
  };
  for (const a of layers[0]) for (const b of layers[0]) if (a !== b) add(idOf(a), idOf(b), conn(a, b), () => gap(a, b));
  for (let d = 0; d + 1 < layers.length; d++) {
    for (const a of layers[d]) {
      for (const b of layers[d + 1]) {
        if (o.egress) add(idOf(a), idOf(b), conn(a, b), () => gap(a, b));
        if (o.ingress) add(idOf(b), idOf(a), conn(b, a), () => gap(b, a));
      }
    }
  }
  if (o.exposure) {
    const inner = layers.slice(0, o.hops).flat();
    for (const w of inner) {
      const { from, to } = externalConnIds(reach, w);
      if (o.ingress) add(OUTSIDE_ID, idOf(w), from, () => gap(undefined, w));
      if (o.egress) add(idOf(w), OUTSIDE_ID, to, () => gap(w, undefined));
    }
    if (o.ingress) {
      const byName = new Map(inner.map((w) => [`${w.namespace}/${w.ref.name}[${w.ref.kind}]`, w]));
      for (const e of ingressControllerEdges(reach)) {
        const w = byName.get(e.dst);
        if (!w) continue;
        // already allowed by policy, as connection text (several workloads folded into one namespace: joined)
        const k = `${CONTROLLER_ID}->${idOf(w)}`;
        const prev = merged.get(k);
        merged.set(k, { source: CONTROLLER_ID, target: idOf(w), id: NONE_ID, label: prev?.label && prev.label !== e.conn ? `${prev.label}; ${e.conn}` : e.conn, classes: ["exposure"] });
      }
    }
    const used = (id: string) => [...merged.values()].some((e) => e.source === id || e.target === id);
    if (used(OUTSIDE_ID)) nodes.push({ id: OUTSIDE_ID, label: "outside the cluster", type: "External", classes: ["external"], detail: `${reach.externals.sources.length} source / ${reach.externals.destinations.length} destination address blocks` });
    if (used(CONTROLLER_ID)) nodes.push({ id: CONTROLLER_ID, label: INGRESS_CONTROLLER, type: "IngressController", classes: ["ingress-controller"], detail: "Ingress and Route backends, as allowed from the ingress controller" });
  }
  const busy = !workloadFocus && merged.size > o.boxEdgeLimit;
  const drafts = busy ? foldedToBoxes([...merged.values()], reach) : [...merged.values()];
  const fit = fitBudget(nodes, drafts, folded, o.maxElements);
  if (!fit) return undefined;
  const drawn: GraphEdge[] = fit.edges.map((e) => {
    const classes = [...(e.classes ?? []), ...(e.incomplete ? ["incomplete"] : [])];
    const label = e.label ?? reach.table.get(e.id).toString();
    return { id: `${e.source}->${e.target}`, source: e.source, target: e.target, label: e.incomplete ? `${label} (incomplete)` : label, ...(classes.length ? { classes } : {}) };
  });
  const { nodes: shownNodes, edges } = busy ? joinUniformEdges(fit.nodes, drawn) : { nodes: fit.nodes, edges: drawn };
  const droppedWorkloads = fit.dropped.reduce((s, id) => s + folded.get(id)!.workloads, 0);
  const groups = [...folded.keys()].filter((id) => id.startsWith("group:") && !fit.dropped.includes(id)).length;
  const foldedWorkloads = [...folded.values()].reduce((s, f) => s + f.workloads, 0) - droppedWorkloads;
  const reasons = [
    fit.dropped.length ? `${droppedText(fit.dropped)} (${droppedWorkloads} workloads) with the fewest connected workloads left out to stay within ${o.maxElements} elements` : undefined,
    stoppedAt ? `stopped after hop ${stoppedAt}: more than ${o.maxElements} workloads reached` : undefined,
  ].filter(Boolean);
  return {
    level: "workload",
    nodes: shownNodes,
    edges,
    focus: o.focus,
    ...(reasons.length ? { hidden: { nodes: fit.dropped.length, edges: merged.size - fit.edges.length, reason: reasons.join("; ") } } : {}),
    totals: totalsOf(all),
    shown: { workloads: reached.length - foldedWorkloads - droppedWorkloads, folded: folded.size - fit.dropped.length, foldedWorkloads, unreached: all.length - reached.length + droppedWorkloads, ...(groups ? { groups } : {}) },
  };
}

const GROUP_PREFIX = "group:";

/**
 * A busy focus: an edge between a drawn workload and a folded node (or the outside) is drawn
 * from the workload's namespace box instead, edges landing on the same pair joined (connections
 * united; incomplete if any was). Edges between two drawn workloads stay as they are.
 */
function foldedToBoxes(edges: DraftEdge[], reach: Reachability): DraftEdge[] {
  const box = (id: string, other: string) => (id.startsWith("w:") && !other.startsWith("w:") ? `ns:${id.slice(2).split("/")[0]}` : id);
  const out = new Map<string, DraftEdge>();
  for (const e of edges) {
    const source = box(e.source, e.target);
    const target = box(e.target, e.source);
    const k = `${source}->${target}`;
    const m = out.get(k);
    if (!m) out.set(k, { ...e, source, target });
    else if (e.label !== undefined || m.label !== undefined) m.label = [...new Set([m.label, e.label].filter(Boolean))].join("; ");
    else {
      m.id = reach.table.union(m.id, e.id);
      if (e.incomplete) m.incomplete = true;
    }
  }
  return [...out.values()];
}

function droppedText(dropped: readonly string[]): string {
  const groups = dropped.filter((id) => id.startsWith(GROUP_PREFIX)).length;
  const namespaces = `${dropped.length - groups} connected namespaces`;
  return groups ? `${namespaces} and ${groups} groups` : namespaces;
}
const groupLabel = (id: string) => id.slice(GROUP_PREFIX.length);

/**
 * Where a folded workload's namespace goes: its own node, or — past `groupFoldLimit` folded
 * namespaces — its group's node, unless that group is opened (`expand` holds `group:<id>`).
 */
function foldIds(reach: Reachability, folding: readonly WorkloadNode[], o: Required<ExplorerGraphOptions>): (ns: string) => string {
  const own = (ns: string) => `ns:${ns}`;
  if (new Set(folding.map((w) => w.namespace)).size <= o.groupFoldLimit) return own;
  const { groupIds } = namespaceGroups(reach, o.groupBy || undefined);
  const opened = new Set(o.expand.filter((e) => e.startsWith(GROUP_PREFIX)).map(groupLabel));
  return (ns) => {
    const g = groupIds.get(ns);
    return g === undefined || opened.has(g) ? own(ns) : `${GROUP_PREFIX}${g}`;
  };
}

function foldNode(id: string, f: Fold): GraphNode {
  const n = f.workloads;
  const workloads = `${n} workload${n === 1 ? "" : "s"}`;
  if (!id.startsWith(GROUP_PREFIX)) {
    return { id, label: `${f.label} · ${workloads}`, type: "Namespace", classes: ["collapsed"], detail: `${workloads} connected to the focus; expand to draw them one by one` };
  }
  const k = f.namespaces.size;
  const namespaces = `${k} namespace${k === 1 ? "" : "s"}`;
  return { id, label: `${f.label} · ${namespaces} · ${workloads}`, type: "Namespace", classes: ["collapsed", "group"], detail: `group ${f.label}: ${workloads} in ${namespaces} connected to the focus; expand to see its namespaces` };
}
