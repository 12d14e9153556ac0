/**
 * Well-known API resources: their group, whether they are namespaced, and kubectl's short names.
 * Used to (1) give cluster-scoped requests the empty namespace, as the API server does (their URLs
 * have no /namespaces/ part, so only ClusterRoleBindings can grant them), and (2) resolve
 * `who-can get deployments` to the apps group the way kubectl's discovery would.
 * Sources: `kubectl api-resources` of Kubernetes 1.31, plus the virtual resources authorization
 * checks use (impersonation's users/groups/uids/userextras, certificates' signers).
 */
export interface ResourceInfo {
  group: string;
  resource: string;
  namespaced: boolean;
  shortNames?: string[];
}

const n = (group: string, resource: string, ...shortNames: string[]): ResourceInfo => ({ group, resource, namespaced: true, shortNames });
const c = (group: string, resource: string, ...shortNames: string[]): ResourceInfo => ({ group, resource, namespaced: false, shortNames });

/** First entry wins when a resource name exists in several groups (core `events` before events.k8s.io). */
export const WELL_KNOWN_RESOURCES: readonly ResourceInfo[] = [
  n("", "pods", "po"),
  n("", "services", "svc"),
  n("", "endpoints", "ep"),
  n("", "configmaps", "cm"),
  n("", "secrets"),
  n("", "serviceaccounts", "sa"),
  n("", "persistentvolumeclaims", "pvc"),
  n("", "events", "ev"),
  n("", "limitranges", "limits"),
  n("", "resourcequotas", "quota"),
  n("", "replicationcontrollers", "rc"),
  n("", "podtemplates"),
  n("", "bindings"),
  c("", "namespaces", "ns"),
  c("", "nodes", "no"),
  c("", "persistentvolumes", "pv"),
  c("", "componentstatuses", "cs"),
  c("", "users"),
  c("", "groups"),
  n("apps", "deployments", "deploy"),
  n("apps", "statefulsets", "sts"),
  n("apps", "daemonsets", "ds"),
  n("apps", "replicasets", "rs"),
  n("apps", "controllerrevisions"),
  n("batch", "jobs"),
  n("batch", "cronjobs", "cj"),
  n("autoscaling", "horizontalpodautoscalers", "hpa"),
  n("policy", "poddisruptionbudgets", "pdb"),
  c("policy", "podsecuritypolicies", "psp"),
  n("networking.k8s.io", "networkpolicies", "netpol"),
  n("networking.k8s.io", "ingresses", "ing"),
  c("networking.k8s.io", "ingressclasses"),
  c("networking.k8s.io", "ipaddresses"),
  c("networking.k8s.io", "servicecidrs"),
  n("discovery.k8s.io", "endpointslices"),
  n("rbac.authorization.k8s.io", "roles"),
  n("rbac.authorization.k8s.io", "rolebindings"),
  c("rbac.authorization.k8s.io", "clusterroles"),
  c("rbac.authorization.k8s.io", "clusterrolebindings"),
  c("storage.k8s.io", "storageclasses", "sc"),
  c("storage.k8s.io", "volumeattachments"),
  c("storage.k8s.io", "csidrivers"),
  c("storage.k8s.io", "csinodes"),
  c("storage.k8s.io", "volumeattributesclasses"),
  n("storage.k8s.io", "csistoragecapacities"),
  c("apiextensions.k8s.io", "customresourcedefinitions", "crd", "crds"),
  c("apiregistration.k8s.io", "apiservices"),
  c("admissionregistration.k8s.io", "validatingwebhookconfigurations"),
  c("admissionregistration.k8s.io", "mutatingwebhookconfigurations"),
  c("admissionregistration.k8s.io", "validatingadmissionpolicies"),
  c("admissionregistration.k8s.io", "validatingadmissionpolicybindings"),
  c("admissionregistration.k8s.io", "mutatingadmissionpolicies"),
  c("admissionregistration.k8s.io", "mutatingadmissionpolicybindings"),
  c("certificates.k8s.io", "certificatesigningrequests", "csr"),
  c("certificates.k8s.io", "signers"),
  c("certificates.k8s.io", "clustertrustbundles"),
  n("coordination.k8s.io", "leases"),
  c("scheduling.k8s.io", "priorityclasses", "pc"),
  c("node.k8s.io", "runtimeclasses"),
  c("flowcontrol.apiserver.k8s.io", "flowschemas"),
  c("flowcontrol.apiserver.k8s.io", "prioritylevelconfigurations"),
  c("authentication.k8s.io", "tokenreviews"),
  c("authentication.k8s.io", "selfsubjectreviews"),
  c("authentication.k8s.io", "uids"),
  c("authentication.k8s.io", "userextras"),
  c("authorization.k8s.io", "subjectaccessreviews"),
  c("authorization.k8s.io", "selfsubjectaccessreviews"),
  c("authorization.k8s.io", "selfsubjectrulesreviews"),
  n("authorization.k8s.io", "localsubjectaccessreviews"),
  n("events.k8s.io", "events"),
  n("resource.k8s.io", "resourceclaims"),
  n("resource.k8s.io", "resourceclaimtemplates"),
  c("resource.k8s.io", "deviceclasses"),
  c("resource.k8s.io", "resourceslices"),
  c("internal.apiserver.k8s.io", "storageversions"),
  c("policy.networking.k8s.io", "adminnetworkpolicies", "anp"),
  c("policy.networking.k8s.io", "baselineadminnetworkpolicies", "banp"),
  c("templates.gatekeeper.sh", "constrainttemplates"),
  n("config.gatekeeper.sh", "configs"),
  c("mutations.gatekeeper.sh", "assign"),
  c("mutations.gatekeeper.sh", "assignmetadata"),
  c("mutations.gatekeeper.sh", "assignimage"),
  c("mutations.gatekeeper.sh", "modifyset"),
  c("kyverno.io", "clusterpolicies"),
  n("kyverno.io", "policies"),
  n("cert-manager.io", "certificates"),
  n("cert-manager.io", "certificaterequests"),
  n("cert-manager.io", "issuers"),
  c("cert-manager.io", "clusterissuers"),
  n("monitoring.coreos.com", "servicemonitors"),
  n("monitoring.coreos.com", "podmonitors"),
  n("monitoring.coreos.com", "prometheusrules"),
  n("security.istio.io", "peerauthentications"),
  n("route.openshift.io", "routes"),
];

const BY_GROUP_RESOURCE = new Map(WELL_KNOWN_RESOURCES.map((r) => [`${r.group}/${r.resource}`, r]));
const BY_NAME = new Map<string, ResourceInfo>();
for (const r of WELL_KNOWN_RESOURCES) {
  if (!BY_NAME.has(r.resource)) BY_NAME.set(r.resource, r);
  for (const s of r.shortNames ?? []) if (!BY_NAME.has(s)) BY_NAME.set(s, r);
}

/**
 * Is `group/resource` cluster-scoped? Unknown resources (custom resources we have no table entry
 * for) are taken as namespaced, the common case for CRDs.
 */
export function isClusterScoped(group: string, resource: string): boolean {
  const r = BY_GROUP_RESOURCE.get(`${group}/${resource}`);
  return r ? !r.namespaced : false;
}

/** A well-known resource by plural, short name or singular (`deploy`, `deployment`, `deployments`). */
export function lookupResource(name: string): ResourceInfo | undefined {
  const lower = name.toLowerCase();
  return BY_NAME.get(lower) ?? BY_NAME.get(`${lower}s`) ?? (lower.endsWith("y") ? BY_NAME.get(`${lower.slice(0, -1)}ies`) : undefined) ?? BY_NAME.get(`${lower}es`);
}

