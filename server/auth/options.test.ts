import type { Account, Profile, User } from "next-auth";
import type { JWT } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseAuthConfig, type OidcConfig } from "./config";
import { authOptions } from "./options";

const env = {
  CLEARANCE_AUTH: "oidc",
  CLEARANCE_OIDC_ISSUER: "https://idp.example.com",
  CLEARANCE_OIDC_CLIENT_ID: "c",
  CLEARANCE_OIDC_CLIENT_SECRET: "s",
  CLEARANCE_ALLOWED_GROUPS: "sre",
  CLEARANCE_OIDC_GROUPS_CLAIM: "roles",
  NEXTAUTH_URL: "https://clearance.example.com",
  NEXTAUTH_SECRET: "a".repeat(40),
};
const cfg = parseAuthConfig(env) as OidcConfig;

afterEach(() => vi.restoreAllMocks());

function signIn(profile: Record<string, unknown>) {
  const o = authOptions(cfg);
  return o.callbacks!.signIn!({ user: { id: "x" } as User, account: null as unknown as Account, profile: profile as Profile });
}

describe("authOptions", () => {
  it("uses the discovery document, PKCE + state, and secure cookies behind https", () => {
    const o = authOptions(cfg);
    const p = o.providers[0] as unknown as Record<string, unknown>;
    expect(p.wellKnown).toBe("https://idp.example.com/.well-known/openid-configuration");
    expect(p.checks).toEqual(["pkce", "state"]);
    expect(p.idToken).toBe(true);
    expect(o.useSecureCookies).toBe(true);
    expect(o.session).toEqual({ strategy: "jwt", maxAge: 8 * 3600 });
    expect(authOptions(parseAuthConfig({ ...env, NEXTAUTH_URL: "http://localhost:3000" }) as OidcConfig).useSecureCookies).toBe(false);
  });

  it("refuses a user outside the allowlist at sign-in, sending them to /not-authorised, and audits both outcomes", async () => {
    const out = vi.spyOn(process.stdout, "write").mockReturnValue(true);
    vi.stubEnv("CLEARANCE_AUDIT_LOG", "on");
    expect(await signIn({ sub: "u1", email: "m@x.io", roles: ["dev"] })).toBe("/not-authorised");
    expect(await signIn({ sub: "u2", email: "a@x.io", roles: ["sre"] })).toBe(true);
    const lines = out.mock.calls.map((c) => JSON.parse(String(c[0])));
    expect(lines).toEqual([
      expect.objectContaining({ type: "audit", event: "signin-refused", user: "m@x.io", groups: ["dev"] }),
      expect.objectContaining({ type: "audit", event: "signin", user: "a@x.io", by: "group sre" }),
    ]);
    vi.unstubAllEnvs();
  });

  it("keeps the identity, groups from the configured claim, and what ends the session in the session token", async () => {
    const o = authOptions(cfg);
    const account = { access_token: "at", refresh_token: "rt", expires_at: 2_000_000_000, provider: "oidc", type: "oauth", providerAccountId: "u1" } as Account;
    const token = await o.callbacks!.jwt!({ token: { sub: "u1", picture: "p" } as JWT, user: { id: "u1" } as User, account, profile: { sub: "u1", name: "Ada", email: "ada@x.io", roles: ["dev", "sre"], address: "secret street" } as Profile });
    const now = Math.floor(Date.now() / 1000);
    expect(token).toEqual({
      sub: "u1",
      name: "Ada",
      email: "ada@x.io",
      groups: ["sre", "dev"],
      sid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      authTime: expect.toSatisfy((t: number) => Math.abs(t - now) < 5),
      checkedAt: token.authTime,
      accessToken: "at",
      accessExpiresAt: 2_000_000_000,
      refreshToken: "rt",
    });
    // later reads pass a session within its limits through unchanged
    expect(await o.callbacks!.jwt!({ token, user: undefined as unknown as User, account: null })).toBe(token);
  });

  it("ends a session past its absolute lifetime on the session endpoint (next-auth then clears the cookie)", async () => {
    const o = authOptions(cfg);
    const old = { sub: "u1", groups: ["sre"], sid: "s1", authTime: Math.floor(Date.now() / 1000) - 8 * 3600 - 1, checkedAt: Math.floor(Date.now() / 1000) } as JWT;
    await expect(o.callbacks!.jwt!({ token: old, user: undefined as unknown as User, account: null })).rejects.toThrow(/8-hour limit/);
  });
});
