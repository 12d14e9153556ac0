/**
 * The CNIs' own policy kinds: Cilium (cilium.io/v2 CiliumNetworkPolicy and
 * CiliumClusterwideNetworkPolicy) and Calico (projectcalico.org/v3, or crd.projectcalico.org/v1 as
 * stored without the Calico API server: NetworkPolicy, GlobalNetworkPolicy, their staged variants,
 * StagedKubernetesNetworkPolicy, Tier, NetworkSet, GlobalNetworkSet), kept close to how they are
 * written so explanations can quote them. Kinds of other network and mesh projects that can change a
 * verdict but that the engine does not evaluate are kept as `NetworkExtension` records.
 */
import type { LabelSelector } from "../selector";
import type { Meta } from "./meta";
import type { NetworkPolicyEgressRule, NetworkPolicyIngressRule, PolicyType } from "./network";

// --- Cilium (pkg/policy/api: Rule, IngressRule, EgressRule, PortRule) ---

export interface CiliumPortProtocol {
  /** "80", "0" (every port), or an IANA service name (a named port, lowercased as Cilium does). */
  port: string;
  endPort?: number;
  /** TCP, UDP, SCTP, ANY (the default), or a protocol without ports (ICMP, ...). */
  protocol: string;
}

export interface CiliumPortRule {
  ports: CiliumPortProtocol[];
  /** Kinds of L7 rules present (http, kafka, dns, l7proto): enforced by a proxy, not modelled. */
  l7?: string[];
  /** serverNames / listener / TLS fields: not modelled. */
  other?: string[];
}

export interface CiliumCIDRRule {
  cidr?: string;
  except: string[];
  /** cidrGroupRef / cidrGroupSelector: CiliumCIDRGroups, not read. */
  group?: string;
}

/**
 * One peer section of a rule: `fromX` for ingress, `toX` for egress. A field that is absent is
 * undefined; a field present as an empty list is `[]` — Cilium tells them apart (an empty list
 * selects nothing: pkg/policy/utils mergeEndpointSelectors).
 */
export interface CiliumPeerRule {
  endpoints?: LabelSelector[];
  /** fromRequires / toRequires (deprecated): extra conditions on every rule of the policy. */
  requires?: LabelSelector[];
  cidr?: string[];
  cidrSet?: CiliumCIDRRule[];
  entities?: string[];
  nodes?: LabelSelector[];
  /** toFQDNs / toServices / toGroups: present, resolved at run time, not modelled. */
  fqdns?: string[];
  services?: string[];
  groups?: number;
  toPorts?: CiliumPortRule[];
  /** ICMP rules: they only concern ICMP, which connection sets do not model. */
  icmps?: number;
  /** `authentication.mode` (mutual auth): enforced after the L3/L4 verdict, not modelled. */
  authentication?: string;
}

export interface CiliumRuleSpec {
  /** `spec` or `specs[i]`. */
  path: string;
  /** Absent for a host policy (nodeSelector). */
  endpointSelector?: LabelSelector;
  nodeSelector?: LabelSelector;
  ingress?: CiliumPeerRule[];
  ingressDeny?: CiliumPeerRule[];
  egress?: CiliumPeerRule[];
  egressDeny?: CiliumPeerRule[];
  enableDefaultDeny: { ingress?: boolean; egress?: boolean };
  description?: string;
}

export interface CiliumPolicy extends Meta {
  kind: "CiliumNetworkPolicy" | "CiliumClusterwideNetworkPolicy";
  /** `spec` then `specs`, each a rule as Cilium imports it. */
  specs: CiliumRuleSpec[];
  /** Why the agent would reject the policy (pkg/policy/api rule_validation.go); it is then not enforced. */
  invalid?: string;
}

// --- Calico (projectcalico.org/v3 and crd.projectcalico.org/v1) ---

export type CalicoAction = "Allow" | "Deny" | "Log" | "Pass";

export interface CalicoEntityRule {
  nets?: string[];
  notNets?: string[];
  selector?: string;
  notSelector?: string;
  namespaceSelector?: string;
  /** Numbers, "start:end" ranges, or named ports. */
  ports?: (number | string)[];
  notPorts?: (number | string)[];
  serviceAccounts?: { names?: string[]; selector?: string };
  services?: { name: string; namespace?: string };
}

export interface CalicoRule {
  action: CalicoAction;
  /** TCP, UDP, SCTP, ICMP, ICMPv6, UDPLite or a number. */
  protocol?: string | number;
  notProtocol?: string | number;
  ipVersion?: number;
  icmp?: boolean;
  source: CalicoEntityRule;
  destination: CalicoEntityRule;
  /** Application-layer (`http`) match: enforced by Envoy/Dikastes, not modelled. */
  http?: boolean;
  name?: string;
}

export type CalicoPolicyKind =
  | "NetworkPolicy"
  | "GlobalNetworkPolicy"
  | "StagedNetworkPolicy"
  | "StagedGlobalNetworkPolicy"
  | "StagedKubernetesNetworkPolicy";

export interface CalicoPolicy extends Meta {
  kind: CalicoPolicyKind;
  /** projectcalico.org or crd.projectcalico.org */
  group: string;
  /** The name as written (for a tiered policy before Calico v3.32, `<tier>.<name>`). */
  tier: string;
  /** Undefined = after every ordered policy of its tier. */
  order?: number;
  selector: string;
  /** GlobalNetworkPolicy: namespaces whose pods it selects (ANDed with selector). */
  namespaceSelector?: string;
  serviceAccountSelector?: string;
  types: PolicyType[];
  /** True when `types` came from defaulting. */
  typesDefaulted?: boolean;
  ingress: CalicoRule[];
  egress: CalicoRule[];
  /** Host-endpoint-only options: the policy then does not apply to pods (except applyOnForward). */
  doNotTrack?: boolean;
  preDNAT?: boolean;
  applyOnForward?: boolean;
  /** Staged kinds: Set or Delete, never enforced. */
  stagedAction?: "Set" | "Delete";
  /** StagedKubernetesNetworkPolicy: the NetworkPolicy spec it would become. */
  kubernetes?: { podSelector: LabelSelector; policyTypes: PolicyType[]; ingress: NetworkPolicyIngressRule[]; egress: NetworkPolicyEgressRule[] };
}

export interface CalicoTier extends Meta {
  /** Undefined = last (after every ordered tier). The built-in default tier is 1,000,000. */
  order?: number;
  /** What happens to traffic the tier's policies select but do not decide (Calico >= 3.29; default Deny). */
  defaultAction: "Deny" | "Pass";
}

export interface CalicoNetworkSet extends Meta {
  kind: "NetworkSet" | "GlobalNetworkSet";
  nets: string[];
  allowedEgressDomains: string[];
}

// --- Everything else that can change a network verdict ---

export interface NetworkExtension extends Meta {
  kind: string;
  apiVersion: string;
  /** The project (Antrea, Istio, Linkerd, OVN-Kubernetes, ...) and why its verdicts are not evaluated. */
  project: string;
  reason: string;
}
