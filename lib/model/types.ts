/**
 * The normalized records of a ClusterSnapshot. Raw API objects are reshaped into these at the
 * boundary (lib/model/normalize.ts): managedFields, last-applied annotations, env values, status
 * noise and anything from Secrets never get this far. Names follow the Kubernetes API's own words.
 */
import type { LabelSelector, Labels } from "./selector";

export type { LabelSelector, Labels } from "./selector";

export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
}

export interface OwnerReference {
  apiVersion?: string;
  kind: string;
  name: string;
  uid?: string;
  controller?: boolean;
}

/** Fields every namespaced or cluster-scoped record shares. */
export interface Meta {
  name: string;
  namespace?: string;
  uid?: string;
  labels: Labels;
  annotations: Labels;
  creationTimestamp?: string;
}

export interface Namespace extends Meta {
  /** Referenced by some object but not declared in the input (file sources only). */
  implicit?: boolean;
  phase?: string;
}

// ---------------------------------------------------------------- pods and workloads

export type Protocol = "TCP" | "UDP" | "SCTP";

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol: Protocol;
  hostPort?: number;
  hostIP?: string;
}

export interface SeccompProfile {
  type: string;
  localhostProfile?: string;
}

export interface AppArmorProfile {
  type: string;
  localhostProfile?: string;
}

export interface SELinuxOptions {
  user?: string;
  role?: string;
  type?: string;
  level?: string;
}

export interface WindowsOptions {
  hostProcess?: boolean;
}

export interface ContainerSecurityContext {
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { add?: string[]; drop?: string[] };
  readOnlyRootFilesystem?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  procMount?: string;
  seLinuxOptions?: SELinuxOptions;
  seccompProfile?: SeccompProfile;
  appArmorProfile?: AppArmorProfile;
  windowsOptions?: WindowsOptions;
}

export interface PodSecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  runAsGroup?: number;
  fsGroup?: number;
  supplementalGroups?: number[];
  seLinuxOptions?: SELinuxOptions;
  seccompProfile?: SeccompProfile;
  appArmorProfile?: AppArmorProfile;
  sysctls?: { name: string; value: string }[];
  windowsOptions?: WindowsOptions;
}

export interface Container {
  name: string;
  image: string;
  imagePullPolicy?: string;
  ports: ContainerPort[];
  securityContext?: ContainerSecurityContext;
  resources: { limits?: Record<string, string>; requests?: Record<string, string> };
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
  /** Names of environment variables only; values are dropped at the boundary. */
  envNames: string[];
}

/** A volume reduced to its type and the few facts the analysis uses. */
export interface Volume {
  name: string;
  /** The volume source key as in the API: hostPath, configMap, secret, projected, emptyDir, ... */
  type: string;
  hostPath?: { path: string; type?: string };
  /** For `secret` volumes, the Secret's name (never its contents). */
  secretName?: string;
  /** For `projected` volumes, the kinds of their sources (serviceAccountToken, configMap, ...). */
  projectedSources?: string[];
}

export interface PodSpec {
  serviceAccountName: string;
  automountServiceAccountToken?: boolean;
  nodeName?: string;
  hostNetwork: boolean;
  hostPID: boolean;
  hostIPC: boolean;
  hostUsers?: boolean;
  securityContext: PodSecurityContext;
  containers: Container[];
  initContainers: Container[];
  ephemeralContainers: Container[];
  volumes: Volume[];
}

/** The workload a pod belongs to, after following ownerReferences to the top (Pod → ReplicaSet → Deployment). */
export interface WorkloadRef {
  /** A WorkloadKind, "Pod" for a bare pod, or a custom controller's kind (e.g. Rollout). */
  kind: string;
  name: string;
}

export interface Pod extends Meta {
  namespace: string;
  ownerReferences: OwnerReference[];
  /** Top-level owner; for a bare pod, the pod itself. */
  owner: WorkloadRef;
  spec: PodSpec;
  phase?: string;
  podIPs: string[];
  hostIP?: string;
  /** Set when the pod was synthesized from a workload's template (file sources without live pods). */
  synthesized?: { from: WorkloadRef; replicas: number };
}

export type WorkloadKind =
  | "Deployment"
  | "StatefulSet"
  | "DaemonSet"
  | "ReplicaSet"
  | "Job"
  | "CronJob"
  | "ReplicationController";

export interface PodTemplate {
  labels: Labels;
  annotations: Labels;
  spec: PodSpec;
}

export interface Workload extends Meta {
  kind: WorkloadKind;
  namespace: string;
  ownerReferences: OwnerReference[];
  replicas?: number;
  /** ReplicationController uses a plain map; converted to matchLabels here. */
  selector?: LabelSelector;
  template: PodTemplate;
  /** CronJob only. */
  schedule?: string;
}

export interface ServiceAccount extends Meta {
  namespace: string;
  automountServiceAccountToken?: boolean;
  /** Names of legacy token Secrets listed on the account (names only). */
  secretNames: string[];
}

// ---------------------------------------------------------------- services and ingress

export interface ServicePort {
  name?: string;
  port: number;
  /** Defaults to `port`; a string is a named port resolved on each backing pod. */
  targetPort: number | string;
  protocol: Protocol;
  nodePort?: number;
}

export interface Service extends Meta {
  namespace: string;
  type: "ClusterIP" | "NodePort" | "LoadBalancer" | "ExternalName";
  /** Undefined for services without a selector (manually managed endpoints). */
  selector?: Labels;
  ports: ServicePort[];
  clusterIP?: string;
  externalIPs: string[];
  externalName?: string;
  loadBalancerIngress: string[];
  loadBalancerSourceRanges: string[];
}

/** Endpoints or an EndpointSlice, reduced to how many addresses back a service. */
export interface ServiceEndpoints {
  namespace: string;
  name: string;
  serviceName: string;
  ready: number;
  notReady: number;
}

export interface IngressBackend {
  service?: { name: string; port: { number?: number; name?: string } };
  resource?: { kind: string; name: string };
}

export interface Ingress extends Meta {
  namespace: string;
  ingressClassName?: string;
  defaultBackend?: IngressBackend;
  rules: { host?: string; paths: { path?: string; pathType?: string; backend: IngressBackend }[] }[];
  tls: { hosts: string[]; secretName?: string }[];
}

/** OpenShift Route (route.openshift.io/v1). */
export interface Route extends Meta {
  namespace: string;
  host?: string;
  to: { kind: string; name: string; weight?: number };
  alternateBackends: { kind: string; name: string; weight?: number }[];
  targetPort?: number | string;
}

// ---------------------------------------------------------------- network policy

export interface IPBlock {
  cidr: string;
  except: string[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlock;
}

export interface NetworkPolicyPort {
  /** Defaulted to TCP by the loader, as the API server does. */
  protocol: Protocol;
  /** Absent = every port of the protocol. A string is a named port. */
  port?: number | string;
  endPort?: number;
}

export interface NetworkPolicyIngressRule {
  /** Empty = every source, including addresses outside the cluster. */
  from: NetworkPolicyPeer[];
  /** Empty = every port and protocol. */
  ports: NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  /** Empty = every destination, including addresses outside the cluster. */
  to: NetworkPolicyPeer[];
  ports: NetworkPolicyPort[];
}

export type PolicyType = "Ingress" | "Egress";

export interface NetworkPolicy extends Meta {
  namespace: string;
  podSelector: LabelSelector;
  /** Effective policyTypes after API defaulting (see defaultPolicyTypes). */
  policyTypes: PolicyType[];
  /** True when policyTypes came from the loader's defaulting rather than the manifest. */
  policyTypesDefaulted?: boolean;
  ingress: NetworkPolicyIngressRule[];
  egress: NetworkPolicyEgressRule[];
}

// AdminNetworkPolicy / BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1)

export interface ANPPodsSelector {
  namespaceSelector: LabelSelector;
  podSelector: LabelSelector;
}

export interface ANPSubject {
  namespaces?: LabelSelector;
  pods?: ANPPodsSelector;
}

export interface ANPPeer {
  namespaces?: LabelSelector;
  pods?: ANPPodsSelector;
  /** Egress only; CIDRs that, unlike ipBlock, also match in-cluster addresses. */
  networks?: string[];
  /** Egress only (experimental). */
  nodes?: LabelSelector;
}

export interface ANPPort {
  portNumber?: { protocol: Protocol; port: number };
  namedPort?: string;
  portRange?: { protocol: Protocol; start: number; end: number };
}

export type ANPAction = "Allow" | "Deny" | "Pass";

export interface ANPRule {
  name: string;
  action: ANPAction;
  /** `from` for ingress rules, `to` for egress rules. */
  peers: ANPPeer[];
  /** Undefined = all ports. */
  ports?: ANPPort[];
}

export interface AdminNetworkPolicy extends Meta {
  priority: number;
  subject: ANPSubject;
  ingress: ANPRule[];
  egress: ANPRule[];
}

export interface BaselineAdminNetworkPolicy extends Meta {
  subject: ANPSubject;
  /** Actions are Allow or Deny only. */
  ingress: ANPRule[];
  egress: ANPRule[];
}

// ClusterNetworkPolicy (policy.networking.k8s.io/v1alpha2): one kind for both admin tiers

export type CNPTier = "Admin" | "Baseline";
export type CNPAction = "Accept" | "Deny" | "Pass";

export interface CNPPeer {
  namespaces?: LabelSelector;
  pods?: ANPPodsSelector;
  /** Egress only; CIDRs that also match in-cluster addresses. */
  networks?: string[];
  /** Egress only (experimental). */
  nodes?: LabelSelector;
  /** Egress only, Accept rules only (experimental); resolved by DNS at run time. */
  domainNames?: string[];
  /**
   * Set when the peer carries only fields this version does not know (a newer CRD): the API says
   * to fail closed (ClusterNetworkPolicyEgressPeer). Holds the unknown field names.
   */
  unknownFields?: string[];
}

/** One `protocols` entry: a transport with a destination port or range, or a named port. */
export interface CNPProtocol {
  protocol?: Protocol;
  destinationPort?: { number: number } | { range: { start: number; end: number } };
  destinationNamedPort?: string;
}

export interface CNPRule {
  /** Optional in v1alpha2. */
  name?: string;
  action: CNPAction;
  /** `from` for ingress rules, `to` for egress rules. */
  peers: CNPPeer[];
  /** Undefined = every protocol and port. */
  protocols?: CNPProtocol[];
}

export interface ClusterNetworkPolicy extends Meta {
  tier: CNPTier;
  priority: number;
  subject: ANPSubject;
  ingress: CNPRule[];
  egress: CNPRule[];
}

// ---------------------------------------------------------------- RBAC

export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

export interface Role extends Meta {
  kind: "Role" | "ClusterRole";
  rules: PolicyRule[];
  aggregationRule?: { clusterRoleSelectors: LabelSelector[] };
  /**
   * For aggregated ClusterRoles: how `rules` were obtained. From files the loader computes them
   * (the manifests ship `rules: []`); from a live cluster the stored rules are kept and compared.
   */
  aggregation?: { computed: boolean; sources: string[]; drift?: { missing: PolicyRule[]; extra: PolicyRule[] } };
}

export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

export interface RoleBinding extends Meta {
  kind: "RoleBinding" | "ClusterRoleBinding";
  roleRef: RoleRef;
  subjects: Subject[];
}

// ---------------------------------------------------------------- nodes, admission, mesh

export interface Node extends Meta {
  kubeletVersion?: string;
  kubeProxyVersion?: string;
  osImage?: string;
  kernelVersion?: string;
  containerRuntimeVersion?: string;
  operatingSystem?: string;
  architecture?: string;
  addresses: { type: string; address: string }[];
  podCIDRs: string[];
  unschedulable?: boolean;
}

export interface WebhookRule {
  operations: string[];
  apiGroups: string[];
  apiVersions: string[];
  resources: string[];
  scope?: string;
}

export interface Webhook {
  name: string;
  failurePolicy: "Fail" | "Ignore";
  sideEffects?: string;
  timeoutSeconds?: number;
  matchPolicy?: string;
  rules: WebhookRule[];
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  clientConfig: { service?: { namespace: string; name: string; port?: number; path?: string }; url?: string };
}

export interface WebhookConfiguration extends Meta {
  kind: "ValidatingWebhookConfiguration" | "MutatingWebhookConfiguration";
  webhooks: Webhook[];
}

export interface ValidatingAdmissionPolicy extends Meta {
  failurePolicy: "Fail" | "Ignore";
  resourceRules: WebhookRule[];
  validationCount: number;
}

export interface ValidatingAdmissionPolicyBinding extends Meta {
  policyName: string;
  validationActions: string[];
}

/** Gatekeeper ConstraintTemplate: defines a constraint kind. */
export interface ConstraintTemplate extends Meta {
  constraintKind: string;
}

/** A Gatekeeper constraint (constraints.gatekeeper.sh): one instance of a template's kind. */
export interface Constraint extends Meta {
  kind: string;
  enforcementAction: string;
  totalViolations?: number;
  violations: { kind?: string; namespace?: string; name?: string; message?: string }[];
  matchKinds: string[];
}

/** Istio PeerAuthentication (security.istio.io): mTLS mode for a namespace, workload or mesh. */
export interface PeerAuthentication extends Meta {
  namespace: string;
  selector?: Labels;
  mtlsMode?: "STRICT" | "PERMISSIVE" | "DISABLE" | "UNSET";
}
