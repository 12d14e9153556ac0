/**
 * Connections from the ingress controller to the workloads that Ingress and OpenShift Route
 * objects expose, following netpol-analyzer's convention (connlist/internal/ingressanalyzer):
 * each backend Service (same namespace, with a selector) leads to its pods on the target port
 * (TCP only), intersected with what the policies allow from the controller. The controller is a
 * pod of its own namespace; without one known, it is a label-less pod in a namespace of its own,
 * printed `{ingress-controller}`.
 */
import type { Pod, Route } from "../model/types";
import { ConnSet, NONE } from "./connset";
import type { ConnlistEntry } from "./connlist";
import { workloadName } from "./connlist";
import { allowedConnections } from "./evaluate";
import type { NetworkModel } from "./model";
import { podEndpoint } from "./peers";
import type { Reachability } from "./reachability";
import { findService, findServicePort, servicePods, targetPortOn } from "./services";

export const INGRESS_CONTROLLER = "{ingress-controller}";

/** A stand-in controller pod: no labels, in a namespace no policy names (netpol-analyzer's fake ingress pod). */
export function virtualIngressController(): Pod {
  return {
    name: "ingress-controller",
    namespace: "ingress-controller-ns",
    labels: {},
    annotations: {},
    ownerReferences: [],
    owner: { kind: "Pod", name: "ingress-controller" },
    spec: { serviceAccountName: "default", hostNetwork: false, hostPID: false, hostIPC: false, securityContext: {}, containers: [], initContainers: [], ephemeralContainers: [], volumes: [] },
    podIPs: [],
  };
}

export interface IngressTarget {
  /** `Ingress ns/name` or `Route ns/name`. */
  via: string;
  service: string;
  pod: Pod;
  /** TCP ports the object sends to on this pod. */
  ports: ConnSet;
}

export interface IngressTargetOptions {
  /** Only ports a container declares (netpol-analyzer's rule); Kubernetes itself does not require it. */
  requireDeclaredPort?: boolean;
  /** Only the Ingresses and Routes of these namespaces (a backend Service is in its object's namespace). */
  namespaces?: ReadonlySet<string>;
}

/** Every (pod, TCP ports) an Ingress or Route sends traffic to, before any policy. */
export function ingressTargets(model: NetworkModel, opts: IngressTargetOptions = {}): IngressTarget[] {
  const out: IngressTarget[] = [];
  const visit = (via: string, namespace: string, svcName: string, portRef: { number?: number; name?: string } | number | string | undefined) => {
    const svc = findService(model, namespace, svcName);
    if (!svc) return;
    const ports = findServicePort(svc, portRef);
    for (const pod of servicePods(model, svc)) {
      const declared = new Set(pod.spec.containers.flatMap((c) => c.ports.map((p) => p.containerPort)));
      let conn = NONE;
      for (const sp of ports) {
        const t = targetPortOn(model, sp, pod) ?? (typeof sp.targetPort === "string" ? undefined : { protocol: sp.protocol, port: sp.targetPort });
        if (!t || t.protocol !== "TCP") continue;
        if (opts.requireDeclaredPort && !declared.has(t.port)) continue;
        conn = conn.union(ConnSet.port("TCP", t.port));
      }
      if (!conn.isEmpty) out.push({ via, service: `${namespace}/${svc.name}`, pod, ports: conn });
    }
  };
  const within = (ns: string) => !opts.namespaces || opts.namespaces.has(ns);
  for (const ing of model.snapshot.ingresses) {
    if (!within(ing.namespace)) continue;
    const via = `Ingress ${ing.namespace}/${ing.name}`;
    const backends = [ing.defaultBackend, ...ing.rules.flatMap((r) => r.paths.map((p) => p.backend))];
    for (const b of backends) if (b?.service) visit(via, ing.namespace, b.service.name, b.service.port);
  }
  for (const rt of model.snapshot.routes as Route[]) {
    if (!within(rt.namespace)) continue;
    const via = `Route ${rt.namespace}/${rt.name}`;
    for (const t of [rt.to, ...rt.alternateBackends]) if (t.kind === "Service") visit(via, rt.namespace, t.name, rt.targetPort);
  }
  return out;
}

export interface IngressEdgeOptions extends IngressTargetOptions {
  name?: (pod: Pod) => string;
  /** Controller pods; default: the virtual `{ingress-controller}`. */
  controller?: Pod;
}

/** `{ingress-controller} => workload : TCP ports` entries, allowed by policy, merged per workload. */
export function ingressControllerEdges(reach: Reachability, opts: IngressEdgeOptions = {}): ConnlistEntry[] {
  const model = reach.model;
  const name = opts.name ?? workloadName;
  const controller = opts.controller ?? virtualIngressController();
  const byWorkload = new Map<string, ConnSet>();
  for (const t of ingressTargets(model, { requireDeclaredPort: opts.requireDeclaredPort ?? true })) {
    const allowed = (opts.controller ? reach.pods(controller, t.pod) : allowedConnections(model, podEndpoint(controller), podEndpoint(t.pod))).intersect(t.ports);
    if (allowed.isEmpty) continue;
    const w = name(t.pod);
    byWorkload.set(w, (byWorkload.get(w) ?? NONE).union(allowed));
  }
  return [...byWorkload].map(([dst, conn]) => ({ src: INGRESS_CONTROLLER, dst, conn: conn.toString() }));
}
