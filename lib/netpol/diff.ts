/**
 * Reachability diff in the manner of np-guard/netpol-analyzer's `diff` command
 * (pkg/netpol/diff/diff.go): two workload-level connection lists are compared pair by pair;
 * a pair is `added` (no connection before), `removed` (none after) or `changed` (another set of
 * protocols and ports). Outside addresses are cut into the blocks common to both sides before
 * comparing (each side names its own disjoint blocks), and touching blocks that changed alike
 * towards the same peer are merged back afterwards, so the result names the widest ranges.
 * A pair whose workload exists on one side only says so (`workload x added`), as its
 * "workloads-diff-info" does. diff-reachability.ts computes the same answer from two analyses
 * without listing every connection.
 */
import { parseConnSet } from "./connset";
import type { ConnlistEntry } from "./connlist";
import { INGRESS_CONTROLLER } from "./ingress-controller";
import { formatRange4, ipv4ToNumber } from "./ip";

export type ReachChange = "added" | "removed" | "changed";

export interface ReachDiffEntry {
  src: string;
  dst: string;
  /** Connections before and after, in netpol-analyzer's words (`No Connections` when absent). */
  before: string;
  after: string;
  change: ReachChange;
  /** `workload ns/name[Kind] added` when an end exists on one side only. */
  info?: string;
}

export const NO_CONNECTIONS = "No Connections";

/** An outside end as an IPv4 range, before merging; a named end is its string. */
export interface AddressRange {
  lo: number;
  hi: number;
}

export type DiffEnd = string | AddressRange;

/** One compared pair with differing connections (canonical connection texts). */
export interface PairChange {
  src: DiffEnd;
  dst: DiffEnd;
  before: string;
  after: string;
}

export interface WorkloadSets {
  before: ReadonlySet<string>;
  after: ReadonlySet<string>;
}

const EXTERNAL = /^(\d+\.\d+\.\d+\.\d+)-(\d+\.\d+\.\d+\.\d+)\[External\]$/;

/** `10.0.0.0-10.255.255.255[External]` → its range; undefined for any other peer. */
export function parseExternal(name: string): AddressRange | undefined {
  const m = EXTERNAL.exec(name);
  return m ? { lo: ipv4ToNumber(m[1]), hi: ipv4ToNumber(m[2]) } : undefined;
}

export function externalName(r: AddressRange): string {
  return `${formatRange4(r.lo, r.hi)}[External]`;
}

/** The common refinement of several partitions' cut points: sorted starts of every block, plus the end. */
export function cutPoints(ranges: Iterable<AddressRange>): number[] {
  const cuts = new Set<number>();
  for (const r of ranges) {
    cuts.add(r.lo);
    cuts.add(r.hi + 1);
  }
  return [...cuts].sort((a, b) => a - b);
}

/** The pieces of `r` between consecutive cut points (cuts include every block boundary). */
export function piecesOf(r: AddressRange, cuts: readonly number[]): AddressRange[] {
  let i = lowerBound(cuts, r.lo);
  const out: AddressRange[] = [];
  let lo = r.lo;
  while (lo <= r.hi) {
    while (i < cuts.length && cuts[i] <= lo) i++;
    const hi = i < cuts.length ? Math.min(cuts[i] - 1, r.hi) : r.hi;
    out.push({ lo, hi });
    lo = hi + 1;
  }
  return out;
}

function lowerBound(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Compares two connection lists (netpol-analyzer's diffConnectionsLists): external peers refined
 * to common blocks, pairs compared as connection sets, changed blocks merged, sorted.
 */
export function diffConnlists(before: readonly ConnlistEntry[], after: readonly ConnlistEntry[], workloads?: WorkloadSets): ReachDiffEntry[] {
  const ranges: AddressRange[] = [];
  for (const list of [before, after]) {
    for (const e of list) {
      for (const end of [e.src, e.dst]) {
        const r = parseExternal(end);
        if (r) ranges.push(r);
      }
    }
  }
  const cuts = cutPoints(ranges);
  const canonical = new Map<string, string>();
  const norm = (conn: string) => {
    let c = canonical.get(conn);
    if (c === undefined) canonical.set(conn, (c = parseConnSet(conn).toString()));
    return c;
  };
  const pairs = new Map<string, { src: DiffEnd; dst: DiffEnd; conns: [string, string] }>();
  const add = (list: readonly ConnlistEntry[], side: 0 | 1) => {
    for (const e of list) {
      const conn = norm(e.conn);
      const srcs = endPieces(e.src, cuts);
      const dsts = endPieces(e.dst, cuts);
      for (const src of srcs) for (const dst of dsts) {
        const key = `${endKey(src)}\u0000${endKey(dst)}`;
        let p = pairs.get(key);
        if (!p) pairs.set(key, (p = { src, dst, conns: [NO_CONNECTIONS, NO_CONNECTIONS] }));
        p.conns[side] = p.conns[side] === NO_CONNECTIONS ? conn : parseConnSet(p.conns[side]).union(parseConnSet(conn)).toString();
      }
    }
  };
  add(before, 0);
  add(after, 1);
  const changes: PairChange[] = [];
  for (const p of pairs.values()) if (p.conns[0] !== p.conns[1]) changes.push({ src: p.src, dst: p.dst, before: p.conns[0], after: p.conns[1] });
  return finishDiff(changes, workloads);
}

function endPieces(name: string, cuts: readonly number[]): DiffEnd[] {
  const r = parseExternal(name);
  return r ? piecesOf(r, cuts) : [name];
}

const endKey = (e: DiffEnd) => (typeof e === "string" ? e : `${e.lo}-${e.hi}`);

/**
 * Turns changed pairs into diff entries: touching address ranges with the same peer and the same
 * before/after merged (netpol-analyzer's mergeIPblocks), the change type, the workloads-diff info,
 * and netpol-analyzer's order (changed, added, removed; ingress-controller lines last).
 */
export function finishDiff(changes: readonly PairChange[], workloads?: WorkloadSets): ReachDiffEntry[] {
  const out: ReachDiffEntry[] = [];
  const groups = new Map<string, { src?: string; dst?: string; ranges: AddressRange[]; before: string; after: string }>();
  for (const c of changes) {
    if (typeof c.src === "string" && typeof c.dst === "string") {
      out.push(entry(c.src, c.dst, c.before, c.after, workloads));
      continue;
    }
    const srcIsRange = typeof c.src !== "string";
    const peer = srcIsRange ? (c.dst as string) : (c.src as string);
    const key = `${srcIsRange ? "s" : "d"}\u0000${peer}\u0000${c.before}\u0000${c.after}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { ...(srcIsRange ? { dst: peer } : { src: peer }), ranges: [], before: c.before, after: c.after }));
    g.ranges.push((srcIsRange ? c.src : c.dst) as AddressRange);
  }
  for (const g of groups.values()) {
    for (const r of mergeRanges(g.ranges)) out.push(entry(g.src ?? externalName(r), g.dst ?? externalName(r), g.before, g.after, workloads));
  }
  return out.sort(compareEntries);
}

function mergeRanges(ranges: AddressRange[]): AddressRange[] {
  const sorted = [...ranges].sort((a, b) => a.lo - b.lo);
  const out: AddressRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.lo <= last.hi + 1) last.hi = Math.max(last.hi, r.hi);
    else out.push({ ...r });
  }
  return out;
}

function entry(src: string, dst: string, before: string, after: string, workloads?: WorkloadSets): ReachDiffEntry {
  const change: ReachChange = before === NO_CONNECTIONS ? "added" : after === NO_CONNECTIONS ? "removed" : "changed";
  const e: ReachDiffEntry = { src, dst, before, after, change };
  if (workloads && change !== "changed") {
    const other = change === "added" ? workloads.before : workloads.after;
    const ends = [src, dst].filter((n) => n !== INGRESS_CONTROLLER && !EXTERNAL.test(n) && !other.has(n));
    if (ends.length) e.info = `workload ${ends.join(" and ")} ${change}`;
  }
  return e;
}

const CHANGE_ORDER: Record<ReachChange, number> = { changed: 0, added: 1, removed: 2 };

function compareEntries(a: ReachDiffEntry, b: ReachDiffEntry): number {
  const ia = a.src === INGRESS_CONTROLLER ? 1 : 0;
  const ib = b.src === INGRESS_CONTROLLER ? 1 : 0;
  if (ia !== ib) return ia - ib;
  if (a.change !== b.change) return CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change];
  return a.src < b.src ? -1 : a.src > b.src ? 1 : a.dst < b.dst ? -1 : a.dst > b.dst ? 1 : 0;
}

/** Does this entry open something that was closed: a new connection, or a changed one with new ports? */
export function opensConnections(e: ReachDiffEntry): boolean {
  if (e.change === "added") return true;
  if (e.change === "removed") return false;
  return !parseConnSet(e.after).isSubsetOf(parseConnSet(e.before));
}

/** `+ src => dst : conn`, `- src => dst : conn`, `~ src => dst : before → after`, one line each. */
export function formatReachDiffText(entries: readonly ReachDiffEntry[]): string {
  return entries
    .map((e) => {
      const info = e.info ? `  (${e.info})` : "";
      if (e.change === "added") return `+ ${e.src} => ${e.dst} : ${e.after}${info}`;
      if (e.change === "removed") return `- ${e.src} => ${e.dst} : ${e.before}${info}`;
      return `~ ${e.src} => ${e.dst} : ${e.before} → ${e.after}`;
    })
    .join("\n");
}

/** netpol-analyzer's txt line: `diff-type: added, source: s, destination: d, ref1: …, ref2: …[, workloads-diff-info: …]`. */
export function formatNetpolAnalyzerLine(e: ReachDiffEntry): string {
  return `diff-type: ${e.change}, source: ${e.src}, destination: ${e.dst}, ref1: ${e.before}, ref2: ${e.after}${e.info ? `, workloads-diff-info: ${e.info}` : ""}`;
}
