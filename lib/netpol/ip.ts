/**
 * IP addresses and CIDR arithmetic. IPv4 addresses are numbers 0–2^32−1 and address sets are
 * Intervals over them, so `ipBlock{cidr, except}` is `range(cidr) \ ∪ range(except)`, exactly as
 * NetworkPolicy defines it (networking/v1 IPBlock). IPv6 is supported for point membership (is this
 * address in this block?) with bigints; IPv6 blocks are not split into disjoint ranges (netpol-analyzer
 * ignores IPv6 entirely, docs/connlist_output.md).
 */
import { isIPv4, isIPv6 } from "../model/cidr";
import { EMPTY_INTERVALS, fromRanges, range, subtract, type Intervals } from "./intervals";

export const IPV4_MAX = 2 ** 32 - 1;

export function ipv4ToNumber(ip: string): number {
  const p = ip.split(".");
  return ((Number(p[0]) * 256 + Number(p[1])) * 256 + Number(p[2])) * 256 + Number(p[3]);
}

export function numberToIPv4(n: number): string {
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

export function ipv6ToBigInt(ip: string): bigint {
  let text = ip;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(":");
  if (text.slice(lastColon + 1).includes(".")) {
    const v4 = ipv4ToNumber(text.slice(lastColon + 1));
    tail = [Math.floor(v4 / 65536), v4 % 65536];
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head, rest] = text.includes("::") ? text.split("::") : [text, undefined];
  const h = head ? head.split(":").filter((g) => g !== "") : [];
  const r = rest !== undefined && rest !== "" ? rest.split(":") : [];
  let groups: number[];
  if (rest === undefined) groups = h.map((g) => parseInt(g, 16));
  else groups = [...h.map((g) => parseInt(g, 16)), ...Array(8 - h.length - r.length).fill(0), ...r.map((g) => parseInt(g, 16))];
  if (tail.length) groups = [...groups.slice(0, 6), ...tail];
  let v = 0n;
  for (const g of groups) v = (v << 16n) | BigInt(g);
  return v;
}

export type Family = 4 | 6;

export function ipFamily(ip: string): Family | undefined {
  return isIPv4(ip) ? 4 : isIPv6(ip) ? 6 : undefined;
}

/** The inclusive IPv4 range of a CIDR such as `10.0.0.0/8` (host bits ignored, as the API does). */
export function cidrRange4(cidr: string): [number, number] {
  const [ip, bits] = cidr.split("/");
  const n = Number(bits);
  const size = 2 ** (32 - n);
  const base = Math.floor(ipv4ToNumber(ip) / size) * size;
  return [base, base + size - 1];
}

export function cidrRange6(cidr: string): [bigint, bigint] {
  const [ip, bits] = cidr.split("/");
  const host = 128n - BigInt(Number(bits));
  const mask = (1n << host) - 1n;
  const base = ipv6ToBigInt(ip) & ~mask;
  return [base, base | mask];
}

export function cidrFamily(cidr: string): Family | undefined {
  return ipFamily(cidr.split("/")[0]);
}

/** Does the CIDR contain the address? Different families never match. */
export function cidrContains(cidr: string, ip: string): boolean {
  const cf = cidrFamily(cidr);
  const f = ipFamily(ip);
  if (!cf || cf !== f) return false;
  if (f === 4) {
    const [lo, hi] = cidrRange4(cidr);
    const v = ipv4ToNumber(ip);
    return v >= lo && v <= hi;
  }
  const [lo, hi] = cidrRange6(cidr);
  const v = ipv6ToBigInt(ip);
  return v >= lo && v <= hi;
}

/** A NetworkPolicy ipBlock: `cidr` minus every `except`. */
export interface AddressBlock {
  cidr: string;
  except: readonly string[];
}

/** ipBlock membership for one address (either family): in the CIDR and in no except. */
export function blockContains(block: AddressBlock, ip: string): boolean {
  return cidrContains(block.cidr, ip) && !block.except.some((e) => cidrContains(e, ip));
}

/** The IPv4 addresses of a block as intervals (empty for an IPv6 block). */
export function blockIntervals4(block: AddressBlock): Intervals {
  if (cidrFamily(block.cidr) !== 4) return EMPTY_INTERVALS;
  const [lo, hi] = cidrRange4(block.cidr);
  const ex = fromRanges(block.except.filter((e) => cidrFamily(e) === 4).map(cidrRange4));
  return subtract(range(lo, hi), ex);
}

/**
 * The disjoint IPv4 ranges induced by a collection of address sets: the coarsest partition of
 * 0.0.0.0–255.255.255.255 such that every given set is a union of parts. This is how
 * netpol-analyzer names external peers (`DisjointIPBlocks`), so two addresses in one part are
 * treated identically by every policy.
 */
export function disjointBlocks(sets: readonly Intervals[]): [number, number][] {
  const cuts = new Set<number>([0, IPV4_MAX + 1]);
  for (const s of sets) {
    for (let i = 0; i < s.length; i += 2) {
      cuts.add(s[i]);
      cuts.add(s[i + 1] + 1);
    }
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < sorted.length; i++) out.push([sorted[i], sorted[i + 1] - 1]);
  return out;
}

/** `10.0.0.0-10.255.255.255`: netpol-analyzer's name for an external range. */
export function formatRange4(lo: number, hi: number): string {
  return `${numberToIPv4(lo)}-${numberToIPv4(hi)}`;
}
