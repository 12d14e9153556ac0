/**
 * The risky-permission catalogue, as data: R01–R28 (risky permissions of a subject), R29 (workloads
 * whose mounted token carries a critical or high permission), H1–H4 (binding hygiene, and aggregation
 * drift on a live cluster). Each probe-based
 * entry lists requests that are put to the same evaluator as every other query — never a string
 * match on rules — against a subject's effective rules in one scope (cluster-wide, a privileged
 * namespace, another namespace). Severity: the tier's base, one level up in the cluster and
 * privileged-namespace scopes when `raise` is set, one level down when only rules with
 * resourceNames grant it (unless `namedPenalty: false`). Primary source: kubernetes/website
 * content/en/docs/concepts/security/rbac-good-practices.md ("GP"); CIS and Kubescape ids as
 * kubescape/regolibrary frameworks/cis-v1.12.0.json maps them (checked in lib/compliance).
 */
import { ANY, probes, type Condition, type Probe, type RiskRule } from "./risk-model";

const WRITE = ["create", "update", "patch", "delete"];
const MODIFY = ["update", "patch"];
const RBAC = "rbac.authorization.k8s.io";
const ADM = "admissionregistration.k8s.io";

const any = (...ps: Probe[][]): Condition => ({ any: ps.flat() });

function rule(r: Omit<RiskRule, "category">): RiskRule {
  return { category: "rbac", ...r };
}

export const RISK_RULES: readonly RiskRule[] = [
  rule({
    rule: "R01", slug: "cluster-admin-equiv", title: "Cluster-admin equivalent", phrase: "is cluster-admin equivalent", severity: "critical",
    description: "Full control of every current and future resource type.",
    remediation: "Bind a role limited to the resources and verbs the subject needs; keep cluster-admin for break-glass accounts.",
    references: ["CIS 5.1.1", "Kubescape C-0185", "Kubescape C-0035", "Polaris clusterrolebindingClusterAdmin", "GP Least privilege"],
    // In an ordinary namespace (a RoleBinding to cluster-admin) this is namespace-admin: High there.
    tiers: [{ label: "every verb on every resource of every API group", when: any([{ verb: ANY, group: ANY, resource: ANY, name: "any" }]), severity: "high", raise: true }],
  }),
  rule({
    rule: "R02", slug: "escalate", title: "Can escalate roles", phrase: "can escalate roles", severity: "critical",
    description: "Can create or edit roles with permissions the subject does not hold, bypassing RBAC's escalation prevention.",
    remediation: "Remove the escalate verb on roles and clusterroles; only the control plane needs it.",
    references: ["CIS 5.1.8", "Kubescape C-0191", "GP Escalate verb"],
    tiers: [{ label: "escalate on roles or clusterroles", when: any(probes(["escalate"], RBAC, ["roles", "clusterroles"])), severity: "critical" }],
  }),
  rule({
    rule: "R03", slug: "bind", title: "Can bind any role", phrase: "can bind roles to itself", severity: "critical",
    description: "Can bind any role, including cluster-admin, to itself: bind is checked on the role, not the binding.",
    remediation: "Remove bind on roles/clusterroles, or restrict it with resourceNames to low-privilege roles.",
    references: ["CIS 5.1.8", "Kubescape C-0191", "GP Bind verb"],
    tiers: [{
      label: "bind on roles/clusterroles and write on rolebindings/clusterrolebindings",
      when: { all: [any(probes(["bind"], RBAC, ["roles", "clusterroles"])), any(probes(["create", ...MODIFY], RBAC, ["rolebindings", "clusterrolebindings"]))] },
      severity: "critical",
    }],
  }),
  rule({
    rule: "R04", slug: "impersonate", title: "Can impersonate", phrase: "can impersonate other identities", severity: "critical",
    description: "Can act as any user, group (system:masters included) or service account.",
    remediation: "Remove impersonate, or restrict it with resourceNames to the identities really needed.",
    references: ["CIS 5.1.8", "Kubescape C-0191", "Kubescape C-0065", "GP Impersonate verb"],
    tiers: [
      {
        label: "impersonate users, groups, uids or user extras",
        when: any(probes(["impersonate"], "", ["users", "groups"]), probes(["impersonate"], "authentication.k8s.io", ["uids", `userextras/${ANY}`])),
        severity: "critical",
      },
      // Impersonating the service accounts of one namespace is worth their tokens: as R05.
      { label: "impersonate service accounts", when: any(probes(["impersonate"], "", ["serviceaccounts"])), severity: "high", raise: true },
    ],
  }),
  rule({
    rule: "R05", slug: "token-request", title: "Can mint service account tokens", phrase: "can create service account tokens", severity: "critical",
    description: "Can mint tokens for any service account in scope, and so gain their rights.",
    remediation: "Remove create on serviceaccounts/token; workloads get their own token projected by the kubelet.",
    references: ["CIS 5.1.13", "Kubescape C-0282", "GP Token request"],
    tiers: [{ label: "create serviceaccounts/token", when: any(probes(["create"], "", ["serviceaccounts/token"])), severity: "high", raise: true }],
  }),
  rule({
    rule: "R06", slug: "secrets-read", title: "Can read Secrets", phrase: "can read Secrets", severity: "high",
    description: "list and watch return full Secret contents (not only names), legacy service account tokens included.",
    remediation: "Remove get/list/watch on secrets; mount the Secrets a workload needs, or name them with resourceNames.",
    references: ["CIS 5.1.2", "Kubescape C-0186", "Kubescape C-0015", "GP Listing secrets"],
    tiers: [
      { label: "list or watch Secrets", when: any(probes(["list", "watch"], "", ["secrets"])), severity: "high", raise: true },
      { label: "get Secrets", when: any(probes(["get"], "", ["secrets"])), severity: "high" },
    ],
  }),
  rule({
    rule: "R07", slug: "secrets-write-token", title: "Can write Secrets in a privileged namespace", phrase: "can write Secrets in a privileged namespace", severity: "critical",
    description: "Can create service-account-token Secrets for admin-equivalent service accounts.",
    remediation: "Remove create/update/patch on secrets in kube-system and other privileged namespaces.",
    references: ["GP Token request"],
    tiers: [{ label: "create/update/patch Secrets", when: any(probes(["create", ...MODIFY], "", ["secrets"])), severity: "critical", scopes: ["cluster", "privileged-namespace"] }],
  }),
  rule({
    rule: "R08", slug: "pod-create", title: "Can create pods", phrase: "can create pods", severity: "high",
    description: "Can mount any Secret, ConfigMap or volume of the namespace, run as any service account there and, without Pod Security Admission, run privileged pods that own the node.",
    remediation: "Let a controller create pods; enforce Pod Security Admission baseline or restricted on the namespace.",
    references: ["CIS 5.1.4", "Kubescape C-0188", "GP Workload creation"],
    tiers: [{ label: "create pods", when: any(probes(["create"], "", ["pods"])), severity: "high", raise: true }],
  }),
  rule({
    rule: "R09", slug: "workload-create", title: "Can create or change workloads", phrase: "can create or change workloads", severity: "high",
    description: "Same as creating pods, through the pod template of a controller.",
    remediation: "Deploy through CI or GitOps with a dedicated identity; enforce Pod Security Admission on the namespace.",
    references: ["CIS 5.1.4", "Kubescape C-0188", "GP Workload creation"],
    tiers: [{
      label: "create/update/patch deployments, daemonsets, statefulsets, replicasets, jobs, cronjobs or replicationcontrollers",
      when: any(probes(["create", ...MODIFY], "apps", ["deployments", "daemonsets", "statefulsets", "replicasets"]), probes(["create", ...MODIFY], "batch", ["jobs", "cronjobs"]), probes(["create", ...MODIFY], "", ["replicationcontrollers"])),
      severity: "high", raise: true,
    }],
  }),
  rule({
    rule: "R10", slug: "pod-exec", title: "Can exec into pods", phrase: "can exec into pods", severity: "high",
    description: "Can run code in existing pods and take their service account token. Before the AuthorizePodWebsocketUpgradeCreatePermission gate, websocket exec was authorized as get.",
    remediation: "Remove pods/exec; use ephemeral debug workflows with approval, or audit exec access.",
    references: ["Kubescape C-0002", "Polaris clusterrolePodExecAttach"],
    tiers: [
      { label: "create pods/exec", when: any(probes(["create"], "", ["pods/exec"])), severity: "high", raise: true },
      // Before 1.31 (AuthorizePodWebsocketUpgradeCreatePermission on by default) get was enough over websockets.
      { label: "get pods/exec (exec over websockets before Kubernetes 1.31)", when: any(probes(["get"], "", ["pods/exec"])), severity: "medium", raise: true },
    ],
  }),
  rule({
    rule: "R11", slug: "pod-attach", title: "Can attach to pods", phrase: "can attach to pods", severity: "high",
    description: "Interactive access to the processes of running containers.",
    remediation: "Remove pods/attach.",
    references: ["Polaris clusterrolePodExecAttach"],
    tiers: [
      { label: "create pods/attach", when: any(probes(["create"], "", ["pods/attach"])), severity: "high", raise: true },
      { label: "get pods/attach (attach over websockets before Kubernetes 1.31)", when: any(probes(["get"], "", ["pods/attach"])), severity: "medium", raise: true },
    ],
  }),
  rule({
    rule: "R12", slug: "pod-portforward", title: "Can port-forward to pods", phrase: "can port-forward to pods", severity: "medium",
    description: "Reaches pod ports and sidecars from outside, past NetworkPolicy.",
    remediation: "Remove pods/portforward outside development namespaces.",
    references: ["Kubescape C-0063"],
    tiers: [{ label: "create or get pods/portforward", when: any(probes(["create", "get"], "", ["pods/portforward"])), severity: "medium" }],
  }),
  rule({
    rule: "R13", slug: "ephemeral-containers", title: "Can inject ephemeral containers", phrase: "can inject ephemeral containers", severity: "high",
    description: "Injects a container, possibly privileged, into a running pod.",
    remediation: "Remove update/patch on pods/ephemeralcontainers.",
    references: ["GP Workload creation"],
    tiers: [{ label: "update/patch pods/ephemeralcontainers", when: any(probes(MODIFY, "", ["pods/ephemeralcontainers"])), severity: "high" }],
  }),
  rule({
    rule: "R14", slug: "pod-modify", title: "Can modify pods", phrase: "can modify running pods", severity: "medium",
    description: "Swapping a container image runs the attacker's code in a possibly powerful pod.",
    remediation: "Remove update/patch on pods; change workloads through their controllers.",
    references: ["GP Workload creation"],
    tiers: [{ label: "update/patch pods", when: any(probes(MODIFY, "", ["pods"])), severity: "medium", raise: true }],
  }),
  rule({
    rule: "R15", slug: "nodes-proxy", title: "Can reach the kubelet API", phrase: "can use nodes/proxy", severity: "critical",
    description: "The kubelet API runs commands in every pod on the node and bypasses audit and admission; get is not read-only (websocket).",
    remediation: "Remove every verb on nodes/proxy; monitoring can scrape /metrics through nodes/metrics.",
    references: ["CIS 5.1.10", "Kubescape C-0279", "GP Access to proxy subresource of Nodes"],
    tiers: [{ label: "any verb on nodes/proxy", when: any(probes(["get", "create", "update", "patch", "delete"], "", ["nodes/proxy"])), severity: "critical" }],
  }),
  rule({
    rule: "R16", slug: "csr-approve", title: "Can issue client certificates", phrase: "can create and approve certificate requests", severity: "critical",
    description: "Can issue client certificates for any name, including the system:masters organisation or control-plane identities.",
    remediation: "Split CSR creation from approval; restrict approve on signers to the signer names needed.",
    references: ["CIS 5.1.11", "Kubescape C-0280", "GP CSRs and certificate issuing"],
    tiers: [{
      label: "create CSRs, update certificatesigningrequests/approval and approve signers",
      when: { all: [any(probes(["create"], "certificates.k8s.io", ["certificatesigningrequests"])), any(probes(["update"], "certificates.k8s.io", ["certificatesigningrequests/approval"])), any(probes(["approve"], "certificates.k8s.io", ["signers"]))] },
      severity: "critical", namedPenalty: false,
    }],
  }),
  rule({
    rule: "R17", slug: "admission-webhooks", title: "Can change admission webhooks", phrase: "can change admission webhooks", severity: "critical",
    description: "Webhooks see every admitted object; a mutating webhook rewrites it; deleting them disables policy engines.",
    remediation: "Keep webhook configurations to the deploying identity of the policy engine.",
    references: ["CIS 5.1.12", "Kubescape C-0281", "GP Control admission webhooks"],
    tiers: [
      { label: "write mutatingwebhookconfigurations", when: any(probes(WRITE, ADM, ["mutatingwebhookconfigurations"])), severity: "critical" },
      { label: "write validatingwebhookconfigurations", when: any(probes(WRITE, ADM, ["validatingwebhookconfigurations"])), severity: "high" },
    ],
  }),
  rule({
    rule: "R18", slug: "admission-policies", title: "Can change admission policies", phrase: "can change admission policies", severity: "high",
    description: "Can weaken or disable in-cluster guardrails (ValidatingAdmissionPolicy, Kyverno, Gatekeeper).",
    remediation: "Restrict policy objects to the platform team's deploying identity.",
    references: ["GP Control admission webhooks"],
    tiers: [{
      label: "write admission policies or their bindings",
      when: any(
        probes(["create", ...MODIFY], ADM, ["validatingadmissionpolicies", "validatingadmissionpolicybindings", "mutatingadmissionpolicies", "mutatingadmissionpolicybindings"]),
        probes(["create", ...MODIFY], "kyverno.io", ["clusterpolicies", "policies"]),
        probes(["create", ...MODIFY], "templates.gatekeeper.sh", ["constrainttemplates"]),
        probes(["create", ...MODIFY], "mutations.gatekeeper.sh", ["assign", "assignmetadata", "assignimage", "modifyset"]),
        probes(["create", ...MODIFY], "config.gatekeeper.sh", ["configs"]),
      ),
      severity: "high",
    }],
  }),
  rule({
    rule: "R19", slug: "pv-create", title: "Can create PersistentVolumes", phrase: "can create PersistentVolumes", severity: "high",
    description: "A hostPath PersistentVolume gives pods the node's filesystem.",
    remediation: "Provision volumes through StorageClasses; remove create on persistentvolumes.",
    references: ["CIS 5.1.9", "Kubescape C-0278", "GP Persistent volume creation"],
    tiers: [{ label: "create persistentvolumes", when: any(probes(["create"], "", ["persistentvolumes"])), severity: "high" }],
  }),
  rule({
    rule: "R20", slug: "namespace-modify", title: "Can relabel namespaces", phrase: "can modify namespaces", severity: "medium",
    description: "Relabelling a namespace weakens Pod Security Admission levels or NetworkPolicy namespace selectors. A RoleBinding in a namespace reaches that Namespace object itself.",
    remediation: "Remove patch/update on namespaces; manage namespace labels from the platform's GitOps.",
    references: ["GP Namespace modification"],
    tiers: [{ label: "patch/update namespaces", when: any(probes(MODIFY, "", ["namespaces"], "own-namespace")), severity: "medium" }],
  }),
  rule({
    rule: "R21", slug: "rbac-write", title: "Can write RBAC objects", phrase: "can write RBAC objects", severity: "medium",
    description: "Escalation prevention stops self-escalation, but the subject can hand its own rights to others or strip theirs.",
    remediation: "Let GitOps own RBAC objects; remove write access to roles and bindings.",
    references: ["GP Least privilege"],
    tiers: [{ label: "write roles, clusterroles, rolebindings or clusterrolebindings", when: any(probes(WRITE, RBAC, ["roles", "clusterroles", "rolebindings", "clusterrolebindings"])), severity: "medium" }],
  }),
  rule({
    rule: "R22", slug: "wildcard-rule", title: "Wildcard permissions", phrase: "holds wildcard rules", severity: "medium",
    description: "A * grants future resource types and verbs automatically, escalate, bind, impersonate and subresources included.",
    remediation: "List the verbs, API groups and resources explicitly.",
    references: ["CIS 5.1.3", "Kubescape C-0187", "GP Avoid providing wildcard permissions"],
    tiers: [],
  }),
  rule({
    rule: "R23", slug: "crd-write", title: "Can change CustomResourceDefinitions", phrase: "can change CustomResourceDefinitions", severity: "medium",
    description: "Changes the API surface and can break every controller that relies on it.",
    remediation: "Restrict CRD changes to the deploying identity of each operator.",
    references: [],
    tiers: [{ label: "write customresourcedefinitions", when: any(probes(WRITE, "apiextensions.k8s.io", ["customresourcedefinitions"])), severity: "medium" }],
  }),
  rule({
    rule: "R24", slug: "node-steal", title: "Can steer pods onto nodes", phrase: "can cordon nodes and evict pods", severity: "high",
    description: "Cordoning nodes and evicting powerful pods moves them onto a node the attacker controls.",
    remediation: "Keep node updates to node-lifecycle controllers; remove pod delete/eviction from the same subject.",
    references: [],
    tiers: [{
      label: "delete pods or create pods/eviction, and update/patch nodes",
      when: { all: [any(probes(["delete"], "", ["pods"]), probes(["create"], "", ["pods/eviction"])), any(probes(MODIFY, "", ["nodes"]))] },
      severity: "high",
    }],
  }),
  rule({
    rule: "R25", slug: "status-tamper", title: "Can tamper with status", phrase: "can tamper with status subresources", severity: "medium",
    description: "services/status allows traffic interception (CVE-2020-8554); pods/status and nodes/status mislead scheduling and controllers.",
    remediation: "Remove update/patch on */status; only controllers write status.",
    references: ["CVE-2020-8554"],
    tiers: [
      { label: "update/patch services/status", when: any(probes(MODIFY, "", ["services/status"])), severity: "medium" },
      { label: "update/patch pods/status or nodes/status", when: any(probes(MODIFY, "", ["pods/status", "nodes/status"])), severity: "low" },
    ],
  }),
  rule({
    rule: "R26", slug: "eks-aws-auth", title: "Can edit aws-auth", phrase: "can edit the aws-auth ConfigMap", severity: "critical",
    description: "On EKS, the aws-auth ConfigMap in kube-system maps IAM identities to groups: editing it grants cluster-admin.",
    remediation: "Move to EKS access entries, and remove update/patch on configmaps in kube-system.",
    references: [],
    tiers: [{ label: "update/patch ConfigMap kube-system/aws-auth", when: any(probes(MODIFY, "", ["configmaps"], { literal: "aws-auth" })), severity: "critical", namedPenalty: false }],
  }),
  rule({
    rule: "R27", slug: "anon-or-all-authenticated", title: "Granted to anonymous or all authenticated users", phrase: "is bound to everyone", severity: "critical",
    description: "Anyone who can reach the API server (or, on GKE, any Google account) gets the grant.",
    remediation: "Bind the role to named groups instead of system:anonymous, system:unauthenticated or system:authenticated.",
    references: ["Kubescape C-0265", "GP Hardening"],
    tiers: [],
  }),
  rule({
    rule: "R28", slug: "all-serviceaccounts", title: "Risky grant to all service accounts", phrase: "gives every service account a risky permission", severity: "high",
    description: "Every pod's token in scope gets the permission.",
    remediation: "Bind the role to the one service account that needs it.",
    references: [],
    tiers: [],
  }),
  rule({
    rule: "R29", slug: "workload-token", title: "Workload token carries a risky permission", phrase: "runs with a powerful token", severity: "high",
    description: "The pods mount a service account token whose permissions are critical or high: whoever runs code in them holds those permissions.",
    remediation: "Give the workload its own least-privilege service account, or set automountServiceAccountToken: false if it does not call the API.",
    references: ["CIS 5.1.6", "Kubescape C-0190", "Kubescape C-0034", "Kubescape C-0272", "Kubescape C-0267"],
    tiers: [],
  }),
  rule({
    rule: "H1", slug: "dangling-roleRef", title: "Binding to a missing role", phrase: "references a missing role", severity: "low",
    description: "Inert today; becomes live if someone creates a role with that name.",
    remediation: "Delete the binding, or fix its roleRef.",
    references: [],
    tiers: [],
  }),
  rule({
    rule: "H2", slug: "dangling-subject", title: "Binding to a missing service account", phrase: "is bound but does not exist", severity: "low",
    description: "A future service account with that name inherits the grant.",
    remediation: "Remove the subject from the binding, or delete the binding.",
    references: ["GP Periodic review"],
    tiers: [],
  }),
  rule({
    rule: "H4", slug: "aggregation-drift", title: "Aggregated ClusterRole differs from its sources", phrase: "stores rules that differ from what it aggregates", severity: "low",
    description:
      "On a live cluster the clusterrole-aggregation-controller keeps an aggregated ClusterRole's rules equal to the union of the roles its selectors match. Rules missing from the stored role mean the controller has not run (or cannot); extra rules are manual edits it will overwrite — either way, what the role grants today is not what its definition says.",
    remediation: "Check kube-controller-manager's clusterrole-aggregation-controller; move manual rules into a role labelled for aggregation.",
    references: [],
    tiers: [],
  }),
  rule({
    rule: "H3", slug: "many-roles", title: "Subject with many roles", phrase: "is bound to many roles", severity: "info",
    description: "Many separate grants are hard to review; consolidate them into a role per job.",
    remediation: "Consolidate the roles into one per job function.",
    references: [],
    tiers: [],
  }),
];

export const RISK_RULE_BY_ID: ReadonlyMap<string, RiskRule> = new Map(RISK_RULES.map((r) => [r.rule, r]));

/** A catalogue entry by id; throws for an unknown id (a programming error). */
export function riskRule(id: string): RiskRule {
  const r = RISK_RULE_BY_ID.get(id);
  if (!r) throw new Error(`unknown RBAC rule ${id}`);
  return r;
}
