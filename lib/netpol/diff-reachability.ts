/**
 * The reachability diff of two analyses without listing every connection of either side: the
 * answer of `diffConnlists(connlist(before), connlist(after))` (diff.ts), computed on groups.
 * A workload's connections depend only on the pod classes its pods fall in, so on each side
 * workloads with the same classes form a group; workloads with the same group on both sides form
 * a joint group, and two joint groups are compared once for all their workload pairs. Outside
 * blocks are cut into the pieces common to both sides' partitions, as netpol-analyzer's diff
 * does, and the ingress controller's edges are compared by workload. On a large cluster (10,000
 * pods, ~6 million listed connections) this costs two class matrices and one comparison per
 * joint-group pair, instead of two full lists.
 */
import type { Pod } from "../model/types";
import { NONE_ID } from "./conn-table";
import { workloadName } from "./connlist";
import { cutPoints, finishDiff, piecesOf, type AddressRange, type PairChange, type ReachDiffEntry } from "./diff";
import { ingressControllerEdges, INGRESS_CONTROLLER } from "./ingress-controller";
import { IPV4_MAX } from "./ip";
import type { End, ExternalBlock, Reachability } from "./reachability";

export interface ReachDiffOptions {
  /** How a pod is named (default: its top-level owner, as in the connection list). */
  name?: (pod: Pod) => string;
}

interface Side {
  reach: Reachability;
  /** Workload name → its group (the classes its pods fall in). */
  groupOf: Map<string, number>;
  /** Group → class ends, ascending. */
  groups: End[][];
  /** Joint id of each connection-set id of this side's table (same text ⇔ same joint id). */
  joint: number[];
}

/** Connection texts shared by both sides, so the two tables' ids compare as numbers. */
class JointIds {
  private readonly ids = new Map<string, number>();
  readonly texts: string[] = [];
  of(side: Side, id: number): number {
    let j: number | undefined = side.joint[id];
    if (j === undefined) {
      const text = side.reach.table.get(id).toString();
      j = this.ids.get(text);
      if (j === undefined) {
        j = this.texts.length;
        this.ids.set(text, j);
        this.texts.push(text);
      }
      side.joint[id] = j;
    }
    return j;
  }
}

function sideOf(reach: Reachability, name: (pod: Pod) => string): Side {
  const classesOf = new Map<string, number[]>();
  for (const c of reach.classes) {
    for (const w of new Set(c.pods.map(name))) {
      const list = classesOf.get(w);
      if (list) list.push(c.id);
      else classesOf.set(w, [c.id]);
    }
  }
  const ends: End[] = reach.classes.map((c) => ({ kind: "class", id: c.id }));
  const groupIds = new Map<string, number>();
  const groups: End[][] = [];
  const groupOf = new Map<string, number>();
  for (const [w, cs] of classesOf) {
    const key = cs.join(",");
    let g = groupIds.get(key);
    if (g === undefined) {
      g = groups.length;
      groupIds.set(key, g);
      groups.push(cs.map((c) => ends[c]));
    }
    groupOf.set(w, g);
  }
  return { reach, groupOf, groups, joint: [] };
}

/** Union of the connections from every end of `from` to every end of `to`. */
function unionBetween(reach: Reachability, from: readonly End[], to: readonly End[]): number {
  if (from.length === 1 && to.length === 1) return reach.betweenId(from[0], to[0]);
  let id = NONE_ID;
  for (const a of from) for (const b of to) id = reach.table.union(id, reach.betweenId(a, b));
  return id;
}

interface JointGroup {
  /** Group on the before side, -1 when these workloads do not exist there. */
  b: number;
  a: number;
  members: string[];
}

/**
 * Which joint groups keep their connections because the later analysis was built from the earlier
 * (reach-reuse.ts): a group whose classes' twins for a direction are exactly its earlier classes
 * has, in that direction, the earlier verdicts against every peer that also kept its own.
 */
function unchangedGroups(B: Side, A: Side, jgs: readonly JointGroup[]) {
  const reuse = A.reach.reuse && A.reach.reuse.from === B.reach.serial ? A.reach.reuse : undefined;
  const mapped = (twins: Int32Array, g: JointGroup): boolean => {
    if (g.a < 0 || g.b < 0) return false;
    const ids = A.groups[g.a].map((e) => (e.kind === "class" ? twins[e.id] : -1));
    if (ids.includes(-1)) return false;
    const was = B.groups[g.b].map((e) => (e.kind === "class" ? e.id : -1));
    return [...new Set(ids)].sort((x, y) => x - y).join(",") === was.join(",");
  };
  const none = jgs.map(() => false);
  if (!reuse) return { egress: none, ingress: none, block: () => false };
  return {
    egress: jgs.map((g) => mapped(reuse.egress, g)),
    ingress: jgs.map((g) => mapped(reuse.ingress, g)),
    block(kind: "source" | "destination", b: number, a: number): boolean {
      if (a < 0 || b < 0) return false;
      const [twins, keys] = kind === "source" ? [reuse.sources, reuse.oldSourceKeys] : [reuse.destinations, reuse.oldDestinationKeys];
      return twins[a] >= 0 && keys[twins[a]] === keys[b];
    },
  };
}

/** The outside pieces common to both sides' block partitions, with the block holding each piece on either side. */
function commonPieces(before: readonly ExternalBlock[], after: readonly ExternalBlock[]): { range: AddressRange; b: number; a: number }[] {
  const cuts = cutPoints([...before, ...after]);
  const out: { range: AddressRange; b: number; a: number }[] = [];
  let ib = 0;
  let ia = 0;
  for (const range of piecesOf({ lo: 0, hi: IPV4_MAX }, cuts)) {
    while (ib < before.length && before[ib].hi < range.lo) ib++;
    while (ia < after.length && after[ia].hi < range.lo) ia++;
    out.push({ range, b: ib < before.length ? ib : -1, a: ia < after.length ? ia : -1 });
  }
  return out;
}

/**
 * Added, removed and changed connections between two analyses, at workload level with outside
 * blocks and `{ingress-controller}` (see file comment); same entries as diffConnlists on the two
 * connection lists. The same analysis on both sides has no changes.
 */
export function diffReachability(before: Reachability, after: Reachability, opts: ReachDiffOptions = {}): ReachDiffEntry[] {
  if (before === after) return [];
  const name = opts.name ?? workloadName;
  const B = sideOf(before, name);
  const A = sideOf(after, name);
  const joint = new JointIds();
  const none = joint.of(B, NONE_ID);
  const text = (j: number) => joint.texts[j];

  const byKey = new Map<string, JointGroup>();
  for (const w of new Set([...B.groupOf.keys(), ...A.groupOf.keys()])) {
    const b = B.groupOf.get(w) ?? -1;
    const a = A.groupOf.get(w) ?? -1;
    const key = `${b},${a}`;
    const g = byKey.get(key);
    if (g) g.members.push(w);
    else byKey.set(key, { b, a, members: [w] });
  }
  const jgs = [...byKey.values()];
  const conn = (side: Side, from: number, to: number) => (from < 0 || to < 0 ? none : joint.of(side, unionBetween(side.reach, side.groups[from], side.groups[to])));
  const same = unchangedGroups(B, A, jgs);

  const changes: PairChange[] = [];
  const dirtyIn = jgs.filter((_, i) => !same.ingress[i]);
  for (let si = 0; si < jgs.length; si++) {
    const s = jgs[si];
    // a source whose egress and a destination whose ingress are unchanged keep their connections
    for (const d of same.egress[si] ? dirtyIn : jgs) {
      const cb = conn(B, s.b, d.b);
      const ca = conn(A, s.a, d.a);
      if (cb === ca) continue;
      for (const x of s.members) for (const y of d.members) if (x !== y) changes.push({ src: x, dst: y, before: text(cb), after: text(ca) });
    }
  }

  // outside blocks → workloads, and workloads → outside blocks
  const blockConn = (side: Side, block: End, group: number, outward: boolean) => {
    if (group < 0) return none;
    const ends = side.groups[group];
    return joint.of(side, outward ? unionBetween(side.reach, ends, [block]) : unionBetween(side.reach, [block], ends));
  };
  const sides = [
    { outward: false, pieces: commonPieces(before.externals.sources, after.externals.sources), kind: "source" as const },
    { outward: true, pieces: commonPieces(before.externals.destinations, after.externals.destinations), kind: "destination" as const },
  ];
  for (const { outward, pieces, kind } of sides) {
    for (const p of pieces) {
      const eb: End = { kind, index: p.b };
      const ea: End = { kind, index: p.a };
      const sameBlock = same.block(kind, p.b, p.a);
      for (let gi = 0; gi < jgs.length; gi++) {
        const g = jgs[gi];
        if (sameBlock && (outward ? same.egress[gi] : same.ingress[gi])) continue;
        const cb = p.b < 0 ? none : blockConn(B, eb, g.b, outward);
        const ca = p.a < 0 ? none : blockConn(A, ea, g.a, outward);
        if (cb === ca) continue;
        for (const w of g.members) changes.push(outward ? { src: w, dst: p.range, before: text(cb), after: text(ca) } : { src: p.range, dst: w, before: text(cb), after: text(ca) });
      }
    }
  }

  // the ingress controller's edges, by workload
  const edges = (r: Reachability) => new Map(ingressControllerEdges(r, { name }).map((e) => [e.dst, e.conn]));
  const eb = edges(before);
  const ea = edges(after);
  const noText = text(none);
  for (const dst of new Set([...eb.keys(), ...ea.keys()])) {
    const cb = eb.get(dst) ?? noText;
    const ca = ea.get(dst) ?? noText;
    if (cb !== ca) changes.push({ src: INGRESS_CONTROLLER, dst, before: cb, after: ca });
  }

  return finishDiff(changes, { before: new Set(B.groupOf.keys()), after: new Set(A.groupOf.keys()) });
}
