/**
 * Objects of network and mesh projects whose effect on traffic the engine does not evaluate. They
 * are never "skipped as irrelevant": an unknown kind from one of these API groups is recorded, and
 * every verdict it could change is marked incomplete (lib/netpol/completeness.ts). Kinds of these
 * groups that are configuration or runtime state (IP pools, BGP, identities) and cannot change who
 * reaches whom are ignored by name.
 */
import * as R from "../raw";
import type * as T from "../types";
import { meta, parse } from "./common";

interface Project {
  name: string;
  /** API group suffixes of the project. */
  groups: string[];
  /** Kinds known not to change a reachability verdict. */
  inert: string[];
  /** Why a known kind is not evaluated. */
  reasons: Record<string, string>;
  fallback: string;
}

const PROJECTS: Project[] = [
  {
    name: "Antrea",
    groups: ["antrea.io", "antrea.tanzu.vmware.com"],
    inert: ["ExternalEntity", "ExternalNode", "ExternalIPPool", "IPPool", "TraceFlow", "Traceflow", "SupportBundleCollection", "PacketCapture", "Egress", "ClusterGroup", "Group", "Tier", "NodeLatencyMonitor", "AntreaAgentInfo", "AntreaControllerInfo", "ClusterClaim", "ClusterSet", "ResourceExport", "ResourceImport", "BGPPolicy", "TrafficControl"],
    reasons: {
      NetworkPolicy: "Antrea-native NetworkPolicies (tiers, priorities, Drop/Reject/Pass) are not evaluated",
      ClusterNetworkPolicy: "Antrea ClusterNetworkPolicies (tiers, priorities, Drop/Reject/Pass) are not evaluated",
    },
    fallback: "an Antrea policy kind that is not evaluated",
  },
  {
    name: "Istio",
    groups: ["istio.io"],
    inert: ["PeerAuthentication", "RequestAuthentication", "VirtualService", "DestinationRule", "Gateway", "ServiceEntry", "WorkloadEntry", "WorkloadGroup", "EnvoyFilter", "ProxyConfig", "Telemetry", "WasmPlugin", "IstioOperator"],
    reasons: {
      AuthorizationPolicy: "Istio AuthorizationPolicies allow or deny requests in the sidecar after the network verdict; they are not evaluated",
      Sidecar: "an Istio Sidecar can restrict which hosts a workload's proxy reaches; it is not evaluated",
    },
    fallback: "an Istio kind that is not evaluated",
  },
  {
    name: "Linkerd",
    groups: ["linkerd.io"],
    inert: ["ServiceProfile", "TrafficSplit", "Link", "ExternalWorkload", "EgressNetwork"],
    reasons: {
      Server: "a Linkerd Server with a default deny policy can refuse connections the network allows; it is not evaluated",
      ServerAuthorization: "Linkerd ServerAuthorizations are not evaluated",
      AuthorizationPolicy: "Linkerd AuthorizationPolicies are not evaluated",
      MeshTLSAuthentication: "Linkerd authentication policies are not evaluated",
      NetworkAuthentication: "Linkerd authentication policies are not evaluated",
      HTTPRoute: "Linkerd HTTPRoutes can scope authorization per route; they are not evaluated",
    },
    fallback: "a Linkerd policy kind that is not evaluated",
  },
  {
    name: "OVN-Kubernetes",
    groups: ["k8s.ovn.org"],
    inert: ["EgressIP", "EgressQoS", "EgressService", "UserDefinedNetwork", "ClusterUserDefinedNetwork", "RouteAdvertisements", "NetworkQoS"],
    reasons: {
      EgressFirewall: "OVN-Kubernetes EgressFirewalls filter egress to outside addresses; they are not evaluated",
      AdminPolicyBasedExternalRoute: "external routing policies are not evaluated",
    },
    fallback: "an OVN-Kubernetes kind that is not evaluated",
  },
  {
    name: "Cilium",
    groups: ["cilium.io"],
    inert: ["CiliumNode", "CiliumIdentity", "CiliumEndpoint", "CiliumEndpointSlice", "CiliumExternalWorkload", "CiliumLoadBalancerIPPool", "CiliumBGPPeeringPolicy", "CiliumBGPClusterConfig", "CiliumBGPPeerConfig", "CiliumBGPAdvertisement", "CiliumBGPNodeConfig", "CiliumBGPNodeConfigOverride", "CiliumL2AnnouncementPolicy", "CiliumPodIPPool", "CiliumNodeConfig", "CiliumEgressGatewayPolicy", "CiliumGatewayClassConfig"],
    reasons: {
      CiliumCIDRGroup: "CiliumCIDRGroups are referenced by cidrGroupRef rules, which are marked incomplete",
      CiliumEnvoyConfig: "CiliumEnvoyConfigs program the L7 proxy; they are not evaluated",
      CiliumClusterwideEnvoyConfig: "CiliumClusterwideEnvoyConfigs program the L7 proxy; they are not evaluated",
      CiliumLocalRedirectPolicy: "CiliumLocalRedirectPolicies redirect traffic to local pods; they are not evaluated",
    },
    fallback: "a Cilium kind that is not evaluated",
  },
  {
    name: "Calico",
    groups: ["projectcalico.org", "crd.projectcalico.org", "operator.tigera.io"],
    inert: ["IPPool", "IPReservation", "BGPConfiguration", "BGPPeer", "BGPFilter", "FelixConfiguration", "ClusterInformation", "KubeControllersConfiguration", "IPAMBlock", "BlockAffinity", "IPAMHandle", "IPAMConfig", "IPAMConfiguration", "CalicoNodeStatus", "Profile", "Installation", "APIServer", "TigeraStatus", "ImageSet", "Goldmane", "Whisker"],
    reasons: {
      HostEndpoint: "Calico HostEndpoint policies (host firewall) are not evaluated",
    },
    fallback: "a Calico kind that is not evaluated",
  },
  {
    name: "Kuma",
    groups: ["kuma.io"],
    inert: [],
    reasons: { MeshTrafficPermission: "Kuma MeshTrafficPermissions are not evaluated" },
    fallback: "a Kuma mesh kind that is not evaluated",
  },
  {
    name: "Consul",
    groups: ["consul.hashicorp.com"],
    inert: [],
    reasons: { ServiceIntentions: "Consul service intentions are not evaluated" },
    fallback: "a Consul mesh kind that is not evaluated",
  },
  {
    name: "AWS VPC CNI",
    groups: ["networking.k8s.aws"],
    inert: [],
    reasons: { PolicyEndpoint: "the AWS network policy agent's PolicyEndpoints mirror NetworkPolicies; they are not evaluated" },
    fallback: "an AWS VPC CNI kind that is not evaluated",
  },
];

function findProject(group: string): Project | undefined {
  return PROJECTS.find((p) => p.groups.some((g) => group === g || group.endsWith(`.${g}`)));
}

/** Projects by API group, looked up once per group: every object of a load asks (a few groups, ~10^5 objects). */
const projectByGroup = new Map<string, Project | null>();

function projectOf(group: string): Project | undefined {
  let p = projectByGroup.get(group);
  if (p === undefined) {
    p = findProject(group) ?? null;
    if (projectByGroup.size < 1000) projectByGroup.set(group, p); // input names the groups: the cache stays small
  }
  return p ?? undefined;
}

export type ExtensionClass = { status: "extension"; project: string; reason: string } | { status: "inert" } | { status: "unknown" };

const UNKNOWN: ExtensionClass = Object.freeze({ status: "unknown" });
const INERT: ExtensionClass = Object.freeze({ status: "inert" });

/** Whether a kind of this API group belongs to a network or mesh project, and what that means. */
export function classifyNetworkKind(group: string, kind: string): ExtensionClass {
  const p = projectOf(group);
  if (!p) return UNKNOWN;
  if (p.inert.includes(kind)) return INERT;
  // own keys only: a kind named "constructor" or "toString" is not one of the reasons
  return { status: "extension", project: p.name, reason: (Object.hasOwn(p.reasons, kind) && p.reasons[kind]) || `${p.fallback} (${kind})` };
}

export function networkExtension(raw: unknown, kind: string, apiVersion: string, project: string, reason: string, namespaced: boolean): T.NetworkExtension {
  const o = parse(R.ObjectWithMetaS, raw);
  return { ...meta(o.metadata, namespaced), kind, apiVersion, project, reason };
}
