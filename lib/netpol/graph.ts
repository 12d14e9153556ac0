/**
 * The network explorer's graph, as plain data (lib/graph/types.ts): namespaces as groups, workloads
 * as nodes, one edge per ordered workload pair with its allowed ports, "outside" as a special node,
 * and each workload marked isolated / partly / unprotected per direction. Opened around a focus
 * (a namespace or a workload) and expanded by hops; when the workload view would pass the element
 * budget it falls back to namespaces (edges = the namespace matrix), and says what it left out.
 */
import { MAX_ELEMENTS, type GraphDTO, type GraphEdge, type GraphNode } from "../graph/types";
import { NONE_ID } from "./conn-table";
import { ingressControllerEdges, INGRESS_CONTROLLER } from "./ingress-controller";
import { namespaceMatrix, OUTSIDE } from "./matrix";
import { protectionOf } from "./protection";
import type { Reachability } from "./reachability";
import { externalConnIds, workloadConnId, workloadKey, workloadsOf, type WorkloadNode } from "./workloads";

export interface NetworkGraphOptions {
  /** `ns` or `ns/Kind/name`; none: the whole cluster (aggregated when large). */
  focus?: string;
  /** Hops around the focus (default 1). */
  hops?: number;
  direction?: "both" | "ingress" | "egress";
  level?: "auto" | "workload" | "namespace";
  /** Include the outside-addresses node and edges (default true). */
  external?: boolean;
  /** Include `{ingress-controller}` edges from Ingress and Route objects (default true). */
  exposure?: boolean;
  maxElements?: number;
}

export type Guard = "isolated" | "partial" | "unprotected";

export interface NetworkGraph extends GraphDTO {
  level: "workload" | "namespace";
}

const OUTSIDE_ID = "external:outside";
const CONTROLLER_ID = "external:ingress-controller";

function guardOf(flags: boolean[]): Guard {
  const n = flags.filter(Boolean).length;
  return n === 0 ? "unprotected" : n === flags.length ? "isolated" : "partial";
}

function workloadNode(reach: Reachability, w: WorkloadNode, focus: boolean): GraphNode {
  const pods = w.classes.map((c) => reach.classes[c].pods[0]);
  const pr = pods.map((p) => protectionOf(reach.model, p));
  const ingress = guardOf(pr.map((x) => x.ingress.length > 0));
  const egress = guardOf(pr.map((x) => x.egress.length > 0));
  const classes = [`ingress-${ingress}`, `egress-${egress}`, ...(w.hostNetwork ? ["host-network"] : []), ...(focus ? ["highlight"] : [])];
  return { id: `w:${w.key}`, label: w.ref.name, type: "Workload", parent: `ns:${w.namespace}`, classes, detail: `${w.ref.kind} · ${w.pods} pod${w.pods === 1 ? "" : "s"} · ingress ${ingress} · egress ${egress}${w.hostNetwork ? " · host network" : ""}` };
}

function inFocus(w: WorkloadNode, focus: string | undefined): boolean {
  if (!focus) return true;
  return focus.includes("/") ? w.key.toLowerCase() === focus.toLowerCase() : w.namespace === focus;
}

/** Workload-level graph around the focus (or everything), or undefined when it would pass the budget. */
function workloadGraph(reach: Reachability, o: Required<NetworkGraphOptions>): NetworkGraph | undefined {
  const all = workloadsOf(reach);
  const conn = (a: WorkloadNode, b: WorkloadNode) => workloadConnId(reach, a, b);
  let chosen = all.filter((w) => inFocus(w, o.focus || undefined));
  if (o.focus) {
    const seen = new Set(chosen);
    let frontier = chosen;
    for (let h = 0; h < o.hops; h++) {
      const next: WorkloadNode[] = [];
      for (const f of frontier) {
        for (const w of all) {
          if (seen.has(w)) continue;
          const out = o.direction !== "ingress" && conn(f, w) !== NONE_ID;
          const inc = o.direction !== "egress" && conn(w, f) !== NONE_ID;
          if (out || inc) {
            seen.add(w);
            next.push(w);
          }
        }
        if (seen.size > o.maxElements) return undefined;
      }
      frontier = next;
    }
    chosen = [...seen];
  }
  if (chosen.length > o.maxElements / 2) return undefined;
  const focusSet = new Set(all.filter((w) => o.focus && inFocus(w, o.focus)));
  const nodes: GraphNode[] = [];
  for (const ns of [...new Set(chosen.map((w) => w.namespace))].sort()) nodes.push({ id: `ns:${ns}`, label: ns, type: "Namespace" });
  for (const w of chosen) nodes.push(workloadNode(reach, w, focusSet.has(w)));
  const edges: GraphEdge[] = [];
  const edge = (source: string, target: string, id: number) => edges.push({ id: `${source}->${target}`, source, target, label: reach.table.get(id).toString() });
  for (const a of chosen) {
    for (const b of chosen) {
      if (a === b) continue;
      const id = conn(a, b);
      if (id !== NONE_ID) edge(`w:${a.key}`, `w:${b.key}`, id);
    }
  }
  if (o.external) {
    nodes.push({ id: OUTSIDE_ID, label: "outside the cluster", type: "External", classes: ["external"], detail: `${reach.externals.sources.length} source / ${reach.externals.destinations.length} destination address blocks` });
    for (const w of chosen) {
      const { from, to } = externalConnIds(reach, w);
      if (from !== NONE_ID && o.direction !== "egress") edge(OUTSIDE_ID, `w:${w.key}`, from);
      if (to !== NONE_ID && o.direction !== "ingress") edge(`w:${w.key}`, OUTSIDE_ID, to);
    }
  }
  if (o.exposure && o.direction !== "egress") {
    const keys = new Map(chosen.map((w) => [`${w.namespace}/${w.ref.name}[${w.ref.kind}]`, w]));
    const ing = ingressControllerEdges(reach).filter((e) => keys.has(e.dst));
    if (ing.length) {
      nodes.push({ id: CONTROLLER_ID, label: INGRESS_CONTROLLER, type: "External", classes: ["ingress-controller"], detail: "Ingress and Route backends" });
      for (const e of ing) edges.push({ id: `${CONTROLLER_ID}->w:${keys.get(e.dst)!.key}`, source: CONTROLLER_ID, target: `w:${keys.get(e.dst)!.key}`, label: e.conn, classes: ["exposure"] });
    }
  }
  const total = nodes.length + edges.length;
  if (total > o.maxElements) return undefined;
  return { level: "workload", nodes, edges, ...(o.focus ? { focus: o.focus } : {}) };
}

/** Namespace-level graph: one node per namespace, edges from the namespace matrix. */
function namespaceGraph(reach: Reachability, o: Required<NetworkGraphOptions>, reason?: string): NetworkGraph {
  const m = namespaceMatrix(reach);
  const focusNs = o.focus ? o.focus.split("/")[0] : undefined;
  let keep = new Set(m.namespaces);
  if (focusNs) {
    keep = new Set([focusNs]);
    let frontier = [focusNs];
    for (let h = 0; h < o.hops; h++) {
      const next: string[] = [];
      for (const c of m.cells) {
        const hit = frontier.includes(c.from) && o.direction !== "ingress" ? c.to : frontier.includes(c.to) && o.direction !== "egress" ? c.from : undefined;
        if (hit && !keep.has(hit)) {
          keep.add(hit);
          next.push(hit);
        }
      }
      frontier = next;
    }
  }
  if (!o.external) keep.delete(OUTSIDE);
  const cells = m.cells.filter((c) => keep.has(c.from) && keep.has(c.to) && c.from !== c.to);
  const budget = Math.max(0, o.maxElements - keep.size);
  const shown = cells.length > budget ? [...cells].sort((a, b) => b.connected - a.connected).slice(0, budget) : cells;
  const id = (ns: string) => (ns === OUTSIDE ? OUTSIDE_ID : `ns:${ns}`);
  const nodes: GraphNode[] = [...keep].sort().map((ns) => ({ id: id(ns), label: ns === OUTSIDE ? "outside the cluster" : ns, type: ns === OUTSIDE ? "External" : "Namespace", ...(ns === focusNs ? { classes: ["highlight"] } : {}) }));
  const edges: GraphEdge[] = shown.map((c) => ({ id: `${id(c.from)}->${id(c.to)}`, source: id(c.from), target: id(c.to), label: c.conn, classes: [c.connected >= c.pairs ? "all-pairs" : "some-pairs"] }));
  const hiddenEdges = cells.length - shown.length;
  const why = [reason, hiddenEdges ? `${hiddenEdges} namespace edges with the fewest connected workload pairs left out (budget ${o.maxElements} elements)` : undefined].filter(Boolean).join("; ");
  return { level: "namespace", nodes, edges, ...(o.focus ? { focus: o.focus } : {}), ...(why ? { hidden: { nodes: 0, edges: hiddenEdges, reason: why } } : {}) };
}

/** The explorer's graph for a focus, within the element budget (≤ 2,000 by default). */
export function networkGraph(reach: Reachability, opts: NetworkGraphOptions = {}): NetworkGraph {
  const o: Required<NetworkGraphOptions> = { focus: "", hops: 1, direction: "both", level: "auto", external: true, exposure: true, maxElements: MAX_ELEMENTS, ...opts } as Required<NetworkGraphOptions>;
  if (o.level === "namespace") return namespaceGraph(reach, o);
  const g = workloadGraph(reach, o);
  if (g) return g;
  return namespaceGraph(reach, o, `the workload view would pass ${o.maxElements} elements; showing namespaces${o.focus ? " (focus a workload or lower the hops for workloads)" : ""}`);
}

export { workloadKey };
