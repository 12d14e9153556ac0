/**
 * Policies compiled for evaluation: NetworkPolicy (networking.k8s.io/v1) and the admin tiers
 * (AdminNetworkPolicy and BaselineAdminNetworkPolicy, policy.networking.k8s.io/v1alpha1). Both
 * admin kinds compile to one `AdminPolicy` shape with a tier; ClusterNetworkPolicy (v1alpha2:
 * tier Admin|Baseline, actions Accept|Deny|Pass) is one more compiler into it (cnp.ts).
 */
import type { AdminNetworkPolicy, BaselineAdminNetworkPolicy, LabelSelector, NetworkPolicy, NetworkPolicyPeer } from "../model/types";
import { EMPTY_INTERVALS, union, type Intervals } from "./intervals";
import { blockIntervals4, type AddressBlock } from "./ip";
import { anpPortSpec, npPortSpec, type PortSpec } from "./ports";

export type Direction = "ingress" | "egress";

/** A NetworkPolicy peer. `pods` with no namespaceSelector means the policy's own namespace. */
export type NpPeer =
  | { kind: "pods"; namespace?: string; namespaceSelector?: LabelSelector; podSelector?: LabelSelector }
  | { kind: "ipBlock"; block: AddressBlock; v4: Intervals };

export interface NpRule {
  /** 0-based position in spec.ingress / spec.egress. */
  index: number;
  /** Empty = every peer, including addresses outside the cluster. */
  peers: NpPeer[];
  ports: PortSpec;
}

export interface CompiledNetworkPolicy {
  policy: NetworkPolicy;
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  /** Undefined when the direction is not in the effective policyTypes (the policy does not isolate it). */
  ingress?: NpRule[];
  egress?: NpRule[];
}

/** v1alpha1 says Allow, v1alpha2 says Accept: the same effect, kept as written for explanations. */
export type AdminAction = "Allow" | "Accept" | "Deny" | "Pass";
export type AdminTier = "admin" | "baseline";
export type AdminKind = "AdminNetworkPolicy" | "BaselineAdminNetworkPolicy" | "ClusterNetworkPolicy";

/** Allow (v1alpha1) and Accept (v1alpha2) both admit the traffic and end evaluation. */
export const admits = (action: AdminAction): boolean => action === "Allow" || action === "Accept";

export type AdminPeer =
  | { kind: "pods"; namespaceSelector: LabelSelector; podSelector?: LabelSelector }
  | { kind: "networks"; cidrs: string[]; v4: Intervals }
  | { kind: "nodes"; nodeSelector: LabelSelector }
  /** ClusterNetworkPolicy `domainNames`: resolved by DNS at run time, so it matches nothing here (cnp.ts). */
  | { kind: "domainNames"; names: string[] }
  /** Every endpoint: a fail-closed Deny rule (a peer of an unknown newer kind, cnp.ts). */
  | { kind: "all" };

export interface AdminRule {
  index: number;
  /** Empty when the rule has no name (optional in v1alpha2). */
  name: string;
  action: AdminAction;
  peers: AdminPeer[];
  ports: PortSpec;
  /** Fields of a newer API version that made this rule fail closed. */
  failClosed?: string[];
}

export interface AdminSubject {
  namespaceSelector: LabelSelector;
  /** Undefined: every pod of the selected namespaces. */
  podSelector?: LabelSelector;
}

export interface AdminPolicy {
  kind: AdminKind;
  tier: AdminTier;
  name: string;
  /** Lower first; a BaselineAdminNetworkPolicy has none (0). */
  priority: number;
  subject: AdminSubject;
  ingress: AdminRule[];
  egress: AdminRule[];
}

function npPeer(p: NetworkPolicyPeer, namespace: string): NpPeer {
  if (p.ipBlock) {
    const block = { cidr: p.ipBlock.cidr, except: p.ipBlock.except };
    return { kind: "ipBlock", block, v4: blockIntervals4(block) };
  }
  return {
    kind: "pods",
    ...(p.namespaceSelector ? { namespaceSelector: p.namespaceSelector } : { namespace }),
    ...(p.podSelector ? { podSelector: p.podSelector } : {}),
  };
}

/** Rules of one direction, or undefined when policyTypes does not include it (then they are ignored). */
export function compileNetworkPolicy(np: NetworkPolicy): CompiledNetworkPolicy {
  const out: CompiledNetworkPolicy = { policy: np, namespace: np.namespace, name: np.name, podSelector: np.podSelector };
  if (np.policyTypes.includes("Ingress")) {
    out.ingress = np.ingress.map((r, index) => ({ index, peers: r.from.map((p) => npPeer(p, np.namespace)), ports: npPortSpec(r.ports) }));
  }
  if (np.policyTypes.includes("Egress")) {
    out.egress = np.egress.map((r, index) => ({ index, peers: r.to.map((p) => npPeer(p, np.namespace)), ports: npPortSpec(r.ports) }));
  }
  return out;
}

/** An admin `networks` peer with its IPv4 intervals precomputed. */
export function networksPeer(cidrs: string[]): AdminPeer {
  const blocks = cidrs.map((cidr) => blockIntervals4({ cidr, except: [] }));
  return { kind: "networks", cidrs, v4: blocks.reduce<Intervals>((acc, b) => union(acc, b), EMPTY_INTERVALS) };
}

function adminPeers(peers: AdminNetworkPolicy["ingress"][number]["peers"]): AdminPeer[] {
  return peers.map((p): AdminPeer => {
    if (p.namespaces) return { kind: "pods", namespaceSelector: p.namespaces };
    if (p.pods) return { kind: "pods", namespaceSelector: p.pods.namespaceSelector, podSelector: p.pods.podSelector };
    if (p.networks) return networksPeer(p.networks);
    return { kind: "nodes", nodeSelector: p.nodes ?? {} };
  });
}

function adminRules(rules: AdminNetworkPolicy["ingress"]): AdminRule[] {
  return rules.map((r, index) => ({ index, name: r.name, action: r.action, peers: adminPeers(r.peers), ports: anpPortSpec(r.ports) }));
}

export function adminSubject(s: AdminNetworkPolicy["subject"]): AdminSubject {
  if (s.namespaces) return { namespaceSelector: s.namespaces };
  return { namespaceSelector: s.pods!.namespaceSelector, podSelector: s.pods!.podSelector };
}

export function compileAdminNetworkPolicy(anp: AdminNetworkPolicy): AdminPolicy {
  return { kind: "AdminNetworkPolicy", tier: "admin", name: anp.name, priority: anp.priority, subject: adminSubject(anp.subject), ingress: adminRules(anp.ingress), egress: adminRules(anp.egress) };
}

export function compileBaselineAdminNetworkPolicy(banp: BaselineAdminNetworkPolicy): AdminPolicy {
  return { kind: "BaselineAdminNetworkPolicy", tier: "baseline", name: banp.name, priority: 0, subject: adminSubject(banp.subject), ingress: adminRules(banp.ingress), egress: adminRules(banp.egress) };
}

/**
 * Tier order: ascending priority (0 first). Two policies of a tier at the same priority are
 * undefined behaviour in both API versions (v1alpha1 AdminNetworkPolicySpec.priority, v1alpha2
 * ClusterNetworkPolicySpec.priority); we order them by name, then AdminNetworkPolicy before
 * ClusterNetworkPolicy, so results are at least deterministic (diagnostics.ts reports the tie).
 */
export function sortAdminPolicies(policies: AdminPolicy[]): AdminPolicy[] {
  const kindRank = (k: AdminKind) => (k === "ClusterNetworkPolicy" ? 1 : 0);
  return [...policies].sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || kindRank(a.kind) - kindRank(b.kind));
}
