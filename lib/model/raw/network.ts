/** Services, endpoints, ingress, routes, NetworkPolicy and the admin network policies. */
import { z } from "zod";
import { LabelSelectorS, MetadataS, ProtocolS, StringMap, intOrString, str } from "./common";

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
