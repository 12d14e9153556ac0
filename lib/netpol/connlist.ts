/**
 * Workload-level connection list in np-guard/netpol-analyzer's format: pods fold into their
 * top-level owner (`ns/name[Kind]`, a bare pod is `ns/name[Pod]`), outside addresses are the
 * disjoint blocks `a.b.c.d-e.f.g.h[External]`, a workload's connections to itself are omitted, and
 * only allowed connections are listed. Computed from the class matrix, so the cost is one union per
 * (class pair × workload pair), not per pod pair.
 */
import type { Pod } from "../model/types";
import { NONE_ID } from "./conn-table";
import type { Reachability } from "./reachability";

export interface ConnlistEntry {
  src: string;
  dst: string;
  conn: string;
}

/** `ns/name[Kind]` of a pod's top-level owner (netpol-analyzer's workload peer name). */
export function workloadName(pod: Pod): string {
  return `${pod.namespace}/${pod.owner.name}[${pod.owner.kind}]`;
}

export interface ConnlistOptions {
  /** How a pod is named in the list (default: its top-level owner). */
  name?: (pod: Pod) => string;
  /** Extra edges (e.g. from the ingress controller) to merge in. */
  extra?: readonly ConnlistEntry[];
}

/** Every allowed connection between different workloads and outside blocks, sorted by source then destination. */
export function connlist(reach: Reachability, opts: ConnlistOptions = {}): ConnlistEntry[] {
  const name = opts.name ?? workloadName;
  const { classes, externals, table } = reach;
  // per class: the workload names of its pods
  const names = classes.map((c) => [...new Set(c.pods.map(name))]);
  const acc = new Map<string, Map<string, number>>();
  const add = (src: string, dst: string, id: number) => {
    if (id === NONE_ID || src === dst) return;
    let row = acc.get(src);
    if (!row) acc.set(src, (row = new Map()));
    row.set(dst, table.union(row.get(dst) ?? NONE_ID, id));
  };
  for (const a of classes) {
    for (const b of classes) {
      const id = reach.betweenId({ kind: "class", id: a.id }, { kind: "class", id: b.id });
      if (id === NONE_ID) continue;
      for (const s of names[a.id]) for (const d of names[b.id]) add(s, d, id);
    }
    externals.sources.forEach((block, index) => {
      const id = reach.betweenId({ kind: "source", index }, { kind: "class", id: a.id });
      for (const d of names[a.id]) add(`${block.name}[External]`, d, id);
    });
    externals.destinations.forEach((block, index) => {
      const id = reach.betweenId({ kind: "class", id: a.id }, { kind: "destination", index });
      for (const s of names[a.id]) add(s, `${block.name}[External]`, id);
    });
  }
  const out: ConnlistEntry[] = [];
  for (const [src, row] of acc) for (const [dst, id] of row) out.push({ src, dst, conn: table.get(id).toString() });
  for (const e of opts.extra ?? []) out.push(e);
  return out.sort((x, y) => (x.src < y.src ? -1 : x.src > y.src ? 1 : x.dst < y.dst ? -1 : x.dst > y.dst ? 1 : 0));
}

/** `src => dst : conn`, one line per connection (netpol-analyzer's txt output). */
export function formatConnlistText(entries: readonly ConnlistEntry[]): string {
  return entries.map((e) => `${e.src} => ${e.dst} : ${e.conn}`).join("\n");
}

/** netpol-analyzer's json output: `[{"src","dst","conn"}]`, two-space indented. */
export function formatConnlistJson(entries: readonly ConnlistEntry[]): string {
  return JSON.stringify(entries.map((e) => ({ src: e.src, dst: e.dst, conn: e.conn })), null, 2);
}

/**
 * The same outputs in pieces of `size` lines, for printing lists too large for one string (an L
 * cluster's connection list has millions of lines; V8 strings stop at ~512 MB). Concatenated, the
 * pieces equal formatConnlistText / formatConnlistJson.
 */
export function* connlistChunks(entries: readonly ConnlistEntry[], format: "txt" | "json", size = 20_000): Generator<string> {
  if (format === "json" && entries.length === 0) {
    yield "[]";
    return;
  }
  if (format === "json") yield "[\n";
  for (let i = 0; i < entries.length; i += size) {
    const slice = entries.slice(i, i + size);
    const last = i + size >= entries.length;
    if (format === "txt") {
      yield `${formatConnlistText(slice)}${last ? "" : "\n"}`;
    } else {
      const body = slice.map((e) => `  ${JSON.stringify({ src: e.src, dst: e.dst, conn: e.conn }, null, 2).replace(/\n/g, "\n  ")}`).join(",\n");
      yield `${body}${last ? "\n" : ",\n"}`;
    }
  }
  if (format === "json") yield "]";
}
