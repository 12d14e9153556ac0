/**
 * The network model of a snapshot: the pods that take part in networking, namespace labels, and
 * every policy compiled once. All evaluators (the per-pair oracle, the class-based fast path,
 * explanations, exposure) read this one structure, so they cannot disagree on inputs.
 */
import type { ClusterSnapshot } from "../model/snapshot";
import type { Labels, NetworkPolicy, Node, Pod, ServiceAccount } from "../model/types";
import { calicoEndpointLabels, networkSetLabels } from "./calico/labels";
import { ciliumIdentityLabels, identityPodLabels } from "./cilium/identity";
import { resolveCni, type CniResolution } from "./cni/detect";
import type { CniChoice } from "./cni/profiles";
import { compileClusterNetworkPolicy } from "./cnp";
import { containsValue, EMPTY_INTERVALS, union, type Intervals } from "./intervals";
import { blockIntervals4, cidrContains, ipFamily, ipv4ToNumber } from "./ip";
import type { Program } from "./program";
import { compileProgram } from "./program-compile";
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
   * Whose semantics apply: `auto` detects the CNI from the snapshot (cni/detect.ts), `none` is
   * Kubernetes alone (no CNI-specific kinds), or a CNI by name.
   */
  cni: CniChoice;
  /**
   * Whether ipBlock peers also match pod IPs. Kubernetes leaves it to the CNI: Calico matches them
   * (projectcalico/calico#6634); Cilium and netpol-analyzer do not (cilium/cilium#9209).
   * Undefined: as the CNI in force does.
   */
  ipBlockMatchesPods?: boolean;
  /**
   * How host-networked pods are seen. `node` (default): as their node's address, outside policy
   * control as subjects and invisible to pod selectors — what CNIs do (network.md §3.9). `pod`:
   * as ordinary pods, netpol-analyzer's convention, used only to compare with it.
   */
  hostNetworkPods: "node" | "pod";
}

export const DEFAULT_OPTIONS: EngineOptions = { cni: "auto", hostNetworkPods: "node" };

/** Options with the CNI's answers filled in. */
export interface ResolvedOptions extends EngineOptions {
  ipBlockMatchesPods: boolean;
  /** Whether ipBlock rules match node addresses and host-networked pods (Cilium: no). */
  cidrMatchesNodes: boolean;
}

export interface NetworkModel {
  snapshot: ClusterSnapshot;
  options: ResolvedOptions;
  /** The CNI whose semantics apply, and how it was chosen. */
  cni: CniResolution;
  /** Every enforced policy compiled for the evaluators (program.ts). */
  program: Program;
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
  /** Node addresses → node name. */
  nodeOfAddress: Map<string, string>;
  namedPorts(pod: Pod): ReadonlyMap<string, ContainerPortInfo>;
  /** The labels pod selectors are matched against (under Cilium: the identity-relevant ones). */
  selectorLabels(pod: Pod): Labels;
  /** Cilium identity labels (cilium/identity.ts). */
  identityLabels(pod: Pod): Labels;
  /** Calico endpoint labels (calico/labels.ts). */
  calicoLabels(pod: Pod): Labels;
  /** Labels of the Calico network sets whose nets contain an address. */
  calicoSetsOf(ip: string): Labels[];
}

const EMPTY_LABELS: Labels = {};

/** A NetworkPolicy compiled (a function of the record alone), kept per record across models like the named ports below. */
const compiled = new WeakMap<NetworkPolicy, CompiledNetworkPolicy>();
function compiledPolicy(np: NetworkPolicy): CompiledNetworkPolicy {
  let c = compiled.get(np);
  if (!c) compiled.set(np, (c = compileNetworkPolicy(np)));
  return c;
}

/** A pod's named ports (a function of the pod record alone): kept across models, so a watched source's next model reuses them. */
const portCache = new WeakMap<Pod, ReadonlyMap<string, ContainerPortInfo>>();

/** ServiceAccounts' labels by namespace/name, kept per ServiceAccount array (a watched source keeps an unchanged one). */
const accountLabels = new WeakMap<readonly ServiceAccount[], Map<string, Labels>>();
function accountLabelsOf(accounts: readonly ServiceAccount[]): Map<string, Labels> {
  let m = accountLabels.get(accounts);
  if (!m) accountLabels.set(accounts, (m = new Map(accounts.map((sa) => [`${sa.namespace}/${sa.name}`, sa.labels]))));
  return m;
}

export function buildNetworkModel(snapshot: ClusterSnapshot, options: Partial<EngineOptions> = {}): NetworkModel {
  const namespaceLabels = new Map<string, Labels>();
  for (const ns of snapshot.namespaces) namespaceLabels.set(ns.name, ns.labels);
  const cni = resolveCni(snapshot, options.cni ?? DEFAULT_OPTIONS.cni);
  const profile = cni.profile;
  const opts: ResolvedOptions = {
    ...DEFAULT_OPTIONS,
    ...options,
    ipBlockMatchesPods: options.ipBlockMatchesPods ?? profile.ipBlockMatchesPods,
    cidrMatchesNodes: profile.cidrMatchesNodes,
  };
  const networkPolicies = profile.enforces.networkPolicy ? snapshot.networkPolicies.map(compiledPolicy) : [];
  const policiesByNamespace = new Map<string, CompiledNetworkPolicy[]>();
  for (const np of networkPolicies) {
    const list = policiesByNamespace.get(np.namespace);
    if (list) list.push(np);
    else policiesByNamespace.set(np.namespace, [np]);
  }
  // `?? []`: snapshots saved before ClusterNetworkPolicy was read lack the collection.
  const cnps = profile.enforces.clusterNetworkPolicy ? (snapshot.clusterNetworkPolicies ?? []).map(compileClusterNetworkPolicy) : [];
  const anps = profile.enforces.adminNetworkPolicy ? snapshot.adminNetworkPolicies.map(compileAdminNetworkPolicy) : [];
  const banps = profile.enforces.adminNetworkPolicy ? snapshot.baselineAdminNetworkPolicies.slice(0, 1).map(compileBaselineAdminNetworkPolicy) : [];
  const nodeOfAddress = new Map<string, string>();
  for (const n of snapshot.nodes) for (const a of n.addresses) if (ipFamily(a.address)) nodeOfAddress.set(a.address, n.name);
  const accounts = snapshot.serviceAccounts ?? [];
  const nsOf = (ns: string) => namespaceLabels.get(ns) ?? { "kubernetes.io/metadata.name": ns };
  const identityCache = new WeakMap<Pod, Labels>();
  const calicoCache = new WeakMap<Pod, Labels>();
  const sets = (snapshot.calicoNetworkSets ?? []).map((s) => ({
    labels: networkSetLabels(s.labels, s.namespace, s.namespace ? nsOf(s.namespace) : undefined),
    nets: s.nets,
    v4: s.nets.filter((c) => ipFamily(c.split("/")[0]) === 4).reduce<Intervals>((acc, c) => union(acc, blockIntervals4({ cidr: c, except: [] })), EMPTY_INTERVALS),
  }));
  const setsCache = new Map<string, Labels[]>();
  const model: NetworkModel = {
    snapshot,
    options: opts,
    cni,
    program: undefined as unknown as Program,
    pods: opts.hostNetworkPods === "pod" ? snapshot.pods.map((p) => (p.spec.hostNetwork ? { ...p, spec: { ...p.spec, hostNetwork: false } } : p)) : snapshot.pods,
    namespaceLabels,
    networkPolicies,
    policiesByNamespace,
    admin: sortAdminPolicies([...anps, ...cnps.filter((p) => p.tier === "admin")]),
    baseline: [...sortAdminPolicies(cnps.filter((p) => p.tier === "baseline")), ...banps],
    nodes: new Map(snapshot.nodes.map((n) => [n.name, n])),
    nodeOfAddress,
    namedPorts(pod) {
      let m = portCache.get(pod);
      if (!m) portCache.set(pod, (m = namedPortsOf(pod)));
      return m;
    },
    selectorLabels: profile.engine === "cilium" ? (pod) => identityPodLabels(pod.labels) : (pod) => pod.labels,
    identityLabels(pod) {
      let l = identityCache.get(pod);
      if (!l) identityCache.set(pod, (l = ciliumIdentityLabels(pod, nsOf(pod.namespace))));
      return l;
    },
    calicoLabels(pod) {
      let l = calicoCache.get(pod);
      if (!l) calicoCache.set(pod, (l = calicoEndpointLabels(pod, nsOf(pod.namespace), accountLabelsOf(accounts).get(`${pod.namespace}/${pod.spec.serviceAccountName || "default"}`))));
      return l;
    },
    calicoSetsOf(ip) {
      if (sets.length === 0) return [];
      let l = setsCache.get(ip);
      if (!l) {
        const v4 = ipFamily(ip) === 4 ? ipv4ToNumber(ip) : undefined;
        l = sets.filter((s) => (v4 !== undefined ? containsValue(s.v4, v4) : s.nets.some((c) => cidrContains(c, ip)))).map((s) => s.labels);
        setsCache.set(ip, l);
      }
      return l;
    },
  };
  model.program = programOf(model);
  return model;
}

/**
 * A program reads the CNI's profile (and Calico's version), the policy collections and the nodes'
 * names (program-compile.ts), nothing else: a model whose inputs are those of an earlier model's
 * (the same records in the same arrays: a watched source keeps an unchanged collection's array)
 * takes its program. Kept per NetworkPolicy array.
 */
const programs = new WeakMap<readonly NetworkPolicy[], { inputs: readonly unknown[]; program: Program }>();
function programOf(model: NetworkModel): Program {
  const s = model.snapshot;
  const inputs = [model.cni.profile, model.cni.detection.calicoVersion, s.adminNetworkPolicies, s.baselineAdminNetworkPolicies, s.clusterNetworkPolicies, s.calicoTiers, s.calicoPolicies, s.ciliumPolicies, [...model.nodes.keys()].join("\u0000")];
  const had = programs.get(s.networkPolicies);
  if (had && had.inputs.every((x, i) => x === inputs[i])) return had.program;
  const program = compileProgram(model);
  programs.set(s.networkPolicies, { inputs, program });
  return program;
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
