/**
 * Plain-language renderings of policies, peers and ports for explanations: the words a reviewer
 * would use ("pods app=web in namespace shop", "addresses in 10.0.0.0/8 except 10.1.0.0/16").
 */
import { formatSelector, isEmptySelector } from "../model/selector";
import type { LabelSelector } from "../model/types";
import { cnpPlace } from "./cnp";
import type { AdminPeer, AdminPolicy, AdminSubject, CompiledNetworkPolicy, Direction, NpPeer } from "./policies";
import { describePortSpec, type ContainerPortInfo, type PortSpec } from "./ports";
import type { ProgramPolicyRef } from "./program";

const sel = (s: LabelSelector) => formatSelector(s);

export function describeNpPeer(p: NpPeer): string {
  if (p.kind === "ipBlock") return `addresses in ${p.block.cidr}${p.block.except.length ? ` except ${p.block.except.join(", ")}` : ""}`;
  const pods = p.podSelector === undefined || isEmptySelector(p.podSelector) ? "all pods" : `pods ${sel(p.podSelector)}`;
  if (p.namespace !== undefined) return `${pods} in namespace ${p.namespace}`;
  return isEmptySelector(p.namespaceSelector!) ? `${pods} in every namespace` : `${pods} in namespaces ${sel(p.namespaceSelector!)}`;
}

export function describeNpPeers(peers: readonly NpPeer[]): string {
  return peers.length === 0 ? "anyone (pods and outside addresses)" : peers.map(describeNpPeer).join("; or ");
}

export function describeAdminPeer(p: AdminPeer): string {
  if (p.kind === "networks") return `networks ${p.cidrs.join(", ")}`;
  if (p.kind === "nodes") return `nodes ${sel(p.nodeSelector)}`;
  if (p.kind === "domainNames") return `domain names ${p.names.join(", ")}`;
  if (p.kind === "all") return "everyone (fail-closed)";
  const pods = p.podSelector === undefined || isEmptySelector(p.podSelector) ? "all pods" : `pods ${sel(p.podSelector)}`;
  return isEmptySelector(p.namespaceSelector) ? `${pods} in every namespace` : `${pods} in namespaces ${sel(p.namespaceSelector)}`;
}

export function describeAdminSubject(s: AdminSubject): string {
  return describeAdminPeer({ kind: "pods", namespaceSelector: s.namespaceSelector, podSelector: s.podSelector });
}

export function describePorts(spec: PortSpec, named?: ReadonlyMap<string, ContainerPortInfo>): string {
  return describePortSpec(spec, named);
}

export function npName(np: CompiledNetworkPolicy): string {
  return `${np.namespace}/${np.name}`;
}

export function adminName(ap: AdminPolicy): string {
  if (ap.kind === "ClusterNetworkPolicy") return `${ap.name} (${cnpPlace(ap)})`;
  return ap.kind === "AdminNetworkPolicy" ? `${ap.name} (priority ${ap.priority})` : ap.name;
}

export const dirWord = (d: Direction) => (d === "ingress" ? "Ingress" : "Egress");

/** `NetworkPolicy shop/db`, `CiliumClusterwideNetworkPolicy deny-world`, `GlobalNetworkPolicy security.block (tier security)`. */
export function policyRefName(ref: ProgramPolicyRef): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
}
