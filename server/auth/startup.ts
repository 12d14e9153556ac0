/**
 * The start-up gate, run by instrumentation.ts `register()` before the server answers its first
 * request: the sign-in configuration must parse, and `none` (no sign-in) must only listen on
 * loopback. Otherwise the process exits with a message that says how to fix it.
 */
import { bindAddresses, hostOf, isLoopbackAddress } from "./bind";
import { AuthConfigError, HOW_TO_CONFIGURE_SIGN_IN, parseAuthConfig, type AuthConfig } from "./config";

export type StartupVerdict = { ok: true; config: AuthConfig; summary: string } | { ok: false; message: string };

export function checkStartup(env: Record<string, string | undefined>, addresses: string[]): StartupVerdict {
  let config: AuthConfig;
  try {
    config = parseAuthConfig(env);
  } catch (e) {
    if (e instanceof AuthConfigError) return { ok: false, message: `Clearance refuses to start: ${e.message}\n\n${HOW_TO_CONFIGURE_SIGN_IN}` };
    throw e;
  }
  if (config.mode === "none") {
    const exposed = addresses.filter((a) => !isLoopbackAddress(hostOf(a)));
    if (exposed.length) {
      return {
        ok: false,
        message: `Clearance refuses to start: sign-in is off (CLEARANCE_AUTH=none) but the server listens on ${exposed.join(", ")}, which is not a loopback address.
Anyone who can reach it would see who can do what in your clusters and how to get in.

For local use, listen on loopback only: next start -H 127.0.0.1 (npm start and npm run demo do this).
${HOW_TO_CONFIGURE_SIGN_IN}`,
      };
    }
    return { ok: true, config, summary: `sign-in off (CLEARANCE_AUTH=none), loopback only: ${addresses.join(", ")}` };
  }
  const allow = [
    config.allowedGroups.length ? `groups ${config.allowedGroups.join(", ")}` : "",
    config.allowedEmailDomains.length ? `e-mail domains ${config.allowedEmailDomains.join(", ")}` : "",
  ].filter(Boolean);
  return { ok: true, config, summary: `sign-in with OpenID Connect (${config.issuer}), allowed: ${allow.join("; ")}` };
}

/** Checks this process; on failure prints the reason to stderr and exits 1. */
export function enforceStartup(): void {
  const { addresses } = bindAddresses();
  const verdict = checkStartup(process.env, addresses);
  if (!verdict.ok) {
    process.stderr.write(`\n${verdict.message}\n\n`);
    process.exit(1);
  }
  process.stdout.write(`${JSON.stringify({ type: "startup", ts: new Date().toISOString(), auth: verdict.config.mode, listen: addresses, detail: verdict.summary })}\n`);
}
