/**
 * The one access decision, shared by proxy.ts (before routing), the API guard and page layouts:
 * without sign-in (`none`, loopback only) every request is the local user; with `oidc` the session
 * cookie must hold an identity the allowlist still accepts. No `server-only` marker: proxy.ts
 * imports it.
 */
import type { ErrorCode } from "../../lib/errors";
import { isAllowed, type Identity } from "./allow";
import type { AuthConfig } from "./config";
import { sessionVerdict } from "./lifetime";
import { isRevoked } from "./revoked";
import { readSession } from "./session";

export interface Viewer {
  name: string;
  email?: string;
  /** The provider's subject; absent for the local user. */
  sub?: string;
  groups: string[];
}

export const LOCAL_VIEWER: Viewer = { name: "local", groups: [] };

/**
 * A refusal: its code is one of lib/errors.ts, so the API and the CLI map it like any other failure.
 * `session_recheck`: the session is due for its re-check at the provider; the browser reads
 * /api/auth/session (which re-checks it and renews the cookie, or ends it) and tries again.
 */
export type GuardFailure = { ok: false; status: 401 | 403 | 500; code: Extract<ErrorCode, "signin_required" | "session_recheck" | "not_authorised" | "auth_misconfigured">; message: string };
export type GuardResult = { ok: true; viewer: Viewer } | GuardFailure;

export function viewerOf(id: Identity): Viewer {
  return { name: id.name, sub: id.sub, groups: id.groups, ...(id.email ? { email: id.email } : {}) };
}

/** The decision for a request's cookies under `cfg`. */
export async function decide(cookies: Record<string, string>, cfg: AuthConfig): Promise<GuardResult> {
  if (cfg.mode === "none") return { ok: true, viewer: LOCAL_VIEWER };
  const id = await readSession(cookies, cfg);
  if (!id) return { ok: false, status: 401, code: "signin_required", message: "Sign in first: this API needs a session (open /signin in the browser)." };
  const verdict = sessionVerdict(id.times, cfg, undefined, isRevoked);
  if (verdict.state === "ended") return { ok: false, status: 401, code: "signin_required", message: `Sign in again: ${verdict.reason}.` };
  if (verdict.state === "recheck") return { ok: false, status: 401, code: "session_recheck", message: "The session is due for a re-check of your groups: read /api/auth/session, then try again." };
  const d = isAllowed(id, cfg);
  if (!d.allowed) return { ok: false, status: 403, code: "not_authorised", message: `${id.email ?? id.name} is signed in but not allowed to use Clearance: ${d.reason}.` };
  return { ok: true, viewer: viewerOf(id) };
}

/** The user an audit line names: e-mail, else name, else subject. */
export function auditUser(v: Viewer | undefined): string | null {
  return v ? v.email ?? v.name ?? v.sub ?? null : null;
}
