/**
 * Addresses outside the pod network, as disjoint IPv4 blocks: every CIDR a rule names cuts the
 * address space, and two addresses in one block are treated alike by every rule. As
 * netpol-analyzer does (eval/resources.go getDisjointIPBlocks), sources are cut by the CIDRs of
 * ingress rules and destinations by those of egress rules, so the names match its
 * `a.b.c.d-e.f.g.h[External]` peers. Node addresses become blocks of their own when a rule can tell
 * a node from the rest of the world (admin `nodes`, Cilium entities and CIDR rules, which never
 * match nodes); Calico network sets cut both sides, since their selectors match by address.
 */
import { cidrRange4, disjointBlocks, formatRange4, ipFamily, ipv4ToNumber, numberToIPv4 } from "./ip";
import type { Intervals } from "./intervals";
import type { NetworkModel } from "./model";
import { predicateMatchesAddress } from "./predicate-match";
import type { Predicate } from "./predicates";
import { conditionAtoms, programRules } from "./program";

export interface ExternalBlock {
  lo: number;
  hi: number;
  /** `10.0.0.0-10.255.255.255` */
  name: string;
  predicates: number[];
}

export interface Externals {
  sources: ExternalBlock[];
  destinations: ExternalBlock[];
}

const ADDRESS_KINDS = new Set(["ipBlock", "networks", "cidr"]);
const POD_ONLY_KINDS = new Set(["podsIn", "podsWhere", "cilium"]);

/** `preds`: those that can match an address (no pod-only kind), in id order. */
function blockPredicates(model: NetworkModel, preds: readonly Predicate[], lo: number): number[] {
  const ip = numberToIPv4(lo);
  return preds.filter((p) => predicateMatchesAddress(model, p, ip)).map((p) => p.id);
}

export function buildExternals(model: NetworkModel): Externals {
  const preds = model.program.table.all;
  const sourceSets: Intervals[] = [];
  const destinationSets: Intervals[] = [];
  for (const { dir, rule } of programRules(model.program)) {
    for (const a of conditionAtoms(rule.peer)) {
      const p = a >= 0 ? preds[a] : undefined;
      if (p && ADDRESS_KINDS.has(p.kind)) (dir === "ingress" ? sourceSets : destinationSets).push((p as Extract<Predicate, { v4: Intervals }>).v4);
    }
  }
  const both = (i: Intervals) => (sourceSets.push(i), destinationSets.push(i));
  for (const s of model.snapshot.calicoNetworkSets ?? []) for (const c of s.nets) if (ipFamily(c.split("/")[0]) === 4) both(cidrRange4(c.includes("/") ? c : `${c}/32`));
  const nodeKinds = preds.some((p) => p.kind === "entity" || p.kind === "node" || p.kind === "cidr") || model.program.nodeRelative || !model.options.cidrMatchesNodes;
  const adminNodes = preds.some((p) => p.kind === "nodes");
  if (nodeKinds || adminNodes) {
    for (const a of model.nodeOfAddress.keys()) {
      if (ipFamily(a) !== 4) continue;
      const v = ipv4ToNumber(a);
      destinationSets.push([v, v]);
      if (nodeKinds) sourceSets.push([v, v]);
    }
  }
  const addressed = preds.filter((p) => !POD_ONLY_KINDS.has(p.kind));
  const blocks = (sets: Intervals[]) => disjointBlocks(sets).map(([lo, hi]) => ({ lo, hi, name: formatRange4(lo, hi), predicates: blockPredicates(model, addressed, lo) }));
  return { sources: blocks(sourceSets), destinations: blocks(destinationSets) };
}

/** The block holding an IPv4 address (blocks cover the whole space), or undefined for IPv6. */
export function blockOf(blocks: readonly ExternalBlock[], ip: string): number | undefined {
  if (ipFamily(ip) !== 4) return undefined;
  const v = ipv4ToNumber(ip);
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (v < blocks[mid].lo) hi = mid - 1;
    else if (v > blocks[mid].hi) lo = mid + 1;
    else return mid;
  }
  return undefined;
}
