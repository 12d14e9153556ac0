/**
 * Workloads (pods folded into their top owner) over the class matrix: which classes each workload's
 * pods fall in, and the connection between two workloads as the union over their class pairs.
 */
import type { WorkloadRef } from "../model/types";
import { NONE_ID } from "./conn-table";
import type { Reachability } from "./reachability";

export interface WorkloadNode {
  /** `ns/Kind/name` */
  key: string;
  namespace: string;
  ref: WorkloadRef;
  classes: number[];
  pods: number;
  hostNetwork: boolean;
}

export function workloadKey(namespace: string, ref: WorkloadRef): string {
  return `${namespace}/${ref.kind}/${ref.name}`;
}

const cache = new WeakMap<Reachability, WorkloadNode[]>();

export function workloadsOf(reach: Reachability): WorkloadNode[] {
  let list = cache.get(reach);
  if (!list) cache.set(reach, (list = computeWorkloads(reach)));
  return list;
}

function computeWorkloads(reach: Reachability): WorkloadNode[] {
  const byKey = new Map<string, WorkloadNode>();
  for (const c of reach.classes) {
    for (const p of c.pods) {
      const key = workloadKey(p.namespace, p.owner);
      let w = byKey.get(key);
      if (!w) byKey.set(key, (w = { key, namespace: p.namespace, ref: p.owner, classes: [], pods: 0, hostNetwork: false }));
      if (!w.classes.includes(c.id)) w.classes.push(c.id);
      w.pods++;
      if (p.spec.hostNetwork) w.hostNetwork = true;
    }
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Interned connection id from workload a to workload b (union over their classes). */
export function workloadConnId(reach: Reachability, a: WorkloadNode, b: WorkloadNode): number {
  let id = NONE_ID;
  for (const x of a.classes) for (const y of b.classes) id = reach.table.union(id, reach.betweenId({ kind: "class", id: x }, { kind: "class", id: y }));
  return id;
}

/** From every outside source block to the workload, and from it to every outside destination block. */
export function externalConnIds(reach: Reachability, w: WorkloadNode): { from: number; to: number } {
  let from = NONE_ID;
  let to = NONE_ID;
  for (const c of w.classes) {
    reach.externals.sources.forEach((_, index) => (from = reach.table.union(from, reach.betweenId({ kind: "source", index }, { kind: "class", id: c }))));
    reach.externals.destinations.forEach((_, index) => (to = reach.table.union(to, reach.betweenId({ kind: "class", id: c }, { kind: "destination", index }))));
  }
  return { from, to };
}
