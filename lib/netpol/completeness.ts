/**
 * What could change a verdict that this engine does not evaluate, so that no answer is given with
 * false confidence: kinds of other network and mesh projects (Antrea, Istio, Linkerd, OVN-Kubernetes
 * ...), rules of evaluated policies whose effect is decided at run time (Cilium toFQDNs/toServices,
 * L7 rules, CIDR groups; Calico http and Service matches, source ports), and host firewall policies.
 * Each gap says which verdicts it can touch:
 * - `always`: any flow of the pod in that direction;
 * - `external`: only flows whose other end is an outside address (DNS names, services, CIDR groups);
 * - `allowed`: only flows the L3/L4 verdict allows (an L7 proxy can then still refuse requests).
 * Mesh policies apply only to pods that run the mesh's proxy (a sidecar, or Istio ambient mode).
 */
import type { NetworkExtension, Pod } from "../model/types";
import { policyRefName } from "./describe";
import { selectedPolicies } from "./evaluate";
import { namespaceLabelsOf, type NetworkModel } from "./model";
import type { Endpoint } from "./peers";
import type { Direction } from "./policies";

export interface PodGaps {
  always: string[];
  external: string[];
  allowed: string[];
}

const EMPTY: PodGaps = { always: [], external: [], allowed: [] };

const MESH_PROXIES: Record<string, string[]> = {
  Istio: ["istio-proxy"],
  Linkerd: ["linkerd-proxy"],
  Kuma: ["kuma-sidecar"],
  Consul: ["consul-dataplane", "envoy-sidecar", "consul-connect-envoy-sidecar"],
};

/** Whether a pod runs a mesh's proxy (or is enrolled in Istio's ambient mode, or its namespace injects one). */
export function meshed(model: NetworkModel, pod: Pod, project: string): boolean {
  const names = MESH_PROXIES[project];
  if (!names) return true;
  if ([...pod.spec.containers, ...pod.spec.initContainers].some((c) => names.includes(c.name))) return true;
  const ns = namespaceLabelsOf(model, pod.namespace);
  if (project === "Istio") return pod.labels["istio.io/dataplane-mode"] === "ambient" || ns["istio.io/dataplane-mode"] === "ambient" || (!!pod.synthesized && (ns["istio-injection"] === "enabled" || !!ns["istio.io/rev"]));
  if (project === "Linkerd") return !!pod.synthesized && (pod.annotations["linkerd.io/inject"] === "enabled" || model.snapshot.namespaces.find((n) => n.name === pod.namespace)?.annotations["linkerd.io/inject"] === "enabled");
  return false;
}

const ROOT_NAMESPACES = new Set(["istio-system"]);
const INGRESS_ONLY = new Set(["AuthorizationPolicy", "Server", "ServerAuthorization", "MeshTLSAuthentication", "NetworkAuthentication", "HTTPRoute", "MeshTrafficPermission", "ServiceIntentions"]);
const EGRESS_ONLY = new Set(["EgressFirewall", "Sidecar"]);
const INERT = new Set(["PolicyEndpoint", "CiliumCIDRGroup"]);

/** Whether an extension object can touch a pod's traffic in a direction. */
function extensionApplies(model: NetworkModel, x: NetworkExtension, pod: Pod, dir: Direction): boolean {
  if (INERT.has(x.kind)) return false;
  if (INGRESS_ONLY.has(x.kind) && dir !== "ingress") return false;
  if (EGRESS_ONLY.has(x.kind) && dir !== "egress") return false;
  if (x.kind === "HostEndpoint") return pod.spec.hostNetwork;
  const clusterWide = x.namespace === undefined || ROOT_NAMESPACES.has(x.namespace);
  if (!clusterWide && x.namespace !== pod.namespace) return false;
  return meshed(model, pod, x.project);
}

function extensionText(x: NetworkExtension): string {
  return `${x.kind} ${x.namespace ? `${x.namespace}/` : ""}${x.name} (${x.project}): ${x.reason}`;
}

const cache = new WeakMap<NetworkModel, Map<string, PodGaps>>();

/** The gaps of one pod in one direction (cached per model, pod and direction). */
export function podGaps(model: NetworkModel, pod: Pod, dir: Direction): PodGaps {
  let m = cache.get(model);
  if (!m) cache.set(model, (m = new Map()));
  const key = `${pod.namespace}/${pod.name}/${dir}`;
  const hit = m.get(key);
  if (hit) return hit;
  const out: PodGaps = { always: [], external: [], allowed: [] };
  for (const x of model.snapshot.networkExtensions ?? []) if (extensionApplies(model, x, pod, dir)) out.always.push(extensionText(x));
  if (pod.spec.hostNetwork) {
    const hostPolicies = (model.snapshot.ciliumPolicies ?? []).filter((p) => !p.invalid && p.specs.some((s) => s.nodeSelector));
    if (hostPolicies.length && model.cni.profile.engine === "cilium") out.always.push(`Cilium host policies (${hostPolicies.map((p) => p.name).join(", ")}) filter host traffic; they are not evaluated`);
  } else if (!model.program.unenforced) {
    for (const layer of model.program.layers) {
      for (const p of selectedPolicies(model, layer, pod)) {
        for (const r of p[dir]) {
          if (!r.unmodelled) continue;
          const text = `${policyRefName(p.ref)} ${r.path}: ${r.unmodelled.reason}`;
          (r.unmodelled.kind === "peer" ? out.external : r.unmodelled.kind === "l7" ? out.allowed : out.always).push(text);
        }
      }
    }
  }
  const res = out.always.length || out.external.length || out.allowed.length ? out : EMPTY;
  m.set(key, res);
  return res;
}

/** The reasons a flow's verdict may be wrong, or [] when it is complete. */
export function flowGaps(model: NetworkModel, src: Endpoint, dst: Endpoint, allowed: boolean): string[] {
  const out = new Set<string>();
  const side = (e: Endpoint, other: Endpoint, dir: Direction) => {
    if (e.kind !== "pod") return;
    const g = podGaps(model, e.pod, dir);
    g.always.forEach((r) => out.add(r));
    if (other.kind === "ip") g.external.forEach((r) => out.add(r));
    if (allowed) g.allowed.forEach((r) => out.add(r));
  };
  side(src, dst, "egress");
  side(dst, src, "ingress");
  return [...out];
}

const anyGap = new WeakMap<NetworkModel, boolean>();
/** Whether anything in the model can make a verdict incomplete (the common answer is no: views skip the per-pair checks). */
function hasGaps(model: NetworkModel): boolean {
  let v = anyGap.get(model);
  if (v === undefined) anyGap.set(model, (v = networkGapSummary(model).length > 0 || (model.snapshot.ciliumPolicies ?? []).some((p) => p.specs.some((s) => s.nodeSelector))));
  return v;
}

/** Everything in a snapshot the engine does not evaluate and that can change some verdict, one line each. */
export function networkGapSummary(model: NetworkModel): string[] {
  const out = new Set<string>();
  for (const x of model.snapshot.networkExtensions ?? []) if (!INERT.has(x.kind)) out.add(extensionText(x));
  if (!model.program.unenforced) {
    for (const layer of model.program.layers) for (const p of layer.policies) for (const dir of ["ingress", "egress"] as const) for (const r of p[dir]) if (r.unmodelled) out.add(`${policyRefName(p.ref)} ${r.path}: ${r.unmodelled.reason}`);
  }
  return [...out];
}

/**
 * Whether the verdict between two ends of the fast path (classes or outside blocks) could be
 * changed by something not evaluated — the class-level form of flowGaps, on each class's first pod
 * (the pods of a class are selected by the same policies).
 */
export function endsIncomplete(model: NetworkModel, src: { pod?: Pod }, dst: { pod?: Pod }, allowed: boolean): boolean {
  if (!hasGaps(model)) return false;
  const side = (p: Pod | undefined, otherIsAddress: boolean, dir: Direction) => {
    if (!p) return false;
    const g = podGaps(model, p, dir);
    return g.always.length > 0 || (otherIsAddress && g.external.length > 0) || (allowed && g.allowed.length > 0);
  };
  return side(src.pod, !dst.pod, "egress") || side(dst.pod, !src.pod, "ingress");
}
