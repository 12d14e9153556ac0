/** Schemas of the CNIs' policy kinds as they are written (Cilium cilium.io/v2, Calico projectcalico.org/v3 and crd.projectcalico.org/v1). */
import { z } from "zod";
import { intOrString, LabelSelectorS, MetadataS, str } from "./common";

const anyRecord = z.record(z.string(), z.unknown());

const CiliumPortS = z.object({
  port: intOrString.nullish(),
  endPort: z.number().int().nullish(),
  protocol: str.nullish(),
});

const CiliumPortRuleS = z.object({
  ports: z.array(CiliumPortS).nullish(),
  rules: anyRecord.nullish(),
  serverNames: z.array(str).nullish(),
  listener: z.unknown().nullish(),
  terminatingTLS: z.unknown().nullish(),
  originatingTLS: z.unknown().nullish(),
});

const CiliumCIDRRuleS = z.object({
  cidr: str.nullish(),
  except: z.array(str).nullish(),
  cidrGroupRef: str.nullish(),
  cidrGroupSelector: z.unknown().nullish(),
});

/** `fromX`/`toX` fields of both directions; which ones a direction may use is checked in the normalizer. */
export const CiliumPeerRuleS = z.object({
  fromEndpoints: z.array(LabelSelectorS.nullable()).nullish(),
  toEndpoints: z.array(LabelSelectorS.nullable()).nullish(),
  fromRequires: z.array(LabelSelectorS.nullable()).nullish(),
  toRequires: z.array(LabelSelectorS.nullable()).nullish(),
  fromCIDR: z.array(str).nullish(),
  toCIDR: z.array(str).nullish(),
  fromCIDRSet: z.array(CiliumCIDRRuleS).nullish(),
  toCIDRSet: z.array(CiliumCIDRRuleS).nullish(),
  fromEntities: z.array(str).nullish(),
  toEntities: z.array(str).nullish(),
  fromNodes: z.array(LabelSelectorS.nullable()).nullish(),
  toNodes: z.array(LabelSelectorS.nullable()).nullish(),
  fromGroups: z.array(z.unknown()).nullish(),
  toGroups: z.array(z.unknown()).nullish(),
  toFQDNs: z.array(z.object({ matchName: str.nullish(), matchPattern: str.nullish() })).nullish(),
  toServices: z.array(anyRecord).nullish(),
  toPorts: z.array(CiliumPortRuleS).nullish(),
  icmps: z.array(z.unknown()).nullish(),
  authentication: z.object({ mode: str.nullish() }).nullish(),
});
export type RawCiliumPeerRule = z.infer<typeof CiliumPeerRuleS>;

export const CiliumRuleS = z.object({
  endpointSelector: LabelSelectorS.nullish(),
  nodeSelector: LabelSelectorS.nullish(),
  ingress: z.array(CiliumPeerRuleS).nullish(),
  ingressDeny: z.array(CiliumPeerRuleS).nullish(),
  egress: z.array(CiliumPeerRuleS).nullish(),
  egressDeny: z.array(CiliumPeerRuleS).nullish(),
  enableDefaultDeny: z.object({ ingress: z.boolean().nullish(), egress: z.boolean().nullish() }).nullish(),
  description: str.nullish(),
});
export type RawCiliumRule = z.infer<typeof CiliumRuleS>;

export const CiliumPolicyS = z.object({
  metadata: MetadataS,
  spec: CiliumRuleS.nullish(),
  specs: z.array(CiliumRuleS).nullish(),
});

// --- Calico ---

const CalicoEntityRuleS = z.object({
  nets: z.array(str).nullish(),
  notNets: z.array(str).nullish(),
  selector: str.nullish(),
  notSelector: str.nullish(),
  namespaceSelector: str.nullish(),
  ports: z.array(intOrString).nullish(),
  notPorts: z.array(intOrString).nullish(),
  serviceAccounts: z.object({ names: z.array(str).nullish(), selector: str.nullish() }).nullish(),
  services: z.object({ name: str, namespace: str.nullish() }).nullish(),
});
export type RawCalicoEntityRule = z.infer<typeof CalicoEntityRuleS>;

export const CalicoRuleS = z.object({
  action: str,
  protocol: intOrString.nullish(),
  notProtocol: intOrString.nullish(),
  ipVersion: z.number().int().nullish(),
  icmp: z.unknown().nullish(),
  notICMP: z.unknown().nullish(),
  source: CalicoEntityRuleS.nullish(),
  destination: CalicoEntityRuleS.nullish(),
  http: z.unknown().nullish(),
  metadata: z.object({ annotations: z.record(z.string(), z.string()).nullish() }).nullish(),
});
export type RawCalicoRule = z.infer<typeof CalicoRuleS>;

export const CalicoPolicySpecS = z.object({
  tier: str.nullish(),
  order: z.number().nullish(),
  selector: str.nullish(),
  namespaceSelector: str.nullish(),
  serviceAccountSelector: str.nullish(),
  types: z.array(str).nullish(),
  ingress: z.array(CalicoRuleS).nullish(),
  egress: z.array(CalicoRuleS).nullish(),
  doNotTrack: z.boolean().nullish(),
  preDNAT: z.boolean().nullish(),
  applyOnForward: z.boolean().nullish(),
  stagedAction: str.nullish(),
});

export const CalicoPolicyS = z.object({ metadata: MetadataS, spec: CalicoPolicySpecS.nullish() });

export const CalicoTierS = z.object({
  metadata: MetadataS,
  spec: z.object({ order: z.number().nullish(), defaultAction: str.nullish() }).nullish(),
});

export const CalicoNetworkSetS = z.object({
  metadata: MetadataS,
  spec: z.object({ nets: z.array(str).nullish(), allowedEgressDomains: z.array(str).nullish() }).nullish(),
});

/** Any object with metadata: the kinds of other network projects are kept by name only. */
export const ObjectWithMetaS = z.object({ metadata: MetadataS });
