/**
 * Cluster-wide RBAC of the platform components (the grants their upstream install manifests make)
 * and the cluster-wide mistakes a large, long-lived cluster accumulates: extra cluster-admin bindings,
 * wildcard roles, cluster-wide secret readers, impersonation, grants to every authenticated user.
 */
import { AGGREGATE_LABEL, rule, urlRule } from "./bootstrap";
import type { BindingDesc, JsonObject, RoleDesc, SubjectDesc } from "./types";

const READ = ["get", "list", "watch"];
const ALL = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

const sa = (namespace: string, name: string): SubjectDesc => ({ kind: "ServiceAccount", name, namespace });
const group = (name: string): SubjectDesc => ({ kind: "Group", name });
const user = (name: string): SubjectDesc => ({ kind: "User", name });

function cr(name: string, rules: JsonObject[], labels?: Record<string, string>): RoleDesc {
  return { name, rules, ...(labels ? { labels } : {}) };
}

/** A ClusterRoleBinding to a ClusterRole (the only kind of roleRef it may have). */
export function crb(name: string, role: string, subjects: SubjectDesc[], labels?: Record<string, string>): BindingDesc {
  return { name, roleRef: { kind: "ClusterRole", name: role }, subjects, ...(labels ? { labels } : {}) };
}

const aggregateTo = (...levels: ("admin" | "edit" | "view")[]) => Object.fromEntries(levels.map((l) => [AGGREGATE_LABEL[l], "true"]));

/** ClusterRoles and bindings installed by the platform components (ingress-nginx, cert-manager, ...). */
export function platformClusterRbac(): { roles: RoleDesc[]; bindings: BindingDesc[] } {
  const roles: RoleDesc[] = [];
  const bindings: BindingDesc[] = [];
  const add = (role: RoleDesc, subjects: SubjectDesc[]) => {
    roles.push(role);
    bindings.push(crb(role.name, role.name, subjects));
  };
  // kube-system add-ons
  add(cr("system:coredns", [rule([""], ["endpoints", "services", "pods", "namespaces"], ["list", "watch"]), rule(["discovery.k8s.io"], ["endpointslices"], ["list", "watch"])]), [sa("kube-system", "coredns")]);
  add(cr("system:metrics-server", [rule([""], ["nodes/metrics"], ["get"]), rule([""], ["pods", "nodes"], READ)]), [sa("kube-system", "metrics-server")]);
  roles.push(cr("system:aggregated-metrics-reader", [rule(["metrics.k8s.io"], ["pods", "nodes"], READ)], aggregateTo("admin", "edit", "view")));
  add(cr("calico-node", [rule([""], ["pods", "nodes", "namespaces"], ["get"]), rule([""], ["endpoints", "services"], ["watch", "list", "get"]), rule(["crd.projectcalico.org"], ["*"], ["*"]), rule([""], ["nodes/status"], ["patch", "update"])]), [sa("kube-system", "calico-node")]);
  add(cr("calico-kube-controllers", [rule([""], ["nodes"], ["watch", "list", "get"]), rule([""], ["pods"], ["get", "list", "watch"]), rule(["crd.projectcalico.org"], ["ipamblocks", "blockaffinities", "ipamhandles", "clusterinformations", "hostendpoints", "kubecontrollersconfigurations"], ALL)]), [sa("kube-system", "calico-kube-controllers")]);
  // ingress-nginx reads every Secret in the cluster (TLS certificates) and is exposed by a LoadBalancer.
  add(cr("ingress-nginx", [rule([""], ["configmaps", "endpoints", "nodes", "pods", "secrets", "namespaces"], ["list", "watch"]), rule(["coordination.k8s.io"], ["leases"], ["list", "watch"]), rule([""], ["nodes"], ["get"]), rule([""], ["services"], READ), rule(["networking.k8s.io"], ["ingresses", "ingressclasses"], READ), rule(["networking.k8s.io"], ["ingresses/status"], ["update"]), rule([""], ["events"], ["create", "patch"]), rule(["discovery.k8s.io"], ["endpointslices"], READ)]), [sa("ingress-nginx", "ingress-nginx")]);
  add(cr("ingress-nginx-admission", [rule(["admissionregistration.k8s.io"], ["validatingwebhookconfigurations"], ["get", "update"])]), [sa("ingress-nginx", "ingress-nginx-admission")]);
  // cert-manager
  for (const c of ["issuers", "clusterissuers", "certificates", "orders", "challenges", "ingress-shim"]) {
    add(cr(`cert-manager-controller-${c}`, [rule(["cert-manager.io", "acme.cert-manager.io"], ["*"], ALL), rule([""], ["secrets"], ["get", "list", "watch", "create", "update", "delete", "patch"]), rule([""], ["events"], ["create", "patch"])]), [sa("cert-manager", "cert-manager")]);
  }
  add(cr("cert-manager-controller-approve:cert-manager-io", [rule(["cert-manager.io"], ["signers"], ["approve"], ["issuers.cert-manager.io/*", "clusterissuers.cert-manager.io/*"])]), [sa("cert-manager", "cert-manager")]);
  add(cr("cert-manager-controller-certificatesigningrequests", [rule(["certificates.k8s.io"], ["certificatesigningrequests"], ["get", "list", "watch", "update"]), rule(["certificates.k8s.io"], ["certificatesigningrequests/status"], ["update", "patch"]), rule(["certificates.k8s.io"], ["signers"], ["sign"], ["issuers.cert-manager.io/*", "clusterissuers.cert-manager.io/*"])]), [sa("cert-manager", "cert-manager")]);
  add(cr("cert-manager-cainjector", [rule(["cert-manager.io"], ["certificates"], READ), rule([""], ["secrets"], READ), rule(["admissionregistration.k8s.io"], ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"], ["get", "list", "watch", "update", "patch"]), rule(["apiextensions.k8s.io"], ["customresourcedefinitions"], ["get", "list", "watch", "update", "patch"])]), [sa("cert-manager", "cert-manager-cainjector")]);
  add(cr("cert-manager-webhook:subjectaccessreviews", [rule(["authorization.k8s.io"], ["subjectaccessreviews"], ["create"])]), [sa("cert-manager", "cert-manager-webhook")]);
  roles.push(cr("cert-manager-view", [rule(["cert-manager.io"], ["certificates", "certificaterequests", "issuers"], READ), rule(["acme.cert-manager.io"], ["challenges", "orders"], READ)], aggregateTo("view", "edit", "admin")));
  roles.push(cr("cert-manager-edit", [rule(["cert-manager.io"], ["certificates", "certificaterequests", "issuers"], ["create", "delete", "deletecollection", "patch", "update"]), rule(["cert-manager.io"], ["certificates/status"], ["update"])], aggregateTo("edit", "admin")));
  // monitoring: Prometheus, its operator and kube-state-metrics (which lists Secrets cluster-wide)
  add(cr("prometheus-k8s", [rule([""], ["nodes", "nodes/metrics", "services", "endpoints", "pods"], READ), rule(["discovery.k8s.io"], ["endpointslices"], READ), urlRule(["/metrics", "/metrics/cadvisor"], ["get"])]), [sa("monitoring", "prometheus-k8s")]);
  add(cr("prometheus-operator", [rule(["monitoring.coreos.com"], ["*"], ["*"]), rule(["apps"], ["statefulsets"], ["*"]), rule([""], ["configmaps", "secrets"], ["*"]), rule([""], ["pods"], ["list", "delete"]), rule([""], ["services", "services/finalizers", "endpoints"], ["get", "create", "update", "delete"]), rule([""], ["nodes"], ["list", "watch"]), rule([""], ["namespaces"], READ)]), [sa("monitoring", "prometheus-operator")]);
  add(cr("kube-state-metrics", [rule([""], ["configmaps", "secrets", "nodes", "pods", "services", "serviceaccounts", "resourcequotas", "replicationcontrollers", "limitranges", "persistentvolumeclaims", "persistentvolumes", "namespaces", "endpoints"], ["list", "watch"]), rule(["apps"], ["statefulsets", "daemonsets", "deployments", "replicasets"], ["list", "watch"]), rule(["batch"], ["cronjobs", "jobs"], ["list", "watch"]), rule(["networking.k8s.io"], ["networkpolicies", "ingresses"], ["list", "watch"]), rule(["rbac.authorization.k8s.io"], ["clusterrolebindings", "clusterroles", "rolebindings", "roles"], ["list", "watch"])]), [sa("monitoring", "kube-state-metrics")]);
  roles.push(cr("monitoring-view", [rule(["monitoring.coreos.com"], ["alertmanagers", "podmonitors", "prometheuses", "prometheusrules", "servicemonitors"], READ)], aggregateTo("view", "edit", "admin")));
  roles.push(cr("monitoring-edit", [rule(["monitoring.coreos.com"], ["alertmanagers", "podmonitors", "prometheuses", "prometheusrules", "servicemonitors"], ["create", "delete", "deletecollection", "patch", "update"])], aggregateTo("edit", "admin")));
  add(cr("fluent-bit", [rule([""], ["namespaces", "pods", "nodes", "nodes/proxy"], READ)]), [sa("logging", "fluent-bit")]);
  // Argo CD's default install: the application controller may do anything.
  add(cr("argocd-application-controller", [rule(["*"], ["*"], ["*"]), urlRule(["*"], ["*"])]), [sa("argocd", "argocd-application-controller")]);
  add(cr("argocd-server", [rule(["*"], ["*"], ["delete", "get", "patch"]), rule([""], ["events"], ["list"]), rule([""], ["pods", "pods/log"], ["get"]), rule(["argoproj.io"], ["applications", "applicationsets"], ["get", "list", "update", "watch"])]), [sa("argocd", "argocd-server")]);
  roles.push(cr("argocd-aggregate-to-view", [rule(["argoproj.io"], ["applications", "applicationsets", "appprojects"], READ)], aggregateTo("view", "edit", "admin")));
  // Gatekeeper syncs every kind it is told to (get/list/watch on everything) and manages webhooks.
  add(cr("gatekeeper-manager-role", [rule(["*"], ["*"], READ), rule(["apiextensions.k8s.io"], ["customresourcedefinitions"], ALL), rule(["config.gatekeeper.sh", "constraints.gatekeeper.sh", "mutations.gatekeeper.sh", "status.gatekeeper.sh", "templates.gatekeeper.sh"], ["*"], ALL), rule(["admissionregistration.k8s.io"], ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"], ALL, ["gatekeeper-validating-webhook-configuration", "gatekeeper-mutating-webhook-configuration"])]), [sa("gatekeeper-system", "gatekeeper-admin")]);
  add(cr("jenkins-agent-launcher", [rule([""], ["pods", "pods/exec", "pods/log"], ALL)]), [sa("ci", "jenkins")]);
  return { roles, bindings };
}

/**
 * The cluster-wide mistakes (risk catalogue R01–R28, lib/rbac/catalogue.ts): each appears once or a
 * few times, so findings on a synthetic cluster are real but not everywhere. `teamNs` is a team
 * namespace to place the workload-held grants in.
 */
export function riskyClusterRbac(teamNs: string): { roles: RoleDesc[]; bindings: BindingDesc[] } {
  const roles: RoleDesc[] = [
    cr("legacy-admin", [rule(["*"], ["*"], ["*"])]),
    cr("secrets-reader", [rule([""], ["secrets"], READ)]),
    cr("node-debugger", [rule([""], ["nodes/proxy"], ["get", "create"]), rule([""], ["pods/exec", "pods/attach"], ["create"]), rule([""], ["pods"], READ)]),
    cr("impersonator", [rule([""], ["users", "groups", "serviceaccounts"], ["impersonate"])]),
    cr("pod-exec", [rule([""], ["pods"], READ), rule([""], ["pods/exec", "pods/portforward"], ["create", "get"])]),
    cr("crd-admin", [rule(["apiextensions.k8s.io"], ["customresourcedefinitions"], ["*"])]),
    cr("webhook-admin", [rule(["admissionregistration.k8s.io"], ["*"], ["*"])]),
    cr("rbac-manager", [rule(["rbac.authorization.k8s.io"], ["clusterroles", "roles"], ["escalate", "bind", ...ALL]), rule(["rbac.authorization.k8s.io"], ["clusterrolebindings", "rolebindings"], ALL)]),
    cr("token-creator", [rule([""], ["serviceaccounts/token"], ["create"]), rule([""], ["serviceaccounts"], READ)]),
    cr("namespace-lister", [rule([""], ["namespaces"], READ)]),
    cr("csr-approver", [rule(["certificates.k8s.io"], ["certificatesigningrequests"], ["create", "get", "list"]), rule(["certificates.k8s.io"], ["certificatesigningrequests/approval"], ["update"]), rule(["certificates.k8s.io"], ["signers"], ["approve"], ["kubernetes.io/kube-apiserver-client"])]),
  ];
  const bindings: BindingDesc[] = [
    crb("ci-deployer-cluster-admin", "cluster-admin", [sa("ci", "deployer")]),
    crb("platform-admins", "cluster-admin", [group("platform-admins")]),
    crb("break-glass", "cluster-admin", [user("admin@example.com")]),
    crb("tiller", "cluster-admin", [sa("kube-system", "tiller")]),
    crb(`${teamNs}-operator-admin`, "cluster-admin", [sa(teamNs, "operator")]),
    crb("ops-legacy-admin", "legacy-admin", [group("ops")]),
    crb("vault-secrets-sync", "secrets-reader", [sa(teamNs, "vault-sync")]),
    crb("serviceaccounts-read-secrets", "secrets-reader", [group(`system:serviceaccounts:${teamNs}`)]),
    crb("oncall-exec", "pod-exec", [group("oncall")]),
    crb("sre-node-debug", "node-debugger", [group("sre")]),
    crb("support-impersonation", "impersonator", [sa(teamNs, "support-tool")]),
    crb("rbac-operator", "rbac-manager", [sa("ci", "rbac-operator")]),
    crb("runner-token-creator", "token-creator", [sa("ci", "gitlab-runner")]),
    crb("authenticated-view", "view", [group("system:authenticated")]),
    crb("authenticated-namespaces", "namespace-lister", [group("system:authenticated")]),
    crb("pki-csr-approver", "csr-approver", [sa("cert-manager", "cert-manager")]),
    crb("legacy-crd-admin", "crd-admin", [sa(teamNs, "operator")]),
    crb("webhook-admins", "webhook-admin", [group("platform-admins")]),
    crb("missing-role-binding", "deleted-operator-role", [sa(teamNs, "operator")]),
  ];
  return { roles, bindings };
}
