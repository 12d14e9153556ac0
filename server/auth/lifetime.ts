/**
 * Sessions that end. A session (next-auth's encrypted JWT cookie) carries when its user signed in
 * (`authTime`) and when their groups were last confirmed by the provider (`checkedAt`):
 * - an absolute lifetime: CLEARANCE_SESSION_HOURS after sign-in the session is over, however often
 *   it was used (next-auth alone slides the cookie's expiry forward on every session read);
 * - a bounded re-check: after CLEARANCE_SESSION_RECHECK_MINUTES the session must be confirmed again
 *   at the provider (recheck.ts), which brings the current groups, or ends it;
 * - sign-out revokes: the session's id is refused from then on (revoked.ts), and the provider's tokens
 *   are revoked, so a copied cookie stops working.
 * No `server-only` marker: proxy.ts decides with this.
 */
import type { OidcConfig } from "./config";

/** What a session token holds besides the identity; times in seconds since the epoch. */
export interface SessionTimes {
  sid?: string;
  authTime?: number;
  checkedAt?: number;
}

export type SessionVerdict = { state: "valid" } | { state: "recheck" } | { state: "ended"; reason: string };

const now = () => Math.floor(Date.now() / 1000);

/** Where a session stands at `at` (seconds): valid, due for a re-check at the provider, or over. */
export function sessionVerdict(t: SessionTimes, cfg: Pick<OidcConfig, "sessionMaxAgeSeconds" | "recheckSeconds">, at = now(), revoked: (sid: string) => boolean = () => false): SessionVerdict {
  // A token from before these fields existed has no sign-in time: it cannot prove its age.
  if (typeof t.authTime !== "number" || typeof t.sid !== "string") return { state: "ended", reason: "the session predates sign-in limits" };
  if (revoked(t.sid)) return { state: "ended", reason: "the session was signed out" };
  if (at >= t.authTime + cfg.sessionMaxAgeSeconds) return { state: "ended", reason: `the session reached its ${Math.round((cfg.sessionMaxAgeSeconds / 3600) * 10) / 10}-hour limit` };
  if (at >= (t.checkedAt ?? t.authTime) + cfg.recheckSeconds) return { state: "recheck" };
  return { state: "valid" };
}
