import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { parseAuthConfig, type OidcConfig } from "./config";
import { decide } from "./decide";
import { revokeSession } from "./revoked";
import { parseCookieHeader, sessionCookieName } from "./session";

const cfg = parseAuthConfig({
  CLEARANCE_AUTH: "oidc",
  CLEARANCE_OIDC_ISSUER: "https://idp.example.com",
  CLEARANCE_OIDC_CLIENT_ID: "c",
  CLEARANCE_OIDC_CLIENT_SECRET: "s",
  CLEARANCE_ALLOWED_GROUPS: "sre",
  NEXTAUTH_URL: "https://clearance.example.com",
  NEXTAUTH_SECRET: "a".repeat(40),
}) as OidcConfig;

const now = () => Math.floor(Date.now() / 1000);
/** A session signed in `age` seconds ago, its groups confirmed `checked` seconds ago. */
const fresh = (age = 60, checked = age) => ({ sid: `s-${Math.random()}`, authTime: now() - age, checkedAt: now() - checked });

async function cookieFor(token: Record<string, unknown>, secret = cfg.secret, maxAge = 3600): Promise<Record<string, string>> {
  return { [sessionCookieName(cfg)]: await encode({ token: { ...fresh(), ...token }, secret, maxAge }) };
}

describe("decide", () => {
  it("lets everyone in as the local user without sign-in", async () => {
    expect(await decide({}, { mode: "none" })).toEqual({ ok: true, viewer: { name: "local", groups: [] } });
  });

  it("answers 401 without a session", async () => {
    expect(await decide({}, cfg)).toMatchObject({ ok: false, status: 401, code: "signin_required" });
  });

  it("returns the viewer of a valid session in an allowed group", async () => {
    const d = await decide(await cookieFor({ sub: "u1", name: "Ada", email: "ada@example.com", groups: ["sre", "dev"] }), cfg);
    expect(d).toEqual({ ok: true, viewer: { name: "Ada", sub: "u1", email: "ada@example.com", groups: ["sre", "dev"] } });
  });

  it("answers 403 when the allowlist no longer includes the user", async () => {
    const d = await decide(await cookieFor({ sub: "u1", name: "Ada", groups: ["dev"] }), cfg);
    expect(d).toMatchObject({ ok: false, status: 403, code: "not_authorised" });
  });

  it("treats a cookie sealed with another secret, an expired one, or garbage as no session", async () => {
    expect(await decide(await cookieFor({ sub: "u1", groups: ["sre"] }, "b".repeat(40)), cfg)).toMatchObject({ status: 401 });
    expect(await decide(await cookieFor({ sub: "u1", groups: ["sre"] }, cfg.secret, -60), cfg)).toMatchObject({ status: 401 });
    expect(await decide({ [sessionCookieName(cfg)]: "not-a-jwe" }, cfg)).toMatchObject({ status: 401 });
  });

  it("reads only the cookie of the configured scheme (a plain-http cookie does not count behind https)", async () => {
    const token = await encode({ token: { sub: "u1", groups: ["sre"], ...fresh() }, secret: cfg.secret });
    expect(sessionCookieName(cfg)).toBe("__Secure-next-auth.session-token");
    expect(await decide({ "next-auth.session-token": token }, cfg)).toMatchObject({ status: 401 });
  });

  it("ends a session at its absolute lifetime, however recently it was renewed, and asks for a re-check when due", async () => {
    // The cookie itself is fresh (next-auth renews it on every session read); the sign-in time is not.
    expect(await decide(await cookieFor({ sub: "u1", groups: ["sre"], ...fresh(8 * 3600 + 1, 5) }), cfg)).toMatchObject({ status: 401, code: "signin_required", message: expect.stringMatching(/8-hour limit/) });
    expect(await decide(await cookieFor({ sub: "u1", groups: ["sre"], ...fresh(3600, 601) }), cfg)).toMatchObject({ status: 401, code: "session_recheck" });
    expect(await decide(await cookieFor({ sub: "u1", groups: ["sre"], ...fresh(3600, 599) }), cfg)).toMatchObject({ ok: true });
    // A token without a sign-in time (issued before these limits) cannot prove its age.
    expect(await decide({ [sessionCookieName(cfg)]: await encode({ token: { sub: "u1", groups: ["sre"] }, secret: cfg.secret }) }, cfg)).toMatchObject({ status: 401, code: "signin_required" });
  });

  it("refuses a signed-out session's cookie", async () => {
    const t = fresh();
    const cookie = await cookieFor({ sub: "u1", groups: ["sre"], ...t });
    expect((await decide(cookie, cfg)).ok).toBe(true);
    revokeSession(t.sid, t.authTime + cfg.sessionMaxAgeSeconds);
    expect(await decide(cookie, cfg)).toMatchObject({ status: 401, code: "signin_required", message: expect.stringMatching(/signed out/) });
  });

  it("reassembles a session split over chunked cookies", async () => {
    const token = await encode({ token: { sub: "u1", groups: ["sre", ...Array.from({ length: 300 }, (_, i) => `group-${i}`)], ...fresh() }, secret: cfg.secret });
    const name = sessionCookieName(cfg);
    const half = Math.ceil(token.length / 2);
    const d = await decide({ [`${name}.0`]: token.slice(0, half), [`${name}.1`]: token.slice(half) }, cfg);
    expect(d.ok).toBe(true);
  });
});

describe("parseCookieHeader", () => {
  it("splits, trims and decodes; the first occurrence wins", () => {
    expect(parseCookieHeader("a=1; b=x%20y;c= 3 ; a=2; bad; =v")).toEqual({ a: "1", b: "x y", c: "3" });
    expect(parseCookieHeader(null)).toEqual({});
    expect(parseCookieHeader("a=%E0%A4%A")).toEqual({ a: "%E0%A4%A" });
  });
});
