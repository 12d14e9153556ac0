/**
 * Every kind a snapshot reads, with the API coordinates the live source lists it by. This table is
 * the single source for the live source's requests, the dashboard's least-privilege ClusterRole
 * (deploy/, checked by a test) and the per-kind availability shown as "partial".
 */
export interface KindInfo {
  /** Key of the collection in ClusterSnapshot and in `ClusterSnapshot.kinds`. */
  key: CollectionKey;
  kind: string;
  group: string;
  version: string;
  /** Plural resource name as used in API paths and RBAC rules. */
  resource: string;
  namespaced: boolean;
  /** Served by a CRD or an optional API: absence (404) means "not installed", not an error. */
  optional?: boolean;
  /**
   * Read only when the same resource of this group is not installed: Calico's
   * crd.projectcalico.org/v1 storage stands in for projectcalico.org/v3 when the Calico API server
   * is absent (the v3 API serves the same objects).
   */
  fallbackFor?: string;
}

export type CollectionKey =
  | "namespaces"
  | "pods"
  | "serviceAccounts"
  | "services"
  | "endpoints"
  | "ingresses"
  | "routes"
  | "networkPolicies"
  | "adminNetworkPolicies"
  | "baselineAdminNetworkPolicies"
  | "clusterNetworkPolicies"
  | "roles"
  | "clusterRoles"
  | "roleBindings"
  | "clusterRoleBindings"
  | "workloads"
  | "nodes"
  | "webhookConfigurations"
  | "validatingAdmissionPolicies"
  | "validatingAdmissionPolicyBindings"
  | "constraintTemplates"
  | "constraints"
  | "peerAuthentications"
  | "ciliumPolicies"
  | "calicoPolicies"
  | "calicoTiers"
  | "calicoNetworkSets"
  | "networkExtensions";

export const KINDS: readonly KindInfo[] = [
  { key: "namespaces", kind: "Namespace", group: "", version: "v1", resource: "namespaces", namespaced: false },
  { key: "pods", kind: "Pod", group: "", version: "v1", resource: "pods", namespaced: true },
  { key: "serviceAccounts", kind: "ServiceAccount", group: "", version: "v1", resource: "serviceaccounts", namespaced: true },
  { key: "services", kind: "Service", group: "", version: "v1", resource: "services", namespaced: true },
  { key: "endpoints", kind: "EndpointSlice", group: "discovery.k8s.io", version: "v1", resource: "endpointslices", namespaced: true, optional: true },
  { key: "ingresses", kind: "Ingress", group: "networking.k8s.io", version: "v1", resource: "ingresses", namespaced: true },
  { key: "routes", kind: "Route", group: "route.openshift.io", version: "v1", resource: "routes", namespaced: true, optional: true },
  { key: "networkPolicies", kind: "NetworkPolicy", group: "networking.k8s.io", version: "v1", resource: "networkpolicies", namespaced: true },
  { key: "adminNetworkPolicies", kind: "AdminNetworkPolicy", group: "policy.networking.k8s.io", version: "v1alpha1", resource: "adminnetworkpolicies", namespaced: false, optional: true },
  { key: "baselineAdminNetworkPolicies", kind: "BaselineAdminNetworkPolicy", group: "policy.networking.k8s.io", version: "v1alpha1", resource: "baselineadminnetworkpolicies", namespaced: false, optional: true },
  { key: "clusterNetworkPolicies", kind: "ClusterNetworkPolicy", group: "policy.networking.k8s.io", version: "v1alpha2", resource: "clusternetworkpolicies", namespaced: false, optional: true },
  { key: "roles", kind: "Role", group: "rbac.authorization.k8s.io", version: "v1", resource: "roles", namespaced: true },
  { key: "clusterRoles", kind: "ClusterRole", group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles", namespaced: false },
  { key: "roleBindings", kind: "RoleBinding", group: "rbac.authorization.k8s.io", version: "v1", resource: "rolebindings", namespaced: true },
  { key: "clusterRoleBindings", kind: "ClusterRoleBinding", group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterrolebindings", namespaced: false },
  { key: "workloads", kind: "Deployment", group: "apps", version: "v1", resource: "deployments", namespaced: true },
  { key: "workloads", kind: "StatefulSet", group: "apps", version: "v1", resource: "statefulsets", namespaced: true },
  { key: "workloads", kind: "DaemonSet", group: "apps", version: "v1", resource: "daemonsets", namespaced: true },
  { key: "workloads", kind: "ReplicaSet", group: "apps", version: "v1", resource: "replicasets", namespaced: true },
  { key: "workloads", kind: "Job", group: "batch", version: "v1", resource: "jobs", namespaced: true },
  { key: "workloads", kind: "CronJob", group: "batch", version: "v1", resource: "cronjobs", namespaced: true },
  { key: "workloads", kind: "ReplicationController", group: "", version: "v1", resource: "replicationcontrollers", namespaced: true },
  { key: "nodes", kind: "Node", group: "", version: "v1", resource: "nodes", namespaced: false },
  { key: "webhookConfigurations", kind: "ValidatingWebhookConfiguration", group: "admissionregistration.k8s.io", version: "v1", resource: "validatingwebhookconfigurations", namespaced: false },
  { key: "webhookConfigurations", kind: "MutatingWebhookConfiguration", group: "admissionregistration.k8s.io", version: "v1", resource: "mutatingwebhookconfigurations", namespaced: false },
  { key: "validatingAdmissionPolicies", kind: "ValidatingAdmissionPolicy", group: "admissionregistration.k8s.io", version: "v1", resource: "validatingadmissionpolicies", namespaced: false, optional: true },
  { key: "validatingAdmissionPolicyBindings", kind: "ValidatingAdmissionPolicyBinding", group: "admissionregistration.k8s.io", version: "v1", resource: "validatingadmissionpolicybindings", namespaced: false, optional: true },
  { key: "constraintTemplates", kind: "ConstraintTemplate", group: "templates.gatekeeper.sh", version: "v1", resource: "constrainttemplates", namespaced: false, optional: true },
  { key: "peerAuthentications", kind: "PeerAuthentication", group: "security.istio.io", version: "v1", resource: "peerauthentications", namespaced: true, optional: true },
  // Cilium (cilium.io/v2)
  { key: "ciliumPolicies", kind: "CiliumNetworkPolicy", group: "cilium.io", version: "v2", resource: "ciliumnetworkpolicies", namespaced: true, optional: true },
  { key: "ciliumPolicies", kind: "CiliumClusterwideNetworkPolicy", group: "cilium.io", version: "v2", resource: "ciliumclusterwidenetworkpolicies", namespaced: false, optional: true },
  // Calico through its API server (projectcalico.org/v3) ...
  ...calicoKinds("projectcalico.org", "v3"),
  // ... or as stored when the Calico API server is not installed (crd.projectcalico.org/v1); the
  // live source keeps one copy of each object, preferring projectcalico.org/v3.
  ...calicoKinds("crd.projectcalico.org", "v1").map((k) => ({ ...k, fallbackFor: "projectcalico.org" })),
  // Other projects' kinds that can change a verdict the engine does not evaluate (kept by name).
  { key: "networkExtensions", kind: "NetworkPolicy", group: "crd.antrea.io", version: "v1beta1", resource: "networkpolicies", namespaced: true, optional: true },
  { key: "networkExtensions", kind: "ClusterNetworkPolicy", group: "crd.antrea.io", version: "v1beta1", resource: "clusternetworkpolicies", namespaced: false, optional: true },
  { key: "networkExtensions", kind: "AuthorizationPolicy", group: "security.istio.io", version: "v1", resource: "authorizationpolicies", namespaced: true, optional: true },
  { key: "networkExtensions", kind: "Server", group: "policy.linkerd.io", version: "v1beta3", resource: "servers", namespaced: true, optional: true },
  { key: "networkExtensions", kind: "AuthorizationPolicy", group: "policy.linkerd.io", version: "v1alpha1", resource: "authorizationpolicies", namespaced: true, optional: true },
  { key: "networkExtensions", kind: "EgressFirewall", group: "k8s.ovn.org", version: "v1", resource: "egressfirewalls", namespaced: true, optional: true },
];

function calicoKinds(group: string, version: string): KindInfo[] {
  const k = (key: CollectionKey, kind: string, resource: string, namespaced: boolean): KindInfo => ({ key, kind, group, version, resource, namespaced, optional: true });
  return [
    k("calicoPolicies", "NetworkPolicy", "networkpolicies", true),
    k("calicoPolicies", "GlobalNetworkPolicy", "globalnetworkpolicies", false),
    k("calicoPolicies", "StagedNetworkPolicy", "stagednetworkpolicies", true),
    k("calicoPolicies", "StagedGlobalNetworkPolicy", "stagedglobalnetworkpolicies", false),
    k("calicoPolicies", "StagedKubernetesNetworkPolicy", "stagedkubernetesnetworkpolicies", true),
    k("calicoTiers", "Tier", "tiers", false),
    k("calicoNetworkSets", "NetworkSet", "networksets", true),
    k("calicoNetworkSets", "GlobalNetworkSet", "globalnetworksets", false),
  ];
}

/** Gatekeeper constraints live in this group; their kinds come from the ConstraintTemplates. */
export const GATEKEEPER_CONSTRAINTS_GROUP = "constraints.gatekeeper.sh";

/** Kinds we recognise but do not analyse (skipped quietly, counted as "ignored"). */
export const IGNORED_KINDS = new Set([
  "ConfigMap",
  "Secret",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "StorageClass",
  "CustomResourceDefinition",
  "HorizontalPodAutoscaler",
  "PodDisruptionBudget",
  "LimitRange",
  "ResourceQuota",
  "PriorityClass",
  "IngressClass",
  "Event",
  "Lease",
  "APIService",
  "CSIDriver",
  "CSINode",
  "RuntimeClass",
  "PodTemplate",
  "ControllerRevision",
  "VolumeAttachment",
  "CertificateSigningRequest",
  "Certificate",
  "Issuer",
  "ClusterIssuer",
  "ServiceMonitor",
  "PodMonitor",
  "PrometheusRule",
  "Gateway",
  "HTTPRoute",
  "GatewayClass",
  "NetworkAttachmentDefinition",
  "MultiNetworkPolicy",
  "UserDefinedNetwork",
  "ClusterUserDefinedNetwork",
  "VirtualMachine",
  "VirtualMachineInstance",
]);

/**
 * The key of a kind in `ClusterSnapshot.kinds`: its resource name, qualified by the group when an
 * earlier kind has the same resource name (Calico's and Antrea's `networkpolicies`).
 */
export function kindStatusKey(k: KindInfo): string {
  const first = KINDS.find((x) => x.resource === k.resource);
  return first === k || !first ? k.resource : `${k.resource}.${k.group}`;
}

/** kind → info (first entry per kind, so the Kubernetes kind wins over a CNI's kind of the same name). */
export const KIND_BY_NAME: ReadonlyMap<string, KindInfo> = new Map([...KINDS].reverse().map((k) => [k.kind, k]));

/** Display names of collections that hold several kinds. */
const COLLECTION_LABELS: Partial<Record<CollectionKey, string>> = {
  workloads: "Workloads",
  webhookConfigurations: "WebhookConfigurations",
  constraints: "Gatekeeper constraints",
  endpoints: "Endpoints",
  ciliumPolicies: "Cilium policies",
  calicoPolicies: "Calico policies",
  calicoTiers: "Calico tiers",
  calicoNetworkSets: "Calico network sets",
  networkExtensions: "Other network policies",
};

/** The kind of a collection's records (the first kind listed for it; multi-kind records carry their own). */
export function kindOfCollection(key: CollectionKey): string {
  return KINDS.find((k) => k.key === key)?.kind ?? key;
}

export function kindLabel(key: CollectionKey): string {
  return COLLECTION_LABELS[key] ?? kindOfCollection(key);
}
