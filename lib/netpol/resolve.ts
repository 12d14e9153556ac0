/**
 * Names to endpoints for flow queries: `NS/POD`, `NS/WORKLOAD` (a Deployment, StatefulSet, ...
 * by the name of the pods' top owner; `NS/KIND/NAME` or `ns/name[Kind]` to disambiguate),
 * `NS/SERVICE` as a destination (its backing pods on the target port), or an IP address.
 */
import type { CniAlternative } from "./cni-alternatives";
import { ClearanceError } from "../errors";
import { isIP } from "../model/cidr";
import type { Pod, Protocol, Service } from "../model/types";
import { explainFlow, type FlowExplanation } from "./explain";
import type { NetworkModel } from "./model";
import { ipEndpoint, podEndpoint, type Endpoint } from "./peers";
import { findServicePort, servicePods, targetPortOn } from "./services";

export interface FlowIndex {
  pods: Map<string, Pod>;
  workloads: Map<string, Pod[]>;
  services: Map<string, Service>;
}

const k = (ns: string, name: string) => `${ns}/${name}`;

export function buildFlowIndex(model: NetworkModel): FlowIndex {
  const pods = new Map<string, Pod>();
  const workloads = new Map<string, Pod[]>();
  const push = (key: string, p: Pod) => {
    const l = workloads.get(key);
    if (l) l.push(p);
    else workloads.set(key, [p]);
  };
  for (const p of model.pods) {
    pods.set(k(p.namespace, p.name), p);
    push(k(p.namespace, p.owner.name), p);
    push(`${p.namespace}/${p.owner.kind}/${p.owner.name}`.toLowerCase(), p);
  }
  const services = new Map(model.snapshot.services.map((s) => [k(s.namespace, s.name), s]));
  return { pods, workloads, services };
}

export type ResolvedEndpoint =
  | { kind: "ip"; ip: string; label: string }
  | { kind: "pods"; pods: Pod[]; label: string; via: "pod" | "workload" }
  | { kind: "service"; service: Service; label: string };

/** Resolves a user's name for an endpoint; throws a not_found error that says what was tried. */
export function resolveEndpoint(index: FlowIndex, text: string, role: "source" | "destination"): ResolvedEndpoint {
  const t = text.trim();
  if (isIP(t)) return { kind: "ip", ip: t, label: t };
  const bracket = /^([^/]+)\/([^[]+)\[([^\]]+)\]$/.exec(t);
  if (bracket) {
    const [, ns, name, kind] = bracket;
    if (kind === "Pod" && index.pods.has(k(ns, name))) return { kind: "pods", pods: [index.pods.get(k(ns, name))!], label: t, via: "pod" };
    const pods = index.workloads.get(`${ns}/${kind}/${name}`.toLowerCase());
    if (pods) return { kind: "pods", pods, label: t, via: "workload" };
  }
  const parts = t.split("/");
  if (parts.length === 3) {
    const pods = index.workloads.get(t.toLowerCase());
    if (pods) return { kind: "pods", pods, label: t, via: "workload" };
    if (parts[1].toLowerCase() === "service" && role === "destination") {
      const svc = index.services.get(k(parts[0], parts[2]));
      if (svc) return { kind: "service", service: svc, label: t };
    }
  }
  if (parts.length === 2) {
    const pod = index.pods.get(t);
    if (pod) return { kind: "pods", pods: [pod], label: t, via: "pod" };
    const pods = index.workloads.get(t);
    if (pods) return { kind: "pods", pods, label: t, via: "workload" };
    const svc = index.services.get(t);
    if (svc && role === "destination") return { kind: "service", service: svc, label: `${t} (Service)` };
  }
  throw new ClearanceError("not_found", `no pod${role === "destination" ? ", workload or service" : " or workload"} named "${t}" (use NAMESPACE/NAME, NAMESPACE/KIND/NAME or an IP address)`);
}

export interface ReachQuery {
  from: string;
  to: string;
  port: number | string;
  protocol: Protocol;
}

export interface ReachBackend {
  pod: string;
  port: number;
  allowed: boolean;
}

export interface ReachAnswer extends FlowExplanation {
  from: string;
  to: string;
  /** When the destination is a Service: the port asked for and every backing pod's verdict. */
  service?: { name: string; port: string; backends: ReachBackend[] };
  /** When the CNI was assumed: the verdict under each plausible CNI (cni-alternatives.ts). */
  alternatives?: CniAlternative[];
}

function firstEndpoint(r: ResolvedEndpoint): Endpoint {
  if (r.kind === "ip") return ipEndpoint(r.ip);
  if (r.kind === "pods") return podEndpoint(r.pods[0]);
  throw new ClearanceError("bad_request", `${r.label} is a Service; a Service can only be a destination`);
}

/**
 * Answers "can FROM reach TO on PORT/PROTOCOL, and why". A workload stands for its first pod (a
 * note says so when its pods differ); a Service destination is resolved to its backing pods on
 * the target port of the named service port, and is allowed only if every backend is.
 */
export function explainQuery(model: NetworkModel, index: FlowIndex, q: ReachQuery): ReachAnswer {
  const from = resolveEndpoint(index, q.from, "source");
  const to = resolveEndpoint(index, q.to, "destination");
  const src = firstEndpoint(from);
  if (to.kind !== "service") {
    const port = typeof q.port === "number" ? q.port : Number(q.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ClearanceError("bad_request", `--port must be a number from 1 to 65535 unless --to names a Service (got "${q.port}")`);
    const ex = explainFlow(model, src, firstEndpoint(to), q.protocol, port);
    for (const r of [from, to]) if (r.kind === "pods" && r.via === "workload" && r.pods.length > 1) ex.notes.push(`${r.label} has ${r.pods.length} pods; explained for ${r.pods[0].name}`);
    return { ...ex, from: from.label, to: to.label };
  }
  const svc = to.service;
  const ref = typeof q.port === "number" || /^\d+$/.test(String(q.port)) ? Number(q.port) : String(q.port);
  const ports = findServicePort(svc, ref).filter((p) => p.protocol === q.protocol);
  if (ports.length === 0) throw new ClearanceError("not_found", `Service ${svc.namespace}/${svc.name} has no ${q.protocol} port ${q.port} (ports: ${svc.ports.map((p) => `${p.name ? `${p.name}=` : ""}${p.port}/${p.protocol}`).join(", ") || "none"})`);
  const backendPods = servicePods(model, svc);
  if (backendPods.length === 0) throw new ClearanceError("not_found", `Service ${svc.namespace}/${svc.name} selects no pods${svc.selector ? "" : " (it has no selector)"}`);
  const backends: ReachBackend[] = [];
  let first: FlowExplanation | undefined;
  for (const pod of backendPods) {
    const t = targetPortOn(model, ports[0], pod);
    if (!t) {
      backends.push({ pod: `${pod.namespace}/${pod.name}`, port: 0, allowed: false });
      continue;
    }
    const ex = explainFlow(model, src, podEndpoint(pod), t.protocol, t.port);
    backends.push({ pod: `${pod.namespace}/${pod.name}`, port: t.port, allowed: ex.allowed });
    if (!first || (first.allowed && !ex.allowed)) first = ex;
  }
  if (!first) throw new ClearanceError("not_found", `no backend of Service ${svc.namespace}/${svc.name} declares target port "${ports[0].targetPort}"`);
  const reachable = backends.filter((b) => b.allowed).length;
  const notes = [...first.notes];
  if (reachable > 0 && reachable < backends.length) notes.push(`reaches ${reachable} of ${backends.length} backends of ${svc.namespace}/${svc.name}`);
  notes.push(`Service port ${ports[0].port} forwards to target port ${ports[0].targetPort}; policy applies to the backing pods after the Service's address translation`);
  return { ...first, allowed: reachable === backends.length, notes, from: from.label, to: to.label, service: { name: `${svc.namespace}/${svc.name}`, port: String(q.port), backends } };
}
