/**
 * How guarded a pod is in one direction, as the explorer paints it. `isolated`: a policy that
 * isolates selects it for that direction (a NetworkPolicy of its namespace, a Cilium policy, a
 * Calico tier), so only what some rule allows gets through. `unprotected`: a new pod of another namespace and an outside address
 * may open (or be opened) anything — admin rules that carve out one address or one namespace do not
 * change that. `partial`: something in between (admin or baseline rules narrow some traffic).
 * Host-networked pods are outside policy control: unprotected. Computed per pod class, once.
 */
import type { Pod } from "../model/types";
import { directionAllowed, isolatedBy } from "./evaluate";
import { virtualPod } from "./findings";
import type { NetworkModel } from "./model";
import { ipEndpoint, podEndpoint } from "./peers";
import type { Direction } from "./policies";
import type { Reachability } from "./reachability";

export type Guard = "isolated" | "partial" | "unprotected";

/** A documentation address (RFC 5737) and a pod of a namespace no selector names. */
const OUTSIDE = ipEndpoint("203.0.113.10");
const STRANGER = podEndpoint(virtualPod("\u0000elsewhere", "new-pod"));

export function podGuard(model: NetworkModel, pod: Pod, dir: Direction): Guard {
  if (pod.spec.hostNetwork) return "unprotected";
  if (isolatedBy(model, pod, dir).length > 0) return "isolated";
  const named = dir === "ingress" ? model.namedPorts(pod) : undefined;
  const open = [STRANGER, OUTSIDE].every((peer) => directionAllowed(model, pod, dir, peer, named).isAll);
  return open ? "unprotected" : "partial";
}

/** Several pods (a workload, a namespace) as one: all alike, or partial. */
export function combineGuards(guards: readonly Guard[]): Guard {
  if (guards.length === 0) return "unprotected";
  return guards.every((g) => g === guards[0]) ? guards[0] : "partial";
}

const cache = new WeakMap<Reachability, Map<number, { ingress: Guard; egress: Guard }>>();

/** The guard of a pod class (every pod of a class is selected by the same policies). */
export function classGuard(reach: Reachability, classId: number): { ingress: Guard; egress: Guard } {
  let m = cache.get(reach);
  if (!m) cache.set(reach, (m = new Map()));
  let g = m.get(classId);
  if (!g) {
    const pod = reach.classes[classId].pods[0];
    m.set(classId, (g = { ingress: podGuard(reach.model, pod, "ingress"), egress: podGuard(reach.model, pod, "egress") }));
  }
  return g;
}
