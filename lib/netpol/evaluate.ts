/**
 * The reference evaluator: for one (source, destination) pair, the exact set of allowed
 * connections, computed straight from the program (program.ts) and the predicate definitions
 * (predicate-match.ts). It is the oracle the class-based fast path is property-tested against, so
 * it stays simple: no caches, no classes.
 *
 * - connection(src, dst) = egress(src → dst) ∩ ingress(dst ← src), both on the destination's ports;
 *   an address outside the cluster has no policies of its own; a pod always reaches itself.
 * - per direction: the program's layers in order (see program.ts): first match per port decides,
 *   Pass and unmatched go on, an isolating layer denies the rest, what is left at the end is allowed.
 * - host-networked pods are outside policy control as subjects; a CNI that enforces nothing allows all.
 */
import type { Pod } from "../model/types";
import { ALL, NONE, type ConnSet } from "./connset";
import type { NetworkModel } from "./model";
import type { Endpoint } from "./peers";
import type { Direction } from "./policies";
import { predicateMatchesAddress, predicateMatchesPod } from "./predicate-match";
import { OTHER_NODES, OWN_NODE, type PeerCondition, type ProgramLayer, type ProgramPolicy, type ProgramPolicyRef, type ProgramRule } from "./program";
import { isAllPorts, resolvePorts, type ContainerPortInfo } from "./ports";

type NamedPorts = ReadonlyMap<string, ContainerPortInfo> | undefined;

/** The node an end lives on when it is a node: a node address, or a host-networked pod. */
function nodeOfEnd(model: NetworkModel, e: Endpoint): string | undefined {
  if (e.kind === "ip") return model.nodeOfAddress.get(e.ip);
  return e.pod.spec.hostNetwork ? e.pod.spec.nodeName : undefined;
}

export function atomMatches(model: NetworkModel, atom: number, e: Endpoint, subject: Pod): boolean {
  if (atom === OWN_NODE || atom === OTHER_NODES) {
    const node = nodeOfEnd(model, e);
    if (node === undefined) return false;
    return atom === OWN_NODE ? node === subject.spec.nodeName : node !== subject.spec.nodeName;
  }
  const p = model.program.table.all[atom];
  return e.kind === "pod" ? predicateMatchesPod(model, p, e.pod) : predicateMatchesAddress(model, p, e.ip);
}

export function conditionMatches(model: NetworkModel, c: PeerCondition | null | undefined, e: Endpoint, subject: Pod): boolean {
  if (!c) return true;
  return c.allOf.every((group) => group.some((a) => atomMatches(model, a, e, subject))) && !c.noneOf.some((a) => atomMatches(model, a, e, subject));
}

/** A layer's policies by the one namespace their subject can select in (`""`: any namespace), as positions in the layer. */
interface LayerIndex {
  any: number[];
  byNamespace: Map<string, number[]>;
}
const layerIndexes = new WeakMap<ProgramLayer, LayerIndex>();

function layerIndex(model: NetworkModel, layer: ProgramLayer): LayerIndex {
  let ix = layerIndexes.get(layer);
  if (ix) return ix;
  ix = { any: [], byNamespace: new Map() };
  const preds = model.program.table.all;
  layer.policies.forEach((p, i) => {
    const pred = preds[p.subject];
    const ns = pred.kind === "podsIn" ? pred.namespace : (pred.kind === "cilium" || (pred.kind === "calico" && pred.endpointsOnly)) ? pred.namespace : undefined;
    if (ns === undefined) ix!.any.push(i);
    else {
      const l = ix!.byNamespace.get(ns);
      if (l) l.push(i);
      else ix!.byNamespace.set(ns, [i]);
    }
  });
  layerIndexes.set(layer, ix);
  return ix;
}

/** The policies of a layer that select a pod, in the layer's order (only those that could, by namespace, are tested). */
export function selectedPolicies(model: NetworkModel, layer: ProgramLayer, pod: Pod): ProgramPolicy[] {
  const preds = model.program.table.all;
  const ix = layerIndex(model, layer);
  const local = ix.byNamespace.get(pod.namespace) ?? [];
  const candidates = ix.any.length === 0 ? local : local.length === 0 ? ix.any : [...ix.any, ...local].sort((a, b) => a - b);
  const out: ProgramPolicy[] = [];
  for (const i of candidates) {
    const p = layer.policies[i];
    if (predicateMatchesPod(model, preds[p.subject], pod)) out.push(p);
  }
  return out;
}

/** A rule that takes every packet on to the next layer (or admits it): nothing reaches the layer's default after it. */
const catchAll = (r: ProgramRule) => r.peer === null && !r.self && isAllPorts(r.ports) && (r.action === "Pass" || r.action === "Allow");

/**
 * Policies that isolate the pod in a direction: selecting it, in a layer that denies what its rules
 * do not allow — unless a rule there passes or admits everything (a Calico tier ending in `Pass`).
 */
export function isolatedBy(model: NetworkModel, pod: Pod, dir: Direction): ProgramPolicyRef[] {
  if (pod.spec.hostNetwork || model.program.unenforced) return [];
  return model.program.layers
    .filter((l) => l.defaultAction === "Deny")
    .flatMap((l) => {
      const selected = selectedPolicies(model, l, pod);
      if (selected.some((p) => p[dir].some(catchAll))) return [];
      return selected.filter((p) => p.isolates[dir]).map((p) => p.ref);
    });
}

/**
 * What `subject` allows in direction `dir` with `peer` on the other end; `named` are the named
 * ports of the destination (undefined when the destination is an address).
 */
export function directionAllowed(model: NetworkModel, subject: Pod, dir: Direction, peer: Endpoint, named: NamedPorts): ConnSet {
  if (subject.spec.hostNetwork || model.program.unenforced) return ALL;
  const self: Endpoint = { kind: "pod", pod: subject };
  let rest = ALL;
  let allowed = NONE;
  for (const layer of model.program.layers) {
    const selected = selectedPolicies(model, layer, subject);
    if (selected.length === 0) continue;
    const isolates = layer.defaultAction === "Deny" && selected.some((p) => p.isolates[dir]);
    if (layer.defaultAction === "Deny" && !isolates) continue;
    let passed = NONE;
    for (const p of selected) {
      for (const r of p[dir]) {
        if (rest.isEmpty) break;
        if (r.action === "Log") continue;
        if (!conditionMatches(model, r.self, self, subject) || !conditionMatches(model, r.peer, peer, subject)) continue;
        const ports = resolvePorts(r.ports, named).intersect(rest);
        if (ports.isEmpty) continue;
        if (r.action === "Allow") allowed = allowed.union(ports);
        else if (r.action === "Pass") passed = passed.union(ports);
        rest = rest.subtract(ports);
      }
    }
    rest = isolates ? passed : rest.union(passed);
    if (rest.isEmpty) break;
  }
  return allowed.union(rest);
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
