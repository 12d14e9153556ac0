/** Pods, pod templates, workloads, service accounts and namespaces. */
import { z } from "zod";
import { LabelSelectorS, MetadataS, ProtocolS, StringMap, scalar, str } from "./common";

const SeccompS = z.object({ type: str, localhostProfile: str.nullish() });
const SELinuxS = z.object({ user: str.nullish(), role: str.nullish(), type: str.nullish(), level: str.nullish() });
const WindowsS = z.object({ hostProcess: z.boolean().nullish() });

export const ContainerSecurityContextS = z.object({
  privileged: z.boolean().nullish(),
  allowPrivilegeEscalation: z.boolean().nullish(),
  capabilities: z.object({ add: z.array(str).nullish(), drop: z.array(str).nullish() }).nullish(),
  readOnlyRootFilesystem: z.boolean().nullish(),
  runAsNonRoot: z.boolean().nullish(),
  runAsUser: z.number().int().nullish(),
  runAsGroup: z.number().int().nullish(),
  procMount: str.nullish(),
  seLinuxOptions: SELinuxS.nullish(),
  seccompProfile: SeccompS.nullish(),
  appArmorProfile: SeccompS.nullish(),
  windowsOptions: WindowsS.nullish(),
});

export const PodSecurityContextS = z.object({
  runAsNonRoot: z.boolean().nullish(),
  runAsUser: z.number().int().nullish(),
  runAsGroup: z.number().int().nullish(),
  fsGroup: z.number().int().nullish(),
  supplementalGroups: z.array(z.number().int()).nullish(),
  seLinuxOptions: SELinuxS.nullish(),
  seccompProfile: SeccompS.nullish(),
  appArmorProfile: SeccompS.nullish(),
  sysctls: z.array(z.object({ name: str, value: scalar })).nullish(),
  windowsOptions: WindowsS.nullish(),
});

export const ContainerPortS = z.object({
  name: str.nullish(),
  containerPort: z.number().int().min(1).max(65535),
  protocol: ProtocolS.nullish(),
  hostPort: z.number().int().min(0).max(65535).nullish(),
  hostIP: str.nullish(),
});

const quantityMap = z.record(z.string(), z.union([z.string(), z.number()]).nullable());

export const ContainerS = z.object({
  // Required by the API, but some exported manifests drop it; analysis does not need it (named container-<i>).
  name: str.nullish(),
  image: str.nullish(),
  imagePullPolicy: str.nullish(),
  ports: z.array(ContainerPortS).nullish(),
  securityContext: ContainerSecurityContextS.nullish(),
  resources: z.object({ limits: quantityMap.nullish(), requests: quantityMap.nullish() }).nullish(),
  volumeMounts: z.array(z.object({ name: str, mountPath: str, readOnly: z.boolean().nullish() })).nullish(),
  env: z.array(z.object({ name: str })).nullish(),
});

export const VolumeS = z.looseObject({
  name: str,
  hostPath: z.object({ path: str, type: str.nullish() }).nullish(),
  secret: z.object({ secretName: str.nullish() }).nullish(),
  projected: z.object({ sources: z.array(z.record(z.string(), z.unknown())).nullish() }).nullish(),
});

export const PodSpecS = z.object({
  serviceAccountName: str.nullish(),
  serviceAccount: str.nullish(),
  automountServiceAccountToken: z.boolean().nullish(),
  nodeName: str.nullish(),
  hostNetwork: z.boolean().nullish(),
  hostPID: z.boolean().nullish(),
  hostIPC: z.boolean().nullish(),
  hostUsers: z.boolean().nullish(),
  securityContext: PodSecurityContextS.nullish(),
  containers: z.array(ContainerS).min(1, "a pod needs at least one container"),
  initContainers: z.array(ContainerS).nullish(),
  ephemeralContainers: z.array(ContainerS).nullish(),
  volumes: z.array(VolumeS).nullish(),
});

export const PodS = z.object({
  metadata: MetadataS,
  spec: PodSpecS,
  status: z
    .object({
      phase: str.nullish(),
      podIP: str.nullish(),
      podIPs: z.array(z.object({ ip: str })).nullish(),
      hostIP: str.nullish(),
    })
    .nullish(),
});

export const PodTemplateS = z.object({
  metadata: z.object({ labels: StringMap.nullish(), annotations: StringMap.nullish() }).nullish(),
  spec: PodSpecS,
});


export const ReplicatedS = z.object({
  metadata: MetadataS,
  spec: z.object({
    replicas: z.number().int().min(0).nullish(),
    selector: LabelSelectorS.nullish(),
    template: PodTemplateS,
  }),
});

export const JobS = z.object({
  metadata: MetadataS,
  spec: z.object({ parallelism: z.number().int().nullish(), selector: LabelSelectorS.nullish(), template: PodTemplateS }),
});

export const CronJobS = z.object({
  metadata: MetadataS,
  spec: z.object({
    schedule: str,
    jobTemplate: z.object({ metadata: z.object({ labels: StringMap.nullish() }).nullish(), spec: z.object({ template: PodTemplateS }) }),
  }),
});

export const ReplicationControllerS = z.object({
  metadata: MetadataS,
  spec: z.object({ replicas: z.number().int().min(0).nullish(), selector: StringMap.nullish(), template: PodTemplateS }),
});

export const ServiceAccountS = z.object({
  metadata: MetadataS,
  automountServiceAccountToken: z.boolean().nullish(),
  secrets: z.array(z.object({ name: str.nullish() })).nullish(),
});

export const NamespaceS = z.object({
  metadata: MetadataS,
  status: z.object({ phase: str.nullish() }).nullish(),
});
