/**
 * Every distinct "who" a policy mentions, as a predicate over endpoints: pods of one namespace
 * matching a selector (NetworkPolicy subjects and podSelector-only peers), pods of matching
 * namespaces (namespaceSelector peers, admin subjects and peers), address blocks (ipBlock,
 * `networks`) and nodes. Identical selectors share one predicate, so a cluster with thousands of
 * policies has far fewer predicates, and a pod's set of matched predicates is its policy identity.
 */
import { selectorKey } from "../model/selector";
import type { LabelSelector } from "../model/types";
import type { Intervals } from "./intervals";
import type { AddressBlock } from "./ip";
import type { NetworkModel } from "./model";
import type { AdminPeer, AdminSubject, NpPeer } from "./policies";

export type Predicate =
  /** Non-host-networked pods of `namespace` matching `podSelector` (undefined = all). */
  | { id: number; kind: "podsIn"; namespace: string; podSelector?: LabelSelector }
  /** Non-host-networked pods of namespaces matching `namespaceSelector`, and `podSelector` when given. */
  | { id: number; kind: "podsWhere"; namespaceSelector: LabelSelector; podSelector?: LabelSelector }
  /** NetworkPolicy ipBlock: outside addresses, node addresses, pod IPs only with ipBlockMatchesPods. */
  | { id: number; kind: "ipBlock"; block: AddressBlock; v4: Intervals }
  /** Admin `networks`: any address, pod IPs included. */
  | { id: number; kind: "networks"; cidrs: string[]; v4: Intervals }
  /** Admin `nodes`: host-networked pods on matching nodes and the nodes' addresses. */
  | { id: number; kind: "nodes"; nodeSelector: LabelSelector }
  /** ClusterNetworkPolicy `domainNames`: matches no end (cnp.ts). */
  | { id: number; kind: "domainNames" }
  /** Every end: the peer of a fail-closed Deny rule. */
  | { id: number; kind: "all" };

type NewPredicate = Predicate extends infer P ? (P extends Predicate ? Omit<P, "id"> : never) : never;

export class PredicateTable {
  readonly all: Predicate[] = [];
  private readonly byKey = new Map<string, number>();

  private intern(key: string, p: NewPredicate): number {
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.all.length;
      this.all.push({ ...p, id } as Predicate);
      this.byKey.set(key, id);
    }
    return id;
  }

  podsIn(namespace: string, podSelector?: LabelSelector): number {
    return this.intern(`in\u0000${namespace}\u0000${podSelector ? selectorKey(podSelector) : "*"}`, { kind: "podsIn", namespace, ...(podSelector ? { podSelector } : {}) });
  }

  podsWhere(namespaceSelector: LabelSelector, podSelector?: LabelSelector): number {
    return this.intern(`where\u0000${selectorKey(namespaceSelector)}\u0000${podSelector ? selectorKey(podSelector) : "*"}`, { kind: "podsWhere", namespaceSelector, ...(podSelector ? { podSelector } : {}) });
  }

  npPeer(peer: NpPeer): number {
    if (peer.kind === "ipBlock") return this.intern(`ipb\u0000${peer.block.cidr}\u0000${[...peer.block.except].sort().join(",")}`, { kind: "ipBlock", block: peer.block, v4: peer.v4 });
    if (peer.namespace !== undefined) return this.podsIn(peer.namespace, peer.podSelector);
    return this.podsWhere(peer.namespaceSelector!, peer.podSelector);
  }

  adminPeer(peer: AdminPeer): number {
    if (peer.kind === "all" || peer.kind === "domainNames") return this.intern(peer.kind, { kind: peer.kind });
    if (peer.kind === "networks") return this.intern(`net\u0000${[...peer.cidrs].sort().join(",")}`, { kind: "networks", cidrs: peer.cidrs, v4: peer.v4 });
    if (peer.kind === "nodes") return this.intern(`nodes\u0000${selectorKey(peer.nodeSelector)}`, { kind: "nodes", nodeSelector: peer.nodeSelector });
    return this.podsWhere(peer.namespaceSelector, peer.podSelector);
  }

  adminSubject(s: AdminSubject): number {
    return this.podsWhere(s.namespaceSelector, s.podSelector);
  }
}

/** Predicate ids per policy, in the policies' own order, for the fast path. */
export interface PolicyPredicates {
  /** Per NetworkPolicy (model.networkPolicies order): subject and, per rule, peer predicates (empty = anyone). */
  np: { subject: number; ingress?: number[][]; egress?: number[][] }[];
  admin: { subject: number; ingress: number[][]; egress: number[][] }[];
  baseline: { subject: number; ingress: number[][]; egress: number[][] }[];
}

export function collectPredicates(model: NetworkModel, table: PredicateTable): PolicyPredicates {
  const np = model.networkPolicies.map((p) => ({
    subject: table.podsIn(p.namespace, p.podSelector),
    ...(p.ingress ? { ingress: p.ingress.map((r) => r.peers.map((x) => table.npPeer(x))) } : {}),
    ...(p.egress ? { egress: p.egress.map((r) => r.peers.map((x) => table.npPeer(x))) } : {}),
  }));
  const admin = (list: typeof model.admin) =>
    list.map((p) => ({
      subject: table.adminSubject(p.subject),
      ingress: p.ingress.map((r) => r.peers.map((x) => table.adminPeer(x))),
      egress: p.egress.map((r) => r.peers.map((x) => table.adminPeer(x))),
    }));
  return { np, admin: admin(model.admin), baseline: admin(model.baseline) };
}
