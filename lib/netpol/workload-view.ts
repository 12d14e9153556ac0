/**
 * One workload in the explorer's side panel: its pods and identities, which policies guard it in
 * each direction (isolated by NetworkPolicy, or governed by admin policies) and how the outside
 * world reaches it. A direction no policy guards is "unprotected": every connection is allowed.
 */
import { ClearanceError } from "../errors";
import type { ExposurePath } from "./exposure";
import { exposureOf } from "./exposure-view";
import { refsFromGuards, type PolicyRef } from "./policy-view";
import { protectionOf } from "./protection";
import type { Reachability } from "./reachability";
import { workloadsOf } from "./workloads";

export type Guard = "isolated" | "partial" | "unprotected";

export interface WorkloadDetail {
  /** `ns/Kind/name` */
  key: string;
  namespace: string;
  kind: string;
  name: string;
  pods: string[];
  serviceAccounts: string[];
  hostNetwork: boolean;
  labels: Record<string, string>;
  ingress: { guard: Guard; policies: PolicyRef[] };
  egress: { guard: Guard; policies: PolicyRef[] };
  exposure: ExposurePath[];
}

/** The workload `ns/Kind/name` (case-insensitive), or a not_found error. */
export function workloadDetail(reach: Reachability, key: string): WorkloadDetail {
  const w = workloadsOf(reach).find((x) => x.key.toLowerCase() === key.toLowerCase());
  if (!w) throw new ClearanceError("not_found", `no workload ${key} in this snapshot (NAMESPACE/KIND/NAME)`);
  const pods = w.classes.flatMap((c) => reach.classes[c].pods).filter((p) => p.owner.kind === w.ref.kind && p.owner.name === w.ref.name);
  const guards = pods.map((p) => protectionOf(reach.model, p));
  const side = (d: "ingress" | "egress") => {
    const n = guards.filter((g) => g[d].length > 0).length;
    const guard: Guard = n === 0 ? "unprotected" : n === guards.length ? "isolated" : "partial";
    return { guard, policies: refsFromGuards([...new Set(guards.flatMap((g) => g[d]))]) };
  };
  const exposed = exposureOf(reach).exposed.find((e) => e.namespace === w.namespace && e.workload.kind === w.ref.kind && e.workload.name === w.ref.name);
  return {
    key: w.key,
    namespace: w.namespace,
    kind: w.ref.kind,
    name: w.ref.name,
    pods: pods.map((p) => p.name).sort(),
    serviceAccounts: [...new Set(pods.map((p) => p.spec.serviceAccountName))].sort(),
    hostNetwork: w.hostNetwork,
    labels: pods[0]?.labels ?? {},
    ingress: side("ingress"),
    egress: side("egress"),
    exposure: exposed?.paths ?? [],
  };
}
