/**
 * Services (with the fields the API server defaults: clusterIPs, ipFamilies, internalTrafficPolicy),
 * the EndpointSlices the endpointslice controller keeps for them, Ingresses and NetworkPolicies.
 */
import { ipv4 } from "../placement";
import { Rng } from "../random";
import type { AppPlan, IngressDesc, JsonObject, KubeObject, NamespacePlan, NodePlan, PodPlan, PolicyDesc } from "../types";
import { controllerRef, objectMeta, uidOf } from "./meta";

/** Hands out ClusterIPs from 10.96.0.0/12 (10.96.0.1 is the `kubernetes` service), NodePorts from 30000–32767. */
export class ServiceAllocator {
  private nextIP = (10 << 24) | (96 << 16) | 2;
  private nextNodePort = 30000;
  private nextLB = 0;
  clusterIP(): string {
    return ipv4(this.nextIP++);
  }
  nodePort(): number {
    const p = this.nextNodePort++;
    if (this.nextNodePort > 32767) this.nextNodePort = 30000;
    return p;
  }
  loadBalancerIP(): string {
    return `203.0.113.${(this.nextLB++ % 240) + 11}`;
  }
}

function servicePort(containerPort: number, name: string): number {
  if (name === "http" && containerPort === 8080) return 80;
  if (name === "https" && containerPort === 8443) return 443;
  return containerPort;
}

/** The Service of an app (named after it unless `serviceName` says otherwise), or none. */
export function service(seed: number, app: AppPlan, alloc: ServiceAllocator): KubeObject | undefined {
  if (!app.service || app.ports.length === 0) return undefined;
  const name = app.serviceName ?? app.name;
  const rng = Rng.for(seed, "Service", app.namespace, name);
  const type = app.service === "Headless" ? "ClusterIP" : app.service;
  const exposed = type === "LoadBalancer" || type === "NodePort";
  const ip = app.service === "Headless" ? "None" : alloc.clusterIP();
  const lbIP = type === "LoadBalancer" ? (app.loadBalancerIP ?? alloc.loadBalancerIP()) : undefined;
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: objectMeta({ seed, kind: "Service", namespace: app.namespace, name, labels: app.labels, annotations: app.helm ? { "meta.helm.sh/release-name": app.helm, "meta.helm.sh/release-namespace": app.namespace } : {}, ageDays: app.ageDays }, rng),
    spec: {
      ...(type === "LoadBalancer" ? { allocateLoadBalancerNodePorts: true } : {}),
      clusterIP: ip,
      clusterIPs: [ip],
      ...(exposed ? { externalTrafficPolicy: "Cluster" } : {}),
      internalTrafficPolicy: "Cluster",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      ports: app.ports
        .filter((p) => !p.hostPort)
        .map((p) => ({ name: p.name, ...(exposed ? { nodePort: alloc.nodePort() } : {}), port: servicePort(p.containerPort, p.name), protocol: p.protocol ?? "TCP", targetPort: p.name })),
      ...(app.service === "Headless" ? { publishNotReadyAddresses: true } : {}),
      selector: app.selector,
      sessionAffinity: "None",
      type,
    },
    status: { loadBalancer: lbIP ? { ingress: [{ ip: lbIP, ipMode: "VIP" }] } : {} },
  };
}

/** The `kubernetes` Service in `default`, which every cluster has (no selector; endpoints are the API servers). */
export function kubernetesService(seed: number, ns: NamespacePlan): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: objectMeta({ seed, kind: "Service", namespace: "default", name: "kubernetes", labels: { component: "apiserver", provider: "kubernetes" }, ageDays: ns.ageDays }, Rng.for(seed, "Service", "default", "kubernetes")),
    spec: { clusterIP: "10.96.0.1", clusterIPs: ["10.96.0.1"], internalTrafficPolicy: "Cluster", ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack", ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: 6443 }], sessionAffinity: "None", type: "ClusterIP" },
    status: { loadBalancer: {} },
  };
}

function appPods(app: AppPlan): PodPlan[] {
  return app.kind === "Deployment" ? app.revisions.flatMap((r) => r.pods) : app.pods;
}

/** The EndpointSlice of an app's Service: one endpoint per scheduled pod, ready unless crash-looping. */
export function endpointSlice(seed: number, app: AppPlan, nodes: readonly NodePlan[]): KubeObject | undefined {
  if (!app.service || app.ports.length === 0) return undefined;
  const svc = app.serviceName ?? app.name;
  const rng = Rng.for(seed, "EndpointSlice", app.namespace, svc);
  const endpoints: JsonObject[] = appPods(app)
    .filter((p) => p.ip && p.phase === "Running")
    .map((p) => {
      const node = nodes[p.node];
      const ready = !p.crashLooping;
      return { addresses: [p.ip], conditions: { ready, serving: ready, terminating: false }, nodeName: node.name, targetRef: { kind: "Pod", name: p.name, namespace: app.namespace, uid: uidOf(seed, "Pod", app.namespace, p.name) }, zone: node.zone };
    });
  return {
    addressType: "IPv4",
    apiVersion: "discovery.k8s.io/v1",
    endpoints,
    kind: "EndpointSlice",
    metadata: objectMeta(
      {
        seed,
        kind: "EndpointSlice",
        namespace: app.namespace,
        name: `${svc}-${rng.token(5)}`,
        generateName: `${svc}-`,
        labels: { ...app.labels, "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io", "kubernetes.io/service-name": svc },
        annotations: { "endpoints.kubernetes.io/last-change-trigger-time": "2026-01-14T09:12:44Z" },
        ageDays: app.ageDays,
        generation: rng.int(1, 40),
        ownerReferences: [controllerRef(seed, "v1", "Service", app.namespace, svc)],
      },
      rng,
    ),
    ports: app.ports.filter((p) => !p.hostPort).map((p) => ({ name: p.name, port: p.containerPort, protocol: p.protocol ?? "TCP" })),
  };
}

/** A networking.k8s.io/v1 Ingress routing one host to one Service port, TLS via cert-manager when asked. */
export function ingress(seed: number, namespace: string, d: IngressDesc, lbIP: string): KubeObject {
  const rng = Rng.for(seed, "Ingress", namespace, d.name);
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: objectMeta({ seed, kind: "Ingress", namespace, name: d.name, annotations: { ...(d.tls ? { "cert-manager.io/cluster-issuer": "letsencrypt-prod" } : {}), "nginx.ingress.kubernetes.io/proxy-body-size": "8m" }, ageDays: rng.int(5, 400), generation: 1 }, rng),
    spec: {
      ingressClassName: d.className,
      rules: [{ host: d.host, http: { paths: [{ backend: { service: { name: d.service, port: { number: d.port } } }, path: "/", pathType: "Prefix" }] } }],
      ...(d.tls ? { tls: [{ hosts: [d.host], secretName: `${d.name}-tls` }] } : {}),
    },
    status: { loadBalancer: { ingress: [{ ip: lbIP }] } },
  };
}

/** A NetworkPolicy as stored: the spec exactly as planned (no defaulting applied, as in a manifest). */
export function networkPolicy(seed: number, namespace: string, d: PolicyDesc): KubeObject {
  const rng = Rng.for(seed, "NetworkPolicy", namespace, d.name);
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: objectMeta({ seed, kind: "NetworkPolicy", namespace, name: d.name, ageDays: rng.int(5, 600), generation: rng.int(1, 3) }, rng),
    spec: d.spec,
  };
}
