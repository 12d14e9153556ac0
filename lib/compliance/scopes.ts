/**
 * The resources each control scope covers in a snapshot. Each list is kept per the objects it is
 * made from (the namespaces array, the RBAC index, the binding arrays, the workload units), so a
 * watched source's next snapshot — which keeps the arrays nothing changed (lib/live/assemble.ts) —
 * hands back the same refs, and the report can tell a scope that did not move (report.ts).
 */
import { memoize, rbacIndexOf } from "../analysis";
import type { ResourceRef } from "../findings/types";
import type { ClusterSnapshot } from "../model";
import { namespacedObjects } from "../posture/default-namespace";
import { workloadUnits, type WorkloadUnit } from "../posture/units";
import { subjectResource } from "../rbac/findings";
import { subjectOfKey } from "../rbac/subjects";
import type { ResourceScope } from "./types";

export const CLUSTER: ResourceRef = { kind: "Cluster", name: "cluster" };
const CLUSTER_LIST: readonly ResourceRef[] = [CLUSTER];

/** `make(of)` once per `of` object. */
function perObject<K extends object, V>(make: (of: K) => V): (of: K) => V {
  const cache = new WeakMap<K, V>();
  return (of) => {
    let v = cache.get(of);
    if (v === undefined) cache.set(of, (v = make(of)));
    return v;
  };
}

const workloadRefs = perObject((units: readonly WorkloadUnit[]) => units.map((u) => u.ref));
const namespaceRefs = perObject((namespaces: ClusterSnapshot["namespaces"]) => namespaces.map((n): ResourceRef => ({ kind: "Namespace", name: n.name })));
const subjectRefs = perObject((index: ReturnType<typeof rbacIndexOf>) =>
  [...new Set([...index.clusterByKey.keys(), ...index.namespacedByKey.keys()])].map((k) => subjectResource(subjectOfKey(k))),
);
type Binding = ClusterSnapshot["roleBindings"][number] | ClusterSnapshot["clusterRoleBindings"][number];
const bindingRefs = perObject((roleBindings: readonly Binding[]) =>
  perObject((clusterRoleBindings: readonly Binding[]) =>
    [...roleBindings, ...clusterRoleBindings].map((b): ResourceRef => ({ kind: b.kind, ...(b.namespace ? { namespace: b.namespace } : {}), name: b.name })),
  ),
);

/** The resources of each scope in a snapshot, computed on first use. */
export function scopeResources(snapshot: ClusterSnapshot): (scope: ResourceScope) => readonly ResourceRef[] {
  const cache = new Map<ResourceScope, readonly ResourceRef[]>();
  // the units posture memoizes under the same key (lib/posture/index.ts): their refs, and so their keys, are shared
  const unitsOf = () => memoize(snapshot, "posture:units", () => workloadUnits(snapshot.pods));
  const compute = (scope: ResourceScope): readonly ResourceRef[] => {
    switch (scope) {
      case "workloads":
        return workloadRefs(unitsOf());
      case "namespaces":
        return namespaceRefs(snapshot.namespaces);
      case "subjects":
        return subjectRefs(rbacIndexOf(snapshot));
      case "bindings":
        return bindingRefs(snapshot.roleBindings)(snapshot.clusterRoleBindings);
      case "namespaced-objects":
        // a new array each time, of refs kept per collection array (default-namespace.ts)
        return namespacedObjects(snapshot, unitsOf());
      case "cluster":
        return CLUSTER_LIST;
    }
  };
  return (scope) => {
    let r = cache.get(scope);
    if (!r) cache.set(scope, (r = compute(scope)));
    return r;
  };
}
