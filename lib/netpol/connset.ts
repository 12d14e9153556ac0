/**
 * Connection sets: for each protocol NetworkPolicy knows (TCP, UDP, SCTP), the set of destination
 * ports allowed. Immutable; `ALL` and `NONE` are shared. Formatting follows np-guard/netpol-analyzer
 * (`All Connections`, `SCTP 9003,TCP 8080,UDP 5353`, `TCP 1-79,81-65535`) so our connection lists
 * compare directly with its test suite.
 */
import type { Protocol } from "../model/types";
import {
  EMPTY_INTERVALS,
  containsValue,
  equalIntervals,
  formatIntervals,
  intersect as iIntersect,
  intervalsKey,
  range,
  subtract as iSubtract,
  union as iUnion,
  type Intervals,
} from "./intervals";

export const PROTOCOLS: readonly Protocol[] = ["TCP", "UDP", "SCTP"];
export const MIN_PORT = 1;
export const MAX_PORT = 65535;
export const ALL_PORTS: Intervals = range(MIN_PORT, MAX_PORT);

export class ConnSet {
  private constructor(
    readonly tcp: Intervals,
    readonly udp: Intervals,
    readonly sctp: Intervals,
  ) {}

  static of(tcp: Intervals, udp: Intervals, sctp: Intervals): ConnSet {
    if (tcp.length === 0 && udp.length === 0 && sctp.length === 0) return NONE;
    if (isAllPorts(tcp) && isAllPorts(udp) && isAllPorts(sctp)) return ALL;
    return new ConnSet(tcp, udp, sctp);
  }

  /** The ports of one protocol. */
  static ports(protocol: Protocol, ports: Intervals): ConnSet {
    return ConnSet.of(protocol === "TCP" ? ports : EMPTY_INTERVALS, protocol === "UDP" ? ports : EMPTY_INTERVALS, protocol === "SCTP" ? ports : EMPTY_INTERVALS);
  }

  static port(protocol: Protocol, lo: number, hi = lo): ConnSet {
    return ConnSet.ports(protocol, range(Math.max(lo, MIN_PORT), Math.min(hi, MAX_PORT)));
  }

  /** Every port of one protocol. */
  static protocol(protocol: Protocol): ConnSet {
    return ConnSet.ports(protocol, ALL_PORTS);
  }

  /** Unchecked constructor for ALL and NONE only. */
  static raw(tcp: Intervals, udp: Intervals, sctp: Intervals): ConnSet {
    return new ConnSet(tcp, udp, sctp);
  }

  of(protocol: Protocol): Intervals {
    return protocol === "TCP" ? this.tcp : protocol === "UDP" ? this.udp : this.sctp;
  }

  get isEmpty(): boolean {
    return this === NONE;
  }

  get isAll(): boolean {
    return this === ALL;
  }

  has(protocol: Protocol, port: number): boolean {
    return containsValue(this.of(protocol), port);
  }

  union(o: ConnSet): ConnSet {
    if (this === NONE || o === ALL) return o;
    if (o === NONE || this === ALL) return this;
    return ConnSet.of(iUnion(this.tcp, o.tcp), iUnion(this.udp, o.udp), iUnion(this.sctp, o.sctp));
  }

  intersect(o: ConnSet): ConnSet {
    if (this === ALL || o === NONE) return o;
    if (o === ALL || this === NONE) return this;
    return ConnSet.of(iIntersect(this.tcp, o.tcp), iIntersect(this.udp, o.udp), iIntersect(this.sctp, o.sctp));
  }

  subtract(o: ConnSet): ConnSet {
    if (this === NONE || o === NONE) return this;
    if (o === ALL) return NONE;
    return ConnSet.of(iSubtract(this.tcp, o.tcp), iSubtract(this.udp, o.udp), iSubtract(this.sctp, o.sctp));
  }

  equals(o: ConnSet): boolean {
    return this === o || (equalIntervals(this.tcp, o.tcp) && equalIntervals(this.udp, o.udp) && equalIntervals(this.sctp, o.sctp));
  }

  isSubsetOf(o: ConnSet): boolean {
    return this.subtract(o) === NONE;
  }

  /** Canonical key: equal sets ⇔ equal keys. */
  get key(): string {
    return this === ALL ? "*" : this === NONE ? "" : `${intervalsKey(this.tcp)}|${intervalsKey(this.udp)}|${intervalsKey(this.sctp)}`;
  }

  /** netpol-analyzer's text: `All Connections`, `No Connections`, or `SCTP 9003,TCP 8080,UDP 5353`. */
  toString(): string {
    if (this === ALL) return "All Connections";
    if (this === NONE) return "No Connections";
    const parts: string[] = [];
    for (const p of ["SCTP", "TCP", "UDP"] as const) {
      const ports = this.of(p);
      if (ports.length) parts.push(`${p} ${formatIntervals(ports)}`);
    }
    return parts.join(",");
  }
}

function isAllPorts(a: Intervals): boolean {
  return a.length === 2 && a[0] <= MIN_PORT && a[1] >= MAX_PORT;
}

export const ALL: ConnSet = ConnSet.raw(ALL_PORTS, ALL_PORTS, ALL_PORTS);
export const NONE: ConnSet = ConnSet.raw(EMPTY_INTERVALS, EMPTY_INTERVALS, EMPTY_INTERVALS);

/**
 * Parses netpol-analyzer's connection text back into a set (`All Connections`, `TCP 80,UDP 53`,
 * `TCP 1-79,81-65535`); used to compare outputs as sets rather than as text.
 */
export function parseConnSet(text: string): ConnSet {
  const t = text.trim();
  if (t === "All Connections") return ALL;
  if (t === "" || t === "No Connections") return NONE;
  let result = NONE;
  let protocol: Protocol | undefined;
  for (const token of t.split(",")) {
    const m = /^\s*(?:(TCP|UDP|SCTP)\s*)?(\d+)?(?:-(\d+))?\s*$/i.exec(token);
    if (!m) throw new Error(`cannot parse connection "${text}"`);
    if (m[1]) protocol = m[1].toUpperCase() as Protocol;
    if (!protocol) throw new Error(`cannot parse connection "${text}": no protocol`);
    if (m[2] === undefined) {
      result = result.union(ConnSet.protocol(protocol));
    } else {
      result = result.union(ConnSet.port(protocol, Number(m[2]), m[3] !== undefined ? Number(m[3]) : Number(m[2])));
    }
  }
  return result;
}
