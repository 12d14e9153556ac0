import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAuthConfig, type OidcConfig } from "./config";
import { revokeToken } from "./provider";
import { recheckSession, SessionEnded } from "./recheck";

/** A provider with the endpoints recheck.ts uses; accounts and tokens are edited by the tests. */
const accounts: Record<string, { email: string; groups: string[] }> = { u1: { email: "ada@x.io", groups: ["sre"] } };
const accessTokens = new Map<string, string>(); // token → sub
const refreshTokens = new Map<string, string>();
const calls: string[] = [];
let server: http.Server;
let cfg: OidcConfig;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    calls.push(`${req.method} ${req.url}`);
    const json = (code: number, body: unknown) => res.writeHead(code, { "content-type": "application/json" }).end(JSON.stringify(body));
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const form = new URLSearchParams(body);
      if (req.url === "/.well-known/openid-configuration") return json(200, { issuer: cfg.issuer, token_endpoint: `${cfg.issuer}/token`, userinfo_endpoint: `${cfg.issuer}/me`, revocation_endpoint: `${cfg.issuer}/revoke` });
      if (req.url === "/me") {
        const sub = accessTokens.get((req.headers.authorization ?? "").replace(/^Bearer /, ""));
        return sub ? json(200, { sub, ...accounts[sub] }) : json(401, { error: "invalid_token" });
      }
      if (req.headers.authorization !== `Basic ${Buffer.from("c:s").toString("base64")}`) return json(401, { error: "invalid_client" });
      if (req.url === "/token") {
        const sub = refreshTokens.get(form.get("refresh_token") ?? "");
        if (!sub) return json(400, { error: "invalid_grant" });
        const at = `at-${Math.random()}`;
        accessTokens.set(at, sub);
        return json(200, { access_token: at, expires_in: 3600, token_type: "Bearer" });
      }
      if (req.url === "/revoke") {
        accessTokens.delete(form.get("token") ?? "");
        refreshTokens.delete(form.get("token") ?? "");
        return json(200, {});
      }
      json(404, {});
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cfg = parseAuthConfig({
    CLEARANCE_AUTH: "oidc",
    CLEARANCE_OIDC_ISSUER: issuer,
    CLEARANCE_OIDC_CLIENT_ID: "c",
    CLEARANCE_OIDC_CLIENT_SECRET: "s",
    CLEARANCE_ALLOWED_GROUPS: "sre",
    NEXTAUTH_URL: "http://localhost:3000",
    NEXTAUTH_SECRET: "a".repeat(40),
  }) as OidcConfig;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const now = Math.floor(Date.now() / 1000);
function session(over: Record<string, unknown> = {}) {
  accessTokens.set("at1", "u1");
  refreshTokens.set("rt1", "u1");
  return { sub: "u1", name: "Ada", email: "ada@x.io", groups: ["sre"], sid: "s", authTime: now - 3600, checkedAt: now - 700, accessToken: "at1", accessExpiresAt: now + 600, refreshToken: "rt1", ...over };
}

describe("recheckSession", () => {
  it("confirms a user still allowed, with the groups the provider gives now", async () => {
    accounts.u1.groups = ["sre", "oncall"];
    const t = await recheckSession(session(), cfg, now);
    expect(t).toMatchObject({ groups: ["sre", "oncall"], checkedAt: now, accessToken: "at1", sid: "s", authTime: now - 3600 });
  });

  it("ends the session of a user removed from the allowed group", async () => {
    accounts.u1.groups = ["interns"];
    await expect(recheckSession(session(), cfg, now)).rejects.toThrow(/no longer allowed/);
    accounts.u1.groups = ["sre"];
  });

  it("refreshes an expired access token first", async () => {
    const t = await recheckSession(session({ accessExpiresAt: now - 10 }), cfg, now);
    expect(t.accessToken).toMatch(/^at-/);
    expect(t.accessExpiresAt).toBe(now + 3600);
    expect(calls.filter((c) => c === "POST /token").length).toBeGreaterThan(0);
  });

  it("ends a session whose tokens were revoked at the provider (sign-out elsewhere)", async () => {
    const s = session();
    expect(await revokeToken(cfg, "rt1", "refresh_token")).toBe(true);
    expect(await revokeToken(cfg, "at1", "access_token")).toBe(true);
    const e = await recheckSession(s, cfg, now).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SessionEnded);
    expect((e as Error).message).toMatch(/no longer accepts the session/);
  });

  it("ends a session the provider cannot confirm", async () => {
    await expect(recheckSession(session({ accessToken: undefined, refreshToken: undefined }), cfg, now)).rejects.toThrow(/no refresh token/);
  });
});
