/**
 * How the explorer draws a network graph: one border colour per workload for how guarded it is
 * (isolated both ways, partly, or unprotected), the focus marked apart from that, and edge labels
 * shortened — or left to the side panel when there are too many to read.
 */
import type { GraphDTO, GraphEdge, GraphNode } from "@/lib/graph/types";

export const EDGE_LABEL_LIMIT = 40;

export type GuardWord = "isolated" | "partial" | "unprotected";

/** From the lib's per-direction flags (`ingress-isolated`, `egress-unprotected`, ...). */
export function guardOf(n: GraphNode): GuardWord | undefined {
  const c = n.classes ?? [];
  const ing = c.find((x) => x.startsWith("ingress-"))?.slice(8);
  const eg = c.find((x) => x.startsWith("egress-"))?.slice(7);
  if (!ing || !eg) return (["isolated", "partial", "unprotected"] as const).find((g) => c.includes(g));
  if (ing === "isolated" && eg === "isolated") return "isolated";
  if (ing === "unprotected" && eg === "unprotected") return "unprotected";
  return "partial";
}

/** A mark in the label so status does not rest on the border colour alone. */
export const GUARD_MARK: Record<GuardWord, string> = { isolated: "✓", partial: "◐", unprotected: "✕" };

export function displayGraph(g: GraphDTO): GraphDTO {
  const many = g.edges.length > EDGE_LABEL_LIMIT;
  return {
    ...g,
    nodes: g.nodes.map((n) => {
      const classes = (n.classes ?? []).filter((c) => c !== "highlight" && c !== "isolated" && c !== "partial" && c !== "unprotected");
      const guard = n.type === "Workload" || n.type === "Namespace" ? guardOf(n) : undefined;
      if (guard && !classes.includes("collapsed")) classes.push(guard);
      if (n.classes?.includes("highlight")) classes.push("focus");
      const marks = [guard && !classes.includes("collapsed") ? GUARD_MARK[guard] : "", n.classes?.includes("host-network") ? "(host network)" : ""].filter(Boolean);
      return { ...n, label: marks.length ? `${n.label} ${marks.join(" ")}` : n.label, classes };
    }),
    edges: g.edges.map((e) => ({ ...e, label: many ? "" : e.label === "All Connections" ? "all" : e.label, classes: [...(e.classes ?? []), "net"] })),
  };
}

/** Readable port text for panels. */
export function connText(label: string | undefined): string {
  return !label ? "" : label === "All Connections" ? "all ports" : label;
}

/**
 * The cluster overview without the edges into namespaces open to everyone (their red border says
 * it): on most clusters they are most of the edges and hide the ones that tell something.
 */
export function withoutEdgesIntoOpen(g: GraphDTO): { graph: GraphDTO; dropped: number; open: string[] } {
  const open = g.nodes.filter((n) => n.type === "Namespace" && n.classes?.includes("unprotected"));
  const ids = new Set(open.map((n) => n.id));
  const edges = g.edges.filter((e) => !ids.has(e.target));
  return { graph: { ...g, edges }, dropped: g.edges.length - edges.length, open: open.map((n) => n.label) };
}

export interface ConnectionRow {
  key: string;
  /** The node at the other end, as a reader names it (`ns/workload`). */
  peer: string;
  conn: string;
}

/**
 * A node's drawn connections, each way: a two-way edge counts on both sides, and a workload in a box
 * whose workloads all reach one another (`within`, lib/netpol/busy-edges.ts) reaches and is reached
 * by every other workload there, said in one row.
 */
export function connectionsOf(g: GraphDTO, id: string): { incoming: ConnectionRow[]; outgoing: ConnectionRow[] } {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const name = (nid: string) => {
    const n = byId.get(nid);
    return !n ? nid : n.parent ? `${n.parent.slice(3)}/${n.label}` : n.label;
  };
  const parent = byId.get(id)?.parent;
  const within = parent === undefined ? undefined : byId.get(parent)?.within;
  const together: ConnectionRow[] = within === undefined ? [] : [{ key: `${parent}:within`, peer: `every other workload in ${parent!.slice(3)}`, conn: connText(within) }];
  const both = (e: GraphEdge) => e.classes?.includes("both") ?? false;
  const row = (e: GraphEdge, far: string): ConnectionRow => ({ key: e.id, peer: name(far), conn: connText(e.label) });
  return {
    incoming: [...together, ...g.edges.flatMap((e) => (e.target === id ? [row(e, e.source)] : both(e) && e.source === id ? [row(e, e.target)] : []))],
    outgoing: [...together, ...g.edges.flatMap((e) => (e.source === id ? [row(e, e.target)] : both(e) && e.target === id ? [row(e, e.source)] : []))],
  };
}
