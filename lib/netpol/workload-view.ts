/**
 * One workload in the explorer's side panel: its pods and identities, per direction how guarded it
 * is (guard.ts) and which policies select it, and how the outside world reaches it.
 */
import { ClearanceError } from "../errors";
import type { ExposurePath } from "./exposure";
import { exposureOf } from "./exposure-view";
import { classGuard, combineGuards, type Guard } from "./guard";
import { refsFromGuards, type PolicyRef } from "./policy-view";
import { protectionOf } from "./protection";
import type { Reachability } from "./reachability";
import { workloadsOf } from "./workloads";

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
  /** `policies`: every NetworkPolicy isolating it and every admin policy whose subject includes it. */
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
  const classGuards = w.classes.map((c) => classGuard(reach, c));
  const side = (d: "ingress" | "egress") => ({ guard: combineGuards(classGuards.map((g) => g[d])), policies: refsFromGuards([...new Set(guards.flatMap((g) => g[d]))]) });
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
