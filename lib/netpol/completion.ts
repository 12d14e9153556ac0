/**
 * Completion for "trace a flow": endpoint names in the forms resolve.ts accepts (`ns/workload`,
 * `ns/pod`, `ns/service/name` for a Service, an IP address) and the ports worth offering for a
 * destination: its containers' declared ports, or a Service's ports.
 */
import { isIP } from "../model/cidr";
import type { Protocol } from "../model/types";
import { METADATA_IP } from "./exposure";
import type { NetworkModel } from "./model";
import { resolveEndpoint, type FlowIndex } from "./resolve";

export interface EndpointSuggestion {
  value: string;
  kind: string;
  detail?: string;
}

export interface PortSuggestion {
  port: number;
  protocol: Protocol;
  name?: string;
  detail?: string;
}

/** Matches in order: name starts with the text, then contains it; workloads, pods, Services, addresses; then by name. */
export function suggestEndpoints(model: NetworkModel, text: string, role: "source" | "destination", limit = 20): EndpointSuggestion[] {
  const q = text.trim().toLowerCase();
  const all: EndpointSuggestion[] = [];
  const seen = new Set<string>();
  const push = (s: EndpointSuggestion) => {
    if (seen.has(s.value)) return;
    seen.add(s.value);
    all.push(s);
  };
  const byWorkload = new Map<string, { kind: string; pods: number }>();
  for (const p of model.pods) {
    const k = `${p.namespace}/${p.owner.name}`;
    const w = byWorkload.get(k);
    if (w) w.pods++;
    else byWorkload.set(k, { kind: p.owner.kind, pods: 1 });
  }
  for (const [value, w] of byWorkload) push({ value, kind: w.kind, detail: `${w.pods} pod${w.pods === 1 ? "" : "s"}` });
  for (const p of model.pods) push({ value: `${p.namespace}/${p.name}`, kind: "Pod", detail: `of ${p.owner.kind} ${p.owner.name}` });
  if (role === "destination") {
    for (const s of model.snapshot.services) push({ value: `${s.namespace}/service/${s.name}`, kind: "Service", detail: s.ports.map((p) => `${p.port}/${p.protocol}`).join(", ") || "no ports" });
    push({ value: METADATA_IP, kind: "IP", detail: "cloud metadata endpoint" });
  }
  if (isIP(text.trim())) push({ value: text.trim(), kind: "IP", detail: "an address outside the pod network" });
  const score = (s: EndpointSuggestion) => {
    const v = s.value.toLowerCase();
    const name = v.slice(v.lastIndexOf("/") + 1);
    return v.startsWith(q) || name.startsWith(q) ? 0 : v.includes(q) ? 1 : 2;
  };
  const group = (s: EndpointSuggestion) => (s.kind === "Pod" ? 1 : s.kind === "Service" ? 2 : s.kind === "IP" ? 3 : 0);
  const ranked = all.map((s) => ({ s, r: q ? score(s) : 0, g: group(s) })).filter((x) => x.r < 2);
  ranked.sort((a, b) => a.r - b.r || a.g - b.g || (a.s.value < b.s.value ? -1 : a.s.value > b.s.value ? 1 : 0));
  return ranked.slice(0, limit).map((x) => x.s);
}

/** Ports a destination listens on; none for an address or a name that does not resolve. */
export function suggestPorts(model: NetworkModel, index: FlowIndex, destination: string): PortSuggestion[] {
  let r;
  try {
    r = resolveEndpoint(index, destination, "destination");
  } catch {
    return [];
  }
  if (r.kind === "ip") return [];
  if (r.kind === "service") return r.service.ports.map((p) => ({ port: p.port, protocol: p.protocol, ...(p.name ? { name: p.name } : {}), detail: `Service port → target ${p.targetPort}` }));
  const out = new Map<string, PortSuggestion>();
  for (const pod of r.pods) {
    for (const c of pod.spec.containers) {
      for (const p of c.ports) {
        const k = `${p.protocol}/${p.containerPort}`;
        if (!out.has(k)) out.set(k, { port: p.containerPort, protocol: p.protocol, ...(p.name ? { name: p.name } : {}), detail: `container ${c.name}` });
      }
    }
  }
  return [...out.values()].sort((a, b) => a.port - b.port);
}
