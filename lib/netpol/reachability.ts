/**
 * The fast path: all-pairs reachability computed class × class, never pod × pod.
 *
 * 1. Predicates (every distinct selector/address set a rule mentions) are evaluated once per pod;
 *    pods with equal predicate sets, namespace, referenced named ports and host-network setting form
 *    a class (classes.ts). Outside addresses form disjoint blocks (externals.ts).
 * 2. Each rule's peer condition becomes a bitset over "ends" (classes and blocks).
 * 3. Each class gets, per direction, a profile: the program's layers cut down to the policies that
 *    select it, with the rules whose conditions on the subject hold. Identical profiles are shared.
 * 4. A direction's verdict for a peer depends only on which of the profile's rules match that peer
 *    (one bit test per rule) and on the destination's named ports, so verdicts are memoized per
 *    (profile, match mask, named-port map). Connection sets are interned (conn-table.ts).
 *
 * Same semantics as evaluate.ts (the oracle); reachability.test.ts checks they agree on random clusters.
 */
import type { Pod } from "../model/types";
import { makeCells, type Cells } from "./cells";
import { buildClasses, referencedPortNames, type ClassIndex, type ClassOf, type PodClass } from "./classes";
import { ALL, NONE, type ConnSet } from "./connset";
import { ALL_ID, ConnTable, NONE_ID } from "./conn-table";
import { buildExternals, type ExternalBlock, type Externals } from "./externals";
import type { NetworkModel } from "./model";
import type { Direction } from "./policies";
import { OWN_NODE, type PeerCondition, type ProgramAction, type ProgramRule } from "./program";
import { namedPortsText, resolvePorts, usesNamedPorts, type ContainerPortInfo } from "./ports";
import { reuseMap, type Reuse, type ReuseSide, type Selection } from "./reach-reuse";

/** A connection end: a pod class, or an outside block (on the source or the destination side). */
export type End = { kind: "class"; id: number } | { kind: "source"; index: number } | { kind: "destination"; index: number };

interface FastRule {
  layer: number;
  action: ProgramAction;
  /** Bitset over ends; null = every peer. */
  match: Uint32Array | null;
  rule: ProgramRule;
}

interface FastLayer {
  /** Unmatched traffic is denied (an isolating Deny layer), else it goes on. */
  isolates: boolean;
}

interface Profile {
  /** Host-networked subject, or nothing applies: everything allowed. */
  open: boolean;
  layers: FastLayer[];
  rules: FastRule[];
  hasNamed: boolean;
  memo: Map<number | string, number>;
}

const OPEN: Profile = { open: true, layers: [], rules: [], hasNamed: false, memo: new Map() };

export interface Reachability {
  model: NetworkModel;
  classes: PodClass[];
  classOf: ClassOf;
  externals: Externals;
  table: ConnTable;
  /** Allowed connections from one end to another (an outside block to an outside block is never asked). */
  between(src: End, dst: End): ConnSet;
  /** Interned id of `between` (0 = none, 1 = all). */
  betweenId(src: End, dst: End): number;
  /** Between two pods: a pod always reaches itself. */
  pods(src: Pod, dst: Pod): ConnSet;
  /** What a later analysis may take of its pods' matches (classes.ts). */
  matching: ClassIndex["matching"];
  /** Pods whose matches were taken from the earlier analysis. */
  keptMatches: number;
  /** Namespaces whose classes were taken whole from the earlier analysis. */
  keptNamespaces: number;
  /** Fills the whole class × class (and class × block) matrix; returns the number of cells. */
  computeAll(): number;
  stats(): { classes: number; predicates: number; profiles: number; sourceBlocks: number; destinationBlocks: number; connSets: number };
  /** Identifies this analysis (a later one built from it names it in `reuse.from`). */
  serial: number;
  /** Built from an earlier analysis: its twins there (reach-reuse.ts), for cells and the diff. */
  reuse?: Reuse & { from: number };
  /** What a later analysis compares itself with (reach-reuse.ts). */
  reuseSide(): ReuseSide;
  /** The cells computed so far (0 = not yet, else connection id + 1); rows are sources, columns destinations. */
  cellsView(): { cells: Cells; classes: number };
}

let serials = 0;

/**
 * What an analysis keeps of the one it is built from: the twins, and a reader of its cells — never
 * the analysis itself (nor, through it, the one before: a watched cluster's chain stays one long).
 */
function reuseFrom(base: Reachability | undefined, side: ReuseSide) {
  const reuse = base ? reuseMap(base.reuseSide(), side, (pod) => base.classOf.get(pod)?.id) : undefined;
  if (!base || !reuse) return { reuse: undefined, basePeek: undefined, baseC: 0, from: -1 };
  return { reuse, basePeek: peekOf(base.cellsView().cells), baseC: base.classes.length, from: base.serial };
}

/** Reads cells in a scope of their own, so the reader holds the cells alone. */
function peekOf(cells: Cells) {
  return (row: number, col: number): number => cells.get(row, col);
}

/** The nodes running a class's pods, kept per pods array (never changed; a class kept from an earlier index shares it). */
const nodesByPods = new WeakMap<readonly Pod[], string[]>();
function nodesOf(pods: readonly Pod[]): string[] {
  let nodes = nodesByPods.get(pods);
  if (!nodes) nodesByPods.set(pods, (nodes = [...new Set(pods.map((p) => p.spec.nodeName).filter((n): n is string => !!n))]));
  return nodes;
}

/** A named-port map as text, kept per map (a class's, never changed; shared with its earlier class). */
const portsKeys = new WeakMap<ReadonlyMap<string, ContainerPortInfo>, string>();
function namedPortsKey(ports: ReadonlyMap<string, ContainerPortInfo>): string {
  let k = portsKeys.get(ports);
  if (k === undefined) portsKeys.set(ports, (k = namedPortsText(ports)));
  return k;
}

const bit = (set: Uint32Array, i: number) => (set[i >>> 5] >>> (i & 31)) & 1;

/**
 * `base`: an earlier analysis (of the snapshot this one's follows): cells whose verdict cannot
 * have changed are taken from it when it has them (reach-reuse.ts); its connection table is shared.
 */
export function buildReachability(model: NetworkModel, base?: Reachability): Reachability {
  const program = model.program;
  const preds = program.table.all;
  const { classes, classOf, matching, kept, keptNamespaces } = buildClasses(model, base);
  const externals = buildExternals(model);
  const C = classes.length;
  const Bs = externals.sources.length;
  const Bd = externals.destinations.length;
  const N = C + Bs + Bd;
  const words = (N + 31) >>> 5;

  // ends matching each predicate
  const endsOf: number[][] = preds.map(() => []);
  classes.forEach((c) => c.predicates.forEach((p) => endsOf[p].push(c.id)));
  externals.sources.forEach((b, i) => b.predicates.forEach((p) => endsOf[p].push(C + i)));
  externals.destinations.forEach((b, i) => b.predicates.forEach((p) => endsOf[p].push(C + Bs + i)));
  const relativeInProgram = program.layers.some((l) => l.policies.some((p) => p.ingress.some((r) => r.peer && [...r.peer.allOf.flat(), ...r.peer.noneOf].some((a) => a < 0))));
  const nodePred = new Map<string, number>();
  for (const p of preds) if (p.kind === "node") nodePred.set(p.node, p.id);

  /**
   * Atom → predicate ids, with node-relative atoms resolved for a subject class: exactly on its node
   * when classes are split by node; otherwise (only the CNI's own "a node reaches its pods" rule is
   * relative) the nodes running any of its pods — per class, a node reaches a workload it runs.
   */
  const classNodes = classes.map((c) => (c.nodeName !== undefined ? [c.nodeName] : nodesOf(c.pods)));
  const resolve = (atom: number, cls: PodClass): number[] => {
    if (atom >= 0) return [atom];
    const mine = classNodes[cls.id];
    if (atom === OWN_NODE) return mine.flatMap((n) => (nodePred.has(n) ? [nodePred.get(n)!] : []));
    return [...nodePred].filter(([n]) => !mine.includes(n)).map(([, id]) => id);
  };
  const setOf = (atoms: number[], cls: PodClass): Uint32Array => {
    const s = new Uint32Array(words);
    for (const a of atoms) for (const p of resolve(a, cls)) for (const e of endsOf[p]) s[e >>> 5] |= 1 << (e & 31);
    return s;
  };
  const condSets = new Map<string, Uint32Array | null>();
  const condSet = (c: PeerCondition | null, cls: PodClass): Uint32Array | null => {
    if (c === null) return null;
    const relative = c.allOf.some((g) => g.some((a) => a < 0)) || c.noneOf.some((a) => a < 0);
    const key = `${JSON.stringify(c)}@${relative ? classNodes[cls.id].join(",") : ""}`;
    let s = condSets.get(key);
    if (s === undefined) {
      s = new Uint32Array(words).fill(0xffffffff);
      for (const g of c.allOf) {
        const gs = setOf(g, cls);
        for (let i = 0; i < words; i++) s[i] &= gs[i];
      }
      if (c.noneOf.length) {
        const ns = setOf(c.noneOf, cls);
        for (let i = 0; i < words; i++) s[i] &= ~ns[i];
      }
      condSets.set(key, s);
    }
    return s;
  };
  /** A condition on the subject class itself (Calico's other side of a rule). */
  const holdsFor = (c: PeerCondition, cls: PodClass, preds: ReadonlySet<number>): boolean => {
    const has = (a: number) => resolve(a, cls).some((p) => preds.has(p));
    return c.allOf.every((g) => g.some(has)) && !c.noneOf.some(has);
  };

  const profiles = new Map<string, Profile>();
  // per layer: subject predicate → the indexes of the policies selecting it, ascending
  const bySubject = program.layers.map((layer) => {
    const m = new Map<number, number[]>();
    layer.policies.forEach((p, pi) => {
      const l = m.get(p.subject);
      if (l) l.push(pi);
      else m.set(p.subject, [pi]);
    });
    return m;
  });
  /** The policies of a layer that select a class, ascending: a look-up per predicate rather than a pass over the layer. */
  const selectedIn = (li: number, has: ReadonlySet<number>): number[] => {
    const sel: number[] = [];
    for (const p of has) {
      const l = bySubject[li].get(p);
      if (l) for (const pi of l) sel.push(pi);
    }
    return sel.sort((a, b) => a - b);
  };
  /** The policies selecting a class per layer (null: host-networked, or nothing is enforced). */
  const selectionFor = (c: PodClass, dir: Direction): Selection[] | null => {
    if (c.hostNetwork || program.unenforced) return null;
    const has = new Set(c.predicates);
    const picked: Selection[] = [];
    program.layers.forEach((layer, li) => {
      const sel = selectedIn(li, has);
      if (sel.length === 0) return;
      const isolates = layer.defaultAction === "Deny" && sel.some((pi) => layer.policies[pi].isolates[dir]);
      if (layer.defaultAction === "Deny" && !isolates) return;
      picked.push({ layer: li, policies: sel, isolates });
    });
    return picked;
  };
  // on first use: a class that takes its cells and twins from an earlier analysis never needs its own
  const selections: Record<Direction, (Selection[] | null | undefined)[]> = { egress: [], ingress: [] };
  const selection = (id: number, dir: Direction) => {
    let s = selections[dir][id];
    if (s === undefined) selections[dir][id] = s = selectionFor(classes[id], dir);
    return s;
  };
  const profileFor = (c: PodClass, dir: Direction): Profile => {
    const picked = selection(c.id, dir);
    if (picked === null || picked.length === 0) return OPEN;
    const has = new Set(c.predicates);
    const keyParts: string[] = [dir, program.nodeRelative ? (c.nodeName ?? "") : relativeInProgram ? classNodes[c.id].join(",") : ""];
    for (const pk of picked) keyParts.push(`${pk.layer}:${pk.policies.join(",")}:${pk.isolates ? 1 : 0}`);
    const selfOk = (r: ProgramRule) => !r.self || holdsFor(r.self, c, has);
    const selfBits: string[] = [];
    for (const pk of picked) for (const pi of pk.policies) for (const r of program.layers[pk.layer].policies[pi][dir]) if (r.self) selfBits.push(selfOk(r) ? "1" : "0");
    const key = `${keyParts.join("|")}|${selfBits.join("")}`;
    let prof = profiles.get(key);
    if (prof) return prof;
    const rules: FastRule[] = [];
    picked.forEach((pk, k) => {
      for (const pi of pk.policies) {
        for (const r of program.layers[pk.layer].policies[pi][dir]) {
          if (r.action === "Log" || !selfOk(r)) continue;
          rules.push({ layer: k, action: r.action, match: condSet(r.peer, c), rule: r });
        }
      }
    });
    prof = { open: false, layers: picked.map((p) => ({ isolates: p.isolates })), rules, hasNamed: rules.some((r) => usesNamedPorts(r.rule.ports)), memo: new Map() };
    profiles.set(key, prof);
    return prof;
  };
  // built on a class's first computed cell: a class whose cells all come from an earlier analysis needs none
  const egressProfiles: (Profile | undefined)[] = [];
  const ingressProfiles: (Profile | undefined)[] = [];
  const egressOf = (id: number) => (egressProfiles[id] ??= profileFor(classes[id], "egress"));
  const ingressOf = (id: number) => (ingressProfiles[id] ??= profileFor(classes[id], "ingress"));

  // named-port maps by id (0 = an address: named ports never match)
  const namedIds = new Map<string, number>();
  const namedOfClass = classes.map((c) => {
    const k = namedPortsKey(c.namedPorts);
    let id = namedIds.get(k);
    if (id === undefined) namedIds.set(k, (id = namedIds.size + 1));
    return id;
  });

  const conns = base ? base.table : new ConnTable();
  const side = (): ReuseSide => ({ program, classes, sources: externals.sources, destinations: externals.destinations, portNames: referencedPortNames(model), classNodes, selection });
  const { reuse, basePeek, baseC, from } = reuseFrom(base, side());

  /** The layered walk on the rules that match one peer (as in evaluate.ts). */
  const verdict = (prof: Profile, matched: boolean[], named: ReadonlyMap<string, ContainerPortInfo> | undefined): ConnSet => {
    let rest = ALL;
    let allowed = NONE;
    let i = 0;
    for (let k = 0; k < prof.layers.length; k++) {
      let passed = NONE;
      for (; i < prof.rules.length && prof.rules[i].layer === k; i++) {
        const r = prof.rules[i];
        if (!matched[i] || rest.isEmpty) continue;
        const ports = resolvePorts(r.rule.ports, named).intersect(rest);
        if (ports.isEmpty) continue;
        if (r.action === "Allow") allowed = allowed.union(ports);
        else if (r.action === "Pass") passed = passed.union(ports);
        rest = rest.subtract(ports);
      }
      rest = prof.layers[k].isolates ? passed : rest.union(passed);
    }
    return allowed.union(rest);
  };

  const evalProfile = (prof: Profile, peer: number, namedId: number, named: ReadonlyMap<string, ContainerPortInfo> | undefined): number => {
    if (prof.open) return ALL_ID;
    const rules = prof.rules;
    let key: number | string;
    if (rules.length <= 30) {
      let mask = 0;
      for (let i = 0; i < rules.length; i++) {
        const m = rules[i].match;
        if (m === null || bit(m, peer)) mask |= 1 << i;
      }
      key = prof.hasNamed ? namedId * 2 ** 31 + mask : mask;
    } else {
      let s = prof.hasNamed ? `${namedId}:` : "";
      for (const r of rules) s += r.match === null || bit(r.match, peer) ? "1" : "0";
      key = s;
    }
    let id = prof.memo.get(key);
    if (id === undefined) {
      const matched = rules.map((r) => r.match === null || bit(r.match, peer) === 1);
      id = conns.id(verdict(prof, matched, named));
      prof.memo.set(key, id);
    }
    return id;
  };

  const rows = C + Bs;
  const cols = C + Bd;
  const cells = makeCells(rows, cols);
  const rowOf = (e: End) => (e.kind === "class" ? e.id : e.kind === "source" ? C + e.index : -1);
  const colOf = (e: End) => (e.kind === "class" ? e.id : e.kind === "destination" ? C + e.index : -1);
  const endIndex = (e: End) => (e.kind === "class" ? e.id : e.kind === "source" ? C + e.index : C + Bs + e.index);

  const computeCell = (src: End, dst: End): number => {
    const dstNamedId = dst.kind === "class" ? namedOfClass[dst.id] : 0;
    const dstNamed = dst.kind === "class" ? classes[dst.id].namedPorts : undefined;
    const eg = src.kind === "class" ? evalProfile(egressOf(src.id), endIndex(dst), dstNamedId, dstNamed) : ALL_ID;
    if (eg === NONE_ID) return NONE_ID;
    const ing = dst.kind === "class" ? evalProfile(ingressOf(dst.id), endIndex(src), dstNamedId, dstNamed) : ALL_ID;
    return conns.intersect(eg, ing);
  };

  const betweenId = (src: End, dst: End): number => {
    const r = rowOf(src);
    const c = colOf(dst);
    if (r < 0 || c < 0) throw new Error("between: the source must be a class or a source block and the destination a class or a destination block");
    if (r >= C && c >= C) return NONE_ID;
    let v = cells.get(r, c);
    if (v === 0 && reuse) {
      const br = r < C ? reuse.egress[r] : reuse.sources[r - C];
      const bc = c < C ? reuse.ingress[c] : reuse.destinations[c - C];
      if (br >= 0 && bc >= 0 && (v = basePeek!(r < C ? br : baseC + br, c < C ? bc : baseC + bc)) !== 0) cells.set(r, c, v);
    }
    if (v === 0) cells.set(r, c, (v = computeCell(src, dst) + 1));
    return v - 1;
  };

  return {
    model,
    classes,
    classOf,
    externals,
    table: conns,
    betweenId,
    between: (src, dst) => conns.get(betweenId(src, dst)),
    pods(src, dst) {
      if (src === dst) return ALL;
      const a = classOf.get(src);
      const b = classOf.get(dst);
      if (!a || !b) return NONE;
      return conns.get(betweenId({ kind: "class", id: a.id }, { kind: "class", id: b.id }));
    },
    computeAll() {
      let n = 0;
      for (let r = 0; r < rows; r++) {
        const src: End = r < C ? { kind: "class", id: r } : { kind: "source", index: r - C };
        for (let c = 0; c < cols; c++) {
          if (r >= C && c >= C) continue;
          const dst: End = c < C ? { kind: "class", id: c } : { kind: "destination", index: c - C };
          betweenId(src, dst);
          n++;
        }
      }
      return n;
    },
    stats() {
      for (let id = 0; id < C; id++) {
        egressOf(id);
        ingressOf(id);
      }
      return { classes: C, predicates: preds.length, profiles: profiles.size, sourceBlocks: Bs, destinationBlocks: Bd, connSets: conns.size };
    },
    matching,
    keptMatches: kept,
    keptNamespaces,
    serial: serials++,
    ...(reuse ? { reuse: { ...reuse, from } } : {}),
    reuseSide: side,
    cellsView: () => ({ cells, classes: C }),
  };
}

export type { ExternalBlock, PodClass };
