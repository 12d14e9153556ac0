/**
 * Which policies guard a pod, per direction: those of the CNI's program that select it and either
 * isolate it (a NetworkPolicy with that policyType, a Cilium or Calico policy) or have rules for
 * that direction (admin tiers, deny rules). A pod guarded by nothing in a direction is
 * "unprotected" there: every connection is allowed.
 */
import type { Pod } from "../model/types";
import { policyRefName } from "./describe";
import { selectedPolicies } from "./evaluate";
import type { NetworkModel } from "./model";
import type { Direction } from "./policies";

export interface Protection {
  /** `NetworkPolicy ns/name`, `AdminNetworkPolicy name`, `BaselineAdminNetworkPolicy default`. */
  ingress: string[];
  egress: string[];
  /** Host-networked: no policy is enforced on it, whatever selects it. */
  hostNetwork: boolean;
}

function guards(model: NetworkModel, pod: Pod, dir: Direction): string[] {
  const isolating = new Set<string>();
  const ruling = new Set<string>();
  for (const layer of model.program.layers) {
    for (const p of selectedPolicies(model, layer, pod).filter((x) => !x.ref.builtin)) {
      if (layer.defaultAction === "Deny" && p.isolates[dir]) isolating.add(policyRefName(p.ref));
      else if (layer.defaultAction === "Pass" && p[dir].length > 0) ruling.add(policyRefName(p.ref));
    }
  }
  return [...isolating, ...[...ruling].filter((n) => !isolating.has(n))];
}

export function protectionOf(model: NetworkModel, pod: Pod): Protection {
  if (pod.spec.hostNetwork) return { ingress: [], egress: [], hostNetwork: true };
  return { ingress: guards(model, pod, "ingress"), egress: guards(model, pod, "egress"), hostNetwork: false };
}
