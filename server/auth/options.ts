import "server-only";
/**
 * next-auth (v4) configuration for `CLEARANCE_AUTH=oidc`: one OpenID Connect provider found through
 * its discovery document, PKCE + state, the ID token verified, and userinfo merged in (many
 * providers put groups only there). Sessions are encrypted JWTs in a cookie (no database). Users
 * outside the allowlist are sent to /not-authorised and get no session.
 */
import type { AuthOptions } from "next-auth";
import { identityFromClaims, isAllowed, sessionGroups } from "./allow";
import { audit } from "./audit";
import type { OidcConfig } from "./config";

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
      async jwt({ token, profile }) {
        if (profile) {
          const id = identityFromClaims(profile as Claims, cfg.groupsClaim);
          return {
            sub: id.sub,
            name: id.name,
            ...(id.email ? { email: id.email } : {}),
            ...(id.emailVerified === false ? { emailVerified: false } : {}),
            groups: sessionGroups(id.groups, cfg),
          };
        }
        return token;
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
