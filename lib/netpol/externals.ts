/**
 * Addresses outside the pod network, as disjoint IPv4 blocks: every CIDR a policy names cuts the
 * address space, and two addresses in one block are treated alike by every rule. As
 * netpol-analyzer does (eval/resources.go getDisjointIPBlocks), sources are cut by the CIDRs of
 * ingress rules and destinations by those of egress rules (plus admin `networks`), so the names
 * match its `a.b.c.d-e.f.g.h[External]` peers.
 */
import { matchesSelector } from "../model/selector";
import { containsValue } from "./intervals";
import { disjointBlocks, formatRange4, ipFamily, ipv4ToNumber } from "./ip";
import type { NetworkModel } from "./model";
import type { Predicate } from "./predicates";
import type { Intervals } from "./intervals";

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

function nodeAddresses4(model: NetworkModel): number[] {
  const out: number[] = [];
  for (const n of model.nodes.values()) for (const a of n.addresses) if (ipFamily(a.address) === 4) out.push(ipv4ToNumber(a.address));
  return out;
}

function blockPredicates(model: NetworkModel, preds: readonly Predicate[], lo: number, hi: number): number[] {
  const out: number[] = [];
  for (const p of preds) {
    if (p.kind === "all" || ((p.kind === "ipBlock" || p.kind === "networks") && containsValue(p.v4, lo))) out.push(p.id);
    else if (p.kind === "nodes" && lo === hi) {
      for (const n of model.nodes.values()) {
        if (matchesSelector(p.nodeSelector, n.labels) && n.addresses.some((a) => ipFamily(a.address) === 4 && ipv4ToNumber(a.address) === lo)) {
          out.push(p.id);
          break;
        }
      }
    }
  }
  return out;
}

export function buildExternals(model: NetworkModel, preds: readonly Predicate[]): Externals {
  const ingressSets: Intervals[] = [];
  const egressSets: Intervals[] = [];
  for (const np of model.networkPolicies) {
    for (const r of np.ingress ?? []) for (const p of r.peers) if (p.kind === "ipBlock") ingressSets.push(p.v4);
    for (const r of np.egress ?? []) for (const p of r.peers) if (p.kind === "ipBlock") egressSets.push(p.v4);
  }
  let hasNodes = false;
  for (const ap of [...model.admin, ...model.baseline]) {
    for (const r of ap.egress) {
      for (const p of r.peers) {
        if (p.kind === "networks") egressSets.push(p.v4);
        if (p.kind === "nodes") hasNodes = true;
      }
    }
  }
  if (hasNodes) for (const a of nodeAddresses4(model)) egressSets.push([a, a]);
  const blocks = (sets: Intervals[]) => disjointBlocks(sets).map(([lo, hi]) => ({ lo, hi, name: formatRange4(lo, hi), predicates: blockPredicates(model, preds, lo, hi) }));
  return { sources: blocks(ingressSets), destinations: blocks(egressSets) };
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
