/**
 * Benchmark support: the same cluster with a third of its namespaces guarded by the CNI's own
 * policies instead of NetworkPolicies (issue: "a third of the namespaces guarded by Cilium or Calico
 * policies"), so the CNI engines are measured on the reference shapes. Every NetworkPolicy of every
 * third namespace becomes the equivalent CiliumNetworkPolicy (peer kinds split into one rule each, as
 * Cilium requires; a rule without peers or ports becomes `fromEntities: [all]`) or Calico
 * NetworkPolicy (Allow rules in the default tier, selectors in Calico's syntax).
 */
import type { ClusterSnapshot } from "../model/snapshot";
import type { CalicoEntityRule, CalicoPolicy, CalicoRule, CiliumPeerRule, CiliumPolicy, LabelSelector, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from "../model/types";
import { NAMESPACE_LABELS_PREFIX, POD_NAMESPACE_LABEL } from "./cilium/identity";

const quote = (v: string) => `'${v}'`;

/** A Kubernetes label selector in Calico's selector language. */
export function calicoSelectorOf(s: LabelSelector): string {
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k} == ${quote(v)}`);
  for (const e of s.matchExpressions ?? []) {
    if (e.operator === "In") parts.push(`${e.key} in { ${(e.values ?? []).map(quote).join(", ")} }`);
    else if (e.operator === "NotIn") parts.push(`${e.key} not in { ${(e.values ?? []).map(quote).join(", ")} }`);
    else if (e.operator === "Exists") parts.push(`has(${e.key})`);
    else parts.push(`!has(${e.key})`);
  }
  return parts.length ? parts.join(" && ") : "all()";
}

function namespaceLabelsSelector(ns: LabelSelector, pods: LabelSelector | undefined): LabelSelector {
  const matchLabels: Record<string, string> = { ...pods?.matchLabels };
  for (const [k, v] of Object.entries(ns.matchLabels ?? {})) matchLabels[NAMESPACE_LABELS_PREFIX + k] = v;
  const matchExpressions = [...(pods?.matchExpressions ?? []), ...(ns.matchExpressions ?? []).map((e) => ({ ...e, key: NAMESPACE_LABELS_PREFIX + e.key }))];
  if (!Object.keys(ns.matchLabels ?? {}).length && !ns.matchExpressions?.length) matchExpressions.push({ key: POD_NAMESPACE_LABEL, operator: "Exists" });
  return { ...(Object.keys(matchLabels).length ? { matchLabels } : {}), ...(matchExpressions.length ? { matchExpressions } : {}) };
}

function ciliumPorts(ports: NetworkPolicyPort[]): Pick<CiliumPeerRule, "toPorts"> {
  if (ports.length === 0) return {};
  return { toPorts: [{ ports: ports.map((p) => ({ port: p.port === undefined ? "0" : String(p.port).toLowerCase(), protocol: p.protocol, ...(p.endPort ? { endPort: p.endPort } : {}) })) }] };
}

function ciliumRules(peers: NetworkPolicyPeer[], ports: NetworkPolicyPort[]): CiliumPeerRule[] {
  if (peers.length === 0) return [ports.length ? ciliumPorts(ports) : { entities: ["all"] }];
  const endpoints = peers.filter((p) => !p.ipBlock).map((p) => (p.namespaceSelector ? namespaceLabelsSelector(p.namespaceSelector, p.podSelector) : (p.podSelector ?? {})));
  const cidrs = peers.filter((p) => p.ipBlock).map((p) => ({ cidr: p.ipBlock!.cidr, except: p.ipBlock!.except }));
  return [...(endpoints.length ? [{ endpoints, ...ciliumPorts(ports) }] : []), ...(cidrs.length ? [{ cidrSet: cidrs, ...ciliumPorts(ports) }] : [])];
}

export function toCilium(np: NetworkPolicy): CiliumPolicy {
  const section = (dir: "ingress" | "egress") => {
    if (!np.policyTypes.includes(dir === "ingress" ? "Ingress" : "Egress")) return undefined;
    const rules = dir === "ingress" ? np.ingress.map((r) => ({ peers: r.from, ports: r.ports })) : np.egress.map((r) => ({ peers: r.to, ports: r.ports }));
    return rules.length ? rules.flatMap((r) => ciliumRules(r.peers, r.ports)) : [{}];
  };
  const ingress = section("ingress");
  const egress = section("egress");
  return { name: np.name, namespace: np.namespace, labels: {}, annotations: {}, kind: "CiliumNetworkPolicy", specs: [{ path: "spec", endpointSelector: np.podSelector, enableDefaultDeny: {}, ...(ingress ? { ingress } : {}), ...(egress ? { egress } : {}) }] };
}

function calicoSide(peer: NetworkPolicyPeer | undefined): CalicoEntityRule {
  if (!peer) return {};
  if (peer.ipBlock) return { nets: [peer.ipBlock.cidr], ...(peer.ipBlock.except.length ? { notNets: peer.ipBlock.except } : {}) };
  return { selector: `projectcalico.org/orchestrator == 'k8s'${peer.podSelector ? ` && ${calicoSelectorOf(peer.podSelector)}` : ""}`, ...(peer.namespaceSelector ? { namespaceSelector: calicoSelectorOf(peer.namespaceSelector) } : {}) };
}

function calicoRules(peers: NetworkPolicyPeer[], ports: NetworkPolicyPort[], dir: "ingress" | "egress"): CalicoRule[] {
  const byProto = ports.length ? [...new Set(ports.map((p) => p.protocol))].map((proto) => ({ proto, list: ports.filter((p) => p.protocol === proto) })) : [undefined];
  return (peers.length ? peers : [undefined]).flatMap((peer) =>
    byProto.map((pp): CalicoRule => {
      const dst: CalicoEntityRule = pp && pp.list.some((p) => p.port !== undefined) ? { ports: pp.list.map((p) => (p.port === undefined ? "1:65535" : typeof p.port === "number" && p.endPort ? `${p.port}:${p.endPort}` : p.port)) } : {};
      return { action: "Allow", ...(pp ? { protocol: pp.proto } : {}), source: dir === "ingress" ? calicoSide(peer) : {}, destination: dir === "egress" ? { ...calicoSide(peer), ...dst } : dst };
    }),
  );
}

export function toCalico(np: NetworkPolicy): CalicoPolicy {
  return {
    name: np.name,
    namespace: np.namespace,
    labels: {},
    annotations: {},
    kind: "NetworkPolicy",
    group: "projectcalico.org",
    tier: "default",
    order: 1000,
    selector: calicoSelectorOf(np.podSelector),
    types: np.policyTypes,
    ingress: np.policyTypes.includes("Ingress") ? np.ingress.flatMap((r) => calicoRules(r.from, r.ports, "ingress")) : [],
    egress: np.policyTypes.includes("Egress") ? np.egress.flatMap((r) => calicoRules(r.to, r.ports, "egress")) : [],
  };
}

/** The snapshot with every third namespace's NetworkPolicies rewritten as `cni` policies. */
export function withCniPolicies(snapshot: ClusterSnapshot, cni: "cilium" | "calico"): ClusterSnapshot {
  const namespaces = [...new Set(snapshot.networkPolicies.map((n) => n.namespace))].sort();
  const chosen = new Set(namespaces.filter((_, i) => i % 3 === 0));
  const moved = snapshot.networkPolicies.filter((n) => chosen.has(n.namespace));
  const kept = snapshot.networkPolicies.filter((n) => !chosen.has(n.namespace));
  if (cni === "cilium") return { ...snapshot, networkPolicies: kept, ciliumPolicies: [...(snapshot.ciliumPolicies ?? []), ...moved.map(toCilium)] };
  return { ...snapshot, networkPolicies: kept, calicoPolicies: [...(snapshot.calicoPolicies ?? []), ...moved.map(toCalico)] };
}
