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
 * A side decided by anything else (a layer the engine may gain, such as a CNI's own policies) gets
 * no alternative: the fix says which side it is and the explanation's reason, naming the policy.
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
import { applyAdminChanges, networkPolicyDocs, sideChanges, type SideChange } from "./flow-changes";
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
function withoutTarget(opened: ConnectionChange[], from: string, to: string, t: FlowTarget): ConnectionChange[] {
  return opened.flatMap((c) => {
    if (c.src !== from || c.dst !== to) return [c];
    const rest = parseConnSet(c.conn).subtract(ConnSet.port(t.protocol, t.port));
    return rest.isEmpty ? [] : [{ ...c, conn: rest.toString() }];
  });
}

function evaluate(base: ClusterSnapshot, engine: Partial<EngineOptions>, from: FlowEnd, to: FlowEnd, t: FlowTarget, changes: readonly SideChange[]): FlowFixAlternative {
  const docs = networkPolicyDocs(changes);
  const admin = changes.filter((c) => c.kind === "admin");
  const notes = changes.flatMap((c) => c.notes);
  let after = applyAdminChanges(base, admin);
  const draftText = docs.length ? joinDocuments(docs) : "";
  if (docs.length) {
    const applied = applyDraft(after, parseDraft(draftText, "fix"));
    for (const i of applied.issues) notes.push(`draft: ${i.message}`);
    after = applied.snapshot;
  }
  const diff = diffReachability(networkAnalysisOf(base, engine).reach, networkAnalysisOf(after, engine).reach);
  const { opened, closed } = openedAndClosed(diff);
  const alt: FlowFixAlternative = {
    title: changes.map((c) => c.title).join("; and "),
    steps: changes.flatMap((c) => c.steps),
    owners: [...new Set(changes.map((c) => c.owner))],
    yaml: joinDocuments([...docs, ...admin.map((c) => c.yaml)]),
    draft: admin.length === 0,
    admits: admitsAll(after, engine, from, to, t),
    opened: withoutTarget(opened, from.label, to.label, t),
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
  // per blocked side, its alternatives; the flow needs one from each
  const perSide: SideChange[][] = [];
  for (const side of [ex.egress, ex.ingress]) {
    const subject = side.direction === "egress" ? from : to;
    const peer = side.direction === "egress" ? to : from;
    const blocked = side.allowed ? [] : [side];
    // a workload whose first pod is allowed may still have pods that are not: fix those too
    if (!blocked.length && subject.kind === "pods" && subject.pods.length > 1 && !admitsAll(snapshot, engine, from, to, target)) {
      const other = subject.pods.slice(1).map((p) => explainFlow(model, side.direction === "egress" ? podEndpoint(p) : src, side.direction === "egress" ? dst : podEndpoint(p), target.protocol, target.port)[side.direction]).find((s) => !s.allowed);
      if (other) blocked.push(other);
    }
    if (!blocked.length) continue;
    const changes = sideChanges(snapshot, model, blocked[0], subject, peer, target, (end, ns) => peerFor(snapshot, end, ns));
    if (!changes.length) notes.push(`${side.direction} of ${subject.label}: nothing Clearance can propose (${blocked[0].reason})`);
    perSide.push(changes);
  }
  if (perSide.some((l) => l.length === 0)) return fix;
  let combos: SideChange[][] = [[]];
  for (const list of perSide) combos = combos.flatMap((c) => list.map((x) => [...c, x])).slice(0, MAX_ALTERNATIVES);
  fix.alternatives = combos
    .map((c) => evaluate(snapshot, engine, from, to, target, c))
    .sort((a, b) => Number(b.admits) - Number(a.admits) || a.opened.length - b.opened.length || a.closed.length - b.closed.length || Number(b.draft) - Number(a.draft) || a.steps.length - b.steps.length);
  return fix;
}
