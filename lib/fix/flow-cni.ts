/**
 * The changes that unblock a side decided by a CNI's own policies (lib/netpol/program.ts), each a
 * JSON patch for `kubectl patch --type=json` (Clearance drafts hold no CNI kinds) applied here to a
 * copy of the snapshot:
 * - Calico: the first matching Allow/Deny of a tier decides, and Allow is final; Pass leaves the
 *   tier for the next (docs.tigera.io/calico/latest/reference/resources/tier). A
 *   rule Deny: an Allow rule inserted just before it in the same policy — or a Pass there, handing
 *   the flow to the tiers after it. A tier's default Deny (its policies select the pod, none
 *   decides: "the packet is dropped", docs.tigera.io/calico/latest/reference/resources/tier "How
 *   policy is evaluated"): an Allow rule at the end of one of those policies. The tier's owners
 *   make the change.
 * - Cilium: a deny rule wins over every allow rule, whatever policy or order
 *   (docs.cilium.io/en/latest/security/policy/deny: deny policies take precedence over allow
 *   policies, Cilium's, clusterwide or Kubernetes NetworkPolicies), so no allow overrides
 *   it: the deny rule itself is narrowed to leave the peer out (each endpoint selector split into
 *   one per label of the peer, with NotIn, and a rule of the peer's own just after denying every
 *   other port (cilium-ports.ts), so only the one port opens; a CIDR given the peer's /32 as an
 *   except), or removed.
 *   A default deny of the allow rules (a policy selecting the pod isolates it): an allow rule in
 *   one of the isolating Cilium policies, or a new NetworkPolicy for the subject's workload (its
 *   allows are unioned with Cilium's; in Calico's default tier too).
 * Changes marked `tentative` may leave the flow blocked by what comes after (a later tier, the
 * allow rules): flow.ts chains the next side's changes after them, and drops them if that fails.
 */
import type { CalicoPolicy, CalicoRule, CiliumPeerRule, CiliumPolicy, ClusterSnapshot, NetworkPolicy, NetworkPolicyPeer } from "../model";
import type { LabelSelector } from "../model/selector";
import { calicoRefKind } from "../netpol/calico/compile";
import { NAME_LABEL, ORCHESTRATOR_LABEL } from "../netpol/calico/labels";
import { scopePeerSelector } from "../netpol/cilium/compile";
import { isIdentityLabel, POD_NAMESPACE_LABEL } from "../netpol/cilium/identity";
import { selectedPolicies } from "../netpol/evaluate";
import type { RuleRef, SideExplanation } from "../netpol/explain";
import type { NetworkModel } from "../netpol/model";
import type { ProgramLayer, ProgramPolicyRef } from "../netpol/program";
import { manifestYaml } from "../whatif/api";
import { portsWithout } from "./cilium-ports";
import type { FlowEnd } from "./flow-peer";
import type { FlowPort, PeerOf, SideChange } from "./flow-changes";

type Dir = "ingress" | "egress";
type Patch = Extract<SideChange, { kind: "patch" }>;

const portWords = (t: FlowPort) => `${t.protocol} ${t.port}`;
const towards = (dir: Dir, peer: FlowEnd) => `${dir === "ingress" ? "from" : "to"} ${peer.label}`;
/** `specs[1].ingressDeny[0]` → `/specs/1/ingressDeny/0` */
const pointer = (path: string) => `/${path.replace(/\[(\d+)\]/g, ".$1").split(".").join("/")}`;
const cidrOf = (ip: string) => `${ip}/${ip.includes(":") ? 128 : 32}`;

function patch(title: string, step: string, owner: string, notes: string[], comment: string, ops: unknown[], apply: (s: ClusterSnapshot) => ClusterSnapshot): Patch {
  return { kind: "patch", tentative: true, title, steps: [step], owner, notes, yaml: manifestYaml(ops, { comment }), apply };
}

// --- Calico ---

const isCalicoKind = (kind: string) => kind === "NetworkPolicy.projectcalico.org" || kind === "GlobalNetworkPolicy";

function calicoPolicyOf(s: ClusterSnapshot, ref: { kind: string; namespace?: string; name: string }): CalicoPolicy | undefined {
  return s.calicoPolicies.find((p) => calicoRefKind(p.kind) === ref.kind && (p.namespace ?? "") === (ref.namespace ?? "") && p.name === ref.name);
}

/** The peer as a Calico entity rule: its pods by namespace name and labels, or an address. */
function calicoPeer(end: FlowEnd, peerOf: PeerOf): CalicoRule["source"] {
  if (end.kind === "ip") return { nets: [cidrOf(end.ip)] };
  const { peer } = peerOf(end, "");
  if (peer.ipBlock) return { nets: [peer.ipBlock.cidr] };
  // pods only: Calico selectors also match network sets, which carry no orchestrator label
  const labels: [string, string][] = [[ORCHESTRATOR_LABEL, "k8s"], ...Object.entries(peer.podSelector?.matchLabels ?? {})];
  return { namespaceSelector: `${NAME_LABEL} == '${end.pods[0].namespace}'`, selector: labels.map(([k, v]) => `${k} == '${v}'`).join(" && ") };
}

/** A rule for exactly this flow: the peer on its side, the subject's workload on the other (the policy may select more pods), one port. */
function calicoRuleFor(action: "Allow" | "Pass", dir: Dir, subject: FlowEnd, peerEnd: FlowEnd, t: FlowPort, peerOf: PeerOf): CalicoRule {
  const peer = calicoPeer(peerEnd, peerOf);
  const self = calicoPeer(subject, peerOf);
  const ports = { ports: [t.port] };
  return dir === "ingress" ? { action, protocol: t.protocol, source: peer, destination: { ...self, ...ports } } : { action, protocol: t.protocol, source: self, destination: { ...peer, ...ports } };
}

function calicoInsert(p: CalicoPolicy, dir: Dir, index: number, rule: CalicoRule, peerEnd: FlowEnd, t: FlowPort, what: string): Patch {
  const where = `${calicoRefKind(p.kind)} ${p.namespace ? `${p.namespace}/` : ""}${p.name}`;
  const resource = `${p.namespace ? "networkpolicies" : "globalnetworkpolicies"}.${p.group || "projectcalico.org"}`;
  const raw = { action: rule.action, protocol: rule.protocol, source: rule.source, destination: rule.destination };
  const same = (x: CalicoPolicy) => x.kind === p.kind && x.namespace === p.namespace && x.name === p.name;
  const apply = (s: ClusterSnapshot): ClusterSnapshot => ({ ...s, calicoPolicies: s.calicoPolicies.map((x) => (same(x) ? { ...x, [dir]: [...x[dir].slice(0, index), rule, ...x[dir].slice(index)] } : x)) });
  const owner = `the owners of Calico tier ${p.tier} (${where})`;
  const comment = `${where} is in Calico tier ${p.tier}: its owners make this change.\nkubectl patch ${resource} ${p.name}${p.namespace ? ` -n ${p.namespace}` : ""} --type=json --patch-file THIS-FILE\n${rule.action} ${portWords(t)} ${towards(dir, peerEnd)} ${what}.`;
  return patch(`${rule.action === "Allow" ? "an Allow" : "a Pass"} rule in ${where} (tier ${p.tier}) ${what}`, `${where}: insert at spec.${dir}[${index}] ${rule.action === "Allow" ? "an Allow" : "a Pass"} rule for ${portWords(t)} ${towards(dir, peerEnd)}`, owner, rule.action === "Pass" ? [`Pass hands the flow to the tiers after ${p.tier}; the change after it (if any) is theirs.`] : [], comment, [{ op: "add", path: `/spec/${dir}/${index}`, value: raw }], apply);
}

function calicoDenyChanges(s: ClusterSnapshot, ref: RuleRef, dir: Dir, subject: FlowEnd, peerEnd: FlowEnd, t: FlowPort, peerOf: PeerOf): Patch[] {
  const p = calicoPolicyOf(s, { kind: ref.kind, ...(ref.namespace ? { namespace: ref.namespace } : {}), name: ref.policy });
  if (!p) return [];
  const before = `before rule ${ref.index + 1}${ref.name ? ` "${ref.name}"` : ""}, which denies it`;
  return (["Allow", "Pass"] as const).map((a) => calicoInsert(p, dir, ref.index, calicoRuleFor(a, dir, subject, peerEnd, t, peerOf), peerEnd, t, before));
}

// --- Cilium ---

const isCiliumKind = (kind: string) => kind === "CiliumNetworkPolicy" || kind === "CiliumClusterwideNetworkPolicy";

function ciliumPolicyOf(s: ClusterSnapshot, ref: { kind: string; namespace?: string; name: string }): CiliumPolicy | undefined {
  return s.ciliumPolicies.find((p) => p.kind === ref.kind && (p.namespace ?? "") === (ref.namespace ?? "") && p.name === ref.name);
}

/** The peer's identity labels as (key, value) pairs: its namespace and the stable labels Cilium keeps. */
function ciliumIdentity(end: FlowEnd & { kind: "pods" }, peerOf: PeerOf): [string, string][] {
  const labels = Object.entries(peerOf(end, "").peer.podSelector?.matchLabels ?? {}).filter(([k]) => isIdentityLabel(k));
  return [[POD_NAMESPACE_LABEL, end.pods[0].namespace], ...labels];
}

/** The selector's part that is the peer (empty when it cannot select the peer). */
function onlyPeer(sel: LabelSelector, identity: [string, string][], namespace: string | undefined): LabelSelector[] {
  const scoped = scopePeerSelector(sel, namespace);
  const pinned = scoped.matchLabels?.[POD_NAMESPACE_LABEL];
  if (pinned !== undefined && pinned !== identity[0][1]) return [];
  return [{ matchLabels: { ...scoped.matchLabels, ...Object.fromEntries(identity) }, ...(scoped.matchExpressions ? { matchExpressions: scoped.matchExpressions.map((e) => ({ ...e, ...(e.values ? { values: [...e.values] } : {}) })) } : {}) }];
}

/** The selector without the peer: one selector per identity label the peer has, each requiring another value (exact: not (a and b) = not a or not b). */
function excludePeer(sel: LabelSelector, identity: [string, string][], namespace: string | undefined): LabelSelector[] {
  const scoped = scopePeerSelector(sel, namespace);
  const pinned = scoped.matchLabels?.[POD_NAMESPACE_LABEL];
  if (pinned !== undefined && pinned !== identity[0][1]) return [sel]; // it cannot select the peer
  return identity.filter(([k, v]) => !(k === POD_NAMESPACE_LABEL && pinned === v)).map(([key, v]) => ({ ...(scoped.matchLabels ? { matchLabels: { ...scoped.matchLabels } } : {}), matchExpressions: [...(scoped.matchExpressions ?? []).map((e) => ({ ...e, ...(e.values ? { values: [...e.values] } : {}) })), { key, operator: "NotIn" as const, values: [v] }] }));
}

/** The deny rule at `index` replaced by `rules` (none: removed). */
function ciliumReplace(p: CiliumPolicy, specPath: string, field: string, index: number, rules: CiliumPeerRule[], ops: unknown[], title: string, step: string, notes: string[]): Patch {
  const where = `${p.kind} ${p.namespace ? `${p.namespace}/` : ""}${p.name}`;
  const splice = (list: CiliumPeerRule[]) => [...list.slice(0, index), ...rules, ...list.slice(index + 1)];
  const apply = (s: ClusterSnapshot): ClusterSnapshot => ({
    ...s,
    ciliumPolicies: s.ciliumPolicies.map((x) => (x.kind === p.kind && x.namespace === p.namespace && x.name === p.name ? { ...x, specs: x.specs.map((sp) => (sp.path !== specPath ? sp : { ...sp, [field]: splice(sp[field as "ingressDeny"] ?? []) })) } : x)),
  });
  const owner = p.namespace ? `the owners of namespace ${p.namespace} (${where})` : `the cluster's administrators (${where})`;
  const comment = `${where}: ${step}.\nkubectl patch ${p.kind === "CiliumNetworkPolicy" ? "ciliumnetworkpolicies" : "ciliumclusterwidenetworkpolicies"}.cilium.io ${p.name}${p.namespace ? ` -n ${p.namespace}` : ""} --type=json --patch-file THIS-FILE`;
  return patch(title, `${where}: ${step}`, owner, notes, comment, ops, apply);
}

const DENY_WINS = "In Cilium a deny rule wins over every allow rule, in any policy and at any order: no allow can override it, so the deny rule itself changes.";

function ciliumDenyChanges(s: ClusterSnapshot, ref: RuleRef, dir: Dir, peerEnd: FlowEnd, t: FlowPort, peerOf: PeerOf): Patch[] {
  const p = ciliumPolicyOf(s, { kind: ref.kind, ...(ref.namespace ? { namespace: ref.namespace } : {}), name: ref.policy });
  const m = /^(.*)\.(ingressDeny|egressDeny)\[(\d+)\]$/.exec(ref.path);
  const spec = m ? p?.specs.find((x) => x.path === m[1]) : undefined;
  const rule = spec && m ? spec[m[2] as "ingressDeny"]?.[Number(m[3])] : undefined;
  if (!p || !m || !spec || !rule) return [];
  const [specPath, field, index] = [m[1], m[2], Number(m[3])];
  const at = `${specPath}.${field}[${index}]`;
  const ptr = pointer(at);
  const l3 = dir === "ingress" ? "from" : "to";
  const out: Patch[] = [];
  let narrowed: CiliumPeerRule[] | undefined;
  const ops: unknown[] = [];
  const notes = [DENY_WINS];
  if (peerEnd.kind === "pods" && rule.endpoints?.length) {
    const identity = ciliumIdentity(peerEnd, peerOf);
    const endpoints = rule.endpoints.flatMap((sel) => excludePeer(sel, identity, p.namespace));
    narrowed = [{ ...rule, endpoints }];
    ops.push({ op: "replace", path: `${ptr}/${l3}Endpoints`, value: endpoints });
    // and the peer keeps every other port denied: a rule of its own just after, without the one port
    const rest = portsWithout(rule.toPorts, t);
    const only = rule.endpoints.flatMap((sel) => onlyPeer(sel, identity, p.namespace));
    if (rest?.length && only.length) {
      const toPorts = [{ ports: rest }];
      narrowed.push({ endpoints: only, toPorts });
      ops.push({ op: "add", path: pointer(`${specPath}.${field}[${index + 1}]`), value: { [`${l3}Endpoints`]: only, toPorts } });
      if (!rule.toPorts) notes.push(`ICMP ${towards(dir, peerEnd)} is no longer denied by this rule (a rule with ports is L4 only); Clearance does not model ICMP.`);
    }
  } else if (peerEnd.kind === "ip" && (rule.cidr?.length || rule.cidrSet?.length)) {
    const except = cidrOf(peerEnd.ip);
    const cidrSet = [...(rule.cidrSet ?? []).map((c) => (c.cidr ? { ...c, except: [...c.except, except] } : c)), ...(rule.cidr ?? []).map((cidr) => ({ cidr, except: [except] }))];
    const one: CiliumPeerRule = { ...rule, cidrSet };
    delete one.cidr;
    narrowed = [one];
    if (rule.cidr?.length) ops.push({ op: "remove", path: `${ptr}/${l3}CIDR` });
    ops.push({ op: rule.cidrSet?.length ? "replace" : "add", path: `${ptr}/${l3}CIDRSet`, value: cidrSet.map((c) => ({ ...(c.cidr ? { cidr: c.cidr } : {}), ...(c.except.length ? { except: c.except } : {}) })) });
  }
  const ports = narrowed && narrowed.length > 1 ? ` on ${portWords(t)}` : "";
  if (narrowed) out.push(ciliumReplace(p, specPath, field, index, narrowed, ops, `leave ${peerEnd.label}${ports} out of the deny rule ${at} of ${p.kind} ${p.namespace ? `${p.namespace}/` : ""}${p.name}`, `narrow ${at} so it no longer matches ${peerEnd.label}${ports}${ports ? ` (its other ports stay denied by ${specPath}.${field}[${index + 1}])` : ""}`, notes));
  out.push(ciliumReplace(p, specPath, field, index, [], [{ op: "remove", path: ptr }], `remove the deny rule ${at} of ${p.kind} ${p.namespace ? `${p.namespace}/` : ""}${p.name}`, `remove ${at} (it denies ${portWords(t)} ${towards(dir, peerEnd)})`, [DENY_WINS]));
  return out;
}

function ciliumAllowRule(dir: Dir, peerEnd: FlowEnd, t: FlowPort, peerOf: PeerOf): { model: CiliumPeerRule; raw: Record<string, unknown> } {
  const l3 = dir === "ingress" ? "from" : "to";
  const toPorts = [{ ports: [{ port: String(t.port), protocol: t.protocol }] }];
  if (peerEnd.kind === "ip") return { model: { cidr: [cidrOf(peerEnd.ip)], toPorts }, raw: { [`${l3}CIDR`]: [cidrOf(peerEnd.ip)], toPorts } };
  const sel = { matchLabels: Object.fromEntries(ciliumIdentity(peerEnd, peerOf)) };
  return { model: { endpoints: [sel], toPorts }, raw: { [`${l3}Endpoints`]: [sel], toPorts } };
}

// --- a layer's default deny ---

/** The layer that default-denied the side, and its policies isolating the subject. */
function isolatingInLayer(model: NetworkModel, side: SideExplanation, subject: FlowEnd & { kind: "pods" }): { layer?: ProgramLayer; policies: { ref: ProgramPolicyRef; nth: number }[] } {
  const step = side.layers?.find((l) => l.outcome === "default-deny");
  const layer = step && model.program.layers.find((l) => l.label === step.layer);
  if (!layer) return { policies: [] };
  const pod = subject.pods[0];
  const policies = selectedPolicies(model, layer, pod)
    .filter((p) => p.isolates[side.direction] && !p.ref.builtin)
    .map((p) => ({ ref: p.ref, nth: layer.policies.filter((q) => q.ref.kind === p.ref.kind && q.ref.namespace === p.ref.namespace && q.ref.name === p.ref.name).indexOf(p) }));
  return { layer, policies };
}

/** The layers Kubernetes NetworkPolicies take part in: Cilium's allow rules, Calico's default tier. */
const NETWORK_POLICY_LAYERS = new Set(["cilium-allow", "calico-tier:default"]);

/** How flow-changes.ts writes NetworkPolicy changes: a rule added to one, or a new narrow one for the subject. */
export interface NetworkPolicyWriter {
  addRule(np: NetworkPolicy, peer: NetworkPolicyPeer): SideChange;
  newPolicy(): SideChange[];
}

function layerDefaultChanges(s: ClusterSnapshot, model: NetworkModel, side: SideExplanation, subject: FlowEnd & { kind: "pods" }, peerEnd: FlowEnd, t: FlowPort, peerOf: PeerOf, np: NetworkPolicyWriter): SideChange[] {
  const dir = side.direction;
  const out: SideChange[] = [];
  const { layer, policies } = isolatingInLayer(model, side, subject);
  // a NetworkPolicy of the subject's own there admits it too (its rules are allows, unioned with the layer's)
  if (layer && NETWORK_POLICY_LAYERS.has(layer.id)) out.push(...np.newPolicy().map((c) => ({ ...c, tentative: true as const })));
  for (const { ref, nth } of policies) {
    if (ref.kind === "NetworkPolicy") {
      const policy = s.networkPolicies.find((x) => x.namespace === ref.namespace && x.name === ref.name);
      if (policy) out.push({ ...np.addRule(policy, peerOf(peerEnd, policy.namespace).peer), tentative: true });
    } else if (isCalicoKind(ref.kind)) {
      const p = calicoPolicyOf(s, ref);
      if (p) out.push(calicoInsert(p, dir, p[dir].length, calicoRuleFor("Allow", dir, subject, peerEnd, t, peerOf), peerEnd, t, `after its other rules (the tier denies what they leave)`));
    } else if (isCiliumKind(ref.kind)) {
      const p = ciliumPolicyOf(s, ref);
      // the layer holds one piece per spec with an endpointSelector, in order
      const spec = p?.specs.filter((x) => x.endpointSelector)[nth];
      if (!p || !spec) continue;
      const { model: rule, raw } = ciliumAllowRule(dir, peerEnd, t, peerOf);
      const list = spec[dir] ?? [];
      const where = `${p.kind} ${p.namespace ? `${p.namespace}/` : ""}${p.name}`;
      const ops = [{ op: "add", path: `${pointer(`${spec.path}.${dir}`)}${spec[dir] ? "/-" : ""}`, value: spec[dir] ? raw : [raw] }];
      const apply = (x: ClusterSnapshot): ClusterSnapshot => ({ ...x, ciliumPolicies: x.ciliumPolicies.map((q) => (q === p || (q.kind === p.kind && q.namespace === p.namespace && q.name === p.name) ? { ...q, specs: q.specs.map((sp) => (sp.path === spec.path ? { ...sp, [dir]: [...(sp[dir] ?? []), rule] } : sp)) } : q)) });
      const owner = p.namespace ? `the owners of namespace ${p.namespace} (${where})` : `the cluster's administrators (${where})`;
      out.push(patch(`an allow rule in ${where}`, `${where}: add ${spec.path}.${dir}[${list.length}] allowing ${portWords(t)} ${towards(dir, peerEnd)}`, owner, [], `${where}: allow ${portWords(t)} ${towards(dir, peerEnd)}.\nkubectl patch ${p.kind === "CiliumNetworkPolicy" ? "ciliumnetworkpolicies" : "ciliumclusterwidenetworkpolicies"}.cilium.io ${p.name}${p.namespace ? ` -n ${p.namespace}` : ""} --type=json --patch-file THIS-FILE`, ops, apply));
    }
  }
  return out;
}

/** The changes for a side a CNI's own rule or layer decided (see file comment). */
export function cniSideChanges(s: ClusterSnapshot, model: NetworkModel, side: SideExplanation, subject: FlowEnd & { kind: "pods" }, peerEnd: FlowEnd, t: FlowPort, peerOf: PeerOf, np: NetworkPolicyWriter): SideChange[] {
  const ref = side.decidingRule;
  if (side.decidedBy === "rule" && ref?.action === "Deny") {
    if (isCalicoKind(ref.kind)) return calicoDenyChanges(s, ref, side.direction, subject, peerEnd, t, peerOf);
    if (isCiliumKind(ref.kind)) return ciliumDenyChanges(s, ref, side.direction, peerEnd, t, peerOf);
  }
  if (side.decidedBy === "layer-default") return layerDefaultChanges(s, model, side, subject, peerEnd, t, peerOf, np);
  return [];
}
