/**
 * The fast path: all-pairs reachability computed class × class, never pod × pod.
 *
 * 1. Predicates (every distinct selector/address set a policy mentions) are evaluated once per pod;
 *    pods with equal predicate sets, namespace, referenced named ports and host-network setting form
 *    a class (classes.ts). Outside addresses form disjoint blocks (externals.ts).
 * 2. Each rule's peer list becomes a bitset over "ends" (classes and blocks).
 * 3. Each class gets, per direction, a profile: the admin rules, isolating NetworkPolicy rules and
 *    baseline rules that apply to it, in evaluation order. Identical profiles are shared.
 * 4. A direction's verdict for a peer depends only on which of the profile's rules match that peer
 *    (one bit test per rule) and on the destination's named ports, so verdicts are memoized per
 *    (profile, match mask, named-port map). Connection sets are interned (conn-table.ts).
 *
 * Same semantics as evaluate.ts (the oracle); reachability.test.ts checks they agree on random clusters.
 */
import type { Pod } from "../model/types";
import { buildClasses, type PodClass } from "./classes";
import { ALL, NONE, type ConnSet } from "./connset";
import { ALL_ID, ConnTable, NONE_ID } from "./conn-table";
import { buildExternals, type ExternalBlock, type Externals } from "./externals";
import type { NetworkModel } from "./model";
import { admits, type AdminAction, type Direction } from "./policies";
import { collectPredicates, PredicateTable } from "./predicates";
import { resolvePorts, type ContainerPortInfo, type PortSpec } from "./ports";

/** A connection end: a pod class, or an outside block (on the source or the destination side). */
export type End = { kind: "class"; id: number } | { kind: "source"; index: number } | { kind: "destination"; index: number };

interface FastRule {
  layer: 0 | 1 | 2; // admin, NetworkPolicy, baseline
  action: AdminAction;
  /** Bitset over ends; null = every peer. */
  match: Uint32Array | null;
  ports: PortSpec;
}

interface Profile {
  /** Host-networked subject, or nothing applies: everything allowed. */
  open: boolean;
  isolated: boolean;
  rules: FastRule[];
  hasNamed: boolean;
  memo: Map<number | string, number>;
}

const OPEN: Profile = { open: true, isolated: false, rules: [], hasNamed: false, memo: new Map() };

export interface Reachability {
  model: NetworkModel;
  classes: PodClass[];
  classOf: Map<Pod, PodClass>;
  externals: Externals;
  table: ConnTable;
  /** Allowed connections from one end to another (an outside block to an outside block is never asked). */
  between(src: End, dst: End): ConnSet;
  /** Interned id of `between` (0 = none, 1 = all). */
  betweenId(src: End, dst: End): number;
  /** Between two pods: a pod always reaches itself. */
  pods(src: Pod, dst: Pod): ConnSet;
  /** Fills the whole class × class (and class × block) matrix; returns the number of cells. */
  computeAll(): number;
  stats(): { classes: number; predicates: number; profiles: number; sourceBlocks: number; destinationBlocks: number; connSets: number };
}

const bit = (set: Uint32Array, i: number) => (set[i >>> 5] >>> (i & 31)) & 1;

export function buildReachability(model: NetworkModel): Reachability {
  const table = new PredicateTable();
  const pp = collectPredicates(model, table);
  const { classes, classOf } = buildClasses(model, table);
  const externals = buildExternals(model, table.all);
  const C = classes.length;
  const Bs = externals.sources.length;
  const Bd = externals.destinations.length;
  const N = C + Bs + Bd;
  const words = (N + 31) >>> 5;

  // ends matching each predicate
  const endsOf: number[][] = table.all.map(() => []);
  classes.forEach((c) => c.predicates.forEach((p) => endsOf[p].push(c.id)));
  externals.sources.forEach((b, i) => b.predicates.forEach((p) => endsOf[p].push(C + i)));
  externals.destinations.forEach((b, i) => b.predicates.forEach((p) => endsOf[p].push(C + Bs + i)));

  const peerSets = new Map<string, Uint32Array | null>();
  const peerSet = (preds: number[]): Uint32Array | null => {
    if (preds.length === 0) return null;
    const key = preds.join(",");
    let s = peerSets.get(key);
    if (s === undefined) {
      s = new Uint32Array(words);
      for (const p of preds) for (const e of endsOf[p]) s[e >>> 5] |= 1 << (e & 31);
      peerSets.set(key, s);
    }
    return s;
  };

  const npByNs = new Map<string, number[]>();
  model.networkPolicies.forEach((np, i) => {
    const l = npByNs.get(np.namespace);
    if (l) l.push(i);
    else npByNs.set(np.namespace, [i]);
  });

  const profiles = new Map<string, Profile>();
  const profileFor = (c: PodClass, dir: Direction): Profile => {
    if (c.hostNetwork) return OPEN;
    const has = new Set(c.predicates);
    const admin = pp.admin.flatMap((a, k) => (has.has(a.subject) ? [k] : []));
    const nps = (npByNs.get(c.namespace) ?? []).filter((i) => pp.np[i][dir] !== undefined && has.has(pp.np[i].subject));
    const base = pp.baseline.flatMap((a, k) => (has.has(a.subject) ? [k] : []));
    if (admin.length === 0 && nps.length === 0 && base.length === 0) return OPEN;
    const key = `${dir}|${admin.join(",")}|${nps.join(",")}|${nps.length ? "" : base.join(",")}`;
    let prof = profiles.get(key);
    if (prof) return prof;
    const rules: FastRule[] = [];
    for (const k of admin) model.admin[k][dir].forEach((r, j) => rules.push({ layer: 0, action: r.action, match: peerSet(pp.admin[k][dir][j]), ports: r.ports }));
    for (const i of nps) model.networkPolicies[i][dir]!.forEach((r, j) => rules.push({ layer: 1, action: "Allow", match: peerSet(pp.np[i][dir]![j]), ports: r.ports }));
    if (nps.length === 0) for (const k of base) model.baseline[k][dir].forEach((r, j) => rules.push({ layer: 2, action: r.action, match: peerSet(pp.baseline[k][dir][j]), ports: r.ports }));
    prof = { open: false, isolated: nps.length > 0, rules, hasNamed: rules.some((r) => r.ports.named.length > 0), memo: new Map() };
    profiles.set(key, prof);
    return prof;
  };
  const egressProfiles = classes.map((c) => profileFor(c, "egress"));
  const ingressProfiles = classes.map((c) => profileFor(c, "ingress"));

  // named-port maps by id (0 = an address: named ports never match)
  const namedIds = new Map<string, number>();
  const namedOfClass = classes.map((c) => {
    const k = [...c.namedPorts].map(([n, i]) => `${n}=${i.protocol}/${i.port}`).sort().join(",");
    let id = namedIds.get(k);
    if (id === undefined) namedIds.set(k, (id = namedIds.size + 1));
    return id;
  });

  const conns = new ConnTable();

  /** The admin → NetworkPolicy → baseline chain on the rules that match one peer (as in evaluate.ts). */
  const verdict = (prof: Profile, matched: boolean[], named: ReadonlyMap<string, ContainerPortInfo> | undefined): ConnSet => {
    let rest = ALL;
    let allowed = NONE;
    let passed = NONE;
    let npAllowed = NONE;
    const tier = (layer: 0 | 2) => {
      prof.rules.forEach((r, i) => {
        if (r.layer !== layer || !matched[i] || rest.isEmpty) return;
        const p = resolvePorts(r.ports, named).intersect(rest);
        if (p.isEmpty) return;
        if (admits(r.action)) allowed = allowed.union(p);
        else if (r.action === "Pass") passed = passed.union(p);
        rest = rest.subtract(p);
      });
    };
    tier(0);
    rest = rest.union(passed);
    if (prof.isolated) {
      prof.rules.forEach((r, i) => {
        if (r.layer === 1 && matched[i]) npAllowed = npAllowed.union(resolvePorts(r.ports, named));
      });
      return allowed.union(rest.intersect(npAllowed));
    }
    passed = NONE; // a baseline Pass goes on to the default: allowed
    tier(2);
    return allowed.union(rest).union(passed);
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
  const cells = new Uint32Array(rows * cols);
  const rowOf = (e: End) => (e.kind === "class" ? e.id : e.kind === "source" ? C + e.index : -1);
  const colOf = (e: End) => (e.kind === "class" ? e.id : e.kind === "destination" ? C + e.index : -1);
  const endIndex = (e: End) => (e.kind === "class" ? e.id : e.kind === "source" ? C + e.index : C + Bs + e.index);

  const computeCell = (src: End, dst: End): number => {
    const dstNamedId = dst.kind === "class" ? namedOfClass[dst.id] : 0;
    const dstNamed = dst.kind === "class" ? classes[dst.id].namedPorts : undefined;
    const eg = src.kind === "class" ? evalProfile(egressProfiles[src.id], endIndex(dst), dstNamedId, dstNamed) : ALL_ID;
    if (eg === NONE_ID) return NONE_ID;
    const ing = dst.kind === "class" ? evalProfile(ingressProfiles[dst.id], endIndex(src), dstNamedId, dstNamed) : ALL_ID;
    return conns.intersect(eg, ing);
  };

  const betweenId = (src: End, dst: End): number => {
    const r = rowOf(src);
    const c = colOf(dst);
    if (r < 0 || c < 0) throw new Error("between: the source must be a class or a source block and the destination a class or a destination block");
    if (r >= C && c >= C) return NONE_ID;
    const i = r * cols + c;
    let v = cells[i];
    if (v === 0) cells[i] = v = computeCell(src, dst) + 1;
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
    stats: () => ({ classes: C, predicates: table.all.length, profiles: profiles.size, sourceBlocks: Bs, destinationBlocks: Bd, connSets: conns.size }),
  };
}

export type { ExternalBlock, PodClass };
