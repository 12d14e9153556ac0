/**
 * Workload units: the thing posture checks evaluate. Pods of one owner share a template, so a
 * Deployment with 300 replicas is checked once, not 300 times, and reported once.
 */
import type { ResourceRef } from "../findings/types";
import type { Container, Labels, Pod, PodSpec } from "../model";

/** What a pod-level check needs: the spec and the pod's annotations (legacy AppArmor/seccomp keys). */
export interface PodView {
  spec: PodSpec;
  annotations: Labels;
}

export interface WorkloadUnit {
  /** The top-level owner (Deployment, DaemonSet, CronJob, ...) or the bare Pod. */
  ref: ResourceRef & { namespace: string };
  /** The representative pod: the first live pod of the owner, or the one synthesized from its template. */
  pod: Pod;
  /** Live pods of the owner, or the replicas a synthesized pod stands for. */
  pods: number;
  synthesized: boolean;
}

export type ContainerKind = "container" | "initContainer" | "ephemeralContainer";

export type PodContainer = { readonly container: Container; readonly kind: ContainerKind };

/**
 * Every container of a pod, init and ephemeral ones included — the set Pod Security Admission
 * visits (pod-security-admission policy/visitor.go `visitContainers`). One list per spec, made on
 * the first call: the ~20 checks of a pod each ask for it (L: 5,000 workloads). A list is handed
 * out again only while it still holds exactly the spec's containers (each of the three lists' entries,
 * in order); a spec whose lists were changed gets a new one.
 */
export function allContainers(spec: PodSpec): readonly PodContainer[] {
  const kept = containerLists.get(spec);
  if (kept && holds(kept, spec)) return kept;
  const out: PodContainer[] = [];
  for (const c of spec.containers) out.push({ container: c, kind: "container" });
  for (const c of spec.initContainers) out.push({ container: c, kind: "initContainer" });
  for (const c of spec.ephemeralContainers) out.push({ container: c, kind: "ephemeralContainer" });
  containerLists.set(spec, out);
  return out;
}

const containerLists = new WeakMap<PodSpec, readonly PodContainer[]>();

/** Whether `list` is still the containers, init containers and ephemeral containers of `spec`, in order and of their kind. */
function holds(list: readonly PodContainer[], spec: PodSpec): boolean {
  const { containers, initContainers, ephemeralContainers } = spec;
  if (list.length !== containers.length + initContainers.length + ephemeralContainers.length) return false;
  return same(list, 0, containers, "container") && same(list, containers.length, initContainers, "initContainer") && same(list, containers.length + initContainers.length, ephemeralContainers, "ephemeralContainer");
}

function same(list: readonly PodContainer[], from: number, containers: readonly Container[], kind: ContainerKind): boolean {
  for (let i = 0; i < containers.length; i++) if (list[from + i].container !== containers[i] || list[from + i].kind !== kind) return false;
  return true;
}

/**
 * Groups pods by their top-level owner (`pod.owner`, resolved by the loader through
 * ownerReferences). Pods come sorted by namespace and name, so the representative is stable.
 */
export function workloadUnits(pods: readonly Pod[]): WorkloadUnit[] {
  const byOwner = new Map<string, WorkloadUnit>();
  for (const p of pods) {
    const key = `${p.namespace}\u0000${p.owner.kind}\u0000${p.owner.name}`;
    const unit = byOwner.get(key);
    const count = p.synthesized ? p.synthesized.replicas : 1;
    if (unit) {
      unit.pods += count;
      continue;
    }
    byOwner.set(key, {
      ref: { kind: p.owner.kind, namespace: p.namespace, name: p.owner.name },
      pod: p,
      pods: count,
      synthesized: !!p.synthesized,
    });
  }
  return [...byOwner.values()];
}

/** Namespaces whose objects the platform installs; posture findings there are "defaults" (hidden unless asked for). */
export const SYSTEM_NAMESPACES = new Set(["kube-system", "kube-public", "kube-node-lease"]);

/**
 * Whether the input describes a whole cluster (a live source, or an export that includes Nodes)
 * rather than a directory of application manifests: cluster-wide facts ("no admission policy",
 * "no mesh") are only assessable then.
 */
export function describesCluster(snapshot: { source: { type: string }; nodes: readonly unknown[] }): boolean {
  return snapshot.source.type === "live" || snapshot.nodes.length > 0;
}
