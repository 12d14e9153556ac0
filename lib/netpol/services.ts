/**
 * Services as NetworkPolicy sees them: policy applies after the Service's DNAT, to the backing pods
 * on the target port (kubernetes docs, "Network Policies" — Services are not policy subjects). A
 * named targetPort is resolved on each backing pod, so pods of one Service may listen on different
 * numbers.
 */
import { matchesMapSelector } from "../model/selector";
import type { Pod, Protocol, Service, ServicePort } from "../model/types";
import type { NetworkModel } from "./model";

const podsByNamespace = new WeakMap<readonly Pod[], Map<string, Pod[]>>();

/** The model's pods of one namespace (indexed once per pod array: a watched source's next model keeps an unchanged one). */
export function podsIn(model: NetworkModel, namespace: string): Pod[] {
  let idx = podsByNamespace.get(model.pods);
  if (!idx) {
    idx = new Map();
    for (const p of model.pods) {
      const l = idx.get(p.namespace);
      if (l) l.push(p);
      else idx.set(p.namespace, [p]);
    }
    podsByNamespace.set(model.pods, idx);
  }
  return idx.get(namespace) ?? [];
}

/** Pods a Service's selector picks in its namespace (none for selector-less Services). */
export function servicePods(model: NetworkModel, svc: Service): Pod[] {
  if (!svc.selector) return [];
  return podsIn(model, svc.namespace).filter((p) => matchesMapSelector(svc.selector!, p.labels));
}

/** The port a pod receives for a service port: targetPort as a number, or the pod's container port of that name. */
export function targetPortOn(model: NetworkModel, sp: ServicePort, pod: Pod): { protocol: Protocol; port: number } | undefined {
  if (typeof sp.targetPort === "number") return { protocol: sp.protocol, port: sp.targetPort };
  const named = model.namedPorts(pod).get(sp.targetPort);
  return named && named.protocol === sp.protocol ? { protocol: named.protocol, port: named.port } : undefined;
}

/** The service port a reference names (by number, name, or target port), as Ingress backends and Routes do. */
export function findServicePort(svc: Service, ref: { number?: number; name?: string } | number | string | undefined): ServicePort[] {
  if (ref === undefined) return svc.ports;
  const num = typeof ref === "number" ? ref : typeof ref === "object" ? ref.number : undefined;
  const name = typeof ref === "string" ? ref : typeof ref === "object" ? ref.name : undefined;
  if (num === undefined && name === undefined) return svc.ports;
  const hit = svc.ports.find((p) => (name !== undefined && p.name === name) || (num !== undefined && p.port === num) || p.targetPort === (num ?? name));
  return hit ? [hit] : [];
}

const servicesByName = new WeakMap<NetworkModel, Map<string, Service>>();

export function findService(model: NetworkModel, namespace: string, name: string): Service | undefined {
  let idx = servicesByName.get(model);
  if (!idx) servicesByName.set(model, (idx = new Map(model.snapshot.services.map((s) => [`${s.namespace}/${s.name}`, s]))));
  return idx.get(`${namespace}/${name}`);
}
