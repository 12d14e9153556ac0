/**
 * Who the signed-in user is (from the provider's claims) and whether the allowlist lets them in.
 * Checked at sign-in (a refused user gets no session) and again on every request, so narrowing
 * the allowlist takes effect without waiting for sessions to expire.
 */
import type { OidcConfig } from "./config";

export interface Identity {
  /** The provider's subject identifier. */
  sub: string;
  name: string;
  email?: string;
  /** False only when the provider says the address is unverified; absent when it does not say. */
  emailVerified?: boolean;
  groups: string[];
}

/** The session lives in a cookie: more groups than this are cut (allowed groups are kept first). */
export const MAX_SESSION_GROUPS = 100;

function claimAt(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  let cur: unknown = claims;
  for (const part of path.split(".")) {
    if (!cur || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() ? v.trim() : undefined;
}

/**
 * The identity in an ID token / userinfo response. Groups come from `groupsClaim` (a list of
 * strings, or one string; a dotted path reaches nested claims such as Keycloak's `realm_access.roles`).
 */
export function identityFromClaims(claims: Record<string, unknown>, groupsClaim: string): Identity {
  const sub = str(claims.sub) ?? "";
  const email = str(claims.email)?.toLowerCase();
  const name = str(claims.name) ?? str(claims.preferred_username) ?? email ?? sub;
  const raw = claimAt(claims, groupsClaim);
  const groups = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter((g): g is string => typeof g === "string" && g !== "");
  const verified = claims.email_verified;
  return {
    sub,
    name,
    ...(email ? { email } : {}),
    ...(verified === false || verified === "false" ? { emailVerified: false } : {}),
    groups: [...new Set(groups)],
  };
}

export type AllowDecision = { allowed: true; by: string } | { allowed: false; reason: string };

/**
 * Allowed when one of the user's groups is in CLEARANCE_ALLOWED_GROUPS (exact, case-sensitive:
 * group names are identifiers), or the domain of their e-mail address is in
 * CLEARANCE_ALLOWED_EMAIL_DOMAINS (exact, case-insensitive; subdomains are not included, and an
 * address the provider marks unverified does not count).
 */
export function isAllowed(id: Identity, cfg: Pick<OidcConfig, "allowedGroups" | "allowedEmailDomains">): AllowDecision {
  if (!id.sub) return { allowed: false, reason: "the provider sent no subject (sub) claim" };
  const group = id.groups.find((g) => cfg.allowedGroups.includes(g));
  if (group) return { allowed: true, by: `group ${group}` };
  const domain = id.email?.includes("@") ? id.email.slice(id.email.lastIndexOf("@") + 1) : undefined;
  if (domain && id.emailVerified !== false && cfg.allowedEmailDomains.includes(domain)) return { allowed: true, by: `e-mail domain ${domain}` };
  return { allowed: false, reason: "not in an allowed group or e-mail domain" };
}

/** The groups kept in the session: the allowed ones first, so the per-request re-check still finds them. */
export function sessionGroups(groups: string[], cfg: Pick<OidcConfig, "allowedGroups">): string[] {
  const allowed = groups.filter((g) => cfg.allowedGroups.includes(g));
  const rest = groups.filter((g) => !cfg.allowedGroups.includes(g));
  return [...allowed, ...rest].slice(0, MAX_SESSION_GROUPS);
}
