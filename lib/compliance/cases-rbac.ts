/**
 * Cases for RBAC controls, each transcribing a test of kubescape/regolibrary
 * (rules/<rule>/test/<case>/input, expected.json) and states both verdicts — Kubescape's expected
 * failing subjects and ours. Where they differ, the control must say why (KubescapeControl.differences,
 * shown on the per-control page and in docs/compliance.md).
 */
import { binding, role } from "./testing";

const crb = (roleName: string, subjects = ["Group:manager", "Group:dev"]) => binding("ClusterRoleBinding", "read-secrets-global", `ClusterRole/${roleName}`, subjects);
const rbTo = (ref: string, ns = "kube-system", subjects = ["User:jane"]) => binding("RoleBinding", "pod", ref, subjects, ns);
const cr = (rules: object[], name = "test") => role("ClusterRole", name, rules);
const r = (rules: object[], ns = "kube-system", name = "test") => role("Role", name, rules, ns);
const rule = (apiGroups: string[], resources: string[], verbs: string[]) => ({ apiGroups, resources, verbs });

/** One transcribed Kubescape rule test: the objects, Kubescape's expected failing resources and ours. */
export interface KubescapeCase {
  control: string;
  /** kubescape/regolibrary rules/<rule>/test/<case>. */
  source: string;
  objects: object[];
  kubescape: string[];
  ours: string[];
}

export const RBAC_CASES: KubescapeCase[] = [
  // C-0002 exec
  { control: "C-0002", source: "exec-into-container-v1/test/clusterrole", objects: [cr([rule([""], ["pods/*"], ["create", "list"])], "secret-reader"), binding("RoleBinding", "read-secrets", "ClusterRole/secret-reader", ["User:dave"], "default")], kubescape: ["User dave"], ours: [] },
  { control: "C-0002", source: "exec-into-container-v1/test/role", objects: [r([rule(["extensions", "*"], ["nodes", "pods", "*"], ["impersonate", "create", "list", "*"])], "default", "pod-reader"), rbTo("Role/pod-reader", "default")], kubescape: ["User jane"], ours: ["User jane"] },
  // C-0015 / C-0186 secrets
  ...["C-0015", "C-0186"].flatMap((control) => [
    { control, source: "rule-can-list-get-secrets-v1/test/clusterrole-clusterrolebinding", objects: [cr([rule(["*"], ["pods/log", "secrets", "users"], ["watch"])]), crb("test")], kubescape: ["Group dev", "Group manager"], ours: ["Group dev", "Group manager"] },
    { control, source: "rule-can-list-get-secrets-v1/test/clusterrole-rolebinding", objects: [cr([rule([""], ["*"], ["*"])]), rbTo("ClusterRole/test")], kubescape: ["User jane"], ours: ["User jane"] },
    { control, source: "rule-can-list-get-secrets-v1/test/role-rolebinding", objects: [r([rule([""], ["rolebindings", "secrets", "serviceaccounts", "services", "*"], ["list"])]), rbTo("Role/test")], kubescape: ["User jane"], ours: ["User jane"] },
  ]),
  // C-0035 administrative roles
  { control: "C-0035", source: "rule-list-all-cluster-admins-v1/test/clusterrole-clusterrolebinding", objects: [cr([rule(["*"], ["*", "secrets", "users"], ["get", "*"])]), crb("test")], kubescape: ["Group dev", "Group manager"], ours: ["Group dev", "Group manager"] },
  { control: "C-0035", source: "rule-list-all-cluster-admins-v1/test/clusterrole-rolebinding", objects: [cr([rule([""], ["*"], ["*"])]), rbTo("ClusterRole/test")], kubescape: ["User jane"], ours: [] },
  { control: "C-0035", source: "rule-list-all-cluster-admins-v1/test/role-rolebinding", objects: [r([rule(["*"], ["pods/portforward", "secrets", "*", "services", "*"], ["*", "delete"])]), rbTo("Role/test")], kubescape: ["User jane"], ours: ["User jane"] },
  // C-0187 uses the same Kubescape rule; CIS 5.1.3 counts any wildcard
  { control: "C-0187", source: "rule-list-all-cluster-admins-v1/test/clusterrole-rolebinding", objects: [cr([rule([""], ["*"], ["*"])]), rbTo("ClusterRole/test")], kubescape: ["User jane"], ours: ["User jane"] },
  { control: "C-0187", source: "rule-list-all-cluster-admins-v1/test/role-rolebinding", objects: [r([rule(["*"], ["pods/portforward", "secrets", "*", "services", "*"], ["*", "delete"])]), rbTo("Role/test")], kubescape: ["User jane"], ours: ["User jane"] },
  { control: "C-0187", source: "CIS 5.1.3: a wildcard verb alone (not a Kubescape test)", objects: [cr([rule([""], ["pods"], ["*"])]), crb("test", ["User:ann"])], kubescape: [], ours: ["User ann"] },
  // C-0063 port-forward
  { control: "C-0063", source: "rule-can-portforward-v1/test/clusterrole-clusterrolebinding", objects: [cr([rule(["*"], ["pods/*", "secrets", "users"], ["create"])]), crb("test")], kubescape: ["Group dev", "Group manager"], ours: [] },
  { control: "C-0063", source: "rule-can-portforward-v1/test/clusterrole-rolebinding", objects: [cr([rule([""], ["*"], ["*"])]), rbTo("ClusterRole/test")], kubescape: ["User jane"], ours: ["User jane"] },
  { control: "C-0063", source: "rule-can-portforward-v1/test/role-rolebinding", objects: [r([rule([""], ["pods/portforward", "secrets", "serviceaccounts", "services", "*"], ["list", "create"])]), rbTo("Role/test")], kubescape: ["User jane"], ours: ["User jane"] },
  // C-0065 impersonation (and C-0191's impersonate half)
  ...["C-0065", "C-0191"].flatMap((control) => [
    { control, source: "rule-can-impersonate-users-groups-v1/test/clusterrole-clusterrolebinding", objects: [cr([rule(["*"], ["pods/log", "events", "users"], ["watch", "*"])]), crb("test")], kubescape: ["Group dev", "Group manager"], ours: ["Group dev", "Group manager"] },
    { control, source: "rule-can-impersonate-users-groups-v1/test/role-rolebinding", objects: [r([rule(["*"], ["rolebindings", "deployments", "serviceaccounts", "services", "*"], ["*", "watch", "impersonate", "update"])]), rbTo("Role/test")], kubescape: ["User jane"], ours: ["User jane"] },
  ]),
  // C-0185 cluster-admin
  { control: "C-0185", source: "cluster-admin-role/test/clusterrole-clusterrolebinding", objects: [cr([rule(["*"], ["*", "secrets", "users"], ["get", "*"])], "cluster-admin"), crb("cluster-admin")], kubescape: ["Group dev", "Group manager"], ours: ["Group dev", "Group manager"] },
  { control: "C-0185", source: "cluster-admin-role/test/clusterrole-rolebinding", objects: [cr([rule([""], ["*"], ["*"])], "cluster-admin"), rbTo("ClusterRole/cluster-admin")], kubescape: [], ours: ["User jane"] },
  { control: "C-0185", source: "cluster-admin-role/test/role-clusterrolebinding", objects: [binding("ClusterRoleBinding", "read-secrets-global", "Role/test", ["Group:manager1", "Group:dev1"]), r([rule(["*"], ["pods/portforward", "secrets", "*", "services", "*"], ["*", "delete"])])], kubescape: [], ours: [] },
  // C-0188 create pods
  { control: "C-0188", source: "rule-can-create-pod/test/clusterrole-clusterrolebinding", objects: [cr([rule(["rbac.authorization.k8s.io"], ["pods", "rolebindings"], ["create", "watch", "list"])]), crb("test")], kubescape: [], ours: [] },
  { control: "C-0188", source: "rule-can-create-pod/test/clusterrole-rolebinding", objects: [cr([rule([""], ["pods", "services"], ["*", "watch", "list"])]), rbTo("ClusterRole/test")], kubescape: ["User jane"], ours: ["User jane"] },
  { control: "C-0188", source: "rule-can-create-pod/test/role-rolebinding", objects: [r([rule(["*"], ["rolebindings", "deployments", "pods"], ["*", "watch", "create", "update"])]), rbTo("Role/test")], kubescape: ["User jane"], ours: ["User jane"] },
  { control: "C-0188", source: "rbac-good-practices Workload creation (not a Kubescape test)", objects: [r([rule(["apps"], ["deployments"], ["create"])], "shop"), rbTo("Role/test", "shop")], kubescape: [], ours: ["User jane"] },
  // C-0191 bind / escalate
  { control: "C-0191", source: "rule-can-bind-escalate/test/clusterrole-clusterrolebinding", objects: [cr([rule(["rbac.authorization.k8s.io"], ["pods", "roles"], ["bind", "watch", "list"])]), crb("test")], kubescape: ["Group dev", "Group manager"], ours: [] },
  { control: "C-0191", source: "rule-can-bind-escalate/test/role-rolebinding", objects: [r([rule(["*"], ["clusterroles"], ["*", "escalate", "create", "update"])], "default"), rbTo("Role/test", "default")], kubescape: ["User jane"], ours: [] },
  // C-0278 persistent volumes
  { control: "C-0278", source: "rule-can-create-pv/test/clusterrole-clusterrolebinding", objects: [cr([rule(["rbac.authorization.k8s.io"], ["pods", "rolebindings", "persistentvolumes"], ["create", "watch", "list"])]), crb("test")], kubescape: [], ours: [] },
  { control: "C-0278", source: "rule-can-create-pv/test/clusterrole-rolebinding", objects: [cr([rule([""], ["pods", "services", "persistentvolumes"], ["*", "watch", "list"])]), rbTo("ClusterRole/test")], kubescape: ["User jane"], ours: [] },
  { control: "C-0278", source: "rule-can-create-pv/test/clusterrole-clusterrolebinding, bound cluster-wide (not a Kubescape test)", objects: [cr([rule([""], ["persistentvolumes"], ["create"])]), crb("test")], kubescape: ["Group dev", "Group manager"], ours: ["Group dev", "Group manager"] },
  // C-0279 nodes/proxy
  { control: "C-0279", source: "rule-can-access-proxy-subresource/test/clusterrole-rolebinding", objects: [cr([rule([""], ["pods", "services", "nodes/proxy"], ["*", "watch", "list", "get", "create", "connect"])]), rbTo("ClusterRole/test")], kubescape: ["User jane"], ours: [] },
  { control: "C-0279", source: "rule-can-access-proxy-subresource/test/clusterrole-rolebinding, bound cluster-wide", objects: [cr([rule([""], ["nodes/proxy"], ["get"])]), crb("test")], kubescape: ["Group dev", "Group manager"], ours: ["Group dev", "Group manager"] },
  // C-0280 CSR approval
  { control: "C-0280", source: "rule-can-approve-cert-signing-request/test/clusterrole-rolebinding", objects: [cr([rule(["certificates.k8s.io"], ["certificatesigningrequests/approval"], ["*", "update"])]), rbTo("ClusterRole/test")], kubescape: ["User jane"], ours: [] },
  {
    control: "C-0280", source: "certificate-signing-requests Authorization: create, approve and sign (not a Kubescape test)",
    objects: [cr([rule(["certificates.k8s.io"], ["certificatesigningrequests"], ["create"]), rule(["certificates.k8s.io"], ["certificatesigningrequests/approval"], ["update"]), rule(["certificates.k8s.io"], ["signers"], ["approve"])]), crb("test", ["User:ann"])],
    kubescape: ["User ann"], ours: ["User ann"],
  },
  // C-0281 webhooks
  { control: "C-0281", source: "rule-can-modify-admission-webhooks/test/clusterrole-clusterrolebinding", objects: [cr([rule(["rbac.authorization.k8s.io"], ["pods", "rolebindings"], ["create", "watch", "list"])]), crb("test")], kubescape: [], ours: [] },
  { control: "C-0281", source: "rule-can-modify-admission-webhooks/test/clusterrole-rolebinding", objects: [cr([rule(["admissionregistration.k8s.io"], ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"], ["create", "update", "delete"])]), rbTo("ClusterRole/test")], kubescape: ["User jane"], ours: [] },
  { control: "C-0281", source: "rule-can-modify-admission-webhooks: patch, bound cluster-wide (not a Kubescape test)", objects: [cr([rule(["admissionregistration.k8s.io"], ["mutatingwebhookconfigurations"], ["patch"])]), crb("test", ["User:ann"])], kubescape: [], ours: ["User ann"] },
  // C-0282 token requests
  { control: "C-0282", source: "rule-can-create-service-account-token/test/clusterrole-clusterrolebinding", objects: [cr([rule(["rbac.authorization.k8s.io"], ["pods", "rolebindings"], ["create", "watch", "list"])]), crb("test")], kubescape: [], ours: [] },
  { control: "C-0282", source: "rule-can-create-service-account-token/test/clusterrole-rolebinding", objects: [cr([rule([""], ["serviceaccounts/token"], ["*"])]), rbTo("ClusterRole/test")], kubescape: ["User jane"], ours: ["User jane"] },
  { control: "C-0282", source: "rule-can-create-service-account-token/test/role-rolebinding", objects: [r([rule(["*"], ["rolebindings", "deployments", "pods", "serviceaccounts/token"], ["*", "watch", "create", "update"])]), rbTo("Role/test")], kubescape: ["User jane"], ours: ["User jane"] },
  // C-0265 system:authenticated
  { control: "C-0265", source: "system-authenticated-allowed-to-take-over-cluster/test/fail", objects: [cr([rule([""], ["pods"], ["get"])]), binding("ClusterRoleBinding", "everyone", "ClusterRole/test", ["Group:system:authenticated"])], kubescape: ["ClusterRoleBinding everyone"], ours: ["ClusterRoleBinding everyone"] },
  { control: "C-0265", source: "system-authenticated-allowed-to-take-over-cluster/test/success", objects: [cr([rule([""], ["pods"], ["get"])]), binding("ClusterRoleBinding", "team", "ClusterRole/test", ["Group:team"])], kubescape: [], ours: [] },
];
