/**
 * The audit trail: one JSON line on stdout per API request (who, what, from where, outcome) and per
 * sign-in attempt, for the log pipeline to keep. `CLEARANCE_AUDIT_LOG=off` silences it (tests).
 */
import { cidrProblem, isIP } from "../../lib/model/cidr";
import { cidrContains, cidrFamily, ipFamily } from "../../lib/netpol/ip";

export interface AuditEntry {
  event: "api" | "signin" | "signin-refused" | "signout" | "session-ended";
  /** The signed-in identity (e-mail, else name, else subject); "local" without sign-in; null when unknown. */
  user: string | null;
  [key: string]: unknown;
}

export function audit(entry: AuditEntry): void {
  if (process.env.CLEARANCE_AUDIT_LOG === "off") return;
  process.stdout.write(`${JSON.stringify({ type: "audit", ts: new Date().toISOString(), ...entry })}\n`);
}

/**
 * The request's socket address, stamped by the server (instrumentation.ts) in this header: Next.js
 * gives handlers no peer address, and keeps whatever X-Forwarded-For a client sends.
 */
export const PEER_HEADER = "x-clearance-peer";

/** CLEARANCE_TRUSTED_PROXIES: addresses or CIDRs of the proxies in front (an ingress controller). */
export function trustedProxies(env: Record<string, string | undefined> = process.env): string[] {
  return (env.CLEARANCE_TRUSTED_PROXIES ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) → `10.0.0.1`. */
const plain = (ip: string) => ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");

function trusted(ip: string, proxies: readonly string[]): boolean {
  const a = plain(ip);
  return proxies.some((p) => (p.includes("/") ? cidrProblem(p) === null && isIP(a) && ipFamily(a) === cidrFamily(p) && cidrContains(p, a) : plain(p) === a));
}

/**
 * Where a request came from, for the audit line: the socket's address, unless that is a configured
 * trusted proxy — then the X-Forwarded-For chain is read from the right, past the trusted proxies,
 * to the first address they did not add. A client's own X-Forwarded-For is never believed.
 */
export function requestSource(headers: Headers, proxies: readonly string[] = trustedProxies()): string {
  const peer = headers.get(PEER_HEADER);
  if (!peer) return "unknown";
  if (!trusted(peer, proxies)) return plain(peer);
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) if (!trusted(chain[i], proxies)) return plain(chain[i]);
  return plain(chain[0] ?? peer);
}
