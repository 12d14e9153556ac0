/**
 * Fixing a blocked flow: for FROM → TO on one port and protocol, the smallest changes that admit
 * it, for each side that blocks it (the source's egress, the destination's ingress):
 * - NetworkPolicy isolates the side and no rule admits the flow: a rule added to one of the
 *   isolating policies (each is an alternative), or a new narrow policy for the side's workload;
 * - an admin-tier rule denies it (AdminNetworkPolicy, ClusterNetworkPolicy Admin tier): no
 *   NetworkPolicy can override it (KEP-2091), so the change is an Allow (Accept) rule placed just
 *   before it, in that cluster-scoped policy, which the cluster's administrators own;
 * - a baseline rule denies it (BaselineAdminNetworkPolicy, ClusterNetworkPolicy Baseline tier):
 *   NetworkPolicy overrides the baseline, so a new narrow policy does it (and isolates the pods it
 *   selects), or an Allow rule before the baseline rule.
 * Every alternative is applied (NetworkPolicies as a draft, lib/whatif/apply.ts; admin-tier rules
 * to a copy of the snapshot), checked to admit the flow for every pod pair of the two workloads,
 * and compared with the cluster before by the engine (lib/netpol/diff-reachability.ts): its blast
 * radius is every other connection it opens and every connection it closes, at workload level with
 * ports. The narrowest alternative (fewest other connections opened, then closed) comes first.
 * - a CNI's own policy decides it (Calico tiers, Cilium deny or allow rules): the change in that
 *   layer (flow-cni.ts) — an Allow or Pass before the deciding Calico Deny, an Allow closing a
 *   tier's default deny, a Cilium deny rule narrowed to leave the peer out or removed, an allow rule
 *   in an isolating Cilium policy. Such a change may leave the flow blocked further on (a later
 *   tier, Cilium's allow rules): the side is asked again on the changed cluster and its next change
 *   chained after (up to MAX_CHAIN); a chain that still does not admit the flow is dropped.
 * A side decided by anything else gets no alternative: the fix says which side it is and the
 * explanation's reason, naming the policy.
 */
import { networkAnalysisOf } from "../analysis";
import type { ClusterSnapshot, Pod, Protocol } from "../model";
import { ConnSet, parseConnSet } from "../netpol/connset";
import { allowedConnections } from "../netpol/evaluate";
import { explainFlow, type SideExplanation } from "../netpol/explain";
import type { EngineOptions } from "../netpol/model";
import { podEndpoint, ipEndpoint, type Endpoint } from "../netpol/peers";
import { resolveEndpoint } from "../netpol/resolve";
import { diffReachability } from "../netpol/diff-reachability";
import { workloadName } from "../netpol/connlist";
import { openedAndClosed, type ConnectionChange } from "../whatif/compare";
import { joinDocuments } from "../whatif/api";
import { applyDraft } from "../whatif/apply";
import { parseDraft } from "../whatif/draft";
import { peerFor, type FlowEnd } from "./flow-peer";
import { applyPatches, networkPolicyDocs, sideChanges, type SideChange } from "./flow-changes";
import { ClearanceError } from "../errors";

export interface FlowTarget {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
}

export interface FlowFixAlternative {
  title: string;
  /** What changes, object by object. */
  steps: string[];
  /** Who must make the change (an admin-tier policy belongs to the cluster's administrators). */
  owners: string[];
  /** NetworkPolicies: a draft to apply or open. Admin-tier rules: a JSON patch for kubectl. */
  yaml: string;
  /** Whether `yaml` is a draft Clearance opens (NetworkPolicies only). */
  draft: boolean;
  /** Checked on the changed cluster: every pod of FROM reaches every pod of TO on the port. */
  admits: boolean;
  /** Blast radius: every other connection the change opens (workload level, the ports gained). */
  opened: ConnectionChange[];
  /** Connections the change closes (a new policy isolates the pods it selects). */
  closed: ConnectionChange[];
  notes: string[];
}

export interface FlowFix {
  target: FlowTarget;
  /** `ns/name[Kind]` of each end (or the address). */
  from: string;
  to: string;
  allowedBefore: boolean;
  sides: { direction: "egress" | "ingress"; allowed: boolean; decidedBy: SideExplanation["decidedBy"]; reason: string }[];
  alternatives: FlowFixAlternative[];
  notes: string[];
}

function endOf(snapshot: ClusterSnapshot, engine: Partial<EngineOptions>, text: string, role: "source" | "destination"): FlowEnd {
  const { index } = networkAnalysisOf(snapshot, engine);
  const r = resolveEndpoint(index, text, role);
  if (r.kind === "service") throw new ClearanceError("bad_request", `${r.label} is a Service: name the workload behind it (a fix admits traffic to pods, after the Service's address translation)`);
  if (r.kind === "ip") return { kind: "ip", ip: r.ip, label: r.ip };
  const first = r.pods[0];
  const pods = r.via === "pod" ? r.pods : r.pods.filter((p) => p.owner.kind === first.owner.kind && p.owner.name === first.owner.name);
  return { kind: "pods", pods, label: r.via === "pod" && first.owner.kind === "Pod" ? `${first.namespace}/${first.name}[Pod]` : workloadName(first) };
}

const endpoints = (e: FlowEnd): Endpoint[] => (e.kind === "ip" ? [ipEndpoint(e.ip)] : e.pods.map(podEndpoint));

/** Pods looked up again by name in another snapshot (a draft may rebuild pod records). */
function sameEnd(snapshot: ClusterSnapshot, engine: Partial<EngineOptions>, e: FlowEnd): Endpoint[] {
  if (e.kind === "ip") return endpoints(e);
  const { index } = networkAnalysisOf(snapshot, engine);
  return e.pods.map((p) => index.pods.get(`${p.namespace}/${p.name}`)).filter((p): p is Pod => !!p).map(podEndpoint);
}

function admitsAll(snapshot: ClusterSnapshot, engine: Partial<EngineOptions>, from: FlowEnd, to: FlowEnd, t: FlowTarget): boolean {
  const { model } = networkAnalysisOf(snapshot, engine);
  const srcs = sameEnd(snapshot, engine, from);
  const dsts = sameEnd(snapshot, engine, to);
  return srcs.length > 0 && dsts.length > 0 && srcs.every((s) => dsts.every((d) => allowedConnections(model, s, d).has(t.protocol, t.port)));
}

/** The opened list without the target flow itself. */
function withoutTarget(opened: ConnectionChange[], from: FlowEnd, to: FlowEnd, t: FlowTarget): ConnectionChange[] {
  // an address is listed as a block: `198.51.100.7-198.51.100.7[External]` when it is one of its own
  const names = (e: FlowEnd) => (e.kind === "ip" ? [e.label, `${e.ip}-${e.ip}[External]`] : [e.label]);
  return opened.flatMap((c) => {
    if (!names(from).includes(c.src) || !names(to).includes(c.dst)) return [c];
    const rest = parseConnSet(c.conn).subtract(ConnSet.port(t.protocol, t.port));
    return rest.isEmpty ? [] : [{ ...c, conn: rest.toString() }];
  });
}

/** The changes applied to a copy of `base`: patches in order, then the NetworkPolicies as a draft. */
function applyChanges(base: ClusterSnapshot, changes: readonly SideChange[]): { after: ClusterSnapshot; docs: string[]; notes: string[] } {
  const docs = networkPolicyDocs(changes);
  const notes = changes.flatMap((c) => c.notes);
  let after = applyPatches(base, changes);
  if (docs.length) {
    const applied = applyDraft(after, parseDraft(joinDocuments(docs), "fix"));
    for (const i of applied.issues) notes.push(`draft: ${i.message}`);
    after = applied.snapshot;
  }
  return { after, docs, notes: [...new Set(notes)] };
}

function evaluate(base: ClusterSnapshot, engine: Partial<EngineOptions>, from: FlowEnd, to: FlowEnd, t: FlowTarget, changes: readonly SideChange[]): FlowFixAlternative {
  const { after, docs, notes } = applyChanges(base, changes);
  const admin = changes.filter((c) => c.kind === "patch");
  const diff = diffReachability(networkAnalysisOf(base, engine).reach, networkAnalysisOf(after, engine).reach);
  const { opened, closed } = openedAndClosed(diff);
  const alt: FlowFixAlternative = {
    title: changes.map((c) => c.title).join("; and "),
    steps: changes.flatMap((c) => c.steps),
    owners: [...new Set(changes.map((c) => c.owner))],
    yaml: joinDocuments([...docs, ...admin.map((c) => c.yaml)]),
    draft: admin.length === 0,
    admits: admitsAll(after, engine, from, to, t),
    opened: withoutTarget(opened, from, to, t),
    closed,
    notes,
  };
  changed.set(alt, after);
  return alt;
}

const changed = new WeakMap<FlowFixAlternative, ClusterSnapshot>();

/** The snapshot an alternative was checked on (the source with the change applied). */
export function snapshotWith(alt: FlowFixAlternative): ClusterSnapshot | undefined {
  return changed.get(alt);
}

const MAX_ALTERNATIVES = 12;
/** How many changes one side may need in a row (a Cilium deny rule, then its allow rules; a Calico Pass, then the next tier). */
const MAX_CHAIN = 3;

/** The ends looked up again in another snapshot (a change may rebuild pod records). */
function endIn(snapshot: ClusterSnapshot, engine: Partial<EngineOptions>, e: FlowEnd): FlowEnd {
  if (e.kind === "ip") return e;
  const { index } = networkAnalysisOf(snapshot, engine);
  return { ...e, pods: e.pods.map((p) => index.pods.get(`${p.namespace}/${p.name}`) ?? p) };
}

/** The side's explanation when it blocks the flow for some pod of its workload, else undefined. */
function blockedSide(snapshot: ClusterSnapshot, engine: Partial<EngineOptions>, from: FlowEnd, to: FlowEnd, t: FlowTarget, dir: "egress" | "ingress"): SideExplanation | undefined {
  const { model } = networkAnalysisOf(snapshot, engine);
  const [src, dst] = [endpoints(from)[0], endpoints(to)[0]];
  const side = explainFlow(model, src, dst, t.protocol, t.port)[dir];
  if (!side.allowed) return side;
  const subject = dir === "egress" ? from : to;
  // a workload whose first pod is allowed may still have pods that are not: fix those too
  if (subject.kind !== "pods" || subject.pods.length < 2 || admitsAll(snapshot, engine, from, to, t)) return undefined;
  return subject.pods.slice(1).map((p) => explainFlow(model, dir === "egress" ? podEndpoint(p) : src, dir === "egress" ? dst : podEndpoint(p), t.protocol, t.port)[dir]).find((s) => !s.allowed);
}

/**
 * The ways to unblock one side, each a chain of changes: `[[]]` when it is not blocked, `[]` when
 * nothing can be proposed (said in `notes`). A tentative change is applied and the side asked
 * again, so what still blocks it after (a later tier, Cilium's allow rules) gets its change too.
 */
function sideChains(snapshot: ClusterSnapshot, engine: Partial<EngineOptions>, from0: FlowEnd, to0: FlowEnd, t: FlowTarget, dir: "egress" | "ingress", notes: string[], depth: number): SideChange[][] {
  const [from, to] = depth ? [endIn(snapshot, engine, from0), endIn(snapshot, engine, to0)] : [from0, to0];
  const side = blockedSide(snapshot, engine, from, to, t, dir);
  if (!side) return [[]];
  const [subject, peer] = dir === "egress" ? [from, to] : [to, from];
  const changes = depth < MAX_CHAIN ? sideChanges(snapshot, networkAnalysisOf(snapshot, engine).model, side, subject, peer, t, (end, ns) => peerFor(snapshot, end, ns)) : [];
  if (!changes.length && depth === 0) notes.push(`${dir} of ${subject.label}: nothing Clearance can propose (${side.reason})`);
  return changes.flatMap((c) => (c.tentative ? sideChains(applyChanges(snapshot, [c]).after, engine, from0, to0, t, dir, [], depth + 1).map((rest) => [c, ...rest]) : [[c]]));
}

/** The alternatives that admit FROM → TO on the port, narrowest first (see the module comment). */
export function fixFlow(snapshot: ClusterSnapshot, target: FlowTarget, engine: Partial<EngineOptions> = {}): FlowFix {
  const from = endOf(snapshot, engine, target.from, "source");
  const to = endOf(snapshot, engine, target.to, "destination");
  const { model } = networkAnalysisOf(snapshot, engine);
  const src = endpoints(from)[0];
  const dst = endpoints(to)[0];
  const ex = explainFlow(model, src, dst, target.protocol, target.port);
  const notes = [...ex.notes];
  const sides = [ex.egress, ex.ingress].map((s) => ({ direction: s.direction, allowed: s.allowed, decidedBy: s.decidedBy, reason: s.reason }));
  const fix: FlowFix = { target, from: from.label, to: to.label, allowedBefore: admitsAll(snapshot, engine, from, to, target), sides, alternatives: [], notes };
  if (fix.allowedBefore) return fix;
  // per blocked side, its alternatives (each a chain of changes); the flow needs one from each
  const perSide: SideChange[][][] = [];
  for (const dir of ["egress", "ingress"] as const) {
    const chains = sideChains(snapshot, engine, from, to, target, dir, notes, 0);
    if (chains.length === 1 && chains[0].length === 0) continue; // this side allows it
    perSide.push(chains);
  }
  if (perSide.some((l) => l.length === 0)) return fix;
  let combos: SideChange[][] = [[]];
  for (const list of perSide) combos = combos.flatMap((c) => list.map((x) => [...c, ...x])).slice(0, MAX_ALTERNATIVES);
  fix.alternatives = combos
    .map((c) => ({ c, alt: evaluate(snapshot, engine, from, to, target, c) }))
    // a tentative change that leaves the flow blocked is no alternative
    .filter(({ c, alt }) => alt.admits || !c.some((x) => x.tentative))
    .map(({ alt }) => alt)
    .sort((a, b) => Number(b.admits) - Number(a.admits) || a.opened.length - b.opened.length || a.closed.length - b.closed.length || Number(b.draft) - Number(a.draft) || a.steps.length - b.steps.length);
  return fix;
}
