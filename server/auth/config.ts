/**
 * Sign-in configuration, read from the environment once per process and validated with zod, so a
 * misconfigured server refuses to start with every problem listed instead of failing on the first
 * request. Two modes:
 * - `none` (default): no sign-in; only allowed on a loopback address (see bind.ts).
 * - `oidc`: next-auth with any OpenID Connect provider, plus an allowlist of groups / e-mail domains.
 *
 * No `server-only` marker: proxy.ts imports this, and it holds no secret beyond what it is given.
 */
import { z } from "zod";

export interface NoneConfig {
  mode: "none";
}

export interface OidcConfig {
  mode: "oidc";
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in button: "Sign in with <name>". */
  providerName: string;
  scopes: string;
  /** Claim holding the user's groups; a dotted path reaches nested claims (`realm_access.roles`). */
  groupsClaim: string;
  allowedGroups: string[];
  /** Lower case, without "@". */
  allowedEmailDomains: string[];
  /** The dashboard's external URL (NEXTAUTH_URL), without a trailing slash. */
  url: string;
  secret: string;
  /** True when NEXTAUTH_URL is https: cookies get `Secure` and the `__Secure-`/`__Host-` prefixes. */
  secureCookies: boolean;
  /** Absolute: no request extends a session past this many seconds after sign-in (lifetime.ts). */
  sessionMaxAgeSeconds: number;
  /** How often a session is confirmed again at the provider, with the user's current groups. */
  recheckSeconds: number;
}

export type AuthConfig = NoneConfig | OidcConfig;

export class AuthConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`sign-in is misconfigured:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "AuthConfigError";
  }
}

/** The variables this module reads; anything else in the environment is ignored. */
export const AUTH_ENV = [
  "CLEARANCE_AUTH",
  "CLEARANCE_OIDC_ISSUER",
  "CLEARANCE_OIDC_CLIENT_ID",
  "CLEARANCE_OIDC_CLIENT_SECRET",
  "CLEARANCE_OIDC_NAME",
  "CLEARANCE_OIDC_SCOPES",
  "CLEARANCE_OIDC_GROUPS_CLAIM",
  "CLEARANCE_ALLOWED_GROUPS",
  "CLEARANCE_ALLOWED_EMAIL_DOMAINS",
  "CLEARANCE_SESSION_HOURS",
  "CLEARANCE_SESSION_RECHECK_MINUTES",
  "NEXTAUTH_URL",
  "NEXTAUTH_SECRET",
] as const;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** http:// is accepted only for loopback hosts (tests, a provider on the same machine). */
function secureUrl(what: string, hint: string) {
  return z
    .string({ error: `${what}: required (${hint})` })
    .trim()
    .min(1, `${what}: required (${hint})`)
    .refine((s) => URL.canParse(s), `${what}: not a URL`)
    .refine((s) => {
      if (!URL.canParse(s)) return true;
      const u = new URL(s);
      return u.protocol === "https:" || (u.protocol === "http:" && LOOPBACK_HOSTS.has(u.hostname));
    }, `${what}: must be https:// (http:// only for localhost)`)
    .transform((s) => s.replace(/\/+$/, ""));
}

const list = z
  .string()
  .optional()
  .transform((s) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean),
  );

const required = (what: string, hint: string) => z.string({ error: `${what}: required (${hint})` }).trim().min(1, `${what}: required (${hint})`);

const oidcSchema = z.object({
  CLEARANCE_OIDC_ISSUER: secureUrl("CLEARANCE_OIDC_ISSUER", "the provider's issuer URL, where /.well-known/openid-configuration is served"),
  CLEARANCE_OIDC_CLIENT_ID: required("CLEARANCE_OIDC_CLIENT_ID", "the client id registered at the provider"),
  CLEARANCE_OIDC_CLIENT_SECRET: required("CLEARANCE_OIDC_CLIENT_SECRET", "the client secret registered at the provider"),
  CLEARANCE_OIDC_NAME: z.string().trim().min(1).default("single sign-on"),
  CLEARANCE_OIDC_SCOPES: z
    .string()
    .trim()
    .default("openid email profile")
    .refine((s) => s.split(/\s+/).includes("openid"), "CLEARANCE_OIDC_SCOPES: must include openid"),
  CLEARANCE_OIDC_GROUPS_CLAIM: z.string().trim().min(1).default("groups"),
  CLEARANCE_ALLOWED_GROUPS: list,
  CLEARANCE_ALLOWED_EMAIL_DOMAINS: list.transform((ds) => ds.map((d) => d.replace(/^@/, "").toLowerCase())),
  CLEARANCE_SESSION_HOURS: z.coerce
    .number({ error: "CLEARANCE_SESSION_HOURS: not a number" })
    .positive("CLEARANCE_SESSION_HOURS: must be positive")
    .max(24 * 30, "CLEARANCE_SESSION_HOURS: at most 720 (30 days)")
    .default(8),
  CLEARANCE_SESSION_RECHECK_MINUTES: z.coerce
    .number({ error: "CLEARANCE_SESSION_RECHECK_MINUTES: not a number" })
    .positive("CLEARANCE_SESSION_RECHECK_MINUTES: must be positive")
    .max(24 * 60, "CLEARANCE_SESSION_RECHECK_MINUTES: at most 1440 (a day)")
    .default(10),
  NEXTAUTH_URL: secureUrl("NEXTAUTH_URL", "the URL users open, e.g. https://clearance.example.com"),
  NEXTAUTH_SECRET: z
    .string({ error: "NEXTAUTH_SECRET: required (32+ random characters, e.g. `openssl rand -base64 32`)" })
    .min(32, "NEXTAUTH_SECRET: too short; use 32+ random characters (e.g. `openssl rand -base64 32`)"),
});

const NO_ALLOWLIST = "CLEARANCE_ALLOWED_GROUPS or CLEARANCE_ALLOWED_EMAIL_DOMAINS: set at least one (comma-separated); without an allowlist nobody could sign in";

/** Every problem of `env`, or the configuration. Throws AuthConfigError. */
export function parseAuthConfig(env: Record<string, string | undefined>): AuthConfig {
  const mode = (env.CLEARANCE_AUTH ?? "").trim().toLowerCase() || "none";
  if (mode === "none") {
    const stray = AUTH_ENV.filter((k) => k.startsWith("CLEARANCE_OIDC_") && env[k]);
    if (stray.length) {
      throw new AuthConfigError([`${stray.join(", ")} ${stray.length === 1 ? "is" : "are"} set but CLEARANCE_AUTH is not "oidc"; set CLEARANCE_AUTH=oidc to turn sign-in on (or unset them)`]);
    }
    return { mode: "none" };
  }
  if (mode !== "oidc") throw new AuthConfigError([`CLEARANCE_AUTH: "${env.CLEARANCE_AUTH}" is not a mode; use "oidc" (sign-in with OpenID Connect) or "none" (loopback only)`]);

  const r = oidcSchema.safeParse(Object.fromEntries(AUTH_ENV.map((k) => [k, env[k] === "" ? undefined : env[k]])));
  const problems = r.success ? [] : r.error.issues.map((i) => i.message);
  if (!list.parse(env.CLEARANCE_ALLOWED_GROUPS).length && !list.parse(env.CLEARANCE_ALLOWED_EMAIL_DOMAINS).length) problems.push(NO_ALLOWLIST);
  if (!r.success || problems.length) throw new AuthConfigError([...new Set(problems)]);
  const c = r.data;
  return {
    mode: "oidc",
    issuer: c.CLEARANCE_OIDC_ISSUER,
    clientId: c.CLEARANCE_OIDC_CLIENT_ID,
    clientSecret: c.CLEARANCE_OIDC_CLIENT_SECRET,
    providerName: c.CLEARANCE_OIDC_NAME,
    scopes: c.CLEARANCE_OIDC_SCOPES.split(/\s+/).join(" "),
    groupsClaim: c.CLEARANCE_OIDC_GROUPS_CLAIM,
    allowedGroups: c.CLEARANCE_ALLOWED_GROUPS,
    allowedEmailDomains: c.CLEARANCE_ALLOWED_EMAIL_DOMAINS,
    url: c.NEXTAUTH_URL,
    secret: c.NEXTAUTH_SECRET,
    secureCookies: c.NEXTAUTH_URL.startsWith("https://"),
    sessionMaxAgeSeconds: Math.round(c.CLEARANCE_SESSION_HOURS * 3600),
    recheckSeconds: Math.max(1, Math.round(c.CLEARANCE_SESSION_RECHECK_MINUTES * 60)),
  };
}

let cached: { key: string; config: AuthConfig } | undefined;

/** The configuration of this process (re-parsed only when one of AUTH_ENV changes). */
export function authConfig(env: Record<string, string | undefined> = process.env): AuthConfig {
  const key = JSON.stringify(AUTH_ENV.map((k) => env[k] ?? null));
  if (cached?.key !== key) cached = { key, config: parseAuthConfig(env) };
  return cached.config;
}

/** What to tell an operator who started the server without a usable sign-in. */
export const HOW_TO_CONFIGURE_SIGN_IN = `To serve Clearance beyond this machine, turn on sign-in with OpenID Connect:
  CLEARANCE_AUTH=oidc
  CLEARANCE_OIDC_ISSUER=https://login.example.com/realms/acme      (the provider's issuer URL)
  CLEARANCE_OIDC_CLIENT_ID=clearance
  CLEARANCE_OIDC_CLIENT_SECRET=...                                 (redirect URI: <NEXTAUTH_URL>/api/auth/callback/oidc)
  CLEARANCE_ALLOWED_GROUPS=platform-security,sre                   and/or CLEARANCE_ALLOWED_EMAIL_DOMAINS=example.com
  NEXTAUTH_URL=https://clearance.example.com                       (the URL users open)
  NEXTAUTH_SECRET=...                                              (32+ random characters: openssl rand -base64 32)
See the README, section "Sign-in".`;
