/** The network rules of the findings catalogue (category "network"). */
import type { RuleInfo } from "../findings/types";
import { CNI_RULES } from "./findings-cni-catalogue";

const NP_DOCS = "kubernetes.io/docs/concepts/services-networking/network-policies";

export const NETWORK_RULES: readonly RuleInfo[] = [
  {
    rule: "NP01",
    category: "network",
    title: "Namespace without default-deny ingress",
    severity: "medium",
    description: "No policy isolates every pod of the namespace for ingress, so a new or unlabelled pod accepts connections from anywhere until someone writes a policy for it.",
    remediation: "Add a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress]` (no rules), then allow what each workload needs.",
    references: ["CIS 5.3.2", "Kubescape C-0206", "Kubescape C-0054", "kubeaudit MissingDefaultDenyIngressAndEgressNetworkPolicy", "NSA/CISA Kubernetes Hardening: network separation", NP_DOCS],
  },
  {
    rule: "NP02",
    category: "network",
    title: "Namespace without default-deny egress",
    severity: "low",
    description: "No policy isolates every pod of the namespace for egress, so a compromised pod can open connections anywhere.",
    remediation: "Add a NetworkPolicy with `podSelector: {}` and `policyTypes: [Egress]`, plus an egress rule for DNS, then allow what each workload needs.",
    references: ["kubeaudit MissingDefaultDenyIngressAndEgressNetworkPolicy", NP_DOCS],
  },
  {
    rule: "NP03",
    category: "network",
    title: "Workload selected by no network policy",
    severity: "low",
    description: "No NetworkPolicy or admin policy selects the workload's pods in either direction: every connection to and from them is allowed.",
    remediation: "Select the workload with a NetworkPolicy that allows only the peers and ports it needs (or add a namespace default-deny).",
    references: [NP_DOCS],
  },
  {
    rule: "NP04",
    category: "network",
    title: "Policy selects no pod",
    severity: "low",
    description: "The policy's podSelector (or the admin policy's subject) matches no pod, so it protects nothing — often a typo in a label or a leftover.",
    remediation: "Fix the selector to match the intended pods, or delete the policy.",
    references: [NP_DOCS],
  },
  {
    rule: "NP05",
    category: "network",
    title: "Rule that can never match",
    severity: "low",
    description: "A rule refers to a named port no candidate pod declares, a peer selector matching no pod or namespace, or a named port towards addresses: it allows nothing.",
    remediation: "Use the port name the pods declare (with its protocol), fix the peer selector, or use a port number for ipBlock peers.",
    references: ["np-guard/netpol-analyzer#405", NP_DOCS],
  },
  {
    rule: "NP06",
    category: "network",
    title: "Internet-exposed workload with unrestricted ingress",
    severity: "high",
    description: "The workload is reachable from outside the cluster (LoadBalancer, NodePort, externalIPs, Ingress/Route, hostPort or host network) and no policy narrows who may connect to it.",
    remediation: "Select the workload with an ingress NetworkPolicy that admits only the ingress controller or load balancer ranges on the serving port.",
    references: ["MITRE ATT&CK T1190", "NSA/CISA Kubernetes Hardening: network separation", NP_DOCS],
  },
  {
    rule: "NP07",
    category: "network",
    title: "Unrestricted egress to the internet",
    severity: "low",
    description: "Workloads of the namespace may open any connection to any public address, which makes exfiltration and command-and-control easy after a compromise.",
    remediation: "Isolate egress and allow only the destinations each workload needs (DNS, specific CIDRs or an egress gateway).",
    references: ["MITRE ATT&CK T1041", NP_DOCS],
  },
  {
    rule: "NP08",
    category: "network",
    title: "Cloud metadata endpoint reachable",
    severity: "high",
    description: "Pods can connect to 169.254.169.254, where cloud providers serve instance credentials; a compromised pod can take the node's cloud identity.",
    remediation: "Deny egress to 169.254.169.254/32 cluster-wide (an AdminNetworkPolicy Deny rule with `networks`), or exclude it from every ipBlock that allows egress.",
    references: ["MITRE ATT&CK T1552.005"],
  },
  {
    rule: "NP09",
    category: "network",
    title: "Host-networked pod outside policy control",
    severity: "medium",
    description: "The pod shares its node's network namespace: NetworkPolicy does not apply to it, it can listen on the node's addresses and reach node-local services.",
    remediation: "Drop hostNetwork unless the workload must manage the node's network; restrict it with host firewall rules or the CNI's host endpoint policies.",
    references: ["PSS baseline: Host namespaces", "CIS 5.2.5", "Kubescape C-0041"],
  },
  {
    rule: "NP10",
    category: "network",
    title: "Attack path: internet → pod → service account token → permission",
    severity: "critical",
    description: "An internet-reachable workload runs with a service account that holds a risky permission: whoever compromises the pod can use its token against the API server.",
    remediation: "Restrict who can reach the workload, give it a service account without the permission (or disable token automount), and review the binding.",
    references: ["MITRE ATT&CK T1190", "MITRE ATT&CK T1528", "CIS Kubernetes Benchmark 5.1.6"],
  },
  {
    rule: "NP11",
    category: "network",
    title: "Admin policies share a priority",
    severity: "medium",
    description: "Two AdminNetworkPolicies or ClusterNetworkPolicies of one tier with the same priority may both match traffic; the API leaves their order undefined, so the verdict depends on the implementation.",
    remediation: "Give every AdminNetworkPolicy and ClusterNetworkPolicy of a tier a distinct priority.",
    references: ["policy.networking.k8s.io/v1alpha1 AdminNetworkPolicySpec.priority", "policy.networking.k8s.io/v1alpha2 ClusterNetworkPolicySpec.priority"],
  },
  ...CNI_RULES,
];

export function networkRule(rule: string): RuleInfo {
  const r = NETWORK_RULES.find((x) => x.rule === rule);
  if (!r) throw new Error(`unknown network rule ${rule}`);
  return r;
}
