/**
 * ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2) compiled into the same `AdminPolicy`
 * shape as AdminNetworkPolicy / BaselineAdminNetworkPolicy, so every evaluator (the oracle, the
 * class-based fast path, explanations, exposure) handles it without knowing the kind.
 * Semantics from kubernetes-sigs/network-policy-api apis/v1alpha2/clusternetworkpolicy_types.go:
 * - tier Admin: evaluated before NetworkPolicy, together with AdminNetworkPolicies, by priority;
 *   tier Baseline: only for pods no NetworkPolicy isolates, like the BaselineAdminNetworkPolicy.
 * - Accept admits and ends evaluation (as v1alpha1 Allow); Deny drops; Pass skips the rest of
 *   the tier: to NetworkPolicy from Admin, to the default (allow) from Baseline.
 * - `protocols`: tcp/udp/sctp with a destination port number or range (start < end), or a
 *   `destinationNamedPort` resolved on the destination pod by name (its own protocol); absent =
 *   every protocol and port.
 * - `domainNames`: resolved by DNS when the traffic flows. A snapshot has no DNS answers, so such a
 *   peer matches nothing here: it never admits IP traffic, and explanations call the flow
 *   undecidable where the rule is reached (explain.ts). In-cluster names resolve to Service
 *   ClusterIPs, which policy never sees (it sees the backend pod after the Service translation),
 *   so pods are not matched either; a headless Service's name would, and is not modelled.
 * - a peer with no field this version knows (a newer CRD) fails closed: its Accept rule matches no
 *   traffic, its Deny or Pass rule becomes "Deny all" (ClusterNetworkPolicyEgressPeer doc).
 */
import type { CNPPeer, CNPProtocol, CNPRule, ClusterNetworkPolicy } from "../model/types";
import { ConnSet, NONE } from "./connset";
import { adminSubject, networksPeer, type AdminPeer, type AdminPolicy, type AdminRule } from "./policies";
import { ALL_PORTS_SPEC, type NamedPortRef, type PortSpec } from "./ports";

/** `protocols`: absent = every port of every protocol; otherwise the union of its entries. */
export function cnpPortSpec(protocols: readonly CNPProtocol[] | undefined): PortSpec {
  if (protocols === undefined) return ALL_PORTS_SPEC;
  let numeric = NONE;
  const named: NamedPortRef[] = [];
  for (const p of protocols) {
    if (p.destinationNamedPort !== undefined) named.push({ name: p.destinationNamedPort });
    else if (p.protocol && p.destinationPort) {
      const d = p.destinationPort;
      numeric = numeric.union("number" in d ? ConnSet.port(p.protocol, d.number) : ConnSet.port(p.protocol, d.range.start, d.range.end));
    }
  }
  return { numeric, named };
}

function cnpPeer(p: CNPPeer): AdminPeer {
  if (p.namespaces) return { kind: "pods", namespaceSelector: p.namespaces };
  if (p.pods) return { kind: "pods", namespaceSelector: p.pods.namespaceSelector, podSelector: p.pods.podSelector };
  if (p.networks) return networksPeer(p.networks);
  if (p.domainNames) return { kind: "domainNames", names: p.domainNames };
  return { kind: "nodes", nodeSelector: p.nodes ?? {} };
}

/** One rule, or undefined for a fail-closed Accept rule, which matches no traffic. */
function cnpRule(r: CNPRule, index: number): AdminRule | undefined {
  const name = r.name ?? "";
  const unknown = r.peers.flatMap((p) => p.unknownFields ?? []);
  if (unknown.length) return r.action === "Accept" ? undefined : { index, name, action: "Deny", peers: [{ kind: "all" }], ports: ALL_PORTS_SPEC, failClosed: unknown };
  return { index, name, action: r.action, peers: r.peers.map(cnpPeer), ports: cnpPortSpec(r.protocols) };
}

const cnpRules = (rules: readonly CNPRule[]) => rules.flatMap((r, i) => cnpRule(r, i) ?? []);

/** A ClusterNetworkPolicy in the admin-tier shape; `tier` says which list it joins (model.ts). */
export function compileClusterNetworkPolicy(cnp: ClusterNetworkPolicy): AdminPolicy {
  return {
    kind: "ClusterNetworkPolicy",
    tier: cnp.tier === "Admin" ? "admin" : "baseline",
    name: cnp.name,
    priority: cnp.priority,
    subject: adminSubject(cnp.subject),
    ingress: cnpRules(cnp.ingress),
    egress: cnpRules(cnp.egress),
  };
}

/** `Admin, priority 10`: how explanations and diagnostics name a ClusterNetworkPolicy's place. */
export function cnpPlace(ap: AdminPolicy): string {
  return `${ap.tier === "admin" ? "Admin" : "Baseline"}, priority ${ap.priority}`;
}
