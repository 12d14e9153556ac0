/**
 * The generator works in two steps: a small *plan* (namespaces, apps, pods placed on nodes, RBAC and
 * policy descriptors) made with one seeded stream, then the Kubernetes objects themselves, built one
 * at a time from the plan so that even 100,000 pods can be streamed to a file.
 */
import type { ClusterShape } from "./shapes";

export type Json = string | number | boolean | null | Json[] | JsonObject;
/** `undefined` fields are allowed while building and dropped when serialized. */
export interface JsonObject {
  [key: string]: Json | undefined;
}

/** A raw Kubernetes object, as `kubectl get -o json` prints it. */
export interface KubeObject extends JsonObject {
  apiVersion: string;
  kind: string;
  metadata: JsonObject;
}

export type Labels = Record<string, string>;
export type Tier = "frontend" | "backend" | "data" | "system";

export interface PortPlan {
  name: string;
  containerPort: number;
  protocol?: "TCP" | "UDP";
  hostPort?: number;
}

export interface PodPlan {
  name: string;
  /** Index into ClusterPlan.nodes; -1 while Pending (not scheduled). */
  node: number;
  ip: string | null;
  phase: "Running" | "Pending" | "Succeeded";
  crashLooping?: boolean;
}

/** A ReplicaSet of a Deployment: the newest holds the pods, older ones are scaled to 0. */
export interface RevisionPlan {
  hash: string;
  revision: number;
  tag: string;
  pods: PodPlan[];
}

export interface JobPlan {
  name: string;
  pods: PodPlan[];
}

/** Security-relevant knobs of a pod template (the deliberate mistakes live here). */
export interface Hardening {
  privileged?: boolean;
  hostNetwork?: boolean;
  hostPID?: boolean;
  hostPaths?: string[];
  addCapabilities?: string[];
  runAsNonRoot?: boolean;
  runAsUser?: number;
  readOnlyRootFilesystem?: boolean;
  dropAll?: boolean;
  seccompRuntimeDefault?: boolean;
  allowPrivilegeEscalation?: boolean;
  noLimits?: boolean;
  automountToken?: boolean;
}

export type AppKind = "Deployment" | "StatefulSet" | "DaemonSet" | "CronJob" | "StaticPod";
export type ServiceType = "ClusterIP" | "LoadBalancer" | "NodePort" | "Headless";

export interface AppPlan {
  kind: AppKind;
  namespace: string;
  name: string;
  /** Pod template labels (pods add pod-template-hash / controller-revision-hash). */
  labels: Labels;
  selector: Labels;
  tier: Tier;
  /** Image repository without the tag. */
  image: string;
  /** "" means no tag at all (which pulls `latest`). */
  tag: string;
  serviceAccount: string;
  ports: PortPlan[];
  replicas: number;
  revisions: RevisionPlan[];
  /** Pods of StatefulSets, DaemonSets and static pods; Deployment pods live in `revisions`. */
  pods: PodPlan[];
  jobs: JobPlan[];
  hardening: Hardening;
  env: string[];
  args?: string[];
  service?: ServiceType;
  /** Fixed external address of a LoadBalancer Service (the ingress controller's, which Ingresses report). */
  loadBalancerIP?: string;
  /** Service name when it differs from the app name (coredns is served as kube-dns). */
  serviceName?: string;
  schedule?: string;
  /** Helm release name, when installed by Helm (adds the helm.sh labels and annotations). */
  helm?: string;
  /** Which nodes a DaemonSet runs on. */
  daemonNodes?: "all" | "workers";
  ageDays: number;
}

export interface SubjectDesc {
  kind: "User" | "Group" | "ServiceAccount";
  name: string;
  namespace?: string;
}

export interface RoleDesc {
  name: string;
  rules: JsonObject[];
  labels?: Labels;
  annotations?: Labels;
  aggregationRule?: JsonObject;
}

export interface BindingDesc {
  name: string;
  roleRef: { kind: "Role" | "ClusterRole"; name: string };
  subjects: SubjectDesc[];
  labels?: Labels;
  annotations?: Labels;
}

export interface ServiceAccountDesc {
  name: string;
  automountToken?: boolean;
  labels?: Labels;
}

export interface PolicyDesc {
  name: string;
  spec: JsonObject;
}

export interface IngressDesc {
  name: string;
  host: string;
  service: string;
  port: number;
  tls: boolean;
  className: string;
}

export interface NamespacePlan {
  name: string;
  labels: Labels;
  annotations: Labels;
  system: boolean;
  team?: string;
  env?: string;
  apps: AppPlan[];
  serviceAccounts: ServiceAccountDesc[];
  roles: RoleDesc[];
  roleBindings: BindingDesc[];
  policies: PolicyDesc[];
  ingresses: IngressDesc[];
  ageDays: number;
}

export interface NodePlan {
  name: string;
  controlPlane: boolean;
  zone: string;
  instanceType: string;
  internalIP: string;
  /** The node's pod range, a /22 from the cluster pod CIDR. */
  podCIDR: string;
  kubeletVersion: string;
  ageDays: number;
}

export interface WebhookDesc {
  kind: "ValidatingWebhookConfiguration" | "MutatingWebhookConfiguration";
  name: string;
  namespace: string;
  service: string;
  failurePolicy: "Fail" | "Ignore";
  resources: string[];
  apiGroups: string[];
}

export interface ClusterPlan {
  seed: number;
  shape: ClusterShape;
  nodes: NodePlan[];
  /** Sorted by name, as the API server lists them. */
  namespaces: NamespacePlan[];
  clusterRoles: RoleDesc[];
  clusterRoleBindings: BindingDesc[];
  webhooks: WebhookDesc[];
}
