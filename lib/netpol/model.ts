/**
 * The network model of a snapshot: the pods that take part in networking, namespace labels, and
 * every policy compiled once. All evaluators (the per-pair oracle, the class-based fast path,
 * explanations, exposure) read this one structure, so they cannot disagree on inputs.
 */
import type { ClusterSnapshot } from "../model/snapshot";
import type { Labels, Node, Pod } from "../model/types";
import { compileClusterNetworkPolicy } from "./cnp";
import { ipFamily } from "./ip";
import {
  compileAdminNetworkPolicy,
  compileBaselineAdminNetworkPolicy,
  compileNetworkPolicy,
  sortAdminPolicies,
  type AdminPolicy,
  type CompiledNetworkPolicy,
} from "./policies";
import { namedPortsOf, type ContainerPortInfo } from "./ports";

export interface EngineOptions {
  /**
   * Whether ipBlock peers also match pod IPs. Kubernetes leaves it to the CNI: Calico matches them
   * (projectcalico/calico#6634); Cilium and netpol-analyzer do not (cilium/cilium#9209). Default false.
   */
  ipBlockMatchesPods: boolean;
  /**
   * How host-networked pods are seen. `node` (default): as their node's address, outside policy
   * control as subjects and invisible to pod selectors — what CNIs do (network.md §3.9). `pod`:
   * as ordinary pods, netpol-analyzer's convention, used only to compare with it.
   */
  hostNetworkPods: "node" | "pod";
}

export const DEFAULT_OPTIONS: EngineOptions = { ipBlockMatchesPods: false, hostNetworkPods: "node" };

export interface NetworkModel {
  snapshot: ClusterSnapshot;
  options: EngineOptions;
  /**
   * Every pod, in snapshot order. Finished pods (Succeeded/Failed) stay in: they stand for their
   * workload, whose connectivity matters the next time it runs (a Job, a CronJob).
   */
  pods: Pod[];
  namespaceLabels: Map<string, Labels>;
  networkPolicies: CompiledNetworkPolicy[];
  policiesByNamespace: Map<string, CompiledNetworkPolicy[]>;
  /** AdminNetworkPolicies and Admin-tier ClusterNetworkPolicies, in evaluation order. */
  admin: AdminPolicy[];
  /**
   * Baseline-tier ClusterNetworkPolicies by priority, then the BaselineAdminNetworkPolicy (a
   * singleton), if any. No API orders the two kinds against each other; the v1alpha1 baseline was
   * the cluster's catch-all default, so it comes last (diagnostics.ts reports the mix).
   */
  baseline: AdminPolicy[];
  nodes: Map<string, Node>;
  namedPorts(pod: Pod): ReadonlyMap<string, ContainerPortInfo>;
}

const EMPTY_LABELS: Labels = {};

export function buildNetworkModel(snapshot: ClusterSnapshot, options: Partial<EngineOptions> = {}): NetworkModel {
  const namespaceLabels = new Map<string, Labels>();
  for (const ns of snapshot.namespaces) namespaceLabels.set(ns.name, ns.labels);
  const networkPolicies = snapshot.networkPolicies.map(compileNetworkPolicy);
  const policiesByNamespace = new Map<string, CompiledNetworkPolicy[]>();
  for (const np of networkPolicies) {
    const list = policiesByNamespace.get(np.namespace);
    if (list) list.push(np);
    else policiesByNamespace.set(np.namespace, [np]);
  }
  const portCache = new WeakMap<Pod, ReadonlyMap<string, ContainerPortInfo>>();
  const opts = { ...DEFAULT_OPTIONS, ...options };
  // `?? []`: snapshots saved before ClusterNetworkPolicy was read lack the collection.
  const cnps = (snapshot.clusterNetworkPolicies ?? []).map(compileClusterNetworkPolicy);
  return {
    snapshot,
    options: opts,
    pods: opts.hostNetworkPods === "pod" ? snapshot.pods.map((p) => (p.spec.hostNetwork ? { ...p, spec: { ...p.spec, hostNetwork: false } } : p)) : snapshot.pods,
    namespaceLabels,
    networkPolicies,
    policiesByNamespace,
    admin: sortAdminPolicies([...snapshot.adminNetworkPolicies.map(compileAdminNetworkPolicy), ...cnps.filter((p) => p.tier === "admin")]),
    baseline: [...sortAdminPolicies(cnps.filter((p) => p.tier === "baseline")), ...snapshot.baselineAdminNetworkPolicies.slice(0, 1).map(compileBaselineAdminNetworkPolicy)],
    nodes: new Map(snapshot.nodes.map((n) => [n.name, n])),
    namedPorts(pod) {
      let m = portCache.get(pod);
      if (!m) portCache.set(pod, (m = namedPortsOf(pod)));
      return m;
    },
  };
}

export function namespaceLabelsOf(model: NetworkModel, namespace: string): Labels {
  return model.namespaceLabels.get(namespace) ?? { "kubernetes.io/metadata.name": namespace };
}

/**
 * The addresses a pod's traffic carries. A hostNetwork pod shares its node's network namespace, so
 * its traffic comes from (and goes to) the node's address, not a pod IP.
 */
export function podAddresses(pod: Pod): string[] {
  if (!pod.spec.hostNetwork) return pod.podIPs;
  const out = new Set(pod.podIPs);
  if (pod.hostIP) out.add(pod.hostIP);
  return [...out].filter((ip) => ipFamily(ip) !== undefined);
}

export function nodeLabelsOf(model: NetworkModel, pod: Pod): Labels {
  const node = pod.spec.nodeName ? model.nodes.get(pod.spec.nodeName) : undefined;
  return node?.labels ?? EMPTY_LABELS;
}
