/**
 * A Cilium deny rule's ports without one port, so a narrowed deny keeps denying everything else
 * of the peer. Cilium's PortProtocol (cilium/cilium pkg/policy/api/l4.go): `port` "0" is every
 * port, `endPort` makes a range, protocol ANY (or absent) is TCP, UDP and SCTP. A rule without
 * toPorts denies every port (and ICMP, which Clearance does not model: the caller says so).
 * Named ports resolve on each pod and are not split: the answer is then undefined.
 */
import type { CiliumPortProtocol, CiliumPortRule } from "../model";
import type { FlowPort } from "./flow-changes";

const L4 = ["TCP", "UDP", "SCTP"];

const entry = (lo: number, hi: number, protocol: string): CiliumPortProtocol => (lo === 1 && hi === 65535 ? { port: "0", protocol } : { port: String(lo), ...(hi > lo ? { endPort: hi } : {}), protocol });

/** The ports of `toPorts` (undefined: every port) without `t`, or undefined when a named port or an empty port list is in it. */
export function portsWithout(toPorts: readonly CiliumPortRule[] | undefined, t: FlowPort): CiliumPortProtocol[] | undefined {
  const entries = toPorts ? toPorts.flatMap((r) => (r.ports.length ? r.ports : [null])) : [{ port: "0", protocol: "ANY" }];
  const out: CiliumPortProtocol[] = [];
  for (const e of entries) {
    if (!e || !/^\d+$/.test(e.port)) return undefined;
    const lo = Number(e.port) === 0 ? 1 : Number(e.port);
    const hi = Number(e.port) === 0 ? 65535 : (e.endPort ?? lo);
    const protocols = !e.protocol || e.protocol === "ANY" ? L4 : [e.protocol.toUpperCase()];
    if (!protocols.includes(t.protocol) || t.port < lo || t.port > hi) {
      out.push(e);
      continue;
    }
    for (const p of protocols) {
      if (p !== t.protocol) out.push(entry(lo, hi, p));
      else {
        if (t.port > lo) out.push(entry(lo, t.port - 1, p));
        if (t.port < hi) out.push(entry(t.port + 1, hi, p));
      }
    }
  }
  return out;
}
