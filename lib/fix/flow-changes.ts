/**
 * The changes that unblock one side of a flow (flow.ts says which, and why): a rule added to an
 * isolating NetworkPolicy, a new narrow NetworkPolicy, or an Allow/Accept rule inserted just before
 * the admin-tier or baseline rule that denies it. NetworkPolicies become draft documents; admin-tier
 * rules (cluster-scoped kinds Clearance drafts do not hold) a JSON patch for `kubectl patch
 * --type=json --patch-file`, and are applied here to a copy of the snapshot.
 */
import type { ANPRule, ClusterSnapshot, CNPRule, NetworkPolicy, NetworkPolicyPeer, Protocol } from "../model";
import { networkPolicyManifest } from "../model/manifest";
import type { SideExplanation } from "../netpol/explain";
import type { NetworkModel } from "../netpol/model";
import { manifestYaml } from "../whatif/api";
import { cniSideChanges } from "./flow-cni";
import type { FlowEnd } from "./flow-peer";

export interface FlowPort {
  port: number;
  protocol: Protocol;
}

interface ChangeBase {
  title: string;
  steps: string[];
  owner: string;
  notes: string[];
  /** It may leave the flow blocked further on (a later tier, Cilium's allow rules): checked and chained by flow.ts. */
  tentative?: true;
}

export type SideChange =
  | (ChangeBase & { kind: "network-policy"; direction: "ingress" | "egress"; policy: NetworkPolicy })
  | (ChangeBase & { kind: "patch"; yaml: string; apply: (s: ClusterSnapshot) => ClusterSnapshot });

export type PeerOf = (end: FlowEnd, policyNamespace: string) => { peer: NetworkPolicyPeer; note?: string };

const dns = (s: string) => s.toLowerCase().replace(/\[.*\]$/, "").replace(/[^a-z0-9-]+/g, "-").replace(/^-+|-+$/g, "");
const portWords = (t: FlowPort) => `${t.protocol} ${t.port}`;
const npPort = (t: FlowPort) => ({ protocol: t.protocol, port: t.port });

/** A name for a new policy in `ns` that no existing policy has. */
function freshName(snapshot: ClusterSnapshot, ns: string, base: string): string {
  const taken = new Set(snapshot.networkPolicies.filter((p) => p.namespace === ns).map((p) => p.name));
  const stem = base.slice(0, 58).replace(/-+$/, "");
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

function withRule(np: NetworkPolicy, dir: "ingress" | "egress", peer: NetworkPolicyPeer, t: FlowPort): NetworkPolicy {
  return dir === "ingress" ? { ...np, ingress: [...np.ingress, { from: [peer], ports: [npPort(t)] }] } : { ...np, egress: [...np.egress, { to: [peer], ports: [npPort(t)] }] };
}

/** A rule allowing the flow added at the end of a NetworkPolicy. */
function npRuleChange(np: NetworkPolicy, dir: "ingress" | "egress", peer: NetworkPolicyPeer, t: FlowPort, peerEnd: FlowEnd, notes: string[]): SideChange {
  const towards = dir === "ingress" ? `from ${peerEnd.label}` : `to ${peerEnd.label}`;
  return { kind: "network-policy", direction: dir, policy: withRule(np, dir, peer, t), owner: `the owners of namespace ${np.namespace}`, notes, title: `add an ${dir} rule to NetworkPolicy ${np.namespace}/${np.name}`, steps: [`NetworkPolicy ${np.namespace}/${np.name}: add spec.${dir}[${np[dir].length}] allowing ${portWords(t)} ${towards}`] };
}

function networkPolicyChanges(snapshot: ClusterSnapshot, side: SideExplanation, subject: FlowEnd & { kind: "pods" }, peerEnd: FlowEnd, t: FlowPort, peerOf: PeerOf, isolated: boolean): SideChange[] {
  const dir = side.direction;
  const ns = subject.pods[0].namespace;
  const out: SideChange[] = [];
  const { peer, note } = peerOf(peerEnd, ns);
  const notes = note ? [note] : [];
  const towards = dir === "ingress" ? `from ${peerEnd.label}` : `to ${peerEnd.label}`;
  const owner = `the owners of namespace ${ns}`;
  if (isolated) {
    for (const ref of side.isolatedBy) {
      const np = (ref.kind ?? "NetworkPolicy") === "NetworkPolicy" ? snapshot.networkPolicies.find((p) => p.namespace === ref.namespace && p.name === ref.name) : undefined;
      if (!np) continue;
      out.push(npRuleChange(np, dir, peer, t, peerEnd, notes));
    }
  }
  const { peer: self, note: selfNote } = peerOf(subject, ns);
  if (!self.podSelector) return out; // a host-networked subject: no policy selects it
  const name = freshName(snapshot, ns, `allow-${dir === "ingress" ? "from" : "to"}-${dns(peerEnd.label.replace("/", "-"))}-${t.protocol.toLowerCase()}-${t.port}`);
  const policy: NetworkPolicy = { name, namespace: ns, labels: {}, annotations: {}, podSelector: self.podSelector, policyTypes: [dir === "ingress" ? "Ingress" : "Egress"], ingress: [], egress: [] };
  const isolates = isolated ? "" : ` (it isolates ${subject.label} for ${dir}: what the baseline allowed it is closed unless another rule allows it)`;
  out.push({ kind: "network-policy", direction: dir, policy: withRule(policy, dir, peer, t), owner, notes: [...notes, ...(selfNote ? [selfNote] : [])], title: `a new NetworkPolicy ${ns}/${name} for ${subject.label}`, steps: [`NetworkPolicy ${ns}/${name} (new): selects ${subject.label}, allows ${portWords(t)} ${towards}${isolates}`] });
  return out;
}

/** The admin peer naming `end` (pods by namespace name and labels, an address by a /32 network). */
function adminPeer(end: FlowEnd, peerOf: PeerOf): { pods?: { namespaceSelector: { matchLabels: Record<string, string> }; podSelector: { matchLabels: Record<string, string> } }; networks?: string[] } {
  if (end.kind === "ip") return { networks: [`${end.ip}/${end.ip.includes(":") ? 128 : 32}`] };
  const { peer } = peerOf(end, "");
  if (peer.ipBlock) return { networks: [peer.ipBlock.cidr] };
  return { pods: { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": end.pods[0].namespace } }, podSelector: { matchLabels: { ...(peer.podSelector?.matchLabels ?? {}) } } } };
}

const API = "policy.networking.k8s.io";
const ADMIN_KINDS = new Set(["AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy"]);

function adminChange(side: SideExplanation, peerEnd: FlowEnd, t: FlowPort, peerOf: PeerOf, tierWord: string): SideChange | null {
  // under a CNI's program the admin kinds' rules are its deciding rule
  const ref = (side.decidedBy === "admin" ? side.adminRule : side.baselineRule) ?? side.decidingRule;
  if (!ref) return null;
  const dir = side.direction;
  const peer = adminPeer(peerEnd, peerOf);
  const ruleName = `allow-${dir === "ingress" ? "from" : "to"}-${dns(peerEnd.label.replace("/", "-"))}-${t.port}`.slice(0, 100);
  const field = dir === "ingress" ? "from" : "to";
  const isCnp = ref.kind === "ClusterNetworkPolicy";
  const raw = isCnp
    ? { name: ruleName, action: "Accept", [field]: [peer], protocols: [{ [t.protocol.toLowerCase()]: { destinationPort: { number: t.port } } }] }
    : { name: ruleName, action: "Allow", [field]: [peer], ports: [{ portNumber: { protocol: t.protocol, port: t.port } }] };
  const rule = isCnp
    ? ({ name: ruleName, action: "Accept", peers: [peer], protocols: [{ protocol: t.protocol, destinationPort: { number: t.port } }] } satisfies CNPRule)
    : ({ name: ruleName, action: "Allow", peers: [peer], ports: [{ portNumber: { protocol: t.protocol, port: t.port } }] } satisfies ANPRule);
  const resource = ref.kind === "ClusterNetworkPolicy" ? "clusternetworkpolicies" : ref.kind === "AdminNetworkPolicy" ? "adminnetworkpolicies" : "baselineadminnetworkpolicies";
  const path = `/spec/${dir}/${ref.index}`;
  const yaml = manifestYaml([{ op: "add", path, value: raw }], { comment: `${ref.kind} ${ref.policy} (${tierWord}) is cluster-scoped: its owners are the cluster's administrators.\nkubectl patch ${resource}.${API} ${ref.policy} --type=json --patch-file THIS-FILE\nAllow ${portWords(t)} ${dir === "ingress" ? "from" : "to"} ${peerEnd.label} just before rule ${ref.index + 1}${ref.name ? ` "${ref.name}"` : ""} (${ref.action}), which denies it.` });
  const insert = <R>(list: R[]): R[] => [...list.slice(0, ref.index), rule as R, ...list.slice(ref.index)];
  const apply = (s: ClusterSnapshot): ClusterSnapshot => {
    if (ref.kind === "AdminNetworkPolicy") return { ...s, adminNetworkPolicies: s.adminNetworkPolicies.map((p) => (p.name === ref.policy ? { ...p, [dir]: insert(p[dir]) } : p)) };
    if (ref.kind === "BaselineAdminNetworkPolicy") return { ...s, baselineAdminNetworkPolicies: s.baselineAdminNetworkPolicies.map((p) => (p.name === ref.policy ? { ...p, [dir]: insert(p[dir]) } : p)) };
    return { ...s, clusterNetworkPolicies: (s.clusterNetworkPolicies ?? []).map((p) => (p.name === ref.policy ? { ...p, [dir]: insert(p[dir]) } : p)) };
  };
  return { kind: "patch", yaml, apply, owner: `the cluster's administrators (${ref.kind} ${ref.policy})`, notes: [], title: `an Allow rule in ${ref.kind} ${ref.policy} (${tierWord}) before the rule that denies it`, steps: [`${ref.kind} ${ref.policy}: insert at spec.${dir}[${ref.index}] a rule allowing ${portWords(t)} ${dir === "ingress" ? "from" : "to"} ${peerEnd.label}`] };
}

/** The changes that would admit the flow on `side`, a side that denies it. */
export function sideChanges(snapshot: ClusterSnapshot, model: NetworkModel, side: SideExplanation, subject: FlowEnd, peerEnd: FlowEnd, t: FlowPort, peerOf: PeerOf): SideChange[] {
  if (subject.kind !== "pods") return [];
  if (side.decidedBy === "network-policy") return networkPolicyChanges(snapshot, side, subject, peerEnd, t, peerOf, true);
  if (side.decidedBy === "admin") {
    const c = adminChange(side, peerEnd, t, peerOf, "admin tier");
    return c ? [c] : [];
  }
  if (side.decidedBy === "baseline") {
    const c = adminChange(side, peerEnd, t, peerOf, "baseline tier");
    return [...networkPolicyChanges(snapshot, side, subject, peerEnd, t, peerOf, false), ...(c ? [c] : [])];
  }
  // under Calico the admin kinds live in tiers (kube-admin, kube-baseline, ...): their Deny is still theirs to change
  const ref = side.decidingRule;
  if (side.decidedBy === "rule" && ref?.action === "Deny" && ADMIN_KINDS.has(ref.kind)) {
    const c = adminChange(side, peerEnd, t, peerOf, ref.tier ? `tier ${ref.tier}` : "admin tier");
    return c ? [{ ...c, tentative: true }] : [];
  }
  return cniSideChanges(snapshot, model, side, subject, peerEnd, t, peerOf, {
    addRule: (np, peer) => npRuleChange(np, side.direction, peer, t, peerEnd, []),
    // the subject is isolated already: only the new policy, no rule on the isolating ones (isolatedBy names any kind here)
    newPolicy: () => networkPolicyChanges(snapshot, { ...side, isolatedBy: [] }, subject, peerEnd, t, peerOf, true),
  });
}

/** The patches (admin tiers, CNI policies) applied in order to a copy of the snapshot (the records are not modified). */
export function applyPatches(s: ClusterSnapshot, changes: readonly SideChange[]): ClusterSnapshot {
  return changes.reduce((acc, c) => (c.kind === "patch" ? c.apply(acc) : acc), s);
}

/** NetworkPolicy changes merged per policy (both sides may edit one policy) as draft documents. */
export function networkPolicyDocs(changes: readonly SideChange[]): string[] {
  const merged = new Map<string, NetworkPolicy>();
  for (const c of changes) {
    if (c.kind !== "network-policy") continue;
    const key = `${c.policy.namespace}/${c.policy.name}`;
    const prev = merged.get(key);
    merged.set(key, prev ? { ...prev, [c.direction]: c.policy[c.direction], policyTypes: [...new Set([...prev.policyTypes, ...c.policy.policyTypes])] } : c.policy);
  }
  return [...merged.values()].map((p) => manifestYaml(networkPolicyManifest(p)));
}
