/**
 * The reference evaluator: for one (source, destination) pair, the exact set of allowed
 * connections, computed straight from the definitions. It is the oracle the class-based fast path
 * is property-tested against, so it stays simple: no caches, no classes.
 *
 * Semantics (kubernetes networking/v1 NetworkPolicy; policy.networking.k8s.io/v1alpha1 ANP/BANP and
 * v1alpha2 ClusterNetworkPolicy, compiled into the same tiers by cnp.ts; ../shared/reference/network.md §3):
 * - connection(src, dst) = egress(src → dst) ∩ ingress(dst ← src), both on the destination's ports;
 *   an address outside the cluster has no policies of its own; a pod always reaches itself.
 * - per direction: admin-tier rules (AdminNetworkPolicy and Admin ClusterNetworkPolicy) in priority
 *   order, first match per port decides (Allow or Accept / Deny / Pass); what is passed or unmatched
 *   goes to NetworkPolicy if any policy in the pod's namespace isolates it in that direction (then
 *   only its rules allow), else to the baseline tier (Baseline ClusterNetworkPolicies, then the
 *   BaselineAdminNetworkPolicy), where Pass and no match both end in the default: allowed.
 * - host-networked pods are outside policy control as subjects.
 */
import type { Pod } from "../model/types";
import { ALL, NONE, type ConnSet } from "./connset";
import type { NetworkModel } from "./model";
import { adminPeerMatches, adminSubjectMatches, npRulePeerMatches, npSelects, type Endpoint } from "./peers";
import { admits, type AdminPolicy, type CompiledNetworkPolicy, type Direction } from "./policies";
import { resolvePorts, type ContainerPortInfo } from "./ports";

type NamedPorts = ReadonlyMap<string, ContainerPortInfo> | undefined;

/** NetworkPolicies in the pod's namespace that select it and have `dir` in their policyTypes. */
export function isolatingPolicies(model: NetworkModel, pod: Pod, dir: Direction): CompiledNetworkPolicy[] {
  return (model.policiesByNamespace.get(pod.namespace) ?? []).filter((np) => np[dir] !== undefined && npSelects(np, pod));
}

/** What NetworkPolicy alone allows for an isolated pod: the union of every matching rule's ports. */
export function networkPolicyAllowed(model: NetworkModel, policies: readonly CompiledNetworkPolicy[], dir: Direction, peer: Endpoint, named: NamedPorts): ConnSet {
  let allowed = NONE;
  for (const np of policies) {
    for (const rule of np[dir]!) {
      if (npRulePeerMatches(model, rule, peer)) allowed = allowed.union(resolvePorts(rule.ports, named));
      if (allowed.isAll) return allowed;
    }
  }
  return allowed;
}

interface TierResult {
  allowed: ConnSet;
  /** Connections no rule decided (plus Pass) that go on to the next layer. */
  rest: ConnSet;
}

function applyTier(model: NetworkModel, policies: readonly AdminPolicy[], subject: Pod, dir: Direction, peer: Endpoint, named: NamedPorts, undecided: ConnSet): TierResult {
  let allowed = NONE;
  let passed = NONE;
  let rest = undecided;
  for (const ap of policies) {
    if (rest.isEmpty) break;
    if (!adminSubjectMatches(model, ap.subject, subject)) continue;
    for (const rule of ap[dir]) {
      if (!rule.peers.some((p) => adminPeerMatches(model, p, peer))) continue;
      const ports = resolvePorts(rule.ports, named).intersect(rest);
      if (ports.isEmpty) continue;
      if (admits(rule.action)) allowed = allowed.union(ports);
      else if (rule.action === "Pass") passed = passed.union(ports);
      rest = rest.subtract(ports);
    }
  }
  return { allowed, rest: rest.union(passed) };
}

/**
 * What `subject` allows in direction `dir` with `peer` on the other end; `named` are the named
 * ports of the destination (undefined when the destination is an address).
 */
export function directionAllowed(model: NetworkModel, subject: Pod, dir: Direction, peer: Endpoint, named: NamedPorts): ConnSet {
  if (subject.spec.hostNetwork) return ALL;
  const admin = applyTier(model, model.admin, subject, dir, peer, named, ALL);
  if (admin.rest.isEmpty) return admin.allowed;
  const isolating = isolatingPolicies(model, subject, dir);
  if (isolating.length > 0) return admin.allowed.union(admin.rest.intersect(networkPolicyAllowed(model, isolating, dir, peer, named)));
  const baseline = applyTier(model, model.baseline, subject, dir, peer, named, admin.rest);
  return admin.allowed.union(baseline.allowed).union(baseline.rest);
}

export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  if (a.kind === "pod" && b.kind === "pod") return a.pod === b.pod || (a.pod.namespace === b.pod.namespace && a.pod.name === b.pod.name);
  return a.kind === "ip" && b.kind === "ip" && a.ip === b.ip;
}

/** All connections allowed from `src` to `dst` (see the module comment for the rules). */
export function allowedConnections(model: NetworkModel, src: Endpoint, dst: Endpoint): ConnSet {
  if (sameEndpoint(src, dst)) return ALL;
  const named = dst.kind === "pod" ? model.namedPorts(dst.pod) : undefined;
  const egress = src.kind === "pod" ? directionAllowed(model, src.pod, "egress", dst, named) : ALL;
  if (egress.isEmpty) return NONE;
  const ingress = dst.kind === "pod" ? directionAllowed(model, dst.pod, "ingress", src, named) : ALL;
  return egress.intersect(ingress);
}
