/**
 * What the explorer draws: the neighbourhood of a focus (a subject, a binding, a role, or a who-can
 * answer), hop-limited and capped at MAX_ELEMENTS drawn elements, saying what was left out. Walks
 * follow the direction they started in: from a subject downstream (bindings → roles → rules, and
 * through the implicit groups it belongs to), from a role upstream to who is bound and downstream to
 * its rules; group membership is walked backwards only from the group itself (system:authenticated
 * has every user as a member). Nearer elements are kept first, so rules are the first to go.
 */
import { MAX_ELEMENTS, type GraphDTO } from "../graph/types";
import { bindingNodeId, roleNodeId, ruleNodeId, subjectNodeId, type RbacEdge, type RbacGraph, type RbacNode, type RbacNodeKind } from "./graph";
import type { WhoCanResult } from "./who-can";

export type GraphFocus = { node: string } | { whoCan: WhoCanResult };

export interface NeighbourhoodOptions {
  /** Hops from the focus (default 4: subject → group → binding → role → rule). */
  hops?: number;
  /** Drawn nodes + edges (default MAX_ELEMENTS = 2,000). */
  maxElements?: number;
  /** Keep only nodes of this namespace and cluster-wide ones. */
  namespace?: string;
  /** Keep only these node kinds (the focus always stays). */
  kinds?: readonly RbacNodeKind[];
  /** Drop default/vendor nodes (the focus always stays). */
  hideDefaults?: boolean;
}

export interface ShownNode extends RbacNode {
  /** Neighbours of this node left out (cap, hop limit or filters): "expand" shows them. */
  hidden: number;
  highlight?: boolean;
}

export interface ShownEdge extends RbacEdge {
  highlight?: boolean;
}

export interface Neighbourhood {
  focus: string[];
  nodes: ShownNode[];
  edges: ShownEdge[];
  /** Not drawn: cut by the cap, or one hop past the limit. */
  hidden: { nodes: number; edges: number };
  truncated: boolean;
}

type Dir = "out" | "in" | "both";

function keep(n: RbacNode, o: NeighbourhoodOptions): boolean {
  if (o.hideDefaults && n.isDefault) return false;
  if (o.kinds && !o.kinds.includes(n.kind)) return false;
  if (o.namespace !== undefined && n.namespace !== undefined && n.namespace !== o.namespace) return false;
  return true;
}

function neighbours(g: RbacGraph, id: string, dir: Dir, isFocus: boolean): { edge: RbacEdge; next: string; dir: Dir }[] {
  const out: { edge: RbacEdge; next: string; dir: Dir }[] = [];
  if (dir !== "in") for (const e of g.out.get(id) ?? []) out.push({ edge: e, next: e.target, dir: "out" });
  if (dir !== "out") {
    for (const e of g.in.get(id) ?? []) if (e.kind !== "member" || isFocus) out.push({ edge: e, next: e.source, dir: "in" });
  }
  return out;
}

/** The hop-limited, capped neighbourhood of the focus nodes (see file comment). */
export function neighbourhood(g: RbacGraph, focus: GraphFocus, opts: NeighbourhoodOptions = {}): Neighbourhood {
  if ("whoCan" in focus) return whoCanPaths(g, focus.whoCan, opts);
  const hops = opts.hops ?? 4;
  const max = opts.maxElements ?? MAX_ELEMENTS;
  const start = focus.node;
  if (!g.nodes.has(start)) return { focus: [start], nodes: [], edges: [], hidden: { nodes: 0, edges: 0 }, truncated: false };
  // Breadth-first over the whole hop range, then keep the nearest that fit.
  const order: { id: string; via?: RbacEdge }[] = [{ id: start }];
  const seen = new Map<string, Dir>([[start, "both"]]);
  const reachedEdges = new Set<string>();
  let frontier = [start];
  for (let h = 0; h < hops && frontier.length; h++) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const { edge, next: n, dir } of neighbours(g, id, seen.get(id)!, id === start)) {
        const node = g.nodes.get(n)!;
        if (!keep(node, opts)) continue;
        reachedEdges.add(edge.id);
        if (seen.has(n)) continue;
        seen.set(n, dir);
        order.push({ id: n, via: edge });
        next.push(n);
      }
    }
    frontier = next;
  }
  // Nodes one hop past the limit: not drawn, counted.
  const beyond = new Set<string>();
  for (const id of frontier) for (const { next: n } of neighbours(g, id, seen.get(id)!, id === start)) if (!seen.has(n) && keep(g.nodes.get(n)!, opts)) beyond.add(n);
  const chosen = new Set<string>();
  const edges = new Map<string, RbacEdge>();
  let budget = max;
  for (const { id, via } of order) {
    const cost = via ? 2 : 1;
    if (budget < cost) break;
    chosen.add(id);
    if (via) edges.set(via.id, via);
    budget -= cost;
  }
  for (const eid of reachedEdges) {
    if (budget <= 0) break;
    const e = g.edges.get(eid)!;
    if (!edges.has(eid) && chosen.has(e.source) && chosen.has(e.target)) {
      edges.set(eid, e);
      budget--;
    }
  }
  const nodes: ShownNode[] = [...chosen].map((id) => {
    const all = neighbours(g, id, seen.get(id)!, id === start);
    return { ...g.nodes.get(id)!, hidden: all.filter((x) => !chosen.has(x.next)).length };
  });
  const hiddenEdges = [...reachedEdges].filter((id) => !edges.has(id)).length;
  return { focus: [start], nodes, edges: [...edges.values()], hidden: { nodes: order.length - chosen.size + beyond.size, edges: hiddenEdges + beyond.size }, truncated: chosen.size < order.length };
}

/** A who-can answer as a graph: every granting path subject → binding → role → rule, highlighted. */
function whoCanPaths(g: RbacGraph, res: WhoCanResult, opts: NeighbourhoodOptions): Neighbourhood {
  const max = opts.maxElements ?? MAX_ELEMENTS;
  const nodes = new Map<string, ShownNode>();
  const edges = new Map<string, ShownEdge>();
  let dropped = 0;
  const focus: string[] = [];
  const addNode = (id: string) => {
    const n = g.nodes.get(id);
    if (n && !nodes.has(id)) nodes.set(id, { ...n, hidden: 0, highlight: true });
    return !!n;
  };
  const addEdge = (id: string) => {
    const e = g.edges.get(id);
    if (e) edges.set(id, { ...e, highlight: true });
  };
  for (const s of res.subjects) {
    const sid = subjectNodeId(s);
    focus.push(sid);
    for (const via of s.via) {
      if (!via.binding || !via.role) {
        if (!g.nodes.has(sid)) nodes.set(sid, { id: sid, kind: s.kind, name: s.name, label: s.name, hidden: 0, highlight: true, ...(via.bypass ? { isDefault: true } : {}) });
        continue;
      }
      const grantId = via.binding.kind === "ClusterRoleBinding" ? `ClusterRoleBinding/${via.binding.name}` : `RoleBinding/${via.binding.namespace}/${via.binding.name}`;
      const roleId = via.role.kind === "Role" ? `Role/${via.role.namespace}/${via.role.name}` : `${via.role.kind}/${via.role.name}`;
      const cost = 4 + 2 * (via.rules?.length ?? 0);
      if (nodes.size + edges.size + cost > max) {
        dropped += cost;
        continue;
      }
      const bid = bindingNodeId(grantId);
      const rid = roleNodeId(roleId);
      addNode(sid);
      addNode(bid);
      addNode(rid);
      addEdge(`subject:${sid}>${bid}`);
      addEdge(`roleRef:${bid}>${rid}`);
      for (const i of via.rules ?? []) {
        if (addNode(ruleNodeId(roleId, i))) addEdge(`rule:${rid}>${ruleNodeId(roleId, i)}`);
      }
    }
  }
  const shown = [...nodes.values()].filter((n) => focus.includes(n.id) || keep(n, opts));
  return { focus, nodes: shown, edges: [...edges.values()].filter((e) => nodes.has(e.source) && nodes.has(e.target)), hidden: { nodes: Math.ceil(dropped / 2), edges: Math.floor(dropped / 2) }, truncated: dropped > 0 };
}

const COLUMN: Record<RbacNodeKind, number> = { User: 0, Group: 0, ServiceAccount: 0, RoleBinding: 1, ClusterRoleBinding: 1, Role: 2, ClusterRole: 2, Rule: 3 };

/** The shared graph DTO (lib/graph/types.ts), laid out in columns subject → binding → role → rule. */
export function toGraphDTO(nb: Neighbourhood): GraphDTO {
  return {
    nodes: nb.nodes.map((n) => ({
      id: n.id,
      label: n.label,
      type: n.kind,
      column: n.kind === "Group" && n.implicit ? 0 : COLUMN[n.kind],
      classes: [n.highlight && "highlight", n.ghost && "ghost", n.isDefault && "default", n.implicit && "implicit", n.hidden > 0 && "has-hidden"].filter((c): c is string => !!c),
      ...(n.hidden ? { detail: `${n.hidden} more not shown` } : {}),
    })),
    edges: nb.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, ...(e.kind === "roleRef" ? { label: e.scope === "cluster" ? "cluster-wide" : `in ${e.scope}` } : {}), classes: [e.kind, ...(e.highlight ? ["highlight"] : [])] })),
    ...(nb.hidden.nodes || nb.hidden.edges ? { hidden: { ...nb.hidden, reason: nb.truncated ? `capped at ${MAX_ELEMENTS} elements; expand a node to see more` : "outside the hop limit or filtered" } } : {}),
    ...(nb.focus.length === 1 ? { focus: nb.focus[0] } : {}),
  };
}
