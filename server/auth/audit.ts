/**
 * The audit trail: one JSON line on stdout per API request (who, what, from where, outcome) and per
 * sign-in attempt, for the log pipeline to keep. `CLEARANCE_AUDIT_LOG=off` silences it (tests).
 */
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
 * Where a request came from: the X-Forwarded-For chain. Next.js fills it with the peer address
 * when the request arrives without one; behind an ingress, the ingress sets it.
 */
export function requestSource(headers: Headers): string {
  return headers.get("x-forwarded-for") ?? "unknown";
}
