/**
 * Owner resolution and pod synthesis. A pod's workload is found by following controller
 * ownerReferences (Pod → ReplicaSet → Deployment, Pod → Job → CronJob, ...). Manifests without live
 * pods get one representative pod per workload, built from its template, so a repository can be
 * analysed before it is deployed.
 */
import type { OwnerReference, Pod, Workload, WorkloadRef } from "./types";

type WorkloadIndex = Map<string, Workload>;

const key = (ns: string, kind: string, name: string) => `${ns}\u0000${kind}\u0000${name}`;

export function indexWorkloads(workloads: readonly Workload[]): WorkloadIndex {
  const idx: WorkloadIndex = new Map();
  for (const w of workloads) idx.set(key(w.namespace, w.kind, w.name), w);
  return idx;
}

/** The controller reference (the one marked controller, else the first). */
export function controllerOf(refs: readonly OwnerReference[]): OwnerReference | undefined {
  return refs.find((r) => r.controller) ?? refs[0];
}

/**
 * The top-level owner of an object with these ownerReferences in `namespace`. When a ReplicaSet is
 * not in the snapshot but is named `<deployment>-<pod-template-hash>`, the Deployment is inferred the
 * way kubectl names it. Owners of other kinds (Node for static pods) leave the object on its own.
 */
export function topOwner(namespace: string, refs: readonly OwnerReference[], idx: WorkloadIndex, podTemplateHash?: string): WorkloadRef | undefined {
  let ref = controllerOf(refs);
  let top: WorkloadRef | undefined;
  const seen = new Set<string>();
  while (ref) {
    if (ref.kind === "Node") return top;
    const k = key(namespace, ref.kind, ref.name);
    if (seen.has(k)) break;
    seen.add(k);
    top = { kind: ref.kind, name: ref.name };
    const w = idx.get(k);
    if (!w) {
      if (ref.kind === "ReplicaSet" && podTemplateHash && ref.name.endsWith(`-${podTemplateHash}`)) {
        top = { kind: "Deployment", name: ref.name.slice(0, -(podTemplateHash.length + 1)) };
      }
      break;
    }
    ref = controllerOf(w.ownerReferences);
  }
  return top;
}

/** A pod's top-level owner: its workload, or the pod itself. */
export function podOwner(p: Pod, idx: WorkloadIndex): WorkloadRef {
  return topOwner(p.namespace, p.ownerReferences, idx, p.labels["pod-template-hash"]) ?? { kind: "Pod", name: p.name };
}

/** Sets `pod.owner` for every pod (mutates; called once while assembling a snapshot). */
export function resolvePodOwners(pods: Pod[], idx: WorkloadIndex): void {
  for (const p of pods) p.owner = podOwner(p, idx);
}

/**
 * One representative pod for every top-level workload that has no pod of its own. Replicas are
 * folded into the representative (`synthesized.replicas`); a DaemonSet counts one per node.
 */
export function synthesizePods(workloads: readonly Workload[], pods: readonly Pod[], idx: WorkloadIndex, nodeCount: number): Pod[] {
  const owned = new Set<string>();
  const names = new Set<string>();
  for (const p of pods) {
    owned.add(key(p.namespace, p.owner.kind, p.owner.name));
    names.add(`${p.namespace}/${p.name}`);
  }
  const out: Pod[] = [];
  for (const w of workloads) {
    const top = topOwner(w.namespace, [{ kind: w.kind, name: w.name, controller: true }], idx);
    if (!top || top.kind !== w.kind || top.name !== w.name) continue; // its parent synthesizes
    if (owned.has(key(w.namespace, w.kind, w.name))) continue;
    let name = w.name;
    if (names.has(`${w.namespace}/${name}`)) name = `${w.name}-${w.kind.toLowerCase()}`;
    names.add(`${w.namespace}/${name}`);
    const replicas = w.kind === "DaemonSet" ? Math.max(nodeCount, 1) : (w.replicas ?? 1);
    out.push({
      name,
      namespace: w.namespace,
      labels: { ...w.template.labels },
      annotations: { ...w.template.annotations },
      ownerReferences: [{ kind: w.kind, name: w.name, controller: true }],
      owner: { kind: w.kind, name: w.name },
      spec: w.template.spec,
      podIPs: [],
      synthesized: { from: { kind: w.kind, name: w.name }, replicas },
    });
  }
  return out;
}
