/** Minimal CIDR validation (IPv4 and IPv6) for manifest checking; arithmetic lives in lib/netpol. */
const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIPv4(ip: string): boolean {
  const m = V4.exec(ip);
  return !!m && m.slice(1).every((o) => Number(o) <= 255 && String(Number(o)) === o);
}

export function isIPv6(ip: string): boolean {
  if (!ip.includes(":")) return false;
  const parts = ip.split("::");
  if (parts.length > 2) return false;
  const groups = parts.flatMap((p) => (p === "" ? [] : p.split(":")));
  const last = groups[groups.length - 1];
  let count = groups.length;
  if (last && last.includes(".")) {
    if (!isIPv4(last)) return false;
    count += 1;
    groups.pop();
  }
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return parts.length === 2 ? count < 8 : count === 8;
}

export function isIP(ip: string): boolean {
  return isIPv4(ip) || isIPv6(ip);
}

/** The reason `cidr` is not a valid CIDR, or null. */
export function cidrProblem(cidr: string): string | null {
  const slash = cidr.indexOf("/");
  if (slash < 0) return `"${cidr}" is not a CIDR (expected address/prefix, e.g. 10.0.0.0/8)`;
  const ip = cidr.slice(0, slash);
  const bits = cidr.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return `"${cidr}" has an invalid prefix length`;
  const n = Number(bits);
  if (isIPv4(ip)) return n <= 32 ? null : `"${cidr}" has a prefix longer than 32`;
  if (isIPv6(ip)) return n <= 128 ? null : `"${cidr}" has a prefix longer than 128`;
  return `"${cidr}" is not a valid IP network`;
}
