/**
 * Policy hygiene: policies that select no pod (NP04) and rules that can never match (NP05) —
 * a named port no candidate pod declares (with that protocol), a peer selector matching no pod or
 * namespace, a named port towards addresses only.
 */
import { formatSelector, matchesSelector, selectorKey } from "../model/selector";
import type { LabelSelector, Pod } from "../model/types";
import { namespaceLabelsOf, type NetworkModel } from "./model";
import { adminSubjectMatches, npSelects } from "./peers";
import type { AdminKind, CompiledNetworkPolicy, Direction, NpPeer, NpRule } from "./policies";
import { describeNpPeer, dirWord } from "./describe";
import { podsIn } from "./services";

export interface HygieneIssue {
  rule: "NP04" | "NP05";
  kind: "NetworkPolicy" | AdminKind;
  namespace?: string;
  name: string;
  /** Discriminates several issues on one policy (rule path and reason). */
  key: string;
  evidence: string;
}

export interface PodIndex {
  byNamespace: Map<string, Pod[]>;
  /** Memo: pods per peer, namespaces per namespaceSelector (large clusters repeat the same selectors). */
  peers: Map<string, Pod[]>;
  namespaces: Map<string, string[]>;
}

/** Non-host-networked pods by namespace, per pod array (a watched source's next model keeps an unchanged one). */
const policedByNamespace = new WeakMap<readonly Pod[], Map<string, Pod[]>>();

function podIndex(model: NetworkModel): PodIndex {
  let byNamespace = policedByNamespace.get(model.pods);
  if (!byNamespace) {
    byNamespace = new Map();
    for (const p of model.pods) {
      if (p.spec.hostNetwork) continue;
      const l = byNamespace.get(p.namespace);
      if (l) l.push(p);
      else byNamespace.set(p.namespace, [p]);
    }
    policedByNamespace.set(model.pods, byNamespace);
  }
  return { byNamespace, peers: new Map(), namespaces: new Map() };
}

function matchingNamespaces(model: NetworkModel, idx: PodIndex, sel: LabelSelector): string[] {
  const k = selectorKey(sel);
  let list = idx.namespaces.get(k);
  if (!list) idx.namespaces.set(k, (list = [...model.namespaceLabels.keys()].filter((ns) => matchesSelector(sel, namespaceLabelsOf(model, ns)))));
  return list;
}

/** Pods a NetworkPolicy peer can match (empty for ipBlock). */
function peerPods(model: NetworkModel, idx: PodIndex, peer: NpPeer): Pod[] {
  if (peer.kind === "ipBlock") return [];
  const key = `${peer.namespace ?? selectorKey(peer.namespaceSelector!)}\u0000${peer.namespace !== undefined}\u0000${peer.podSelector ? selectorKey(peer.podSelector) : "*"}`;
  let out = idx.peers.get(key);
  if (out) return out;
  const namespaces = peer.namespace !== undefined ? [peer.namespace] : matchingNamespaces(model, idx, peer.namespaceSelector!);
  out = [];
  for (const ns of namespaces) for (const p of idx.byNamespace.get(ns) ?? []) if (!peer.podSelector || matchesSelector(peer.podSelector, p.labels)) out.push(p);
  idx.peers.set(key, out);
  return out;
}

function declares(pod: Pod, model: NetworkModel, name: string, protocol: string | undefined): boolean {
  const p = model.namedPorts(pod).get(name);
  return !!p && (!protocol || p.protocol === protocol);
}

/**
 * Does the snapshot hold a whole cluster (live, or a dump with its Nodes)? Only then does "matches
 * nothing" mean the peer cannot exist: a repository's manifests name namespaces deployed elsewhere.
 */
function wholeCluster(model: NetworkModel): boolean {
  return model.snapshot.source.type === "live" || model.snapshot.nodes.length > 0;
}

function ruleIssues(model: NetworkModel, idx: PodIndex, np: CompiledNetworkPolicy, dir: Direction, r: NpRule, selected: Pod[]): HygieneIssue[] {
  const out: HygieneIssue[] = [];
  const where = `${dirWord(dir)} rule ${r.index + 1} (spec.${dir}[${r.index}])`;
  const issue = (key: string, evidence: string) => out.push({ rule: "NP05", kind: "NetworkPolicy", namespace: np.namespace, name: np.name, key: `${dir}[${r.index}]:${key}`, evidence: `${where} ${evidence}` });
  for (const p of wholeCluster(model) ? r.peers : []) {
    if (p.kind === "ipBlock") continue;
    if (p.namespace === undefined && matchingNamespaces(model, idx, p.namespaceSelector!).length === 0) {
      issue(`ns:${describeNpPeer(p)}`, `has a peer whose namespaceSelector matches no namespace (${describeNpPeer(p)})`);
    } else if (peerPods(model, idx, p).length === 0) {
      issue(`pods:${describeNpPeer(p)}`, `has a peer that matches no pod (${describeNpPeer(p)})`);
    }
  }
  if (r.ports.named.length === 0) return out;
  if (dir === "egress" && r.peers.length > 0 && r.peers.every((p) => p.kind === "ipBlock")) {
    issue("named-ipblock", `uses named port ${r.ports.named.map((n) => `"${n.name}"`).join(", ")} towards addresses only; a named port is resolved on a destination pod, so it never matches an address`);
    return out;
  }
  // the pods whose declared ports decide: the selected pods for ingress, the peer pods for egress
  const candidates = dir === "ingress" ? selected : r.peers.length === 0 ? [...idx.byNamespace.values()].flat() : r.peers.flatMap((p) => peerPods(model, idx, p));
  for (const n of r.ports.named) {
    if (candidates.length && (dir === "ingress" || wholeCluster(model)) && !candidates.some((pod) => declares(pod, model, n.name, n.protocol))) {
      issue(`port:${n.name}`, `allows named port "${n.name}"${n.protocol ? ` (${n.protocol})` : ""}, which no ${dir === "ingress" ? "selected" : "destination"} pod declares${n.protocol ? " with that protocol" : ""}`);
    }
  }
  return out;
}

/** What hygiene looks up pods in: built once per model and shared by every policy's check. */
export function hygieneIndex(model: NetworkModel): PodIndex {
  return podIndex(model);
}

/** NP04 / NP05 of one NetworkPolicy. */
export function policyHygiene(model: NetworkModel, idx: PodIndex, np: CompiledNetworkPolicy): HygieneIssue[] {
  const inNamespace = idx.byNamespace.get(np.namespace) ?? [];
  const selected = inNamespace.filter((p) => npSelects(np, p));
  if (selected.length === 0) {
    // npSelects keeps to the policy's namespace: its host-networked pods are the only other candidates
    const host = podsIn(model, np.namespace).filter((p) => p.spec.hostNetwork && npSelects(np, p)).map((p) => p.name);
    const evidence = host.length ? `selects only host-networked pods (${host.slice(0, 3).join(", ")}), where NetworkPolicy is not enforced` : `podSelector ${formatSelector(np.podSelector)} matches no pod in namespace ${np.namespace}`;
    return [{ rule: "NP04", kind: "NetworkPolicy", namespace: np.namespace, name: np.name, key: "", evidence }];
  }
  const out: HygieneIssue[] = [];
  for (const dir of ["ingress", "egress"] as const) for (const r of np[dir] ?? []) out.push(...ruleIssues(model, idx, np, dir, r, selected));
  return out;
}

/**
 * Whether a policy's hygiene reads beyond its own namespace's pods: a peer with a namespaceSelector
 * (other namespaces' pods and labels), or an egress rule with named ports (the destination pods'
 * ports, anywhere when it has no peer).
 */
export function hygieneReadsOtherNamespaces(np: CompiledNetworkPolicy): boolean {
  return (["ingress", "egress"] as const).some((dir) => (np[dir] ?? []).some((r) => (dir === "egress" && r.ports.named.length > 0) || r.peers.some((p) => p.kind !== "ipBlock" && p.namespace === undefined)));
}

/**
 * Whether a policy's hygiene reads the pods of one of `namespaces` (other than its own): a peer
 * whose namespaceSelector matches one of them, or an egress rule with named ports (conservatively).
 */
export function hygieneReadsPodsOf(model: NetworkModel, np: CompiledNetworkPolicy, namespaces: ReadonlySet<string>): boolean {
  const others = [...namespaces].filter((ns) => ns !== np.namespace);
  if (others.length === 0) return false;
  return (["ingress", "egress"] as const).some((dir) =>
    (np[dir] ?? []).some((r) => (dir === "egress" && r.ports.named.length > 0) || r.peers.some((p) => p.kind !== "ipBlock" && p.namespaceSelector !== undefined && others.some((ns) => matchesSelector(p.namespaceSelector!, namespaceLabelsOf(model, ns))))),
  );
}

/** NP04 of the admin tiers' policies (cluster-wide: their subjects may select any pod). */
export function adminHygiene(model: NetworkModel): HygieneIssue[] {
  const out: HygieneIssue[] = [];
  for (const ap of [...model.admin, ...model.baseline]) {
    if (!model.pods.some((p) => adminSubjectMatches(model, ap.subject, p))) {
      out.push({ rule: "NP04", kind: ap.kind, name: ap.name, key: "", evidence: `subject matches no pod` });
    }
  }
  return out;
}

export function hygieneIssues(model: NetworkModel): HygieneIssue[] {
  const idx = podIndex(model);
  const out: HygieneIssue[] = [];
  for (const np of model.networkPolicies) out.push(...policyHygiene(model, idx, np));
  out.push(...adminHygiene(model));
  return out;
}
