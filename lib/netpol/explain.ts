/**
 * One flow, explained: for a source, a destination, a port and a protocol, the verdict and, per
 * direction, the chain that decided it — which admin policy rule (Allow/Deny/Pass), which
 * NetworkPolicies isolate the pod, which rule admits the flow, or that none does and which rule came
 * closest ("matches the peer but not TCP 8080"), then the baseline and the default.
 * ClusterNetworkPolicy rules read "ClusterNetworkPolicy x (Admin, priority 10) rule 2 Deny → ...".
 * Same semantics as evaluate.ts (explain.test.ts checks the verdicts agree on random flows). Where
 * a `domainNames` rule is reached, whether the address is one of the names is up to DNS at run
 * time: the verdict is computed as if it is not, and the side lists the rule as `undecidable`.
 */
import type { Pod, Protocol } from "../model/types";
import { flowGaps } from "./completeness";
import { explainProgramSide, type NamedPorts, type ProgramCtx } from "./explain-program";
import { adminName, describeAdminPeer, describeNpPeers, describePorts, dirWord, npName } from "./describe";
import { sameEndpoint } from "./evaluate";
import type { NetworkModel } from "./model";
import { adminPeerMatches, adminSubjectMatches, npRulePeerMatches, npSelects, type Endpoint } from "./peers";
import { admits, type AdminAction, type AdminKind, type AdminPolicy, type AdminRule, type CompiledNetworkPolicy, type Direction, type NpRule } from "./policies";
import { resolvePorts, type PortSpec } from "./ports";

export interface RuleRef {
  /** NetworkPolicy, an admin kind, or a CNI's kind (CiliumNetworkPolicy, GlobalNetworkPolicy, ...). */
  kind: "NetworkPolicy" | AdminKind | (string & {});
  namespace?: string;
  policy: string;
  direction: Direction;
  /** 0-based position in spec.ingress / spec.egress. */
  index: number;
  /** `spec.ingress[1]` */
  path: string;
  /** Admin rules carry a name and an action (CNI rules too: Allow, Deny, Pass). */
  name?: string;
  action?: AdminAction | "Log";
  /** Admin priority, Calico order. */
  priority?: number;
  /** ClusterNetworkPolicy: Admin or Baseline; Calico: the tier's name. */
  tier?: string;
  peers: string;
  ports: string;
}

export interface NearMiss {
  rule: RuleRef;
  matchesPeer: boolean;
  matchesPort: boolean;
  reason: string;
}

export type Decider = "outside-cluster" | "same-pod" | "host-network" | "admin" | "network-policy" | "baseline" | "default" | "rule" | "layer-default" | "unenforced";

/** One layer of the CNI's program as the flow went through it (explain-program.ts). */
export interface LayerStep {
  /** "Cilium deny rules", "Calico tier security (order 100)", "NetworkPolicy". */
  layer: string;
  /** The policies of this layer that select the subject. */
  policies: string[];
  /** allow/deny: a rule decided; pass: a Pass rule sent it on; default-deny: isolated and no rule matched; next: nothing decided here. */
  outcome: "allow" | "deny" | "pass" | "default-deny" | "next";
  rule?: RuleRef;
}

export interface SideExplanation {
  direction: Direction;
  /** The pod whose policies decide this side: the source for egress, the destination for ingress. */
  subject?: string;
  allowed: boolean;
  decidedBy: Decider;
  /** AdminNetworkPolicies that select the subject, in evaluation order. */
  adminPolicies: string[];
  /** The admin rule that allowed, denied or passed the flow. */
  adminRule?: RuleRef;
  /** Policies that select the subject for this direction and isolate it (NetworkPolicies; under a CNI, any kind). */
  isolatedBy: { namespace: string; name: string; kind?: string }[];
  /** NetworkPolicy rules that admit the flow. */
  allowedBy: RuleRef[];
  /** When no NetworkPolicy rule admits it: rules that match the peer or the port, but not both. */
  closest: NearMiss[];
  baselineRule?: RuleRef;
  /**
   * Rules whose match cannot be known from a snapshot (ClusterNetworkPolicy `domainNames`) and
   * that would turn this denied side into allowed if they matched. Set only when they could.
   */
  undecidable?: { rule: RuleRef; reason: string }[];
  /** The rule that decided (any action), under a CNI's semantics. */
  decidingRule?: RuleRef;
  /** The walk through the CNI's layers (Cilium, Calico). */
  layers?: LayerStep[];
  reason: string;
}

/** Whose semantics an answer used. */
export interface CniUsed {
  id: string;
  label: string;
  how: "chosen" | "detected" | "assumed";
  why: string;
}

export interface FlowExplanation {
  allowed: boolean;
  cni?: CniUsed;
  /** False when something the engine does not evaluate could change this verdict (see `incomplete`). */
  complete?: boolean;
  incomplete?: string[];
  src: string;
  dst: string;
  protocol: Protocol;
  port: number;
  egress: SideExplanation;
  ingress: SideExplanation;
  /** The verdict depends on something a snapshot cannot know (see SideExplanation.undecidable). */
  undecidable?: boolean;
  notes: string[];
}


/** NetworkPolicies in the pod's namespace that select it and have `dir` in their policyTypes. */
function isolatingPolicies(model: NetworkModel, pod: Pod, dir: Direction): CompiledNetworkPolicy[] {
  return (model.policiesByNamespace.get(pod.namespace) ?? []).filter((np) => np[dir] !== undefined && npSelects(np, pod));
}

export function endpointName(e: Endpoint): string {
  return e.kind === "pod" ? `${e.pod.namespace}/${e.pod.name}` : e.ip;
}

function npRuleRef(np: CompiledNetworkPolicy, dir: Direction, r: NpRule, named: NamedPorts): RuleRef {
  return { kind: "NetworkPolicy", namespace: np.namespace, policy: np.name, direction: dir, index: r.index, path: `spec.${dir}[${r.index}]`, peers: describeNpPeers(r.peers), ports: describePorts(r.ports, named) };
}

function adminRuleRef(ap: AdminPolicy, dir: Direction, r: AdminRule, named: NamedPorts): RuleRef {
  return {
    kind: ap.kind,
    policy: ap.name,
    direction: dir,
    index: r.index,
    path: `spec.${dir}[${r.index}]`,
    name: r.name,
    action: r.action,
    ...(ap.kind !== "BaselineAdminNetworkPolicy" ? { priority: ap.priority } : {}),
    ...(ap.kind === "ClusterNetworkPolicy" ? { tier: ap.tier === "admin" ? ("Admin" as const) : ("Baseline" as const) } : {}),
    peers: r.peers.map(describeAdminPeer).join("; or "),
    ports: describePorts(r.ports, named),
  };
}

const portText = (protocol: Protocol, port: number) => `${protocol} ${port}`;

function portMatches(spec: PortSpec, named: NamedPorts, protocol: Protocol, port: number): boolean {
  return resolvePorts(spec, named).has(protocol, port);
}

function missReason(ref: RuleRef, matchesPeer: boolean, protocol: Protocol, port: number): string {
  const label = `rule ${ref.index + 1} of ${ref.namespace ? `${ref.namespace}/` : ""}${ref.policy}`;
  if (matchesPeer) return `${label} matches the peer but not ${portText(protocol, port)} (it allows ${ref.ports})`;
  return `${label} allows ${portText(protocol, port)} but not from this peer (it admits ${ref.peers})`;
}

/** What a side's explanation is asked about: the same context the CNI layers' explanations take. */
type Ctx = ProgramCtx;

/**
 * `AdminNetworkPolicy x (priority 10) rule "deny-rest" (spec.ingress[1], Deny)` or
 * `ClusterNetworkPolicy x (Admin, priority 10) rule 2 "deny-rest" (spec.ingress[1]) Deny →`.
 */
function adminRuleText(ap: AdminPolicy, ref: RuleRef): string {
  if (ap.kind === "ClusterNetworkPolicy") return `ClusterNetworkPolicy ${adminName(ap)} rule ${ref.index + 1}${ref.name ? ` "${ref.name}"` : ""} (${ref.path}) ${ref.action} →`;
  return `${ap.kind} ${adminName(ap)} rule "${ref.name}" (${ref.path}, ${ref.action})`;
}

interface TierWalk {
  policies: string[];
  hit?: { ap: AdminPolicy; rule: AdminRule; ref: RuleRef };
  /** domainNames rules reached before the hit whose ports match: DNS decides whether they apply. */
  unknown: { rule: RuleRef; reason: string }[];
}

function explainAdminTier(c: Ctx, policies: readonly AdminPolicy[]): TierWalk {
  const out: TierWalk = { policies: [], unknown: [] };
  for (const ap of policies) {
    if (ap[c.dir].length === 0 || !adminSubjectMatches(c.model, ap.subject, c.subject)) continue;
    out.policies.push(adminName(ap));
    for (const rule of ap[c.dir]) {
      if (!portMatches(rule.ports, c.named, c.protocol, c.port)) continue;
      if (rule.peers.some((p) => adminPeerMatches(c.model, p, c.peer))) return { ...out, hit: { ap, rule, ref: adminRuleRef(ap, c.dir, rule, c.named) } };
      const domains = rule.peers.flatMap((p) => (p.kind === "domainNames" ? p.names : []));
      if (domains.length && c.peer.kind === "ip") {
        const ref = adminRuleRef(ap, c.dir, rule, c.named);
        out.unknown.push({ rule: ref, reason: `${adminRuleText(ap, ref)} accepts domain names ${domains.join(", ")}: whether ${c.peer.ip} is one of them is up to DNS when the traffic flows, which a snapshot does not record; the verdict assumes it is not` });
      }
    }
  }
  return out;
}

function failClosedNote(rule: AdminRule): string {
  return rule.failClosed ? ` (the rule names peer fields this version does not know: ${rule.failClosed.join(", ")}; as the API requires it fails closed, as "Deny all")` : "";
}

function explainSide(c: Ctx): SideExplanation {
  const side: SideExplanation = { direction: c.dir, subject: `${c.subject.namespace}/${c.subject.name}`, allowed: true, decidedBy: "default", adminPolicies: [], isolatedBy: [], allowedBy: [], closest: [], reason: "" };
  const flow = `${portText(c.protocol, c.port)} ${c.dir === "ingress" ? "from" : "to"} ${endpointName(c.peer)}`;
  if (c.subject.spec.hostNetwork) {
    return { ...side, decidedBy: "host-network", reason: `${side.subject} uses the host network: no policy applies to it (${dirWord(c.dir)} is not enforced)` };
  }
  const admin = explainAdminTier(c, c.model.admin);
  side.adminPolicies = admin.policies;
  const unknown = [...admin.unknown];
  const settle = (s: SideExplanation): SideExplanation => (s.allowed || unknown.length === 0 ? s : { ...s, undecidable: unknown });
  let passNote = "";
  if (admin.hit) {
    const { ap, rule, ref } = admin.hit;
    side.adminRule = ref;
    if (rule.action !== "Pass") {
      const allowed = admits(rule.action);
      return settle({ ...side, allowed, decidedBy: "admin", reason: `${adminRuleText(ap, ref)} ${allowed ? "allows" : "denies"} ${flow}; it overrides NetworkPolicy${failClosedNote(rule)}` });
    }
    passNote = ap.kind === "ClusterNetworkPolicy" ? `${adminRuleText(ap, ref)} passes it to NetworkPolicy; ` : `AdminNetworkPolicy ${ref.policy} rule "${ref.name}" passes it on; `;
  }
  const isolating = isolatingPolicies(c.model, c.subject, c.dir);
  if (isolating.length > 0) {
    side.isolatedBy = isolating.map((np) => ({ namespace: np.namespace, name: np.name }));
    for (const np of isolating) {
      for (const r of np[c.dir]!) {
        const peerOk = npRulePeerMatches(c.model, r, c.peer);
        const portOk = portMatches(r.ports, c.named, c.protocol, c.port);
        if (!peerOk && !portOk) continue;
        const ref = npRuleRef(np, c.dir, r, c.named);
        if (peerOk && portOk) side.allowedBy.push(ref);
        else if (peerOk || portOk) side.closest.push({ rule: ref, matchesPeer: peerOk, matchesPort: portOk, reason: missReason(ref, peerOk, c.protocol, c.port) });
      }
    }
    side.decidedBy = "network-policy";
    side.allowed = side.allowedBy.length > 0;
    const iso = isolating.map(npName).join(", ");
    if (side.allowed) {
      const by = side.allowedBy.map((r) => `rule ${r.index + 1} of ${r.namespace}/${r.policy}`).join(", ");
      side.reason = `${passNote}isolated for ${dirWord(c.dir)} by ${iso}; ${by} allows ${flow}`;
    } else {
      const closest = side.closest.length ? ` Closest: ${side.closest.map((m) => m.reason).join("; ")}.` : "";
      side.reason = `${passNote}isolated for ${dirWord(c.dir)} by ${iso}; no rule allows ${flow}.${closest}`;
    }
    return settle(side);
  }
  const base = explainAdminTier(c, c.model.baseline);
  unknown.push(...base.unknown);
  if (base.hit) {
    const { ap, rule, ref } = base.hit;
    const noNp = `${passNote}no NetworkPolicy selects ${side.subject} for ${dirWord(c.dir)}; `;
    if (rule.action === "Pass") return { ...side, allowed: true, decidedBy: "default", baselineRule: ref, reason: `${noNp}${adminRuleText(ap, ref)} passes ${flow} on to the default: allowed` };
    const allowed = admits(rule.action);
    const title = ap.kind === "ClusterNetworkPolicy" ? adminRuleText(ap, ref) : `BaselineAdminNetworkPolicy rule "${ref.name}" (${ref.path}, ${ref.action})`;
    return settle({ ...side, allowed, decidedBy: "baseline", baselineRule: ref, reason: `${noNp}${title} ${allowed ? "allows" : "denies"} ${flow}${failClosedNote(rule)}` });
  }
  const what = side.adminPolicies.length || base.policies.length ? `no NetworkPolicy selects ${side.subject} for ${dirWord(c.dir)} and no admin or baseline rule matches` : `no policy selects ${side.subject} for ${dirWord(c.dir)}`;
  return { ...side, allowed: true, decidedBy: "default", reason: `${passNote}${what}: allowed by default` };
}

function outsideSide(dir: Direction, e: Endpoint): SideExplanation {
  return {
    direction: dir,
    allowed: true,
    decidedBy: "outside-cluster",
    adminPolicies: [],
    isolatedBy: [],
    allowedBy: [],
    closest: [],
    reason: `${endpointName(e)} is outside the pod network: it has no ${dir} policies of its own`,
  };
}

/** Whose semantics a model applies, for answers. */
export function cniUsed(model: NetworkModel): CniUsed {
  const { profile, how, why } = model.cni;
  return { id: profile.id, label: profile.label, how, why };
}

/** Explains one flow between two endpoints on one destination port. */
export function explainFlow(model: NetworkModel, src: Endpoint, dst: Endpoint, protocol: Protocol, port: number): FlowExplanation {
  const notes: string[] = [];
  const base = { src: endpointName(src), dst: endpointName(dst), protocol, port, cni: cniUsed(model) };
  if (sameEndpoint(src, dst)) {
    const self: SideExplanation = { direction: "egress", allowed: true, decidedBy: "same-pod", adminPolicies: [], isolatedBy: [], allowedBy: [], closest: [], reason: "a pod can always reach itself; policy does not apply to loopback" };
    return { ...base, allowed: true, complete: true, egress: self, ingress: { ...self, direction: "ingress" }, notes };
  }
  const named = dst.kind === "pod" ? model.namedPorts(dst.pod) : undefined;
  const layered = model.cni.profile.engine !== "upstream" || model.program.unenforced;
  const side = (dir: Direction, subject: Pod, peer: Endpoint) => (layered ? explainProgramSide : explainSide)({ model, dir, subject, peer, named, protocol, port });
  const egress = src.kind === "pod" ? side("egress", src.pod, dst) : outsideSide("egress", src);
  const ingress = dst.kind === "pod" ? side("ingress", dst.pod, src) : outsideSide("ingress", dst);
  for (const e of [src, dst]) {
    if (e.kind === "pod" && e.pod.spec.hostNetwork) notes.push(`${endpointName(e)} uses the host network: others see it as its node's address (matched only by address rules), and policies do not protect it`);
  }
  if (model.options.ipBlockMatchesPods) notes.push(`ipBlock rules are taken to match pod IPs too (${model.cni.profile.ipBlockMatchesPods ? `as ${model.cni.profile.label} does` : "--ipblock-matches-pods, as Calico does"})`);
  if (src.kind === "ip") notes.push("an outside source is matched by address rules only; whether traffic arriving through a load balancer or NodePort keeps its source address depends on the data path (externalTrafficPolicy, SNAT)");
  const undecidable = !!egress.undecidable && ingress.allowed;
  const allowed = egress.allowed && ingress.allowed;
  const incomplete = flowGaps(model, src, dst, allowed);
  if (egress.undecidable && ingress.allowed) incomplete.push(...egress.undecidable.map((u) => u.reason));
  return { ...base, allowed, complete: incomplete.length === 0, ...(incomplete.length ? { incomplete } : {}), egress, ingress, ...(undecidable ? { undecidable } : {}), notes };
}
