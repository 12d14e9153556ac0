/**
 * What the outside world can reach, and how: LoadBalancer and NodePort Services and externalIPs
 * (backing pods on their target ports, as allowed from outside addresses), Ingress and Route
 * backends (as allowed from the ingress controller's pods), hostPort containers and host-networked
 * pods (outside policy control). And the other way: which workloads can open connections to the
 * internet and to the cloud metadata address 169.254.169.254.
 */
import type { Pod, Protocol, WorkloadRef } from "../model/types";
import { ALL, ConnSet, NONE } from "./connset";
import { allowedConnections } from "./evaluate";
import { blockOf, type ExternalBlock } from "./externals";
import { fromRanges, subtract, type Intervals } from "./intervals";
import { ingressTargets, virtualIngressController } from "./ingress-controller";
import { cidrRange4 } from "./ip";
import { podEndpoint } from "./peers";
import type { End, Reachability } from "./reachability";
import { podsIn, servicePods, targetPortOn } from "./services";

export type ExposureKind = "LoadBalancer" | "NodePort" | "externalIP" | "Ingress" | "Route" | "hostPort" | "hostNetwork";

export interface ExposurePath {
  kind: ExposureKind;
  /** `Service ns/name`, `Ingress ns/name`, `Route ns/name`, or the pod for hostPort/hostNetwork. */
  via: string;
  /** Ports the exposing object sends to on the pods. */
  ports: string;
  /** What policy lets through (from outside addresses, or from the ingress controller). */
  allowed: string;
  /** Whether every outside address (or the controller) gets through, some ranges only, or none. */
  sources: "anywhere" | "some" | "none";
  note?: string;
}

export interface ExposedWorkload {
  namespace: string;
  workload: WorkloadRef;
  /** `ns/name[Kind]` */
  name: string;
  pods: string[];
  serviceAccounts: string[];
  paths: ExposurePath[];
  /** Some exposed pod accepts every connection from every outside address: no policy narrows what reaches it. */
  unrestricted: boolean;
  hostNetwork: boolean;
}

export interface EgressExposure {
  namespace: string;
  workload: WorkloadRef;
  name: string;
  /** What the workload may open to public addresses ("All Connections" when unrestricted). */
  internet: string;
  internetUnrestricted: boolean;
  /** What it may open to 169.254.169.254. */
  metadata: string;
}

export interface Exposure {
  exposed: ExposedWorkload[];
  egress: EgressExposure[];
  /** The pods taken as the ingress controller (none found: a stand-in pod of its own namespace). */
  ingressControllers: string[];
}

export const METADATA_IP = "169.254.169.254";

const PRIVATE: Intervals = fromRanges(["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16", "224.0.0.0/3"].map(cidrRange4));

/** Does the block hold any public (globally routed) IPv4 address? */
export function isPublicBlock(b: ExternalBlock): boolean {
  return subtract([b.lo, b.hi], PRIVATE).length > 0;
}

const CONTROLLER_NAMES = new Set(["ingress-nginx", "nginx-ingress", "nginx-ingress-controller", "traefik", "contour", "envoy", "kong", "haproxy-ingress", "istio-ingressgateway", "emissary-ingress", "ambassador", "skipper", "gateway"]);

const controllersOf = new WeakMap<readonly Pod[], Pod[]>();

/** Pods that look like an ingress controller: a known controller name, not its admission jobs (once per pod array). */
export function ingressControllerPods(pods: readonly Pod[]): Pod[] {
  let out = controllersOf.get(pods);
  if (!out) {
    out = pods.filter((p) => {
      const name = p.labels["app.kubernetes.io/name"] ?? p.labels.app ?? p.labels["k8s-app"];
      const component = p.labels["app.kubernetes.io/component"];
      return !!name && CONTROLLER_NAMES.has(name) && (!component || component === "controller" || component === "proxy" || component === "gateway") && !p.spec.hostNetwork;
    });
    controllersOf.set(pods, out);
  }
  return out;
}

const wkey = (p: Pod) => `${p.namespace}/${p.owner.name}[${p.owner.kind}]`;

/**
 * `only`: the namespaces to look at (the workloads, Services, Ingresses and Routes there); the rest
 * is left out, so a namespace's entries are the ones the whole exposure has for it
 * (findings-namespaces.ts keeps them per namespace).
 */
export function buildExposure(reach: Reachability, only?: ReadonlySet<string>): Exposure {
  const { model, classes, classOf, externals } = reach;
  const within = (ns: string) => !only || only.has(ns);
  const byWorkload = new Map<string, ExposedWorkload>();
  const entry = (p: Pod): ExposedWorkload => {
    const k = wkey(p);
    let w = byWorkload.get(k);
    if (!w) byWorkload.set(k, (w = { namespace: p.namespace, workload: p.owner, name: k, pods: [], serviceAccounts: [], paths: [], unrestricted: false, hostNetwork: false }));
    if (!w.pods.includes(p.name)) w.pods.push(p.name);
    if (!w.serviceAccounts.includes(p.spec.serviceAccountName)) w.serviceAccounts.push(p.spec.serviceAccountName);
    if (p.spec.hostNetwork) w.hostNetwork = true;
    return w;
  };
  const cls = (p: Pod): End => ({ kind: "class", id: classOf.get(p)!.id });
  // from outside: per class, what each outside source block may open
  const fromBlocks = (p: Pod) => externals.sources.map((_, index) => reach.between({ kind: "source", index }, cls(p)));
  // classes that accept every connection from every outside address: nothing narrows what reaches them
  const unprotectedIds = new Map<number, boolean>();
  const unprotected = (id: number) => {
    let u = unprotectedIds.get(id);
    if (u === undefined) unprotectedIds.set(id, (u = externals.sources.every((_, index) => reach.between({ kind: "source", index }, { kind: "class", id }).isAll)));
    return u;
  };
  const addPath = (p: Pod, kind: ExposureKind, via: string, requested: ConnSet, perSource: ConnSet[], note?: string) => {
    if (requested.isEmpty) return;
    const allowedEach = perSource.map((c) => c.intersect(requested));
    const allowed = allowedEach.reduce((a, c) => a.union(c), NONE);
    const open = allowedEach.filter((c) => !c.isEmpty).length;
    const w = entry(p);
    if (w.paths.some((x) => x.kind === kind && x.via === via)) return;
    w.paths.push({ kind, via, ports: requested.toString(), allowed: allowed.toString(), sources: open === 0 ? "none" : open === allowedEach.length ? "anywhere" : "some", ...(note ? { note } : {}) });
    if (!allowed.isEmpty && (p.spec.hostNetwork || unprotected(classOf.get(p)!.id))) w.unrestricted = true;
  };

  for (const svc of model.snapshot.services) {
    if (!within(svc.namespace)) continue;
    const kinds: ExposureKind[] = [];
    if (svc.type === "LoadBalancer") kinds.push("LoadBalancer");
    if (svc.type === "NodePort" || (svc.type === "LoadBalancer" && svc.ports.some((p) => p.nodePort))) kinds.push("NodePort");
    if (svc.externalIPs.length) kinds.push("externalIP");
    if (kinds.length === 0) continue;
    for (const pod of servicePods(model, svc)) {
      let requested = NONE;
      for (const sp of svc.ports) {
        const t = targetPortOn(model, sp, pod);
        if (t) requested = requested.union(ConnSet.port(t.protocol, t.port));
      }
      const per = fromBlocks(pod);
      for (const kind of kinds) {
        const note = kind === "LoadBalancer" && svc.loadBalancerSourceRanges.length ? `the load balancer admits only ${svc.loadBalancerSourceRanges.join(", ")}` : kind === "NodePort" ? "reachable on every node's address where nodes are reachable" : undefined;
        addPath(pod, kind, `Service ${svc.namespace}/${svc.name}`, requested, per, note);
      }
    }
  }

  const controllers = ingressControllerPods(model.pods);
  const virtual = virtualIngressController();
  for (const t of ingressTargets(model, only ? { namespaces: only } : {})) {
    const fromController = controllers.length
      ? [controllers.reduce((a, c) => a.union(reach.pods(c, t.pod)), NONE)]
      : [allowedConnections(model, podEndpoint(virtual), podEndpoint(t.pod))];
    addPath(t.pod, t.via.startsWith("Route") ? "Route" : "Ingress", t.via, t.ports, fromController, `through ${t.service}, from the ingress controller`);
  }

  for (const pod of only ? [...only].flatMap((ns) => podsIn(model, ns)) : model.pods) {
    let hostPorts = NONE;
    for (const c of pod.spec.containers) for (const p of c.ports) if (p.hostPort) hostPorts = hostPorts.union(ConnSet.port(p.protocol, p.containerPort));
    if (pod.spec.hostNetwork) {
      let declared = NONE;
      for (const c of pod.spec.containers) for (const p of c.ports) declared = declared.union(ConnSet.port(p.protocol as Protocol, p.containerPort));
      addPath(pod, "hostNetwork", `Pod ${pod.namespace}/${pod.name}`, declared.isEmpty ? ALL : declared, [ALL], declared.isEmpty ? "listens on the node's network; its ports are not declared" : "listens on the node's network; no policy applies");
    } else if (!hostPorts.isEmpty) {
      addPath(pod, "hostPort", `Pod ${pod.namespace}/${pod.name}`, hostPorts, fromBlocks(pod), "on the node's address; policy applies only where the CNI enforces it for hostPort traffic");
    }
  }

  const exposed = [...byWorkload.values()].filter((w) => w.paths.some((p) => p.sources !== "none")).sort((a, b) => (a.name < b.name ? -1 : 1));

  const publicDest = externals.destinations.map((b, index) => ({ b, index })).filter(({ b }) => isPublicBlock(b));
  const metaIndex = blockOf(externals.destinations, METADATA_IP)!;
  const egress = new Map<string, { e: EgressExposure; internet: ConnSet; metadata: ConnSet }>();
  for (const c of classes) {
    if (!within(c.namespace)) continue;
    const src: End = { kind: "class", id: c.id };
    let internet = NONE;
    let everywhere = true;
    for (const { index } of publicDest) {
      const conn = reach.between(src, { kind: "destination", index });
      internet = internet.union(conn);
      if (!conn.isAll) everywhere = false;
    }
    const metadata = reach.between(src, { kind: "destination", index: metaIndex });
    for (const p of c.pods) {
      const k = wkey(p);
      const prev = egress.get(k);
      if (!prev) {
        egress.set(k, { e: { namespace: p.namespace, workload: p.owner, name: k, internet: "", internetUnrestricted: everywhere, metadata: "" }, internet, metadata });
      } else {
        prev.internet = prev.internet.union(internet);
        prev.metadata = prev.metadata.union(metadata);
        prev.e.internetUnrestricted &&= everywhere;
      }
    }
  }
  const egressList = [...egress.values()].map(({ e, internet, metadata }) => ({ ...e, internet: internet.toString(), metadata: metadata.toString() }));
  return { exposed, egress: egressList.sort((a, b) => (a.name < b.name ? -1 : 1)), ingressControllers: controllers.length ? controllers.map((p) => `${p.namespace}/${p.name}`) : [`${virtual.namespace}/${virtual.name} (stand-in: no ingress controller pod recognised)`] };
}

