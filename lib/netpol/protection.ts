/**
 * Which policies guard a pod, per direction: the NetworkPolicies that isolate it (networking/v1:
 * a pod is isolated for a direction once a policy of its namespace selects it with that policyType)
 * and the admin policies whose subject includes it with rules for that direction. A pod guarded by
 * nothing in a direction is "unprotected" there: every connection is allowed.
 */
import type { Pod } from "../model/types";
import { isolatingPolicies } from "./evaluate";
import type { NetworkModel } from "./model";
import { adminSubjectMatches } from "./peers";
import type { Direction } from "./policies";

export interface Protection {
  /** `NetworkPolicy ns/name`, `AdminNetworkPolicy name`, `BaselineAdminNetworkPolicy default`. */
  ingress: string[];
  egress: string[];
  /** Host-networked: no policy is enforced on it, whatever selects it. */
  hostNetwork: boolean;
}

function guards(model: NetworkModel, pod: Pod, dir: Direction): string[] {
  const out = isolatingPolicies(model, pod, dir).map((np) => `NetworkPolicy ${np.namespace}/${np.name}`);
  for (const ap of [...model.admin, ...model.baseline]) {
    if (ap[dir].length && adminSubjectMatches(model, ap.subject, pod)) out.push(`${ap.kind} ${ap.name}`);
  }
  return out;
}

export function protectionOf(model: NetworkModel, pod: Pod): Protection {
  if (pod.spec.hostNetwork) return { ingress: [], egress: [], hostNetwork: true };
  return { ingress: guards(model, pod, "ingress"), egress: guards(model, pod, "egress"), hostNetwork: false };
}
