/**
 * Port specifications of policy rules and their resolution on a destination pod. Numeric ports
 * (with endPort ranges) are known up front; named ports are looked up on each destination pod's
 * container ports, and for NetworkPolicy the protocol must match too (networking/v1
 * NetworkPolicyPort: "a named port on a pod"; np-guard/netpol-analyzer#405). A named port that the
 * pod does not declare matches nothing for that pod; towards an IP address it never matches.
 */
import type { ANPPort, NetworkPolicyPort, Pod, Protocol } from "../model/types";
import { ALL, ConnSet, NONE } from "./connset";

export interface NamedPortRef {
  name: string;
  /** NetworkPolicy names a protocol (default TCP); AdminNetworkPolicy's namedPort does not. */
  protocol?: Protocol;
}

export interface PortSpec {
  /** Everything the numeric entries allow. */
  numeric: ConnSet;
  named: readonly NamedPortRef[];
  /** Calico `notPorts` (and `notProtocol`): taken away from what the entries above allow. */
  not?: { numeric: ConnSet; named: readonly NamedPortRef[] };
  /** Calico `protocol` with `notPorts` only: the protocols the rule is limited to. */
  within?: ConnSet;
}

export const ALL_PORTS_SPEC: PortSpec = { numeric: ALL, named: [] };

export function isAllPorts(spec: PortSpec): boolean {
  return spec.numeric.isAll;
}

/** NetworkPolicy `ports`: empty list = every port and protocol; `protocol` alone = every port of it. */
export function npPortSpec(ports: readonly NetworkPolicyPort[]): PortSpec {
  if (ports.length === 0) return ALL_PORTS_SPEC;
  let numeric = NONE;
  const named: NamedPortRef[] = [];
  for (const p of ports) {
    if (p.port === undefined) numeric = numeric.union(ConnSet.protocol(p.protocol));
    else if (typeof p.port === "number") numeric = numeric.union(ConnSet.port(p.protocol, p.port, p.endPort ?? p.port));
    else named.push({ name: p.port, protocol: p.protocol });
  }
  return { numeric, named };
}

/** AdminNetworkPolicy `ports`: absent = every port; portNumber, portRange or namedPort. */
export function anpPortSpec(ports: readonly ANPPort[] | undefined): PortSpec {
  if (ports === undefined) return ALL_PORTS_SPEC;
  let numeric = NONE;
  const named: NamedPortRef[] = [];
  for (const p of ports) {
    if (p.portNumber) numeric = numeric.union(ConnSet.port(p.portNumber.protocol, p.portNumber.port));
    else if (p.portRange) numeric = numeric.union(ConnSet.port(p.portRange.protocol, p.portRange.start, p.portRange.end));
    else if (p.namedPort) named.push({ name: p.namedPort });
  }
  return { numeric, named };
}

export interface ContainerPortInfo {
  protocol: Protocol;
  port: number;
}

/** A pod's named container ports: name → protocol and number (the first declaration wins). */
export function namedPortsOf(pod: Pod): Map<string, ContainerPortInfo> {
  const out = new Map<string, ContainerPortInfo>();
  for (const c of pod.spec.containers) {
    for (const p of c.ports) {
      if (p.name && !out.has(p.name)) out.set(p.name, { protocol: p.protocol, port: p.containerPort });
    }
  }
  return out;
}

/** The connections a port spec allows towards a destination whose named ports are `named` (undefined: an IP address). */
/** A named-port map as text (equal ⇔ the same names on the same ports). */
export function namedPortsText(ports: ReadonlyMap<string, ContainerPortInfo>): string {
  return [...ports].map(([n, i]) => `${n}=${i.protocol}/${i.port}`).sort().join(",");
}

export function resolvePorts(spec: PortSpec, named: ReadonlyMap<string, ContainerPortInfo> | undefined): ConnSet {
  let out = resolveNamed(spec.numeric, spec.named, named);
  if (spec.within) out = out.intersect(spec.within);
  if (spec.not) out = out.subtract(resolveNamed(spec.not.numeric, spec.not.named, named));
  return out;
}

function resolveNamed(numeric: ConnSet, refs: readonly NamedPortRef[], named: ReadonlyMap<string, ContainerPortInfo> | undefined): ConnSet {
  if (refs.length === 0 || !named) return numeric;
  let out = numeric;
  for (const ref of refs) {
    const p = named.get(ref.name);
    if (p && (ref.protocol === undefined || ref.protocol === p.protocol)) out = out.union(ConnSet.port(p.protocol, p.port));
  }
  return out;
}

/** Whether the spec names any port (so the destination's named ports can change what it allows). */
export function usesNamedPorts(spec: PortSpec): boolean {
  return spec.named.length > 0 || (spec.not?.named.length ?? 0) > 0;
}

/** Every port name a spec references. */
export function portNames(spec: PortSpec): string[] {
  return [...spec.named, ...(spec.not?.named ?? [])].map((n) => n.name);
}

/**
 * `TCP 8080`, `TCP "http" (8080)`, `all ports`: a port spec for explanations; named ports show what
 * they resolve to on the destination when it is known.
 */
export function describePortSpec(spec: PortSpec, named?: ReadonlyMap<string, ContainerPortInfo>): string {
  if (spec.not || spec.within) {
    const base = spec.numeric.isAll && spec.named.length === 0 ? "" : describePortSpec({ numeric: spec.numeric, named: spec.named }, named);
    const within = spec.within ? spec.within.toString() : "";
    const not = spec.not ? describePortSpec({ numeric: spec.not.numeric, named: spec.not.named }, named) : "";
    return [base || within || "all ports", not ? `except ${not}` : ""].filter(Boolean).join(" ");
  }
  if (spec.numeric.isAll) return "all ports";
  const parts: string[] = [];
  if (!spec.numeric.isEmpty) parts.push(spec.numeric.toString());
  for (const n of spec.named) {
    const p = named?.get(n.name);
    const at = !named ? "" : p && (!n.protocol || n.protocol === p.protocol) ? ` (${p.protocol} ${p.port} here)` : " (not declared by the destination)";
    parts.push(`${n.protocol ? `${n.protocol} ` : ""}named port "${n.name}"${at}`);
  }
  return parts.join(", ") || "no ports";
}
