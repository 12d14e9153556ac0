/**
 * A layered ("columns") layout for graphs whose nodes already know their column, as the RBAC graph
 * does (subject → binding → role → rule). Rows are ordered by the barycentre of neighbours in the
 * previous column, a few sweeps left-to-right and right-to-left (the Sugiyama heuristic without the
 * layering step), which keeps paths straight and crossings few. Linear in the graph's size per sweep.
 */
import type { GraphDTO } from "./types";

export interface Position {
  x: number;
  y: number;
}

export function layeredPositions(graph: GraphDTO, opts: { columnGap?: number; rowGap?: number; sweeps?: number } = {}): Record<string, Position> {
  const columnGap = opts.columnGap ?? 260;
  const rowGap = opts.rowGap ?? 56;
  const sweeps = opts.sweeps ?? 4;
  const columns = new Map<number, string[]>();
  for (const n of graph.nodes) {
    const c = n.column ?? 0;
    let col = columns.get(c);
    if (!col) columns.set(c, (col = []));
    col.push(n.id);
  }
  const order = [...columns.keys()].sort((a, b) => a - b);
  const neighbours = new Map<string, string[]>();
  for (const e of graph.edges) {
    (neighbours.get(e.source) ?? neighbours.set(e.source, []).get(e.source)!).push(e.target);
    (neighbours.get(e.target) ?? neighbours.set(e.target, []).get(e.target)!).push(e.source);
  }
  const rank = new Map<string, number>();
  for (const c of order) columns.get(c)!.forEach((id, i) => rank.set(id, i));

  const sweep = (cols: number[]) => {
    for (const c of cols) {
      const ids = columns.get(c)!;
      const bary = new Map<string, number>();
      for (const id of ids) {
        const ns = (neighbours.get(id) ?? []).filter((n) => rank.has(n));
        bary.set(id, ns.length ? ns.reduce((s, n) => s + rank.get(n)!, 0) / ns.length : rank.get(id)!);
      }
      ids.sort((a, b) => bary.get(a)! - bary.get(b)! || (a < b ? -1 : 1));
      ids.forEach((id, i) => rank.set(id, i));
    }
  };
  for (let i = 0; i < sweeps; i++) sweep(i % 2 === 0 ? order : [...order].reverse());

  const tallest = Math.max(1, ...order.map((c) => columns.get(c)!.length));
  const positions: Record<string, Position> = {};
  order.forEach((c, ci) => {
    const ids = columns.get(c)!;
    const offset = ((tallest - ids.length) * rowGap) / 2;
    ids.forEach((id, i) => {
      positions[id] = { x: ci * columnGap, y: offset + i * rowGap };
    });
  });
  return positions;
}
