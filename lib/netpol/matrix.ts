/**
 * The namespace × namespace matrix of allowed connectivity (the overview heatmap): for each ordered
 * pair of namespaces (plus "outside" as a row and a column), the union of what their workloads may
 * open to each other and how many workload pairs are connected out of how many there are.
 */
import { endsIncomplete } from "./completeness";
import { NONE_ID } from "./conn-table";
import type { Reachability } from "./reachability";
import { workloadsOf } from "./workloads";

export const OUTSIDE = "(outside)";

export interface MatrixCell {
  from: string;
  to: string;
  /** Union of the allowed connections (netpol-analyzer text). */
  conn: string;
  /** Workload pairs (approximately, for workloads split over classes) with some connection. */
  connected: number;
  /** All workload pairs between the two. */
  pairs: number;
  /** Something the engine does not evaluate could change some of these connections (completeness.ts). */
  incomplete?: boolean;
}

export interface NamespaceMatrix {
  namespaces: string[];
  /** Non-empty cells only. */
  cells: MatrixCell[];
}

const cache = new WeakMap<Reachability, NamespaceMatrix>();

/** Computed once per reachability (the explorer asks for it on every overview). */
export function namespaceMatrix(reach: Reachability): NamespaceMatrix {
  let m = cache.get(reach);
  if (!m) cache.set(reach, (m = computeMatrix(reach)));
  return m;
}

function computeMatrix(reach: Reachability): NamespaceMatrix {
  const { classes, table } = reach;
  const workloads = workloadsOf(reach);
  const namespaces = [...new Set(workloads.map((w) => w.namespace))].sort();
  const nsIndex = new Map(namespaces.map((n, i) => [n, i]));
  const N = namespaces.length + 1; // last = outside
  const perNs = new Array<number>(N).fill(0);
  for (const w of workloads) perNs[nsIndex.get(w.namespace)!]++;
  perNs[N - 1] = 1;
  // workloads per class (a workload over several classes counts in each)
  const wPerClass = new Array<number>(classes.length).fill(0);
  for (const w of workloads) for (const c of w.classes) wPerClass[c]++;
  const conn = new Uint32Array(N * N);
  const gaps = new Uint8Array(N * N);
  const model = reach.model;
  const rep = (id: number) => ({ pod: classes[id].pods[0] });
  const connected = new Float64Array(N * N);
  const nsOf = classes.map((c) => nsIndex.get(c.namespace)!);
  for (const a of classes) {
    const ia = nsOf[a.id];
    for (const b of classes) {
      const id = reach.betweenId({ kind: "class", id: a.id }, { kind: "class", id: b.id });
      if (id === NONE_ID) continue;
      const k = ia * N + nsOf[b.id];
      conn[k] = table.union(conn[k], id);
      if (!gaps[k] && endsIncomplete(model, rep(a.id), rep(b.id), true)) gaps[k] = 1;
      connected[k] += wPerClass[a.id] * wPerClass[b.id] - (a.id === b.id ? wPerClass[a.id] : 0);
    }
    reach.externals.sources.forEach((_, index) => {
      const id = reach.betweenId({ kind: "source", index }, { kind: "class", id: a.id });
      if (id === NONE_ID) return;
      const k = (N - 1) * N + ia;
      conn[k] = table.union(conn[k], id);
      if (!gaps[k] && endsIncomplete(model, {}, rep(a.id), true)) gaps[k] = 1;
    });
    reach.externals.destinations.forEach((_, index) => {
      const id = reach.betweenId({ kind: "class", id: a.id }, { kind: "destination", index });
      if (id === NONE_ID) return;
      const k = ia * N + N - 1;
      conn[k] = table.union(conn[k], id);
      if (!gaps[k] && endsIncomplete(model, rep(a.id), {}, true)) gaps[k] = 1;
    });
  }
  // outside rows/columns: count connected workloads once per class
  for (const a of classes) {
    const ia = nsOf[a.id];
    if (reach.externals.sources.some((_, index) => reach.betweenId({ kind: "source", index }, { kind: "class", id: a.id }) !== NONE_ID)) connected[(N - 1) * N + ia] += wPerClass[a.id];
    if (reach.externals.destinations.some((_, index) => reach.betweenId({ kind: "class", id: a.id }, { kind: "destination", index }) !== NONE_ID)) connected[ia * N + N - 1] += wPerClass[a.id];
  }
  const names = [...namespaces, OUTSIDE];
  const cells: MatrixCell[] = [];
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const id = conn[i * N + j];
      if (id === NONE_ID) continue;
      const pairs = perNs[i] * perNs[j] - (i === j && i < N - 1 ? perNs[i] : 0);
      cells.push({ from: names[i], to: names[j], conn: table.get(id).toString(), connected: Math.min(pairs, Math.round(connected[i * N + j])), pairs, ...(gaps[i * N + j] ? { incomplete: true } : {}) });
    }
  }
  return { namespaces: names, cells };
}
