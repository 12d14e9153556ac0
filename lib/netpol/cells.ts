/**
 * The cells of a reachability's class matrix (reachability.ts), stored in square tiles made on the
 * first write into them. Cells are computed on demand, and a watched cluster's event reads a
 * handful of them (the rows and columns of a changed namespace's classes, while the other
 * namespaces keep their findings): a dense matrix of classes × (classes + blocks) — 2,600 × 2,700
 * cells, 29 MB, on a 10,000-pod cluster — made per event costs more in allocation and garbage
 * collection than the event's analysis. A row or a column touches one tile per 32 columns or rows.
 *
 * A cell holds 0 (not computed) or a connection id + 1; a missing tile holds zeros.
 */
const SHIFT = 5;
const SIDE = 1 << SHIFT;
const MASK = SIDE - 1;

export interface Cells {
  readonly rows: number;
  readonly cols: number;
  /** 0 when not set. */
  get(row: number, col: number): number;
  /** `value` > 0. */
  set(row: number, col: number, value: number): void;
  /** Tiles made so far (for tests and benchmarks). */
  tiles(): number;
}

export function makeCells(rows: number, cols: number): Cells {
  const across = (cols + MASK) >>> SHIFT;
  const tiles: (Uint32Array | undefined)[] = new Array((((rows + MASK) >>> SHIFT) * across) as number).fill(undefined);
  const at = (row: number, col: number) => (row >>> SHIFT) * across + (col >>> SHIFT);
  const within = (row: number, col: number) => ((row & MASK) << SHIFT) | (col & MASK);
  return {
    rows,
    cols,
    get(row, col) {
      const t = tiles[at(row, col)];
      return t === undefined ? 0 : t[within(row, col)];
    },
    set(row, col, value) {
      const i = at(row, col);
      (tiles[i] ??= new Uint32Array(SIDE * SIDE))[within(row, col)] = value;
    },
    tiles: () => tiles.reduce((n, t) => n + (t ? 1 : 0), 0),
  };
}
