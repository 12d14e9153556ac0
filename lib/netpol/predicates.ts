/**
 * Every distinct "who" a policy mentions, as a predicate over endpoints (pods and outside
 * addresses): pods of one namespace matching a selector (NetworkPolicy subjects and podSelector-only
 * peers), pods of matching namespaces (namespaceSelector peers, admin subjects and peers), address
 * blocks (ipBlock, `networks`, Cilium CIDRs), nodes, Cilium identities and entities, and Calico
 * selectors. Identical predicates share one id, so a cluster with thousands of policies has far
 * fewer predicates, and a pod's set of matched predicates is its policy identity. What each kind
 * matches is defined in predicate-match.ts.
 */
import { selectorKey } from "../model/selector";
import type { LabelSelector, Labels } from "../model/types";
import type { Intervals } from "./intervals";
import { blockIntervals4, type AddressBlock } from "./ip";

export type Predicate =
  /** Non-host-networked pods of `namespace` matching `podSelector` (undefined = all). */
  | { id: number; kind: "podsIn"; namespace: string; podSelector?: LabelSelector }
  /** Non-host-networked pods of namespaces matching `namespaceSelector`, and `podSelector` when given. */
  | { id: number; kind: "podsWhere"; namespaceSelector: LabelSelector; podSelector?: LabelSelector }
  /** NetworkPolicy ipBlock: outside addresses, node addresses (unless the CNI says no), pod IPs only when the CNI matches them. */
  | { id: number; kind: "ipBlock"; block: AddressBlock; v4: Intervals }
  /** Admin `networks`, Calico `nets`: any address, pod IPs included. */
  | { id: number; kind: "networks"; cidrs: string[]; v4: Intervals }
  /** Admin `nodes`, Cilium `fromNodes`: host-networked pods on matching nodes and the nodes' addresses. */
  | { id: number; kind: "nodes"; nodeSelector: LabelSelector }
  /** ClusterNetworkPolicy `domainNames`, Cilium `toFQDNs`/`toServices`: resolved at run time, match no end here. */
  | { id: number; kind: "domainNames" }
  /** Every end: the peer of a fail-closed Deny rule. */
  | { id: number; kind: "all" }
  /** Cilium endpoint selector over identity labels (cilium/identity.ts); never a host-networked pod. */
  | { id: number; kind: "cilium"; selector: LabelSelector; namespace?: string }
  /** Cilium entity as an absolute set (host and remote-node per subject are `node` predicates). */
  | { id: number; kind: "entity"; entity: string }
  /** One node: its addresses and the host-networked pods on it. */
  | { id: number; kind: "node"; node: string }
  /** Cilium CIDR rule: addresses outside the cluster only, never pods or nodes. */
  | { id: number; kind: "cidr"; block: AddressBlock; v4: Intervals }
  /**
   * Calico selector (ANDed parts) over Calico's labels of workload endpoints and network sets
   * (calico/labels.ts); it matches the endpoints' IPs and the sets' CIDRs, as Felix's IP sets do.
   */
  | { id: number; kind: "calico"; text: string; match: (labels: Labels) => boolean; namespace?: string; endpointsOnly?: boolean };

type NewPredicate = Predicate extends infer P ? (P extends Predicate ? Omit<P, "id"> : never) : never;

export class PredicateTable {
  readonly all: Predicate[] = [];
  /** Each predicate's identity: equal keys select the same ends (what two tables share). */
  readonly keys: string[] = [];
  private readonly byKey = new Map<string, number>();

  private intern(key: string, p: NewPredicate): number {
    let id = this.byKey.get(key);
    if (id === undefined) {
      id = this.all.length;
      this.all.push({ ...p, id } as Predicate);
      this.keys.push(key);
      this.byKey.set(key, id);
    }
    return id;
  }

  /** The id of the predicate with this key, if the table has it. */
  idOf(key: string): number | undefined {
    return this.byKey.get(key);
  }

  podsIn(namespace: string, podSelector?: LabelSelector): number {
    return this.intern(`in\u0000${namespace}\u0000${podSelector ? selectorKey(podSelector) : "*"}`, { kind: "podsIn", namespace, ...(podSelector ? { podSelector } : {}) });
  }

  podsWhere(namespaceSelector: LabelSelector, podSelector?: LabelSelector): number {
    return this.intern(`where\u0000${selectorKey(namespaceSelector)}\u0000${podSelector ? selectorKey(podSelector) : "*"}`, { kind: "podsWhere", namespaceSelector, ...(podSelector ? { podSelector } : {}) });
  }

  ipBlock(block: AddressBlock, v4 = blockIntervals4(block)): number {
    return this.intern(`ipb\u0000${block.cidr}\u0000${[...block.except].sort().join(",")}`, { kind: "ipBlock", block, v4 });
  }

  networks(cidrs: string[], v4: Intervals): number {
    return this.intern(`net\u0000${[...cidrs].sort().join(",")}`, { kind: "networks", cidrs, v4 });
  }

  nodes(nodeSelector: LabelSelector): number {
    return this.intern(`nodes\u0000${selectorKey(nodeSelector)}`, { kind: "nodes", nodeSelector });
  }

  special(kind: "all" | "domainNames"): number {
    return this.intern(kind, { kind });
  }

  /** `namespace`: the selector requires `io.kubernetes.pod.namespace` to be it (an index hint). */
  cilium(selector: LabelSelector, namespace?: string): number {
    return this.intern(`cilium\u0000${selectorKey(selector)}`, { kind: "cilium", selector, ...(namespace ? { namespace } : {}) });
  }

  entity(entity: string): number {
    return this.intern(`entity\u0000${entity}`, { kind: "entity", entity });
  }

  node(node: string): number {
    return this.intern(`node\u0000${node}`, { kind: "node", node });
  }

  cidr(block: AddressBlock): number {
    return this.intern(`cidr\u0000${block.cidr}\u0000${[...block.except].sort().join(",")}`, { kind: "cidr", block, v4: blockIntervals4(block) });
  }

  /**
   * `key` identifies the selector (its canonical text); equal keys must select the same.
   * `namespace`: the selector only matches endpoints and network sets of that namespace (an index hint).
   * `endpointsOnly`: a policy's own selector picks workload endpoints, never network sets.
   */
  calico(key: string, text: string, match: (labels: Labels) => boolean, namespace?: string, endpointsOnly = false): number {
    return this.intern(`calico\u0000${endpointsOnly ? "ep" : "ip"}\u0000${key}`, { kind: "calico", text, match, ...(namespace ? { namespace } : {}), ...(endpointsOnly ? { endpointsOnly } : {}) });
  }
}
