/**
 * A busy namespace focus says what is uniform instead of drawing it: on a namespace whose workloads
 * are open to one another (kube-system at 1,000 namespaces: 17 workloads, 272 edges all labelled
 * "All Connections"), the edges carry no information a sentence does not, and cost the browser
 * seconds of label measuring and edge routing. Two steps, both lossless:
 *
 * - a namespace box whose drawn workloads (three or more) all reach one another with one same
 *   connection gets that connection as `within` (said in its label and detail), and those edges go;
 * - two edges between the same pair, one each way, with the same label and classes, become one edge
 *   with the class `both` (arrows at both ends).
 */
import type { GraphEdge, GraphNode } from "../graph/types";

/** Smallest group of workloads worth a sentence instead of its edges. */
const CLIQUE_MIN = 3;

const sameKind = (a: GraphEdge, b: GraphEdge) => a.label === b.label && (a.classes ?? []).join(" ") === (b.classes ?? []).join(" ");

/** Boxes whose workloads all reach one another with one label (no class on the edges: nothing incomplete, denied, ...). */
function cliques(nodes: readonly GraphNode[], byPair: ReadonlyMap<string, GraphEdge>): Map<string, { conn: string; count: number }> {
  const members = new Map<string, string[]>();
  for (const n of nodes) if (n.parent && n.type === "Workload") (members.get(n.parent) ?? members.set(n.parent, []).get(n.parent)!).push(n.id);
  const out = new Map<string, { conn: string; count: number }>();
  for (const [box, ids] of members) {
    if (ids.length < CLIQUE_MIN) continue;
    const first = byPair.get(`${ids[0]}->${ids[1]}`);
    if (!first?.label || first.classes?.length) continue;
    const same = (a: string, b: string) => {
      const e = byPair.get(`${a}->${b}`);
      return e !== undefined && sameKind(e, first);
    };
    if (ids.every((a) => ids.every((b) => a === b || same(a, b)))) out.set(box, { conn: first.label, count: ids.length });
  }
  return out;
}

export function joinUniformEdges(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const byPair = new Map(edges.map((e) => [`${e.source}->${e.target}`, e]));
  const within = cliques(nodes, byPair);
  const parentOf = new Map(nodes.filter((n) => n.parent).map((n) => [n.id, n.parent!]));
  const inClique = (e: GraphEdge) => {
    const box = parentOf.get(e.source);
    return box !== undefined && within.has(box) && parentOf.get(e.target) === box;
  };
  const out: GraphEdge[] = [];
  const joined = new Set<GraphEdge>();
  for (const e of edges) {
    if (joined.has(e) || inClique(e)) continue;
    const back = byPair.get(`${e.target}->${e.source}`);
    if (back && sameKind(back, e)) {
      joined.add(back);
      out.push({ ...e, id: `${e.source}<->${e.target}`, classes: [...(e.classes ?? []), "both"] });
    } else out.push(e);
  }
  const boxes = nodes.map((n) => {
    const clique = within.get(n.id);
    if (clique === undefined) return n;
    const { conn, count } = clique;
    const sentence = `its ${count} workloads all reach one another: ${conn}`;
    return { ...n, label: `${n.label} · ${sentence}`, within: conn, detail: n.detail ? `${n.detail}; ${sentence}` : `${sentence} (not drawn edge by edge)` };
  });
  return { nodes: boxes, edges: out };
}
