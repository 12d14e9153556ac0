/**
 * Zod schemas for Kubernetes objects as they arrive (API responses, manifests). They validate only
 * the fields the analysis reads; everything else is stripped on parse, which is the first half of
 * the reshape. `nullish` everywhere: YAML writes empty fields as null.
 */
import { z } from "zod";

/** Messages for people reading manifests: "expected a number, got the string "eighty"". */
function describeInput(v: unknown): string {
  if (v === null || v === undefined) return "nothing";
  if (typeof v === "string") return `the string "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  return `${typeof v} ${String(v)}`;
}
const ARTICLE: Record<string, string> = { number: "a number", string: "a string", boolean: "true or false", array: "a list", object: "a mapping" };
z.config({
  customError: (iss) => {
    if (iss.code === "invalid_type") {
      if (iss.input === undefined) return `required ${iss.expected === "array" ? "list" : (iss.expected as string)} is missing`;
      return `expected ${ARTICLE[iss.expected as string] ?? iss.expected}, got ${describeInput(iss.input)}`;
    }
    if (iss.code === "invalid_value" && "values" in iss) return `must be one of ${(iss.values as unknown[]).map(String).join(", ")} (got ${describeInput(iss.input)})`;
    return undefined;
  },
});

const str = z.string();
const scalar = z.union([z.string(), z.number(), z.boolean()]);
/** Labels/annotations; unquoted YAML numbers and booleans are accepted and turned into strings later. */
export const StringMap = z.record(z.string(), scalar.nullable());
const intOrString = z.union([z.number().int(), z.string()]);
export const ProtocolS = z.enum(["TCP", "UDP", "SCTP"]);

/** kind and name are required by the API; a reference without them is dropped with a warning (normalize/common.ts). */
export const OwnerReferenceS = z.object({
  apiVersion: str.nullish(),
  kind: str.nullish(),
  name: str.nullish(),
  uid: str.nullish(),
  controller: z.boolean().nullish(),
});

export const MetadataS = z.object({
  name: str.min(1, "metadata.name is required"),
  namespace: str.nullish(),
  uid: str.nullish(),
  labels: StringMap.nullish(),
  annotations: StringMap.nullish(),
  ownerReferences: z.array(OwnerReferenceS).nullish(),
  creationTimestamp: z.union([str, z.date()]).nullish(),
});

export const SelectorRequirementS = z.object({
  key: str,
  operator: str,
  values: z.array(scalar).nullish(),
});

export const LabelSelectorS = z.object({
  matchLabels: StringMap.nullish(),
  matchExpressions: z.array(SelectorRequirementS).nullish(),
});

// ---------------------------------------------------------------- pods

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

// ---------------------------------------------------------------- workloads

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

// ---------------------------------------------------------------- services, ingress

export const ServiceS = z.object({
  metadata: MetadataS,
  spec: z
    .object({
      type: z.enum(["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"]).nullish(),
      selector: StringMap.nullish(),
      ports: z
        .array(
          z.object({
            name: str.nullish(),
            port: z.number().int().min(1).max(65535),
            targetPort: intOrString.nullish(),
            protocol: ProtocolS.nullish(),
            nodePort: z.number().int().nullish(),
          }),
        )
        .nullish(),
      clusterIP: str.nullish(),
      externalIPs: z.array(str).nullish(),
      externalName: str.nullish(),
      loadBalancerSourceRanges: z.array(str).nullish(),
    })
    .nullish(),
  status: z
    .object({ loadBalancer: z.object({ ingress: z.array(z.object({ ip: str.nullish(), hostname: str.nullish() })).nullish() }).nullish() })
    .nullish(),
});

export const EndpointsS = z.object({
  metadata: MetadataS,
  subsets: z.array(z.object({ addresses: z.array(z.unknown()).nullish(), notReadyAddresses: z.array(z.unknown()).nullish() })).nullish(),
});

export const EndpointSliceS = z.object({
  metadata: MetadataS,
  endpoints: z
    .array(z.object({ addresses: z.array(str).nullish(), conditions: z.object({ ready: z.boolean().nullish() }).nullish() }))
    .nullish(),
});

const IngressBackendS = z.object({
  service: z.object({ name: str, port: z.object({ number: z.number().int().nullish(), name: str.nullish() }).nullish() }).nullish(),
  resource: z.object({ kind: str, name: str }).nullish(),
  // networking.k8s.io/v1beta1 and extensions/v1beta1
  serviceName: str.nullish(),
  servicePort: intOrString.nullish(),
});

export const IngressS = z.object({
  metadata: MetadataS,
  spec: z
    .object({
      ingressClassName: str.nullish(),
      defaultBackend: IngressBackendS.nullish(),
      backend: IngressBackendS.nullish(),
      rules: z
        .array(
          z.object({
            host: str.nullish(),
            http: z.object({ paths: z.array(z.object({ path: str.nullish(), pathType: str.nullish(), backend: IngressBackendS })) }).nullish(),
          }),
        )
        .nullish(),
      tls: z.array(z.object({ hosts: z.array(str).nullish(), secretName: str.nullish() })).nullish(),
    })
    .nullish(),
});
export type RawIngressBackend = z.infer<typeof IngressBackendS>;

const RouteTargetS = z.object({ kind: str.nullish(), name: str, weight: z.number().nullish() });
export const RouteS = z.object({
  metadata: MetadataS,
  spec: z.object({
    host: str.nullish(),
    to: RouteTargetS,
    alternateBackends: z.array(RouteTargetS).nullish(),
    port: z.object({ targetPort: intOrString }).nullish(),
  }),
});

// ---------------------------------------------------------------- network policy

export const NetworkPolicyPeerS = z.object({
  podSelector: LabelSelectorS.nullish(),
  namespaceSelector: LabelSelectorS.nullish(),
  ipBlock: z.object({ cidr: str, except: z.array(str).nullish() }).nullish(),
});

export const NetworkPolicyPortS = z.object({
  protocol: ProtocolS.nullish(),
  port: intOrString.nullish(),
  endPort: z.number().int().nullish(),
});

export const NetworkPolicyS = z.object({
  metadata: MetadataS,
  spec: z.object({
    podSelector: LabelSelectorS.nullish(),
    policyTypes: z.array(str).nullish(),
    ingress: z.array(z.object({ from: z.array(NetworkPolicyPeerS).nullish(), ports: z.array(NetworkPolicyPortS).nullish() }).nullable()).nullish(),
    egress: z.array(z.object({ to: z.array(NetworkPolicyPeerS).nullish(), ports: z.array(NetworkPolicyPortS).nullish() }).nullable()).nullish(),
  }),
});

// The CRD requires both selectors, but manifests often omit one meaning "all" (Go's zero value, as
// netpol-analyzer reads them); an omitted selector is taken as empty.
const ANPPodsS = z.object({ namespaceSelector: LabelSelectorS.nullish(), podSelector: LabelSelectorS.nullish() });
const ANPPeerS = z.object({
  namespaces: LabelSelectorS.nullish(),
  pods: ANPPodsS.nullish(),
  networks: z.array(str).nullish(),
  nodes: LabelSelectorS.nullish(),
});
const ANPPortS = z.object({
  portNumber: z.object({ protocol: ProtocolS.nullish(), port: z.number().int() }).nullish(),
  namedPort: str.nullish(),
  portRange: z.object({ protocol: ProtocolS.nullish(), start: z.number().int(), end: z.number().int() }).nullish(),
});
const ANPSubjectS = z.object({ namespaces: LabelSelectorS.nullish(), pods: ANPPodsS.nullish() });
const anpRule = (dir: "from" | "to") =>
  z.object({
    name: str.nullish(),
    action: z.enum(["Allow", "Deny", "Pass"]),
    [dir]: z.array(ANPPeerS),
    ports: z.array(ANPPortS).nullish(),
  });
export const ANPIngressRuleS = anpRule("from");
export const ANPEgressRuleS = anpRule("to");

export const AdminNetworkPolicyS = z.object({
  metadata: MetadataS,
  spec: z.object({
    priority: z.number().int().min(0).max(1000),
    subject: ANPSubjectS,
    ingress: z.array(ANPIngressRuleS).nullish(),
    egress: z.array(ANPEgressRuleS).nullish(),
  }),
});

export const BaselineAdminNetworkPolicyS = z.object({
  metadata: MetadataS,
  spec: z.object({
    subject: ANPSubjectS,
    ingress: z.array(ANPIngressRuleS).nullish(),
    egress: z.array(ANPEgressRuleS).nullish(),
  }),
});
export type RawANPPeer = z.infer<typeof ANPPeerS>;
export type RawANPPort = z.infer<typeof ANPPortS>;
export type RawANPSubject = z.infer<typeof ANPSubjectS>;

// ClusterNetworkPolicy (v1alpha2). Peers and protocols keep unknown keys so the loader can name
// them: a peer whose only fields are unknown comes from a newer CRD and must fail closed. Tier,
// priority and actions are checked by the loader to name the field in its own words.
const CNPPortS = z.object({ number: z.number().int().nullish(), range: z.object({ start: z.number().int(), end: z.number().int() }).nullish() });
const CNPTransportS = z.object({ destinationPort: CNPPortS.nullish() });
const CNPProtocolS = z.looseObject({ tcp: CNPTransportS.nullish(), udp: CNPTransportS.nullish(), sctp: CNPTransportS.nullish(), destinationNamedPort: str.nullish() });
const CNPPeerS = z.looseObject({
  namespaces: LabelSelectorS.nullish(),
  pods: ANPPodsS.nullish(),
  networks: z.array(str).nullish(),
  nodes: LabelSelectorS.nullish(),
  domainNames: z.array(str).nullish(),
});
const cnpRule = (dir: "from" | "to") =>
  z.object({
    name: str.nullish(),
    action: str.nullish(),
    [dir]: z.array(CNPPeerS).nullish(),
    protocols: z.array(CNPProtocolS).nullish(),
  });

export const ClusterNetworkPolicyS = z.object({
  metadata: MetadataS,
  spec: z.object({
    tier: str.nullish(),
    priority: z.number().int().nullish(),
    subject: ANPSubjectS.nullish(),
    ingress: z.array(cnpRule("from")).nullish(),
    egress: z.array(cnpRule("to")).nullish(),
  }),
});
export type RawCNPPeer = z.infer<typeof CNPPeerS>;
export type RawCNPProtocol = z.infer<typeof CNPProtocolS>;
export type RawCNPRule = { name?: string | null; action?: string | null; from?: RawCNPPeer[] | null; to?: RawCNPPeer[] | null; protocols?: RawCNPProtocol[] | null };

// ---------------------------------------------------------------- RBAC

export const PolicyRuleS = z.object({
  verbs: z.array(str),
  apiGroups: z.array(str).nullish(),
  resources: z.array(str).nullish(),
  resourceNames: z.array(str).nullish(),
  nonResourceURLs: z.array(str).nullish(),
});

export const RoleS = z.object({
  metadata: MetadataS,
  rules: z.array(PolicyRuleS).nullish(),
  aggregationRule: z.object({ clusterRoleSelectors: z.array(LabelSelectorS).nullish() }).nullish(),
});

export const SubjectS = z.object({ kind: str, name: str, namespace: str.nullish(), apiGroup: str.nullish() });

export const RoleBindingS = z.object({
  metadata: MetadataS,
  roleRef: z.object({ apiGroup: str.nullish(), kind: str, name: str }),
  subjects: z.array(SubjectS).nullish(),
});

// ---------------------------------------------------------------- nodes, admission, mesh

export const NodeS = z.object({
  metadata: MetadataS,
  spec: z.object({ podCIDR: str.nullish(), podCIDRs: z.array(str).nullish(), unschedulable: z.boolean().nullish() }).nullish(),
  status: z
    .object({
      nodeInfo: z
        .object({
          kubeletVersion: str.nullish(),
          kubeProxyVersion: str.nullish(),
          osImage: str.nullish(),
          kernelVersion: str.nullish(),
          containerRuntimeVersion: str.nullish(),
          operatingSystem: str.nullish(),
          architecture: str.nullish(),
        })
        .nullish(),
      addresses: z.array(z.object({ type: str, address: str })).nullish(),
    })
    .nullish(),
});

const WebhookRuleS = z.object({
  operations: z.array(str).nullish(),
  apiGroups: z.array(str).nullish(),
  apiVersions: z.array(str).nullish(),
  resources: z.array(str).nullish(),
  scope: str.nullish(),
});
export type RawWebhookRule = z.infer<typeof WebhookRuleS>;

export const WebhookConfigurationS = z.object({
  metadata: MetadataS,
  webhooks: z
    .array(
      z.object({
        name: str,
        failurePolicy: z.enum(["Fail", "Ignore"]).nullish(),
        sideEffects: str.nullish(),
        timeoutSeconds: z.number().nullish(),
        matchPolicy: str.nullish(),
        rules: z.array(WebhookRuleS).nullish(),
        namespaceSelector: LabelSelectorS.nullish(),
        objectSelector: LabelSelectorS.nullish(),
        clientConfig: z
          .object({
            service: z.object({ namespace: str, name: str, port: z.number().int().nullish(), path: str.nullish() }).nullish(),
            url: str.nullish(),
          })
          .nullish(),
      }),
    )
    .nullish(),
});

export const ValidatingAdmissionPolicyS = z.object({
  metadata: MetadataS,
  spec: z
    .object({
      failurePolicy: z.enum(["Fail", "Ignore"]).nullish(),
      matchConstraints: z.object({ resourceRules: z.array(WebhookRuleS).nullish() }).nullish(),
      validations: z.array(z.unknown()).nullish(),
    })
    .nullish(),
});

export const ValidatingAdmissionPolicyBindingS = z.object({
  metadata: MetadataS,
  spec: z.object({ policyName: str.nullish(), validationActions: z.array(str).nullish() }).nullish(),
});

export const ConstraintTemplateS = z.object({
  metadata: MetadataS,
  spec: z.object({ crd: z.object({ spec: z.object({ names: z.object({ kind: str }) }) }).nullish() }).nullish(),
});

export const ConstraintS = z.object({
  metadata: MetadataS,
  spec: z
    .object({
      enforcementAction: str.nullish(),
      match: z.object({ kinds: z.array(z.object({ kinds: z.array(str).nullish() })).nullish() }).nullish(),
    })
    .nullish(),
  status: z
    .object({
      totalViolations: z.number().int().nullish(),
      violations: z
        .array(z.object({ kind: str.nullish(), namespace: str.nullish(), name: str.nullish(), message: str.nullish() }))
        .nullish(),
    })
    .nullish(),
});

export const PeerAuthenticationS = z.object({
  metadata: MetadataS,
  spec: z
    .object({
      selector: z.object({ matchLabels: StringMap.nullish() }).nullish(),
      mtls: z.object({ mode: z.enum(["STRICT", "PERMISSIVE", "DISABLE", "UNSET"]).nullish() }).nullish(),
    })
    .nullish(),
});

export type RawMetadata = z.infer<typeof MetadataS>;
export type RawLabelSelector = z.infer<typeof LabelSelectorS>;
export type RawPodSpec = z.infer<typeof PodSpecS>;
export type RawContainer = z.infer<typeof ContainerS>;
