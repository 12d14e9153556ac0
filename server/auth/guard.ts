import "server-only";
/**
 * Who is asking, for the API wrapper (server/api.ts). proxy.ts already turned away requests
 * without an allowed session; this is the same check next to the data, so a route that escapes the
 * proxy's matcher is still closed.
 */
import { authConfig, AuthConfigError, type AuthConfig } from "./config";
import { decide, type GuardFailure, type GuardResult } from "./decide";
import { parseCookieHeader } from "./session";

export { LOCAL_VIEWER, type GuardFailure, type GuardResult, type Viewer } from "./decide";

/** The configuration, or the failure every request gets while it is broken (start-up refuses first). */
export function configOrFailure(): AuthConfig | GuardFailure {
  try {
    return authConfig();
  } catch (e) {
    if (e instanceof AuthConfigError) return { ok: false, status: 500, code: "auth_misconfigured", message: "Sign-in is misconfigured on the server; see its log." };
    throw e;
  }
}

export async function guard(req: Request): Promise<GuardResult> {
  const cfg = configOrFailure();
  if ("ok" in cfg) return cfg;
  return decide(parseCookieHeader(req.headers.get("cookie")), cfg);
}
