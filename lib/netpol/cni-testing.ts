/**
 * Test support for the CNI engines: a cluster written as YAML, evaluated under a CNI by the
 * reference evaluator AND the class-based fast path (which must agree), queried as `ns/pod` or an IP.
 */
import { snapshotFromYaml } from "../model/testing";
import type { Pod } from "../model/types";
import type { CniChoice } from "./cni/profiles";
import { allowedConnections } from "./evaluate";
import { blockOf } from "./externals";
import { buildNetworkModel, type EngineOptions, type NetworkModel } from "./model";
import { ipEndpoint, podEndpoint, type Endpoint } from "./peers";
import { buildReachability, type End } from "./reachability";

/** A running pod as YAML (labelled `app: NAME`), for fixtures: `podYaml("shop", "web", "10.0.0.10")`. */
export function podYaml(namespace: string, name: string, ip: string): string {
  return `apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: ${namespace}, labels: { app: ${name} } }
spec: { containers: [{ name: c, image: ${name}:1 }] }
status: { podIP: ${ip} }
`;
}

export interface CniWorld {
  model: NetworkModel;
  /** Allowed connections `src → dst` as text (`All Connections`, `TCP 80`, `No Connections`). */
  conn(src: string, dst: string): string;
  /** Whether one flow is allowed. */
  allows(src: string, dst: string, port: number, protocol?: "TCP" | "UDP" | "SCTP"): boolean;
  endpoint(ref: string): Endpoint;
}

export function cniWorld(yaml: string, cni: CniChoice, options: Partial<EngineOptions> = {}): CniWorld {
  const snapshot = snapshotFromYaml(yaml);
  const errors = snapshot.issues.filter((i) => i.severity === "error");
  if (errors.length) throw new Error(`fixture: ${errors.map((e) => `${e.kind ?? ""} ${e.name ?? ""}: ${e.message}`).join("; ")}`);
  const model = buildNetworkModel(snapshot, { ...options, cni });
  const reach = buildReachability(model);
  const endpoint = (ref: string): Endpoint => {
    if (!ref.includes("/")) return ipEndpoint(ref);
    const [ns, name] = ref.split("/");
    const p = model.pods.find((x: Pod) => x.namespace === ns && x.name === name);
    if (!p) throw new Error(`no pod ${ref}`);
    return podEndpoint(p);
  };
  const fast = (src: Endpoint, dst: Endpoint): string | undefined => {
    const end = (e: Endpoint, side: "source" | "destination"): End | undefined => {
      if (e.kind === "pod") return { kind: "class", id: reach.classOf.get(e.pod)!.id };
      const i = blockOf(side === "source" ? reach.externals.sources : reach.externals.destinations, e.ip);
      return i === undefined ? undefined : side === "source" ? { kind: "source", index: i } : { kind: "destination", index: i };
    };
    if (src.kind === "pod" && dst.kind === "pod") return reach.pods(src.pod, dst.pod).toString();
    const s = end(src, "source");
    const d = end(dst, "destination");
    return s && d ? reach.between(s, d).toString() : undefined;
  };
  const conn = (src: string, dst: string) => {
    const a = endpoint(src);
    const b = endpoint(dst);
    const oracle = allowedConnections(model, a, b).toString();
    const f = fast(a, b);
    if (f !== undefined && f !== oracle) throw new Error(`fast path and oracle disagree on ${src} → ${dst}: ${f} vs ${oracle}`);
    return oracle;
  };
  return {
    model,
    conn,
    allows: (src, dst, port, protocol = "TCP") => allowedConnections(model, endpoint(src), endpoint(dst)).has(protocol, port) && (conn(src, dst), true),
    endpoint,
  };
}
