/**
 * What each CNI does with network policy: which kinds it enforces at all, whether ipBlock rules
 * match pod IPs, and which program compiler applies its semantics. Where a project's behaviour is
 * not documented precisely enough, the profile says "assumed" and why, and the UI and CLI show it.
 */
export type CniId =
  | "none"
  | "cilium"
  | "calico"
  | "antrea"
  | "ovn-kubernetes"
  | "kube-router"
  | "weave"
  | "aws-vpc-cni"
  | "aws-vpc-cni-policy"
  | "azure-npm"
  | "flannel";

/** What the user can ask for: a CNI, `auto` (detect), or `none` (upstream Kubernetes semantics alone). */
export type CniChoice = "auto" | CniId;

export interface CniProfile {
  id: CniId;
  label: string;
  /** Which compiler builds the program: upstream layers, Cilium's deny/allow, or Calico's tiers. */
  engine: "upstream" | "cilium" | "calico";
  enforces: {
    networkPolicy: boolean;
    /** AdminNetworkPolicy / BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1). */
    adminNetworkPolicy: boolean;
    /** ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2). */
    clusterNetworkPolicy: boolean;
  };
  ipBlockMatchesPods: boolean;
  /** Whether ipBlock / CIDR rules match node addresses (and host-networked pods). */
  cidrMatchesNodes: boolean;
  /** Facts about this CNI a reader should know, with their sources. */
  notes: string[];
}

const UPSTREAM_ENFORCES = { networkPolicy: true, adminNetworkPolicy: true, clusterNetworkPolicy: true };
const NP_ONLY = { networkPolicy: true, adminNetworkPolicy: false, clusterNetworkPolicy: false };
const NOTHING = { networkPolicy: false, adminNetworkPolicy: false, clusterNetworkPolicy: false };

export const CNI_PROFILES: Record<CniId, CniProfile> = {
  none: {
    id: "none",
    label: "Kubernetes semantics alone",
    engine: "upstream",
    enforces: UPSTREAM_ENFORCES,
    ipBlockMatchesPods: false,
    cidrMatchesNodes: true,
    notes: ["NetworkPolicy, AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy as the Kubernetes APIs define them; CNI-specific kinds are not applied"],
  },
  cilium: {
    id: "cilium",
    label: "Cilium",
    engine: "cilium",
    enforces: NP_ONLY,
    ipBlockMatchesPods: false,
    cidrMatchesNodes: false,
    notes: [
      "deny rules win over every allow, across NetworkPolicy, CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy (Cilium docs: security/policy/language.rst, Deny Policies)",
      "CIDR rules and ipBlock never match pods or nodes; use the host / remote-node entities for nodes (language.rst, Selecting nodes with CIDR / ipBlock)",
      "a node always reaches the pods it runs (allow-localhost, the Kubernetes default)",
      "AdminNetworkPolicy and ClusterNetworkPolicy are not implemented by Cilium and are not enforced",
    ],
  },
  calico: {
    id: "calico",
    label: "Calico",
    engine: "calico",
    enforces: { networkPolicy: true, adminNetworkPolicy: true, clusterNetworkPolicy: true },
    ipBlockMatchesPods: true,
    cidrMatchesNodes: true,
    notes: [
      "tiers in order, policies in order, first matching rule decides; NetworkPolicies are default-tier policies at order 1000 (projectcalico/calico libcalico-go conversion.go)",
      "ipBlock and nets match pod IPs too (projectcalico/calico#6634)",
    ],
  },
  antrea: {
    id: "antrea",
    label: "Antrea",
    engine: "upstream",
    enforces: { networkPolicy: true, adminNetworkPolicy: true, clusterNetworkPolicy: false },
    ipBlockMatchesPods: false,
    cidrMatchesNodes: true,
    notes: ["Antrea enforces NetworkPolicy and AdminNetworkPolicy/BaselineAdminNetworkPolicy; its own Antrea-native policies are not evaluated (verdicts they could change are marked incomplete); ipBlock is assumed not to match pod IPs"],
  },
  "ovn-kubernetes": {
    id: "ovn-kubernetes",
    label: "OVN-Kubernetes",
    engine: "upstream",
    enforces: { networkPolicy: true, adminNetworkPolicy: true, clusterNetworkPolicy: false },
    ipBlockMatchesPods: false,
    cidrMatchesNodes: true,
    notes: ["OVN-Kubernetes enforces NetworkPolicy and AdminNetworkPolicy/BaselineAdminNetworkPolicy; EgressFirewalls are not evaluated; ipBlock is assumed not to match pod IPs"],
  },
  "kube-router": {
    id: "kube-router",
    label: "kube-router",
    engine: "upstream",
    enforces: NP_ONLY,
    ipBlockMatchesPods: false,
    cidrMatchesNodes: true,
    notes: ["kube-router enforces NetworkPolicy only (not AdminNetworkPolicy); ipBlock is assumed not to match pod IPs"],
  },
  weave: {
    id: "weave",
    label: "Weave Net",
    engine: "upstream",
    enforces: NP_ONLY,
    ipBlockMatchesPods: false,
    cidrMatchesNodes: true,
    notes: ["weave-npc enforces NetworkPolicy only; ipBlock is assumed not to match pod IPs"],
  },
  "aws-vpc-cni": {
    id: "aws-vpc-cni",
    label: "AWS VPC CNI (no network policy agent)",
    engine: "upstream",
    enforces: NOTHING,
    ipBlockMatchesPods: false,
    cidrMatchesNodes: true,
    notes: ["the AWS VPC CNI enforces no NetworkPolicy unless its network policy agent is enabled (Amazon EKS user guide, Limit pod traffic with Kubernetes network policies)"],
  },
  "aws-vpc-cni-policy": {
    id: "aws-vpc-cni-policy",
    label: "AWS VPC CNI with the network policy agent",
    engine: "upstream",
    enforces: NP_ONLY,
    ipBlockMatchesPods: false,
    cidrMatchesNodes: true,
    notes: ["the network policy agent container is present; it is assumed to be enabled (--enable-network-policy=true), which a snapshot cannot show"],
  },
  "azure-npm": {
    id: "azure-npm",
    label: "Azure Network Policy Manager",
    engine: "upstream",
    enforces: NP_ONLY,
    ipBlockMatchesPods: false,
    cidrMatchesNodes: true,
    notes: ["Azure NPM enforces NetworkPolicy only; ipBlock is assumed not to match pod IPs"],
  },
  flannel: {
    id: "flannel",
    label: "Flannel (alone)",
    engine: "upstream",
    enforces: NOTHING,
    ipBlockMatchesPods: false,
    cidrMatchesNodes: true,
    notes: ["Flannel provides networking only and enforces no NetworkPolicy (flannel-io/flannel README, Networking details)"],
  },
};

export const CNI_IDS = Object.keys(CNI_PROFILES) as CniId[];

export function isCniChoice(v: string): v is CniChoice {
  return v === "auto" || (CNI_IDS as string[]).includes(v);
}
