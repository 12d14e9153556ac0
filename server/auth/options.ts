import "server-only";
/**
 * next-auth (v4) configuration for `CLEARANCE_AUTH=oidc`: one OpenID Connect provider found through
 * its discovery document, PKCE + state, the ID token verified, and userinfo merged in (many
 * providers put groups only there). Sessions are encrypted JWTs in a cookie (no database) that end
 * (lifetime.ts): an absolute lifetime from sign-in, a re-check of the groups at the provider at a
 * bounded interval (recheck.ts, on the session endpoint), and sign-out revoking the session and the
 * provider's tokens. Users outside the allowlist are sent to /not-authorised and get no session.
 */
import { randomUUID } from "node:crypto";
import type { AuthOptions } from "next-auth";
import { identityFromClaims, isAllowed, sessionGroups } from "./allow";
import { audit } from "./audit";
import type { OidcConfig } from "./config";
import { sessionVerdict } from "./lifetime";
import { revokeToken } from "./provider";
import { recheckSession } from "./recheck";
import { isRevoked, revokeSession } from "./revoked";

/** The provider id: the redirect URI to register is `<NEXTAUTH_URL>/api/auth/callback/oidc`. */
export const PROVIDER_ID = "oidc";

type Claims = Record<string, unknown>;

function who(id: { email?: string; name?: string; sub?: string }): string {
  return id.email ?? id.name ?? id.sub ?? "unknown";
}

export function authOptions(cfg: OidcConfig): AuthOptions {
  return {
    secret: cfg.secret,
    useSecureCookies: cfg.secureCookies,
    session: { strategy: "jwt", maxAge: cfg.sessionMaxAgeSeconds },
    jwt: { maxAge: cfg.sessionMaxAgeSeconds },
    pages: { signIn: "/signin", error: "/signin", signOut: "/signin" },
    providers: [
      {
        id: PROVIDER_ID,
        name: cfg.providerName,
        type: "oauth",
        wellKnown: `${cfg.issuer}/.well-known/openid-configuration`,
        clientId: cfg.clientId,
        clientSecret: cfg.clientSecret,
        authorization: { params: { scope: cfg.scopes } },
        checks: ["pkce", "state"],
        idToken: true,
        httpOptions: { timeout: 10_000 },
        userinfo: {
          // The verified ID token's claims, completed by the userinfo endpoint when the provider has one.
          async request({ tokens, client }) {
            // At run time `tokens` is openid-client's TokenSet (next-auth types it as plain parameters).
            const set = tokens as unknown as { claims(): Claims; access_token?: string };
            const claims = set.claims();
            if (!set.access_token || !client.issuer.metadata.userinfo_endpoint) return claims;
            // Passing the TokenSet makes openid-client check that userinfo's `sub` is the ID token's.
            const info = (await client.userinfo(set as never)) as Claims;
            return { ...claims, ...info, sub: claims.sub };
          },
        },
        profile(profile: Claims) {
          const id = identityFromClaims(profile, cfg.groupsClaim);
          return { id: id.sub, name: id.name, email: id.email ?? null };
        },
      },
    ],
    callbacks: {
      async signIn({ profile }) {
        const id = identityFromClaims((profile ?? {}) as Claims, cfg.groupsClaim);
        const decision = isAllowed(id, cfg);
        if (!decision.allowed) {
          audit({ event: "signin-refused", user: who(id), sub: id.sub, groups: id.groups, reason: decision.reason });
          return "/not-authorised";
        }
        audit({ event: "signin", user: who(id), sub: id.sub, groups: id.groups, by: decision.by });
        return true;
      },
      async jwt({ token, profile, account }) {
        const now = Math.floor(Date.now() / 1000);
        if (profile) {
          const id = identityFromClaims(profile as Claims, cfg.groupsClaim);
          return {
            sub: id.sub,
            name: id.name,
            ...(id.email ? { email: id.email } : {}),
            ...(id.emailVerified === false ? { emailVerified: false } : {}),
            groups: sessionGroups(id.groups, cfg),
            sid: randomUUID(),
            authTime: now,
            checkedAt: now,
            // Kept (encrypted in the cookie) only to re-check the groups and to revoke at sign-out.
            ...(account?.access_token ? { accessToken: account.access_token } : {}),
            ...(typeof account?.expires_at === "number" ? { accessExpiresAt: account.expires_at } : {}),
            ...(account?.refresh_token ? { refreshToken: account.refresh_token } : {}),
          };
        }
        // Reading the session (GET /api/auth/session): an ended session throws, and next-auth clears its
        // cookie; one due for a re-check is confirmed at the provider, or throws the same way.
        const verdict = sessionVerdict(token, cfg, now, isRevoked);
        if (verdict.state === "ended") throw new Error(verdict.reason);
        if (verdict.state === "valid") return token;
        try {
          return await recheckSession(token, cfg, now);
        } catch (e) {
          audit({ event: "session-ended", user: who({ email: token.email ?? undefined, name: token.name ?? undefined, sub: token.sub }), reason: (e as Error).message });
          throw e;
        }
      },
      async session({ session, token }) {
        return {
          expires: session.expires,
          user: { name: token.name ?? null, email: token.email ?? null, groups: Array.isArray(token.groups) ? token.groups : [] },
        } as typeof session;
      },
    },
    events: {
      async signOut({ token }) {
        audit({ event: "signout", user: token ? who({ email: token.email ?? undefined, name: token.name ?? undefined, sub: token.sub }) : null });
        if (!token) return;
        // This cookie is refused from now on, here; the provider's tokens are revoked so that any other
        // replica refuses it at its next re-check.
        if (typeof token.sid === "string") revokeSession(token.sid, (typeof token.authTime === "number" ? token.authTime : 0) + cfg.sessionMaxAgeSeconds);
        if (typeof token.refreshToken === "string") await revokeToken(cfg, token.refreshToken, "refresh_token");
        if (typeof token.accessToken === "string") await revokeToken(cfg, token.accessToken, "access_token");
      },
    },
    logger: {
      // The code and the error's message only: metadata can carry tokens and claims.
      error: (code, meta) => {
        const err = meta instanceof Error ? meta : (meta as { error?: unknown } | undefined)?.error;
        process.stderr.write(`${JSON.stringify({ type: "auth-error", ts: new Date().toISOString(), code, message: err instanceof Error ? err.message : undefined })}\n`);
      },
      warn: () => {},
      debug: () => {},
    },
  };
}
