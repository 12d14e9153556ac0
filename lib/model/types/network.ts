/** Services, endpoints, ingress, routes, NetworkPolicy and the admin network policies. */
import type { LabelSelector, Labels } from "../selector";
import type { Meta } from "./meta";
import type { Protocol } from "./workloads";

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
