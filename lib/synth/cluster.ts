/**
 * generateCluster: a deterministic synthetic cluster, as `kubectl get <every kind> -A -o json` of a
 * live cluster would list it — kind by kind, each kind sorted by namespace and name (etcd key order).
 * Objects are produced one at a time, so even XL can be streamed without holding them all.
 */
import { NAMESPACED, clusterScoped, newEmitState } from "./objects";
import { planCluster } from "./plan";
import { SIZES, type ClusterShape, type SizeName } from "./shapes";
import type { ClusterPlan, KubeObject } from "./types";

export const DEFAULT_SEED = 1;

/** The order kinds appear in the List. */
export const KIND_ORDER = [
  "Namespace",
  "Node",
  "ServiceAccount",
  "Service",
  "EndpointSlice",
  "Ingress",
  "NetworkPolicy",
  "ClusterRole",
  "ClusterRoleBinding",
  "Role",
  "RoleBinding",
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "CronJob",
  "Job",
  "Pod",
  "ValidatingWebhookConfiguration",
  "MutatingWebhookConfiguration",
] as const;

export type SynthKind = (typeof KIND_ORDER)[number];

/** The shape for a size name, or the custom shape itself. */
export function shapeOf(size: SizeName | ClusterShape): ClusterShape {
  return typeof size === "string" ? SIZES[size] : size;
}

function byName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.name as string;
  const bn = b.metadata.name as string;
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/** Objects of one kind, in list order. */
export function* objectsOfKind(plan: ClusterPlan, kind: SynthKind, state = newEmitState()): Generator<KubeObject> {
  const perNamespace = NAMESPACED[kind];
  if (perNamespace) {
    for (const ns of plan.namespaces) yield* perNamespace(plan, ns, state).sort(byName);
    return;
  }
  yield* clusterScoped(plan, kind).sort(byName);
}

/** Every object of a synthetic cluster of this size, deterministic in (size, seed). */
export function* generateCluster(size: SizeName | ClusterShape, seed = DEFAULT_SEED): Generator<KubeObject> {
  const plan = planCluster(shapeOf(size), seed);
  const state = newEmitState();
  for (const kind of KIND_ORDER) yield* objectsOfKind(plan, kind, state);
}

/** The whole cluster as a v1 List (for small sizes and tests; stream `generateCluster` for large ones). */
export function clusterList(size: SizeName | ClusterShape, seed = DEFAULT_SEED): { apiVersion: "v1"; kind: "List"; items: KubeObject[]; metadata: { resourceVersion: string } } {
  return { apiVersion: "v1", kind: "List", items: [...generateCluster(size, seed)], metadata: { resourceVersion: "" } };
}

/** Counts objects by kind. */
export function countKinds(objects: Iterable<KubeObject>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of objects) out[o.kind] = (out[o.kind] ?? 0) + 1;
  return out;
}
