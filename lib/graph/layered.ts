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

export interface LayeredOptions {
  columnGap?: number;
  rowGap?: number;
  sweeps?: number;
  /** Gap between the columns of a band (wrapped columns). */
  subGap?: number;
  /** Wrap columns taller than this many rows… */
  maxRows?: number;
  /** …into as many rows as keep width ≤ aspect × height. */
  aspect?: number;
}

export function layeredPositions(graph: GraphDTO, opts: LayeredOptions = {}): Record<string, Position> {
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

  return place(order.map((c) => columns.get(c)!), neighbours, { columnGap, rowGap, subGap: opts.subGap ?? 200, aspect: opts.aspect ?? 2, maxRows: opts.maxRows ?? 20 });
}

/**
 * Rows per column: columns taller than `maxRows` wrap into bands, with as many rows as keep the
 * drawing no wider than `aspect` × its height — 200 subjects in one column would be a sliver no zoom
 * makes readable. Consecutive wrapped columns (subjects, then their bindings) share their bands and
 * are interleaved band by band (subjects 1–30, their bindings, subjects 31–60, theirs, …): the
 * barycentre order puts a subject's binding in the same band, so their edges stay short.
 */
function place(cols: string[][], neighbours: Map<string, string[]>, o: { columnGap: number; rowGap: number; subGap: number; aspect: number; maxRows: number }): Record<string, Position> {
  const tallest = Math.max(1, ...cols.map((ids) => ids.length));
  // runs of consecutive columns taller than `rows`: [first, last] column indexes
  const runsOf = (rows: number) => {
    const runs: { from: number; to: number; bands: number }[] = [];
    cols.forEach((ids, c) => {
      if (ids.length <= rows) return;
      const last = runs[runs.length - 1];
      const bands = Math.ceil(ids.length / rows);
      if (last && last.to === c - 1) {
        last.to = c;
        last.bands = Math.max(last.bands, bands);
      } else runs.push({ from: c, to: c, bands });
    });
    return runs;
  };
  const width = (rows: number) => runsOf(rows).reduce((w, r) => w + r.bands * (r.to - r.from + 1) * o.subGap - o.columnGap * (r.to - r.from + 1), cols.length * o.columnGap);
  let rows = tallest;
  if (tallest > o.maxRows) {
    rows = o.maxRows;
    while (rows < tallest && width(rows) > o.aspect * rows * o.rowGap) rows++;
  }
  const runs = new Map(runsOf(rows).map((r) => [r.from, r]));
  const positions: Record<string, Position> = {};
  let x = 0;
  for (let c = 0; c < cols.length; c++) {
    const run = runs.get(c) ?? { from: c, to: c, bands: 1 };
    // the run's first column split evenly; each next column's nodes in the band of their neighbours on the left
    const bandOf = new Map<string, number>();
    const bands: string[][][] = [];
    for (let k = run.from; k <= run.to; k++) {
      const ids = cols[k];
      const perBand = Math.ceil(ids.length / run.bands);
      const split: string[][] = Array.from({ length: run.bands }, () => []);
      ids.forEach((id, i) => {
        const left = k > run.from ? (neighbours.get(id) ?? []).filter((n) => bandOf.has(n)) : [];
        const band = left.length ? Math.round(left.reduce((sum, n) => sum + bandOf.get(n)!, 0) / left.length) : Math.floor(i / perBand);
        split[band].push(id);
      });
      split.forEach((b, band) => b.forEach((id) => bandOf.set(id, band)));
      bands.push(split);
    }
    const bandWidth = (run.to - run.from + 1) * o.subGap;
    bands.forEach((split, k) =>
      split.forEach((ids, band) =>
        ids.forEach((id, j) => {
          positions[id] = { x: x + band * bandWidth + k * o.subGap, y: (j - (ids.length - 1) / 2) * o.rowGap }; // every band centred on y = 0
        }),
      ),
    );
    x += run.bands > 1 ? run.bands * bandWidth + o.columnGap - o.subGap : o.columnGap;
    c = run.to;
  }
  return positions;
}
