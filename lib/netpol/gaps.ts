/**
 * What the network view cannot vouch for when the snapshot is partial: each kind that reachability
 * depends on and that could not be read, with what its absence does to the answers (no
 * NetworkPolicies read: everything looks allowed; no pods: nothing to connect).
 */
import type { ClusterSnapshot } from "../model/snapshot";

const EFFECT: Record<string, string> = {
  networkpolicies: "NetworkPolicies could not be read: connections shown as allowed may be blocked",
  adminnetworkpolicies: "AdminNetworkPolicies could not be read: admin allows and denies are missing",
  baselineadminnetworkpolicies: "the BaselineAdminNetworkPolicy could not be read: baseline denies are missing",
  clusternetworkpolicies: "ClusterNetworkPolicies could not be read: their Admin and Baseline tier rules are missing",
  pods: "Pods could not be read: workloads are missing from every answer",
  namespaces: "Namespaces could not be read: namespaceSelector peers only match by the namespace name label",
  services: "Services could not be read: LoadBalancer, NodePort and Ingress exposure is incomplete",
  ingresses: "Ingresses could not be read: exposure through the ingress controller is missing",
  nodes: "Nodes could not be read: node peers of admin policies match nothing",
};

/** What every network answer carries: whose semantics, the ipBlock semantics in force, the gaps of the snapshot and what is not evaluated. */
export interface NetworkMeta {
  ipBlockMatchesPods: boolean;
  gaps: string[];
  /** The CNI whose semantics apply, how it was chosen, and the candidates when detection was ambiguous. */
  cni?: { id: string; label: string; how: "chosen" | "detected" | "assumed"; why: string; notes: string[]; candidates: string[] };
  /** Objects and rules the engine does not evaluate that can change some verdicts (completeness.ts). */
  incomplete?: string[];
}

/** One sentence per unreadable kind that changes network answers. */
export function networkGaps(snapshot: ClusterSnapshot): string[] {
  const out: string[] = [];
  for (const [resource, st] of Object.entries(snapshot.kinds)) {
    if (st.state === "ok" || st.state === "not-installed") continue;
    const effect = EFFECT[resource];
    if (effect) out.push(`${effect} (${st.state}${st.message ? `: ${st.message}` : ""})`);
  }
  return out.sort();
}

const RBAC_KINDS = new Set(["roles", "clusterroles", "rolebindings", "clusterrolebindings", "serviceaccounts"]);

/** For the exposure view: unreadable RBAC kinds hide what an exposed pod's token is worth. */
export function rbacGaps(snapshot: ClusterSnapshot): string[] {
  const missing = Object.entries(snapshot.kinds).filter(([r, st]) => RBAC_KINDS.has(r) && st.state !== "ok" && st.state !== "not-installed");
  if (missing.length === 0) return [];
  return [`RBAC objects could not be read (${missing.map(([r, st]) => `${r}: ${st.state}`).join(", ")}): attack paths through service-account tokens may be missing`];
}
