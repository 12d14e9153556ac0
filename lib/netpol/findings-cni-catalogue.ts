/** The network rules about the CNI and its own policy kinds (Cilium, Calico). */
import type { RuleInfo } from "../findings/types";

export const CNI_RULES: readonly RuleInfo[] = [
  {
    rule: "NP12",
    category: "network",
    title: "The CNI enforces no network policy",
    severity: "critical",
    description: "The cluster's CNI provides networking only (Flannel alone, the AWS VPC CNI without its network policy agent): every NetworkPolicy and admin policy in the cluster is decoration, and every pod can reach every other.",
    remediation: "Run a policy engine: enable the AWS VPC CNI's network policy agent, add Calico in policy-only mode (Canal) or move to a CNI that enforces NetworkPolicy (Cilium, Calico, Antrea).",
    references: ["kubernetes.io/docs/concepts/services-networking/network-policies#prerequisites", "Amazon EKS user guide: Limit pod traffic with Kubernetes network policies", "flannel-io/flannel README: Networking details"],
  },
  {
    rule: "NP13",
    category: "network",
    title: "Policy kind the CNI does not enforce",
    severity: "high",
    description: "Policies of a kind the CNI in force does not implement are present (AdminNetworkPolicy under Cilium, Cilium policies on a Calico cluster): they look like guardrails and enforce nothing.",
    remediation: "Rewrite them in a kind the CNI enforces (CiliumClusterwideNetworkPolicy deny rules for AdminNetworkPolicy under Cilium; Calico GlobalNetworkPolicy in a tier) or delete them; keep one source of truth.",
    references: ["Cilium: AdminNetworkPolicy is not implemented (cilium/cilium#23380)", "Calico: AdminNetworkPolicy from v3.29 to v3.31, ClusterNetworkPolicy from v3.32"],
  },
  {
    rule: "NP14",
    category: "network",
    title: "Policy the CNI rejects",
    severity: "medium",
    description: "The CNI refuses the policy (the Cilium agent's validation, a Calico selector that does not parse): it is stored in the cluster but enforces nothing, usually without anyone noticing.",
    remediation: "Fix the reported field (Cilium: one peer field per rule, valid entities and ports; Calico: selector syntax) and check the agent's logs or the policy's status.",
    references: ["cilium/cilium pkg/policy/api/rule_validation.go", "projectcalico/calico libcalico-go/lib/selector"],
  },
  {
    rule: "NP15",
    category: "network",
    title: "Allow rule shadowed by a deny rule",
    severity: "low",
    description: "Under Cilium every deny rule wins over every allow rule: this allow rule admits nothing, because deny rules of the same pods take every peer and port it names.",
    remediation: "Narrow the deny rule, or delete the allow rule that can never take effect.",
    references: ["Cilium docs: security/policy/language.rst, Deny Policies"],
  },
  {
    rule: "NP16",
    category: "network",
    title: "Calico tier that no traffic reaches",
    severity: "medium",
    description: "Every pod the tier's policies select is already decided by an earlier tier that ends in Deny with no Pass rule: the tier's policies never see a packet.",
    remediation: "Add a Pass rule (or defaultAction: Pass) to the earlier tier for the traffic this tier should decide, or move the policies into the earlier tier.",
    references: ["Calico docs: reference/resources/tier.mdx", "projectcalico/calico felix/rules/endpoints.go (end-of-tier drop)"],
  },
  {
    rule: "NP17",
    category: "network",
    title: "Staged policy would cut live connections",
    severity: "medium",
    description: "A Calico staged policy, once enforced, would block connections the cluster allows today. Staged policies exist to preview this before enforcing.",
    remediation: "Add allow rules for the connections listed (if they are wanted) before promoting the staged policy, or keep it staged.",
    references: ["Calico docs: network-policy/staged-network-policies", "projectcalico/calico e2e/pkg/tests/policy/staged_policy.go"],
  },
];
