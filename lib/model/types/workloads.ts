/** Pods, their specs and security contexts, workloads and service accounts. */
import type { LabelSelector, Labels } from "../selector";
import type { Meta, OwnerReference } from "./meta";

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
