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

/** What reuse reads of a program as a whole: computed once per program (compared with as the later side, then as the earlier). */
interface ProgramFacts {
  texts: string[][];
  /** Some rule is relative to the subject's node. */
  relative: boolean;
  nodeKeys: string;
  /** Its policies numbered by content (as the earlier side: each later program compares with them). */
  numbered?: { ids: Map<string, number>; of: number[][] };
}
const facts = new WeakMap<Program, ProgramFacts>();
function factsOf(program: Program): ProgramFacts {
  let f = facts.get(program);
  if (!f) {
    const relative = program.layers.some((l) => l.policies.some((x) => [...x.ingress, ...x.egress].some((r) => [r.peer, r.self].some((c) => c && [...c.allOf.flat(), ...c.noneOf].some((a) => a < 0)))));
    const nodeKeys = program.table.keys.filter((k) => k.startsWith("node\u0000")).sort().join(",");
    facts.set(program, (f = { texts: policyTexts(program), relative, nodeKeys }));
  }
  return f;
}

function numberedOf(program: Program) {
  const f = factsOf(program);
  if (!f.numbered) {
    const ids = new Map<string, number>();
    const of = f.texts.map((l) => l.map((t) => ids.get(t) ?? (ids.set(t, ids.size), ids.size - 1)));
    f.numbered = { ids, of };
  }
  return f.numbered;
}

/** A later program's policies with the earlier one's numbers; a policy the earlier has not gets a number of its own (< 0). */
function numberedAgainst(program: Program, earlier: Map<string, number>): number[][] {
  let fresh = 0;
  return factsOf(program).texts.map((l) => l.map((t) => earlier.get(t) ?? --fresh));
}

/**
 * The subject keys of the policies the two programs do not have alike (by content, layer by layer:
 * a policy one has more often than the other), or undefined when the layers differ (id, default
 * action) or the other policies are not in the same order. A class whose predicates name none of
 * these subjects is then selected, in each layer, by the same sequence of policies as a class of
 * the other program with the same predicates.
 */
function touchedSubjects(before: Program, after: Program): Set<string> | undefined {
  if (before === after) return new Set(); // a Pod event keeps the program
  const bl = before.layers;
  const al = after.layers;
  if (bl.length !== al.length || bl.some((l, i) => l.id !== al[i].id || l.defaultAction !== al[i].defaultAction)) return undefined;
  const sides = [
    { program: before, texts: factsOf(before).texts },
    { program: after, texts: factsOf(after).texts },
  ];
  const subjectOf = (side: number, li: number, pi: number) => sides[side].program.table.keys[sides[side].program.layers[li].policies[pi].subject];
  const touched = new Set<string>();
  for (let li = 0; li < bl.length; li++) {
    const count = new Map<string, number>();
    for (const t of sides[0].texts[li]) count.set(t, (count.get(t) ?? 0) + 1);
    for (const t of sides[1].texts[li]) count.set(t, (count.get(t) ?? 0) - 1);
    sides.forEach((side, si) =>
      side.texts[li].forEach((t, pi) => {
        if (count.get(t) !== 0) touched.add(subjectOf(si, li, pi));
      }),
    );
  }
  for (let li = 0; li < bl.length; li++) {
    const [b, a] = sides.map((side, si) => side.texts[li].filter((_, pi) => !touched.has(subjectOf(si, li, pi))));
    if (b.length !== a.length || b.some((t, i) => t !== a[i])) return undefined;
  }
  return touched;
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
  const rel = factsOf(bp).relative || factsOf(ap).relative;
  if (rel && factsOf(bp).nodeKeys !== factsOf(ap).nodeKeys) return undefined; // "every other node" would name other nodes
  // shared predicates, in the old table's ids
  const toBefore = Int32Array.from(ap.table.keys, (k) => bp.table.idOf(k) ?? -1);
  const inAfter = Uint8Array.from(bp.table.keys, (k) => (ap.table.idOf(k) === undefined ? 0 : 1));
  const names = [...before.portNames].filter((n) => after.portNames.has(n));
  const ends = (s: ReuseSide, id: number) => (rel ? s.classNodes[id].slice().sort().join(",") : "");
  const classKey = (s: ReuseSide, c: PodClass, shared: number[]) => {
    const ports = names.map((n) => c.namedPorts.get(n)).map((i) => (i ? `${i.protocol}/${i.port}` : "")).join(",");
    return `${c.namespace}\u0000${c.hostNetwork ? 1 : 0}\u0000${c.nodeName ?? ""}\u0000${ports}\u0000${ends(s, c.id)}\u0000${shared.sort((a, b) => a - b).join(",")}`;
  };
  const beforeShared = (preds: readonly number[]) => preds.filter((p) => inAfter[p]);
  const afterShared = (preds: readonly number[]) => preds.map((p) => toBefore[p]).filter((p) => p >= 0);

  // The fast path: a class whose pods' old class (`own`) matches the same shared predicates, names no
  // touched subject and (node-relative rules) runs on the same nodes has `own` for its twin both
  // ways — the class key and the selections are equal (touchedSubjects), and `own` is tried first.
  const touched = touchedSubjects(bp, ap);
  const touchedAfter = touched && Uint8Array.from(ap.table.keys, (k) => (touched.has(k) ? 1 : 0));
  const touchedBefore = touched && Uint8Array.from(bp.table.keys, (k) => (touched.has(k) ? 1 : 0));
  const mark = new Int32Array(bp.table.keys.length);
  let stamp = 0;
  const sameShared = (x: PodClass, y: PodClass) => {
    if (x.predicates === y.predicates && bp.table === ap.table) return true; // a class kept whole with its table
    stamp++;
    let n = 0;
    for (const p of x.predicates) {
      if (toBefore[p] < 0) continue;
      mark[toBefore[p]] = stamp;
      n++;
    }
    for (const q of y.predicates) {
      if (!inAfter[q]) continue;
      if (mark[q] !== stamp) return false;
      n--;
    }
    return n === 0;
  };
  const sameNodes = (x: number, y: number) => {
    const a = after.classNodes[x];
    if (a === before.classNodes[y]) return true; // kept per pods array (reachability.ts)
    const b = new Set(before.classNodes[y]);
    return a.length === b.size && a.every((n) => b.has(n));
  };
  const quick = (x: PodClass, y: PodClass) =>
    touchedAfter !== undefined && !x.predicates.some((p) => touchedAfter[p]) && !y.predicates.some((q) => touchedBefore![q]) && sameShared(x, y) && (!rel || sameNodes(x.id, y.id));

  // The general way: old classes with the same class key in its namespace, the first with the same selection
  let byNamespace: Map<string, number[]> | undefined;
  const oldKeys: (string | undefined)[] = [];
  const candidatesOf = (c: PodClass): number[] => {
    if (!byNamespace) {
      byNamespace = new Map();
      for (const y of before.classes) {
        const l = byNamespace.get(y.namespace);
        if (l) l.push(y.id);
        else byNamespace.set(y.namespace, [y.id]);
      }
    }
    const key = classKey(after, c, afterShared(c.predicates));
    return (byNamespace.get(c.namespace) ?? []).filter((y) => (oldKeys[y] ??= classKey(before, before.classes[y], beforeShared(before.classes[y].predicates))) === key);
  };
  let numbered: { before: number[][]; after: number[][] } | undefined;
  const numbers = () => {
    if (!numbered) {
      const b = numberedOf(bp);
      numbered = { before: b.of, after: numberedAgainst(ap, b.ids) };
    }
    return numbered;
  };
  const bSig = new Map<string, string>();
  const sigBefore = (id: number, dir: Direction) => {
    const k = `${dir}${id}`;
    let s = bSig.get(k);
    if (s === undefined) bSig.set(k, (s = signature(before, numbers().before, id, dir)));
    return s;
  };
  const C = after.classes.length;
  const egress = new Int32Array(C).fill(-1);
  const ingress = new Int32Array(C).fill(-1);
  for (const c of after.classes) {
    // the old class of its pods first, so that a workload's classes map onto its old ones
    const own = podClassBefore(c.pods[0]);
    if (own !== undefined && quick(c, before.classes[own])) {
      egress[c.id] = ingress[c.id] = own;
      continue;
    }
    const candidates = candidatesOf(c);
    if (candidates.length === 0) continue;
    const order = own !== undefined && candidates.includes(own) ? [own, ...candidates.filter((x) => x !== own)] : candidates;
    for (const [dir, out] of [["egress", egress], ["ingress", ingress]] as const) {
      const sig = signature(after, numbers().after, c.id, dir);
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
