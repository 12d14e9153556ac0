/**
 * The RBAC every cluster starts with: the API server's bootstrap ClusterRoles and bindings
 * (kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy, testdata/*.yaml), condensed
 * where the exact rules do not matter for analysis, exact where they do (cluster-admin, the aggregated
 * admin/edit/view and their sources, the wildcard and escalate grants of the system controllers).
 */
import type { BindingDesc, JsonObject, RoleDesc, ServiceAccountDesc } from "./types";

const RBAC = "rbac.authorization.k8s.io";
/** The label the API server puts on the RBAC objects it reconciles at start-up. */
export const BOOTSTRAP_LABELS = { "kubernetes.io/bootstrapping": "rbac-defaults" };
const AUTOUPDATE = { "rbac.authorization.kubernetes.io/autoupdate": "true" };

/** A PolicyRule on resources (apiGroups × resources × verbs, optionally restricted to resourceNames). */
export function rule(apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]): JsonObject {
  return { apiGroups, resources, verbs, ...(resourceNames ? { resourceNames } : {}) };
}

/** A PolicyRule on non-resource URLs (only meaningful in ClusterRoles). */
export function urlRule(nonResourceURLs: string[], verbs: string[]): JsonObject {
  return { nonResourceURLs, verbs };
}

const READ = ["get", "list", "watch"];
const WRITE = ["create", "delete", "deletecollection", "patch", "update"];

/** The upstream aggregation sources (bootstrappolicy/policy.go, v1.31). */
const AGGREGATE_TO_ADMIN = [
  rule(["authorization.k8s.io"], ["localsubjectaccessreviews"], ["create"]),
  rule([RBAC], ["rolebindings", "roles"], [...WRITE, "get", "list", "watch"]),
];
const AGGREGATE_TO_EDIT = [
  rule([""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"], READ),
  rule([""], ["serviceaccounts"], ["impersonate"]),
  rule([""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"], WRITE),
  rule([""], ["pods/eviction"], ["create"]),
  rule([""], ["configmaps", "events", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"], WRITE),
  rule([""], ["serviceaccounts/token"], ["create"]),
  rule(["apps"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"], WRITE),
  rule(["autoscaling"], ["horizontalpodautoscalers"], WRITE),
  rule(["batch"], ["cronjobs", "jobs"], WRITE),
  rule(["policy"], ["poddisruptionbudgets"], WRITE),
  rule(["networking.k8s.io"], ["ingresses", "networkpolicies"], WRITE),
  rule(["coordination.k8s.io"], ["leases"], [...WRITE, ...READ]),
];
const AGGREGATE_TO_VIEW = [
  rule([""], ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"], READ),
  rule([""], ["bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status", "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"], READ),
  rule([""], ["namespaces"], READ),
  rule(["discovery.k8s.io"], ["endpointslices"], READ),
  rule(["apps"], ["controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status"], READ),
  rule(["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"], READ),
  rule(["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"], READ),
  rule(["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"], READ),
  rule(["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"], READ),
];

/** Labels that aggregate a ClusterRole into admin, edit or view (bootstrappolicy/policy.go). */
export const AGGREGATE_LABEL = {
  admin: "rbac.authorization.k8s.io/aggregate-to-admin",
  edit: "rbac.authorization.k8s.io/aggregate-to-edit",
  view: "rbac.authorization.k8s.io/aggregate-to-view",
} as const;

function sys(name: string, rules: JsonObject[], labels: Record<string, string> = {}): RoleDesc {
  return { name, rules, labels: { ...BOOTSTRAP_LABELS, ...labels }, annotations: AUTOUPDATE };
}

function aggregated(name: "admin" | "edit" | "view", labels: Record<string, string> = {}): RoleDesc {
  return {
    ...sys(name, [], labels),
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_LABEL[name]]: "true" } }] },
  };
}

/** Controllers with a `system:controller:*` ClusterRole and binding (controller-roles.yaml). */
const CONTROLLERS: readonly (readonly [string, JsonObject[]])[] = [
  ["attachdetach-controller", [rule([""], ["persistentvolumes", "persistentvolumeclaims", "nodes", "pods"], READ), rule([""], ["nodes/status"], ["patch", "update"])]],
  ["certificate-controller", [rule(["certificates.k8s.io"], ["certificatesigningrequests"], ["delete", ...READ]), rule(["certificates.k8s.io"], ["certificatesigningrequests/approval", "certificatesigningrequests/status"], ["update"]), rule(["certificates.k8s.io"], ["signers"], ["approve"], ["kubernetes.io/kube-apiserver-client-kubelet", "kubernetes.io/kubelet-serving", "kubernetes.io/legacy-unknown"])]],
  ["clusterrole-aggregation-controller", [rule([RBAC], ["clusterroles"], ["escalate", "get", "list", "patch", "update", "watch"])]],
  ["cronjob-controller", [rule(["batch"], ["cronjobs"], ["get", "list", "update", "watch"]), rule(["batch"], ["jobs"], ["create", "delete", "get", "list", "patch", "update", "watch"])]],
  ["daemon-set-controller", [rule(["apps", "extensions"], ["daemonsets"], READ), rule([""], ["pods"], ["create", "delete", "list", "patch", "watch"]), rule([""], ["pods/binding"], ["create"])]],
  ["deployment-controller", [rule(["apps", "extensions"], ["deployments"], ["get", "list", "update", "watch"]), rule(["apps", "extensions"], ["replicasets"], ["create", "delete", "get", "list", "patch", "update", "watch"])]],
  ["disruption-controller", [rule(["policy"], ["poddisruptionbudgets"], READ), rule(["policy"], ["poddisruptionbudgets/status"], ["update"])]],
  ["endpoint-controller", [rule([""], ["services", "pods"], READ), rule([""], ["endpoints"], ["create", "delete", "get", "list", "update"]), rule([""], ["endpoints/restricted"], ["create"])]],
  ["endpointslice-controller", [rule([""], ["services", "pods", "nodes"], READ), rule(["discovery.k8s.io"], ["endpointslices"], ["create", "delete", "get", "list", "update"])]],
  ["endpointslicemirroring-controller", [rule([""], ["services", "endpoints"], READ), rule(["discovery.k8s.io"], ["endpointslices"], ["create", "delete", "get", "list", "update"])]],
  ["ephemeral-volume-controller", [rule([""], ["pods"], ["get", "list", "watch"]), rule([""], ["persistentvolumeclaims"], ["create", "get", "list", "watch"])]],
  ["expand-controller", [rule([""], ["persistentvolumes"], ["get", "list", "patch", "update", "watch"]), rule([""], ["secrets"], ["get"])]],
  // The garbage collector and the namespace controller really hold wildcards: analysis must know them as defaults.
  ["generic-garbage-collector", [rule(["*"], ["*"], ["delete", "get", "list", "patch", "update", "watch"])]],
  ["horizontal-pod-autoscaler", [rule(["autoscaling"], ["horizontalpodautoscalers"], READ), rule(["*"], ["*/scale"], ["get", "update"])]],
  ["job-controller", [rule(["batch"], ["jobs"], ["get", "list", "patch", "update", "watch"]), rule([""], ["pods"], ["create", "delete", "list", "patch", "watch"])]],
  ["legacy-service-account-token-cleaner", [rule([""], ["secrets"], ["delete", "patch"])]],
  ["namespace-controller", [rule([""], ["namespaces"], ["delete", "get", "list", "watch"]), rule(["*"], ["*"], ["delete", "deletecollection", "get", "list"])]],
  ["node-controller", [rule([""], ["nodes"], ["delete", "get", "list", "patch", "update"]), rule([""], ["pods"], ["delete", "list"])]],
  ["persistent-volume-binder", [rule([""], ["persistentvolumes"], ["create", "delete", "get", "list", "update", "watch"]), rule([""], ["secrets"], ["get"])]],
  ["pod-garbage-collector", [rule([""], ["pods"], ["delete", "list", "watch"]), rule([""], ["nodes"], ["get", "list", "watch"])]],
  ["pv-protection-controller", [rule([""], ["persistentvolumes"], ["get", "list", "update", "watch"])]],
  ["pvc-protection-controller", [rule([""], ["persistentvolumeclaims"], ["get", "list", "update", "watch"])]],
  ["replicaset-controller", [rule(["apps", "extensions"], ["replicasets"], ["get", "list", "update", "watch"]), rule([""], ["pods"], ["create", "delete", "list", "patch", "watch"])]],
  ["replication-controller", [rule([""], ["replicationcontrollers"], ["get", "list", "update", "watch"]), rule([""], ["pods"], ["create", "delete", "list", "patch", "watch"])]],
  ["resourcequota-controller", [rule(["*"], ["*"], ["list", "watch"]), rule([""], ["resourcequotas/status"], ["update"])]],
  ["root-ca-cert-publisher", [rule([""], ["configmaps"], ["create", "update"])]],
  ["route-controller", [rule([""], ["nodes"], ["list", "watch"]), rule([""], ["nodes/status"], ["patch"])]],
  ["service-account-controller", [rule([""], ["serviceaccounts"], ["create"])]],
  ["service-controller", [rule([""], ["services"], READ), rule([""], ["services/status"], ["patch", "update"])]],
  ["statefulset-controller", [rule([""], ["pods"], ["create", "delete", "get", "list", "patch", "update", "watch"]), rule(["apps"], ["statefulsets"], READ)]],
  ["ttl-after-finished-controller", [rule(["batch"], ["jobs"], ["delete", "get", "list", "watch"])]],
  ["ttl-controller", [rule([""], ["nodes"], ["list", "patch", "update", "watch"])]],
  ["validatingadmissionpolicy-status-controller", [rule(["admissionregistration.k8s.io"], ["validatingadmissionpolicies"], READ), rule(["admissionregistration.k8s.io"], ["validatingadmissionpolicies/status"], ["get", "patch", "update"])]],
];

/** Bootstrap ClusterRoles: cluster-admin, the aggregated trio and their sources, system:*, controllers. */
export function bootstrapClusterRoles(): RoleDesc[] {
  const roles: RoleDesc[] = [
    sys("cluster-admin", [rule(["*"], ["*"], ["*"]), urlRule(["*"], ["*"])]),
    aggregated("admin"),
    aggregated("edit", { [AGGREGATE_LABEL.admin]: "true" }),
    aggregated("view", { [AGGREGATE_LABEL.edit]: "true" }),
    sys("system:aggregate-to-admin", AGGREGATE_TO_ADMIN, { [AGGREGATE_LABEL.admin]: "true" }),
    sys("system:aggregate-to-edit", AGGREGATE_TO_EDIT, { [AGGREGATE_LABEL.edit]: "true" }),
    sys("system:aggregate-to-view", AGGREGATE_TO_VIEW, { [AGGREGATE_LABEL.view]: "true" }),
    sys("system:auth-delegator", [rule(["authentication.k8s.io"], ["tokenreviews"], ["create"]), rule(["authorization.k8s.io"], ["subjectaccessreviews"], ["create"])]),
    sys("system:basic-user", [rule(["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"], ["create"]), rule(["authentication.k8s.io"], ["selfsubjectreviews"], ["create"])]),
    sys("system:discovery", [urlRule(["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"], ["get"])]),
    sys("system:public-info-viewer", [urlRule(["/healthz", "/livez", "/readyz", "/version", "/version/"], ["get"])]),
    sys("system:heapster", [rule([""], ["events", "namespaces", "nodes", "pods"], READ), rule(["extensions"], ["deployments"], READ)]),
    sys("system:kube-aggregator", [rule([""], ["endpoints", "services"], READ)]),
    sys("system:kube-controller-manager", [rule([""], ["secrets", "serviceaccounts"], ["create"]), rule([""], ["secrets"], ["delete"]), rule([""], ["configmaps", "namespaces", "secrets", "serviceaccounts"], ["get"]), rule([""], ["serviceaccounts/token"], ["create"]), rule(["*"], ["*"], ["list", "watch"])]),
    sys("system:kube-dns", [rule([""], ["endpoints", "services"], ["list", "watch"])]),
    sys("system:kube-scheduler", [rule([""], ["events"], ["create", "patch", "update"]), rule([""], ["nodes"], READ), rule([""], ["pods"], ["delete", "get", "list", "watch"]), rule([""], ["bindings", "pods/binding"], ["create"])]),
    sys("system:kubelet-api-admin", [rule([""], ["nodes"], ["get", "list", "watch", "proxy"]), rule([""], ["nodes/log", "nodes/metrics", "nodes/proxy", "nodes/stats"], ["*"])]),
    sys("system:monitoring", [urlRule(["/healthz", "/healthz/*", "/livez", "/livez/*", "/metrics", "/metrics/slis", "/readyz", "/readyz/*"], ["get"])]),
    sys("system:node", [rule([""], ["pods"], ["get", "list", "watch", "create", "delete"]), rule([""], ["nodes", "nodes/status"], ["create", "get", "list", "watch", "patch", "update"]), rule([""], ["secrets", "configmaps", "persistentvolumeclaims", "persistentvolumes"], ["get", "list", "watch"]), rule([""], ["serviceaccounts/token"], ["create"])]),
    sys("system:node-bootstrapper", [rule(["certificates.k8s.io"], ["certificatesigningrequests"], ["create", "get", "list", "watch"])]),
    sys("system:node-problem-detector", [rule([""], ["nodes"], ["get"]), rule([""], ["nodes/status"], ["patch"]), rule([""], ["events"], ["create", "patch", "update"])]),
    sys("system:node-proxier", [rule([""], ["endpoints", "services"], ["list", "watch"]), rule([""], ["nodes"], READ), rule(["discovery.k8s.io"], ["endpointslices"], ["list", "watch"])]),
    sys("system:persistent-volume-provisioner", [rule([""], ["persistentvolumes"], ["create", "delete", "get", "list", "watch"]), rule([""], ["persistentvolumeclaims"], ["get", "list", "update", "watch"])]),
    sys("system:service-account-issuer-discovery", [urlRule(["/.well-known/openid-configuration", "/.well-known/openid-configuration/", "/openid/v1/jwks", "/openid/v1/jwks/"], ["get"])]),
    sys("system:volume-scheduler", [rule([""], ["persistentvolumes"], ["get", "list", "patch", "update", "watch"]), rule(["storage.k8s.io"], ["storageclasses"], READ)]),
    sys("system:certificates.k8s.io:certificatesigningrequests:nodeclient", [rule(["certificates.k8s.io"], ["certificatesigningrequests/nodeclient"], ["create"])]),
    sys("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", [rule(["certificates.k8s.io"], ["certificatesigningrequests/selfnodeclient"], ["create"])]),
    sys("system:certificates.k8s.io:kube-apiserver-client-approver", [rule(["certificates.k8s.io"], ["signers"], ["approve"], ["kubernetes.io/kube-apiserver-client"])]),
    sys("system:certificates.k8s.io:kubelet-serving-approver", [rule(["certificates.k8s.io"], ["signers"], ["approve"], ["kubernetes.io/kubelet-serving"])]),
  ];
  for (const [name, rules] of CONTROLLERS) roles.push(sys(`system:controller:${name}`, rules));
  return roles;
}

function crb(name: string, role: string, subjects: BindingDesc["subjects"]): BindingDesc {
  return { name, roleRef: { kind: "ClusterRole", name: role }, subjects, labels: BOOTSTRAP_LABELS, annotations: AUTOUPDATE };
}

const group = (name: string) => ({ kind: "Group" as const, name });
const user = (name: string) => ({ kind: "User" as const, name });
const ksa = (name: string) => ({ kind: "ServiceAccount" as const, name, namespace: "kube-system" });

/** Bootstrap ClusterRoleBindings (cluster-role-bindings.yaml + controller-role-bindings.yaml). */
export function bootstrapClusterRoleBindings(): BindingDesc[] {
  const out = [
    crb("cluster-admin", "cluster-admin", [group("system:masters")]),
    crb("system:basic-user", "system:basic-user", [group("system:authenticated")]),
    crb("system:discovery", "system:discovery", [group("system:authenticated")]),
    crb("system:public-info-viewer", "system:public-info-viewer", [group("system:authenticated"), group("system:unauthenticated")]),
    crb("system:monitoring", "system:monitoring", [group("system:monitoring")]),
    crb("system:kube-controller-manager", "system:kube-controller-manager", [user("system:kube-controller-manager")]),
    crb("system:kube-dns", "system:kube-dns", [ksa("kube-dns")]),
    crb("system:kube-scheduler", "system:kube-scheduler", [user("system:kube-scheduler")]),
    crb("system:node", "system:node", []),
    crb("system:node-proxier", "system:node-proxier", [user("system:kube-proxy")]),
    crb("system:service-account-issuer-discovery", "system:service-account-issuer-discovery", [group("system:serviceaccounts")]),
    crb("system:volume-scheduler", "system:volume-scheduler", [user("system:kube-scheduler")]),
  ];
  for (const [name] of CONTROLLERS) out.push(crb(`system:controller:${name}`, `system:controller:${name}`, [ksa(name)]));
  return out;
}

/** Service accounts kube-controller-manager runs its controllers as. */
export function controllerServiceAccounts(): ServiceAccountDesc[] {
  return CONTROLLERS.map(([name]) => ({ name }));
}

/** Namespaced bootstrap roles in kube-system and kube-public (namespace-roles.yaml). */
export function bootstrapNamespaceRbac(): Record<string, { roles: RoleDesc[]; bindings: BindingDesc[] }> {
  const lock = (component: string) =>
    sys(`system::leader-locking-${component}`, [rule([""], ["configmaps"], ["watch"]), rule([""], ["configmaps"], ["get", "update"], [component])]);
  const bind = (role: string, subjects: BindingDesc["subjects"], name = role): BindingDesc => ({
    name,
    roleRef: { kind: "Role", name: role },
    subjects,
    labels: BOOTSTRAP_LABELS,
    annotations: AUTOUPDATE,
  });
  return {
    "kube-system": {
      roles: [
        sys("extension-apiserver-authentication-reader", [rule([""], ["configmaps"], READ, ["extension-apiserver-authentication"])]),
        lock("kube-controller-manager"),
        lock("kube-scheduler"),
        sys("system:controller:bootstrap-signer", [rule([""], ["secrets"], READ)]),
        sys("system:controller:cloud-provider", [rule([""], ["configmaps"], ["create", "get", "list", "watch"])]),
        sys("system:controller:token-cleaner", [rule([""], ["secrets"], ["delete", "get", "list", "watch"])]),
      ],
      bindings: [
        bind("extension-apiserver-authentication-reader", [user("system:kube-controller-manager"), user("system:kube-scheduler")], "system::extension-apiserver-authentication-reader"),
        bind("system::leader-locking-kube-controller-manager", [user("system:kube-controller-manager"), ksa("kube-controller-manager")]),
        bind("system::leader-locking-kube-scheduler", [user("system:kube-scheduler"), ksa("kube-scheduler")]),
        bind("system:controller:bootstrap-signer", [ksa("bootstrap-signer")]),
        bind("system:controller:cloud-provider", [ksa("cloud-provider")]),
        bind("system:controller:token-cleaner", [ksa("token-cleaner")]),
      ],
    },
    "kube-public": {
      roles: [sys("system:controller:bootstrap-signer", [rule([""], ["configmaps"], READ), rule([""], ["configmaps"], ["update"], ["cluster-info"])])],
      bindings: [bind("system:controller:bootstrap-signer", [ksa("bootstrap-signer")])],
    },
  };
}
