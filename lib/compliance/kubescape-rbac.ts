/**
 * Kubescape's RBAC and network controls as Clearance checks them. Each entry names the control
 * (kubescape/regolibrary controls/C-xxxx-*.json), its rules (rules/<name>/raw.rego, whose tests
 * lib/compliance/kubescape-rbac.test.ts transcribes), our checks, and every difference with the
 * reason and its upstream source. Kubescape matches a role's rules by literal strings
 * (`resource in ["pods/exec", "pods/*", "*"]`) whatever binds them; Clearance puts every question
 * to its RBAC evaluator (lib/rbac/rule-allows.ts, a port of upstream RuleAllows), so where the two
 * disagree upstream decides.
 */
import type { KubescapeControl } from "./types";

/** Upstream rule matching: kubernetes/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go (ResourceMatches). */
const SUBRESOURCE_WILDCARD =
  "`pods/*` grants nothing for pods/exec (or any subresource): upstream ResourceMatches knows only `*` and `*/subresource` (kubernetes/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go); Kubescape lists `pods/*` among the matches.";
const BINDING_SCOPE =
  "A RoleBinding grants only in its namespace and never cluster-scoped resources (kubernetes.io/docs/reference/access-authn-authz/rbac, RoleBinding and ClusterRoleBinding); Kubescape reads the bound role's rules whatever binds them, so a RoleBinding to a role with `nodes/proxy` fails there and not here.";
const NAMED = "Rules restricted by resourceNames count (one severity lower): same verdict as Kubescape, which ignores resourceNames.";
const WEBSOCKET =
  "`get` counts too: before Kubernetes 1.31 (AuthorizePodWebsocketUpgradeCreatePermission, kubernetes/enhancements KEP-4006) a websocket exec/attach/portforward was authorized as get; Kubescape asks for create only.";

export const KUBESCAPE_RBAC_CONTROLS: readonly KubescapeControl[] = [
  {
    id: "C-0002", name: "Prevent containers from allowing command execution", rules: ["exec-into-container-v1"], scope: ["subjects"],
    checks: ["R10"],
    differences: [SUBRESOURCE_WILDCARD, WEBSOCKET],
  },
  {
    id: "C-0015", name: "List Kubernetes secrets", rules: ["rule-can-list-get-secrets-v1"], scope: ["subjects"],
    checks: ["R06"],
    differences: [NAMED],
  },
  {
    id: "C-0035", name: "Administrative Roles", rules: ["rule-list-all-cluster-admins-v1"], scope: ["subjects"],
    checks: ["R01"],
    differences: [
      "`verbs: [*]` on `resources: [*]` of the core group only (`apiGroups: [\"\"]`) is administrative for Kubescape; upstream it grants no apps, RBAC or other group, so it is not cluster-admin: we report it as R22 (wildcard, high) instead.",
    ],
  },
  {
    id: "C-0063", name: "Portforwarding privileges", rules: ["rule-can-portforward-v1"], scope: ["subjects"],
    checks: ["R12"],
    differences: [SUBRESOURCE_WILDCARD, WEBSOCKET],
  },
  {
    id: "C-0065", name: "No impersonation", rules: ["rule-can-impersonate-users-groups-v1"], scope: ["subjects"],
    checks: ["R04"],
    differences: ["We also count impersonating user extras (`userextras/*` in authentication.k8s.io), which upstream authorizes separately (kubernetes.io/docs/reference/access-authn-authz/authentication, User impersonation)."],
  },
  {
    id: "C-0185", name: "Ensure that the cluster-admin role is only used where required", rules: ["cluster-admin-role"], scope: ["subjects"],
    checks: ["R01"],
    differences: [
      "Kubescape fails only subjects of a ClusterRoleBinding to the role named cluster-admin. We fail every cluster-admin-equivalent subject (any role granting every verb on every resource of every group, whatever its name) and RoleBindings to cluster-admin (admin of that namespace).",
    ],
  },
  {
    id: "C-0186", name: "Minimize access to secrets", rules: ["rule-can-list-get-secrets-v1"], scope: ["subjects"],
    checks: ["R06"],
    differences: [NAMED],
  },
  {
    id: "C-0187", name: "Minimize wildcard use in Roles and ClusterRoles", rules: ["rule-list-all-cluster-admins-v1"], scope: ["subjects"],
    checks: ["R22"],
    differences: [
      "Kubescape implements this control with its cluster-admin rule (a `*` in verbs, resources and groups at once). CIS 5.1.3 asks to minimize any wildcard: we fail a `*` in verbs, resources or API groups (lib/rbac/assess.ts wildcardFacts).",
    ],
  },
  {
    id: "C-0188", name: "Minimize access to create pods", rules: ["rule-can-create-pod"], scope: ["subjects"],
    checks: ["R08", "R09"],
    differences: [
      "Creating or changing a workload (Deployment, DaemonSet, StatefulSet, ReplicaSet, Job, CronJob, ReplicationController) creates pods through its controller with the same power (kubernetes.io/docs/concepts/security/rbac-good-practices, Workload creation): we count it; Kubescape asks for pods only.",
    ],
  },
  {
    id: "C-0190", name: "Ensure that Service Account Tokens are only mounted where necessary", rules: ["automount-service-account"], scope: ["workloads"],
    checks: ["HY-sa-token", "R29"],
    differences: [
      "Kubescape fails every workload whose token is automounted. We judge \"necessary\" by what the token can do: a token of an account without permissions beyond the defaults (HY-sa-token) or with a critical or high one (R29) fails; a token the workload plausibly uses for moderate permissions passes.",
    ],
  },
  {
    id: "C-0034", name: "Automatic mapping of service account", rules: ["automount-service-account"], scope: ["workloads"],
    checks: ["HY-sa-token", "R29"],
    differences: ["As C-0190 (same Kubescape rule)."],
  },
  {
    id: "C-0191", name: "Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster", rules: ["rule-can-bind-escalate", "rule-can-impersonate-users-groups-v1"], scope: ["subjects"],
    checks: ["R02", "R03", "R04"],
    differences: [
      "`bind` alone is not enough to escalate: upstream checks bind when a binding is created or updated (kubernetes/kubernetes pkg/registry/rbac/rolebinding/policybased/storage.go), so R03 needs bind and write access to bindings; Kubescape fails bind alone.",
    ],
  },
  {
    id: "C-0265", name: "system:authenticated user has elevated roles", rules: ["system-authenticated-allowed-to-take-over-cluster"], scope: ["bindings"],
    checks: ["R27"],
    differences: [
      "We fail every binding to system:authenticated, system:unauthenticated or system:anonymous outside upstream's bootstrap bindings (lib/rbac/hygiene.ts), whatever the role grants; Kubescape fails system:authenticated bindings whose role names pods, workloads, nodes or secrets.",
      "The failing resource is the binding (Kubescape reports the group).",
    ],
  },
  {
    id: "C-0267", name: "Workload with cluster takeover roles", rules: ["workload-with-cluster-takeover-roles"], scope: ["workloads"],
    checks: ["R29:takeover-token"],
    differences: ["R29 reports tokens with a critical or high permission; a token whose only takeover right is medium (update pods in its own namespace) is not reported."],
  },
  {
    id: "C-0272", name: "Workload with administrative roles", rules: ["workload-with-administrative-roles"], scope: ["workloads"],
    checks: ["R29:admin-token"],
    differences: [],
  },
  {
    id: "C-0278", name: "Minimize access to create persistent volumes", rules: ["rule-can-create-pv"], scope: ["subjects"],
    checks: ["R19"],
    differences: [BINDING_SCOPE],
  },
  {
    id: "C-0279", name: "Minimize access to the proxy sub-resource of nodes", rules: ["rule-can-access-proxy-subresource"], scope: ["subjects"],
    checks: ["R15"],
    differences: [BINDING_SCOPE, "We count every verb on nodes/proxy (get, create, update, patch, delete reach the kubelet API); Kubescape asks get, create and connect."],
  },
  {
    id: "C-0280", name: "Minimize access to the approval sub-resource of certificatesigningrequests objects", rules: ["rule-can-approve-cert-signing-request"], scope: ["subjects"],
    checks: ["R16"],
    differences: [
      BINDING_SCOPE,
      "Approving also needs `approve` on the signer (kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests, Authorization): R16 fails subjects that can create, approve and sign for a signer; Kubescape fails update on certificatesigningrequests/approval alone.",
    ],
  },
  {
    id: "C-0281", name: "Minimize access to webhook configuration objects", rules: ["rule-can-modify-admission-webhooks"], scope: ["subjects"],
    checks: ["R17"],
    differences: [BINDING_SCOPE, "`patch` changes a webhook as well as update does: we count it; Kubescape asks create, update and delete."],
  },
  {
    id: "C-0282", name: "Minimize access to the service account token creation", rules: ["rule-can-create-service-account-token"], scope: ["subjects"],
    checks: ["R05"],
    differences: [],
  },
  {
    id: "C-0246", name: "Avoid use of system:masters group", rules: ["rule-manual"], scope: [],
    checks: [],
    notChecked: "Membership of system:masters lives in client certificates, not in API objects (kubernetes.io/docs/concepts/security/rbac-good-practices); Kubescape marks it manual too.",
    differences: [],
  },
  {
    id: "C-0189", name: "Ensure that default service accounts are not actively used", rules: ["automount-default-service-account", "namespace-without-service-account"], scope: [],
    checks: [],
    notChecked: "No catalogue rule checks it yet (a workload running as its namespace's `default` ServiceAccount is not a finding).",
    differences: [],
  },
  {
    id: "C-0054", name: "Cluster internal networking", rules: ["internal-networking"], scope: ["namespaces"],
    checks: ["NP01:no-network-policy"],
    differences: [
      "Only namespaces with pods are checked (a new pod in them would be reachable): Kubescape also fails empty namespaces.",
      "A namespace isolated by an AdminNetworkPolicy or ClusterNetworkPolicy without any NetworkPolicy passes here (it is default-deny); Kubescape counts only NetworkPolicy and Cilium policies.",
    ],
  },
  {
    id: "C-0206", name: "Ensure that all Namespaces have Network Policies defined", rules: ["internal-networking"], scope: ["namespaces"],
    checks: ["NP01:no-network-policy"],
    differences: ["As C-0054 (same Kubescape rule)."],
  },
  {
    id: "C-0205", name: "Ensure that the CNI in use supports Network Policies", rules: ["ensure-that-the-cni-in-use-supports-network-policies"], scope: [],
    checks: [],
    notChecked: "CIS marks it manual; the CNI is detected for reachability (lib/netpol), not scored.",
    differences: [],
  },
  {
    id: "C-0030", name: "Ingress and Egress blocked", rules: ["ingress-and-egress-blocked"], scope: [],
    checks: [],
    notChecked: "No catalogue rule asks whether each workload is restricted in both directions: NP03 reports workloads restricted in neither, a weaker question, so it is not counted here.",
    differences: [],
  },
];
