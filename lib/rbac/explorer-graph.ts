/**
 * The graph the explorer asks for: a focus (a node, or a who-can answer) with its hop-limited
 * neighbourhood (graph-focus.ts), the neighbours of nodes the reviewer expanded, and — when opened
 * from a finding — that finding's evidence paths highlighted (the catalogue run for the subject
 * through the same evaluator, assess.ts). Opened from a finding without hops or expansions asked
 * for, only the evidence paths are drawn (`evidenceOnly`): a cluster-admin role bound hundreds of
 * times would otherwise bury the one path the finding is about; hops or an expansion draw the
 * neighbourhood. Says what is not drawn: cut by the element cap or hop limit, and left out by the filters.
 */
import { MAX_ELEMENTS, type GraphDTO } from "../graph/types";
import { assessGrants } from "./assess";
import { bindingNodeId, roleNodeId, ruleNodeId, subjectNodeId, type RbacGraph, type RbacNodeKind } from "./graph";
import { neighbourhood, toGraphDTO, type Neighbourhood, type NeighbourhoodOptions, type ShownEdge, type ShownNode } from "./graph-focus";
import type { RbacIndex } from "./rbac-index";
import { assessOptions } from "./sa-risk";
import { keyOfSubject, parseSubjectId } from "./subjects";
import type { WhoCanResult } from "./who-can";

export interface GraphFilters {
  namespace?: string;
  kinds?: readonly RbacNodeKind[];
  hideDefaults?: boolean;
}

export interface ExplorerGraphRequest extends GraphFilters {
  /** A node id (`subject:ServiceAccount/ci/deployer`) or a who-can answer (already filtered). */
  focus: { node: string } | { whoCan: WhoCanResult };
  hops?: number;
  /** Nodes whose neighbours are drawn too (one hop each). */
  expand?: readonly string[];
  /** A risk rule (R10) whose evidence paths for the focused subject are highlighted. */
  rule?: string;
  /** With `rule`: draw the evidence paths alone (when there are any), not the neighbourhood. */
  evidenceOnly?: boolean;
  maxElements?: number;
}

export interface ExplorerGraph {
  graph: GraphDTO;
  /** Node ids drawn highlighted (the granting or evidence paths). */
  highlighted: string[];
  /** False when the focus node is not in this snapshot. */
  found: boolean;
  /** Nodes within reach that the namespace/kind/defaults filters left out. */
  filteredOut: number;
}

const filterOpts = (f: GraphFilters): NeighbourhoodOptions => ({
  ...(f.namespace ? { namespace: f.namespace } : {}),
  ...(f.kinds?.length ? { kinds: f.kinds } : {}),
});

/**
 * "Hide defaults" drops default/vendor bindings and control-plane subjects, then whatever is no
 * longer connected to the focus. Roles stay when a shown binding uses them: a custom binding of
 * cluster-admin is the finding, not a default (graph-focus.ts would drop the default role itself).
 */
function hideDefaults(nb: Neighbourhood): Neighbourhood {
  const focus = new Set(nb.focus);
  const drop = (n: ShownNode) => !focus.has(n.id) && !!n.isDefault && n.kind !== "Role" && n.kind !== "ClusterRole" && n.kind !== "Rule";
  const kept = new Set(nb.nodes.filter((n) => !drop(n)).map((n) => n.id));
  const edges = nb.edges.filter((e) => kept.has(e.source) && kept.has(e.target));
  const adj = new Map<string, string[]>();
  for (const e of edges) {
    adj.set(e.source, [...(adj.get(e.source) ?? []), e.target]);
    adj.set(e.target, [...(adj.get(e.target) ?? []), e.source]);
  }
  const seen = new Set([...focus].filter((id) => kept.has(id)));
  const queue = [...seen];
  while (queue.length) for (const next of adj.get(queue.pop()!) ?? []) if (!seen.has(next)) queue.push((seen.add(next), next));
  const nodes = nb.nodes.filter((n) => seen.has(n.id));
  return { ...nb, nodes, edges: edges.filter((e) => seen.has(e.source) && seen.has(e.target)) };
}

/** Node and edge ids of the evidence for `rule` on a subject node (empty when there is none). */
export function evidencePaths(index: RbacIndex, subjectNode: string, rule: string, namespace?: string): { nodes: string[]; edges: string[] } {
  const ref = subjectNode.startsWith("subject:") ? parseSubjectId(subjectNode.slice("subject:".length)) : null;
  if (!ref) return { nodes: [], edges: [] };
  const key = keyOfSubject(ref);
  const grants = [...(index.clusterByKey.get(key) ?? []), ...(index.namespacedByKey.get(key) ?? [])];
  const hits = assessGrants(grants, assessOptions(index), index.cache).filter((h) => h.rule.rule === rule && (!namespace || h.namespace === "" || h.namespace === namespace));
  const nodes = new Set<string>([subjectNode]);
  const edges = new Set<string>();
  for (const h of hits) {
    for (const p of h.paths) {
      const bid = bindingNodeId(p.grant.id);
      const rid = roleNodeId(p.grant.roleId);
      nodes.add(bid).add(rid);
      edges.add(`subject:${subjectNode}>${bid}`).add(`roleRef:${bid}>${rid}`);
      for (const i of p.rules) {
        nodes.add(ruleNodeId(p.grant.roleId, i));
        edges.add(`rule:${rid}>${ruleNodeId(p.grant.roleId, i)}`);
      }
    }
  }
  return nodes.size > 1 ? { nodes: [...nodes], edges: [...edges] } : { nodes: [], edges: [] };
}

/** Union of neighbourhoods: first one wins the budget; a node's hidden count is the smallest seen. */
function merge(parts: Neighbourhood[], max: number): Neighbourhood {
  const [base, ...more] = parts;
  const nodes = new Map(base.nodes.map((n) => [n.id, n]));
  const edges = new Map(base.edges.map((e) => [e.id, e]));
  const hidden = { ...base.hidden };
  let truncated = base.truncated;
  for (const nb of more) {
    for (const n of nb.nodes) {
      const had = nodes.get(n.id);
      if (had) nodes.set(n.id, { ...had, hidden: Math.min(had.hidden, n.hidden), highlight: had.highlight || n.highlight });
      else if (nodes.size + edges.size < max) nodes.set(n.id, n);
      else {
        hidden.nodes++;
        truncated = true;
      }
    }
    for (const e of nb.edges) {
      if (edges.has(e.id)) continue;
      if (nodes.has(e.source) && nodes.has(e.target) && nodes.size + edges.size < max) edges.set(e.id, e);
      else hidden.edges++;
    }
  }
  return { focus: base.focus, nodes: [...nodes.values()], edges: [...edges.values()], hidden, truncated };
}

/** The focus neighbourhood, the expansions and the filters, before highlighting. */
function draw(g: RbacGraph, req: ExplorerGraphRequest, f: GraphFilters, max: number): Neighbourhood {
  const opts = filterOpts(f);
  // A who-can answer arrives filtered (explorer-who-can.ts filterAnswer): drawn whole.
  const base = "node" in req.focus ? neighbourhood(g, req.focus, { ...opts, hops: req.hops, maxElements: max }) : neighbourhood(g, req.focus, { maxElements: max });
  const expansions = (req.expand ?? []).filter((id) => g.nodes.has(id)).map((id) => neighbourhood(g, { node: id }, { ...opts, hops: 1, maxElements: max }));
  const nb = expansions.length ? merge([base, ...expansions], max) : base;
  return f.hideDefaults && "node" in req.focus ? hideDefaults(nb) : nb;
}

/** The explorer's graph for a request (see file comment), as the shared GraphDTO. */
export function explorerGraph(index: RbacIndex, g: RbacGraph, req: ExplorerGraphRequest): ExplorerGraph {
  const max = req.maxElements ?? MAX_ELEMENTS;
  const isNode = "node" in req.focus;
  const found = isNode ? g.nodes.has((req.focus as { node: string }).node) : true;
  if (isNode && found && req.rule && req.evidenceOnly) {
    const only = evidenceGraph(index, g, (req.focus as { node: string }).node, req.rule, req.namespace);
    if (only) return only;
  }
  let nb = draw(g, req, req, max);
  const filtering = !!(req.namespace || req.kinds?.length || req.hideDefaults);
  const filteredOut = isNode && found && filtering ? Math.max(0, draw(g, req, {}, Number.MAX_SAFE_INTEGER).nodes.length - draw(g, req, req, Number.MAX_SAFE_INTEGER).nodes.length) : 0;

  let highlighted = nb.nodes.filter((n) => n.highlight).map((n) => n.id);
  if (isNode && req.rule && found) {
    const ev = evidencePaths(index, (req.focus as { node: string }).node, req.rule, req.namespace);
    if (ev.nodes.length) {
      const nodeSet = new Set(ev.nodes);
      const edgeSet = new Set(ev.edges);
      const nodes: ShownNode[] = nb.nodes.map((n) => (nodeSet.has(n.id) ? { ...n, highlight: true } : n));
      for (const id of ev.nodes) if (!nodes.some((n) => n.id === id) && g.nodes.has(id)) nodes.push({ ...g.nodes.get(id)!, hidden: 0, highlight: true });
      const edges: ShownEdge[] = nb.edges.map((e) => (edgeSet.has(e.id) ? { ...e, highlight: true } : e));
      for (const id of ev.edges) if (!edges.some((e) => e.id === id) && g.edges.has(id)) edges.push({ ...g.edges.get(id)!, highlight: true });
      nb = { ...nb, nodes, edges };
      highlighted = ev.nodes.filter((id) => g.nodes.has(id));
    }
  }
  const dto = toGraphDTO(nb);
  const focusId = isNode ? (req.focus as { node: string }).node : undefined;
  for (const n of dto.nodes) {
    const extra: string[] = [];
    if (n.id === focusId) extra.push("focus");
    // A ServiceAccount that bindings name but the snapshot lacks is a dangling subject (H2): a ghost too.
    const sa = n.type === "ServiceAccount" ? g.nodes.get(n.id) : undefined;
    if (sa && index.hasServiceAccounts && sa.name !== "default" && !index.serviceAccounts.has(`${sa.namespace}/${sa.name}`)) {
      extra.push("ghost");
      n.label = `${n.label} (missing)`;
    }
    if (extra.length) n.classes = [...(n.classes ?? []), ...extra];
  }
  if (isNode && req.rule && highlighted.length) {
    const hl = new Set(highlighted);
    const hlEdges = new Set(nb.edges.filter((e) => e.highlight).map((e) => e.id));
    for (const n of dto.nodes) if (!hl.has(n.id)) n.classes = [...(n.classes ?? []), "faded"];
    for (const e of dto.edges) if (!hlEdges.has(e.id)) e.classes = [...(e.classes ?? []), "faded"];
  }
  return { graph: dto, highlighted, found, filteredOut };
}

/** The evidence paths of `rule` for a subject, drawn alone and highlighted; undefined when there are none. */
function evidenceGraph(index: RbacIndex, g: RbacGraph, focus: string, rule: string, namespace?: string): ExplorerGraph | undefined {
  const ev = evidencePaths(index, focus, rule, namespace);
  const ids = [...new Set([focus, ...ev.nodes])].filter((id) => g.nodes.has(id));
  if (ids.length <= 1) return undefined;
  const edgeIds = ev.edges.filter((id) => g.edges.has(id));
  const nb: Neighbourhood = {
    focus: [focus],
    nodes: ids.map((id) => ({ ...g.nodes.get(id)!, hidden: 0, highlight: true })),
    edges: edgeIds.map((id) => ({ ...g.edges.get(id)!, highlight: true })),
    hidden: { nodes: 0, edges: 0 },
    truncated: false,
  };
  const dto = toGraphDTO(nb);
  for (const n of dto.nodes) if (n.id === focus) n.classes = [...(n.classes ?? []), "focus"];
  dto.hidden = { nodes: 0, edges: 0, reason: `only the evidence for ${rule}; choose hops to draw the neighbourhood` };
  return { graph: dto, highlighted: ids, found: true, filteredOut: 0 };
}

/** The subject node id of a SubjectRef id (`ServiceAccount/ci/deployer` → `subject:ServiceAccount/ci/deployer`). */
export function subjectNode(id: string): string | null {
  const ref = parseSubjectId(id);
  return ref ? subjectNodeId(ref) : null;
}
