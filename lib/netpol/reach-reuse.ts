/**
 * What a reachability can take from an earlier one (a draft's from its source's, a watched
 * cluster's from the previous snapshot's): the cells of the class matrix whose verdicts cannot
 * have changed, and the classes whose rows and columns the diff need not look at.
 *
 * A cell's verdict (reachability.ts) is the egress walk of the source class's profile over the
 * rules whose peer conditions hold for the destination, met with the destination's ingress walk
 * over the rules whose conditions hold for the source. It reads nothing else: the policies that
 * select each side (per layer, in order, with their rules' actions, peers, self conditions and
 * ports), the other side's membership of the predicates those rules name, the destination's named
 * ports, host networking, and — for rules relative to the subject's node — the subject's nodes.
 *
 * So a class X of the new analysis has a *twin* Y in the old one for a direction when
 * - X and Y match the same of the predicates both tables hold (compared by predicate key), are in
 *   the same namespace, on the same node split, host-networked alike, with the same named ports
 *   among the names both programs use and, when a rule is relative to nodes, on the same nodes;
 * - the policies selecting X in that direction, layer by layer, are the ones selecting Y: the same
 *   layers (id, default action, isolation) and, in each, the same sequence of policies by their
 *   whole content written with predicate keys (a policy added, removed or edited anywhere in any
 *   layer — NetworkPolicy, admin tiers, Calico, Cilium — that selects X or Y breaks the twin).
 * Every rule of such a policy names only predicates both tables hold, on which X and Y (and the
 * twins on the other side) agree, so cell(X_s, X_d) = old cell(egress twin of X_s, ingress twin
 * of X_d); outside blocks pair the same way by the shared predicates they match. A changed policy
 * only breaks the twins of the classes it selects (now or before) — its peers are reached through
 * the subjects' profiles — and a pod or namespace whose labels changed lands in a class whose
 * shared-predicate set is new or whose selection changed.
 *
 * reach-reuse.test.ts checks reuse against building from scratch on random clusters and changes.
 */
import type { PodClass } from "./classes";
import type { ExternalBlock } from "./externals";
import type { PortSpec } from "./ports";
import type { Direction } from "./policies";
import type { PeerCondition, Program, ProgramRule } from "./program";

/** The policies of one layer selecting a class (reachability.ts profileFor), or null when the class is open. */
export interface Selection {
  layer: number;
  policies: number[];
  isolates: boolean;
}

/** One side of the comparison: what reachability.ts built before any cell. */
export interface ReuseSide {
  program: Program;
  classes: readonly PodClass[];
  sources: readonly ExternalBlock[];
  destinations: readonly ExternalBlock[];
  /** The names some rule uses as a named port. */
  portNames: ReadonlySet<string>;
  /** Nodes a class's pods run on (node-relative rules resolve by them). */
  classNodes: readonly (readonly string[])[];
  selection(classId: number, dir: Direction): readonly Selection[] | null;
}

export interface Reuse {
  /** For each new class: its twin's id in the old analysis, or -1. */
  egress: Int32Array;
  ingress: Int32Array;
  /** For each new outside block: an old block matching the same shared predicates, or -1. */
  sources: Int32Array;
  destinations: Int32Array;
  /** For each old block: which shared predicates it matches, as a number (equal ⇔ same). */
  oldSourceKeys: Int32Array;
  oldDestinationKeys: Int32Array;
}

const condText = (c: PeerCondition | null | undefined, keys: readonly string[]): string =>
  c ? JSON.stringify([c.allOf.map((g) => g.map((a) => (a < 0 ? a : keys[a]))), c.noneOf.map((a) => (a < 0 ? a : keys[a]))]) : "*";
const portsText = (p: PortSpec): string =>
  JSON.stringify([p.numeric.key, p.named, p.not ? [p.not.numeric.key, p.not.named] : null, p.within ? p.within.key : null]);
const ruleText = (r: ProgramRule, keys: readonly string[]) => `${r.action}\u0001${condText(r.peer, keys)}\u0001${condText(r.self, keys)}\u0001${portsText(r.ports)}`;

/** Every policy's content with predicate keys in place of ids (what the verdict reads of it), per layer. */
function policyTexts(program: Program): string[][] {
  const keys = program.table.keys;
  return program.layers.map((l) =>
    l.policies.map((p) => [keys[p.subject], p.isolates.ingress, p.isolates.egress, ...p.ingress.map((r) => ruleText(r, keys)), "\u0002", ...p.egress.map((r) => ruleText(r, keys))].join("\u0003")),
  );
}

/** An earlier program's policies numbered by content (kept with the program: each draft over it compares with them). */
const numbered = new WeakMap<Program, { ids: Map<string, number>; of: number[][] }>();
function numberedOf(program: Program) {
  let n = numbered.get(program);
  if (!n) {
    const ids = new Map<string, number>();
    const of = policyTexts(program).map((l) => l.map((t) => (ids.get(t) ?? (ids.set(t, ids.size), ids.size - 1))));
    numbered.set(program, (n = { ids, of }));
  }
  return n;
}

/** A later program's policies with the earlier one's numbers; a policy the earlier has not gets a number of its own (< 0). */
function numberedAgainst(program: Program, earlier: Map<string, number>): number[][] {
  let fresh = 0;
  return policyTexts(program).map((l) => l.map((t) => earlier.get(t) ?? --fresh));
}

function signature(side: ReuseSide, ids: number[][], id: number, dir: Direction): string {
  const sel = side.selection(id, dir);
  if (sel === null) return "open";
  return sel.map((s) => `${side.program.layers[s.layer].id}\u0001${side.program.layers[s.layer].defaultAction}\u0001${s.isolates ? 1 : 0}\u0001${s.policies.map((pi) => ids[s.layer][pi]).join(",")}`).join("\u0005");
}

/** Twins of `after`'s classes and blocks in `before` (see file comment); undefined when nothing can be reused. */
export function reuseMap(before: ReuseSide, after: ReuseSide, podClassBefore: (pod: PodClass["pods"][number]) => number | undefined): Reuse | undefined {
  const bp = before.program;
  const ap = after.program;
  if (bp.unenforced !== ap.unenforced || bp.nodeRelative !== ap.nodeRelative) return undefined;
  const relative = (p: Program) => p.layers.some((l) => l.policies.some((x) => [...x.ingress, ...x.egress].some((r) => [r.peer, r.self].some((c) => c && [...c.allOf.flat(), ...c.noneOf].some((a) => a < 0)))));
  const rel = relative(bp) || relative(ap);
  const nodeKeys = (p: Program) => p.table.keys.filter((k) => k.startsWith("node\u0000")).sort().join(",");
  if (rel && nodeKeys(bp) !== nodeKeys(ap)) return undefined; // "every other node" would name other nodes
  // shared predicates, in the old table's ids
  const toBefore = ap.table.keys.map((k) => bp.table.idOf(k) ?? -1);
  const inAfter = new Set(ap.table.keys);
  const names = [...before.portNames].filter((n) => after.portNames.has(n));
  const ends = (s: ReuseSide, id: number) => (rel ? s.classNodes[id].slice().sort().join(",") : "");
  const classKey = (s: ReuseSide, c: PodClass, shared: number[]) => {
    const ports = names.map((n) => c.namedPorts.get(n)).map((i) => (i ? `${i.protocol}/${i.port}` : "")).join(",");
    return `${c.namespace}\u0000${c.hostNetwork ? 1 : 0}\u0000${c.nodeName ?? ""}\u0000${ports}\u0000${ends(s, c.id)}\u0000${shared.sort((a, b) => a - b).join(",")}`;
  };
  const beforeShared = (preds: readonly number[]) => preds.filter((p) => inAfter.has(bp.table.keys[p]));
  const afterShared = (preds: readonly number[]) => preds.map((p) => toBefore[p]).filter((p) => p >= 0);

  const byKey = new Map<string, number[]>();
  for (const c of before.classes) {
    const k = classKey(before, c, beforeShared(c.predicates));
    const l = byKey.get(k);
    if (l) l.push(c.id);
    else byKey.set(k, [c.id]);
  }
  const bNumbered = numberedOf(bp);
  const bTexts = bNumbered.of;
  const aTexts = numberedAgainst(ap, bNumbered.ids);
  const bSig = new Map<string, string>();
  const sigBefore = (id: number, dir: Direction) => {
    const k = `${dir}${id}`;
    let s = bSig.get(k);
    if (s === undefined) bSig.set(k, (s = signature(before, bTexts, id, dir)));
    return s;
  };
  const C = after.classes.length;
  const egress = new Int32Array(C).fill(-1);
  const ingress = new Int32Array(C).fill(-1);
  for (const c of after.classes) {
    const candidates = byKey.get(classKey(after, c, afterShared(c.predicates)));
    if (!candidates) continue;
    // the old class of its pods first, so that a workload's classes map onto its old ones
    const own = podClassBefore(c.pods[0]);
    const order = own !== undefined && candidates.includes(own) ? [own, ...candidates.filter((x) => x !== own)] : candidates;
    for (const [dir, out] of [["egress", egress], ["ingress", ingress]] as const) {
      const sig = signature(after, aTexts, c.id, dir);
      const twin = order.find((y) => sigBefore(y, dir) === sig);
      if (twin !== undefined) out[c.id] = twin;
    }
  }
  const blocks = (b: readonly ExternalBlock[], a: readonly ExternalBlock[]) => {
    const first = new Map<string, number>();
    const keys = Int32Array.from(b, (x, i) => {
      const k = beforeShared(x.predicates).sort((p, q) => p - q).join(",");
      if (!first.has(k)) first.set(k, i);
      return first.get(k)!;
    });
    return { twins: Int32Array.from(a, (x) => first.get(afterShared(x.predicates).sort((p, q) => p - q).join(",")) ?? -1), keys };
  };
  const src = blocks(before.sources, after.sources);
  const dst = blocks(before.destinations, after.destinations);
  return { egress, ingress, sources: src.twins, destinations: dst.twins, oldSourceKeys: src.keys, oldDestinationKeys: dst.keys };
}
