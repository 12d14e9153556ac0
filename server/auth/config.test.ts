import { describe, expect, it } from "vitest";
import { AuthConfigError, authConfig, parseAuthConfig } from "./config";

const OIDC = {
  CLEARANCE_AUTH: "oidc",
  CLEARANCE_OIDC_ISSUER: "https://login.example.com/realms/acme/",
  CLEARANCE_OIDC_CLIENT_ID: "clearance",
  CLEARANCE_OIDC_CLIENT_SECRET: "s3cret",
  CLEARANCE_ALLOWED_GROUPS: " sre, platform-security ,,",
  NEXTAUTH_URL: "https://clearance.example.com/",
  NEXTAUTH_SECRET: "x".repeat(32),
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    parseAuthConfig(env);
  } catch (e) {
    if (e instanceof AuthConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe("parseAuthConfig", () => {
  it("defaults to none", () => {
    expect(parseAuthConfig({})).toEqual({ mode: "none" });
    expect(parseAuthConfig({ CLEARANCE_AUTH: " NONE " })).toEqual({ mode: "none" });
  });

  it("reads a complete oidc configuration with its defaults", () => {
    const c = parseAuthConfig(OIDC);
    expect(c).toEqual({
      mode: "oidc",
      issuer: "https://login.example.com/realms/acme",
      clientId: "clearance",
      clientSecret: "s3cret",
      providerName: "single sign-on",
      scopes: "openid email profile",
      groupsClaim: "groups",
      allowedGroups: ["sre", "platform-security"],
      allowedEmailDomains: [],
      url: "https://clearance.example.com",
      secret: "x".repeat(32),
      secureCookies: true,
      sessionMaxAgeSeconds: 8 * 3600,
      recheckSeconds: 600,
    });
  });

  it("normalizes e-mail domains and takes the optional settings", () => {
    const c = parseAuthConfig({
      ...OIDC,
      CLEARANCE_ALLOWED_GROUPS: "",
      CLEARANCE_ALLOWED_EMAIL_DOMAINS: "@Example.COM, partner.example",
      CLEARANCE_OIDC_NAME: "Okta",
      CLEARANCE_OIDC_SCOPES: "openid  email groups",
      CLEARANCE_OIDC_GROUPS_CLAIM: "realm_access.roles",
      CLEARANCE_SESSION_HOURS: "1.5",
    });
    expect(c.mode === "oidc" && [c.allowedGroups, c.allowedEmailDomains, c.providerName, c.scopes, c.groupsClaim, c.sessionMaxAgeSeconds]).toEqual([
      [],
      ["example.com", "partner.example"],
      "Okta",
      "openid email groups",
      "realm_access.roles",
      5400,
    ]);
  });

  it("uses secure cookies only behind https", () => {
    const c = parseAuthConfig({ ...OIDC, NEXTAUTH_URL: "http://127.0.0.1:3000" });
    expect(c.mode === "oidc" && c.secureCookies).toBe(false);
  });

  it("lists every problem at once", () => {
    expect(problems({ CLEARANCE_AUTH: "oidc" })).toEqual([
      expect.stringMatching(/^CLEARANCE_OIDC_ISSUER: required/),
      expect.stringMatching(/^CLEARANCE_OIDC_CLIENT_ID: required/),
      expect.stringMatching(/^CLEARANCE_OIDC_CLIENT_SECRET: required/),
      expect.stringMatching(/^NEXTAUTH_URL: required/),
      expect.stringMatching(/^NEXTAUTH_SECRET: required/),
      expect.stringMatching(/^CLEARANCE_ALLOWED_GROUPS or CLEARANCE_ALLOWED_EMAIL_DOMAINS/),
    ]);
  });

  it.each([
    ["plain http to a remote issuer", { CLEARANCE_OIDC_ISSUER: "http://login.example.com" }, "CLEARANCE_OIDC_ISSUER: must be https://"],
    ["plain http for the dashboard itself", { NEXTAUTH_URL: "http://clearance.example.com" }, "NEXTAUTH_URL: must be https://"],
    ["a non-URL issuer", { CLEARANCE_OIDC_ISSUER: "login.example.com" }, "CLEARANCE_OIDC_ISSUER: not a URL"],
    ["a short secret", { NEXTAUTH_SECRET: "short" }, "NEXTAUTH_SECRET: too short"],
    ["scopes without openid", { CLEARANCE_OIDC_SCOPES: "email profile" }, "CLEARANCE_OIDC_SCOPES: must include openid"],
    ["an empty allowlist", { CLEARANCE_ALLOWED_GROUPS: " , " }, "CLEARANCE_ALLOWED_GROUPS or CLEARANCE_ALLOWED_EMAIL_DOMAINS"],
    ["a bad session length", { CLEARANCE_SESSION_HOURS: "forever" }, "CLEARANCE_SESSION_HOURS: not a number"],
  ])("refuses %s", (_what, patch, message) => {
    expect(problems({ ...OIDC, ...patch }).join("\n")).toContain(message);
  });

  it("allows plain http to loopback (a provider on this machine, the tests)", () => {
    expect(problems({ ...OIDC, CLEARANCE_OIDC_ISSUER: "http://127.0.0.1:9000", NEXTAUTH_URL: "http://localhost:3000" })).toEqual([]);
  });

  it("refuses an unknown mode, and OIDC settings without CLEARANCE_AUTH=oidc", () => {
    expect(problems({ CLEARANCE_AUTH: "basic" })[0]).toContain('"basic" is not a mode');
    expect(problems({ CLEARANCE_OIDC_ISSUER: "https://login.example.com" })[0]).toContain("CLEARANCE_OIDC_ISSUER is set but CLEARANCE_AUTH is not \"oidc\"");
  });

  it("authConfig re-reads when the environment changes", () => {
    expect(authConfig({}).mode).toBe("none");
    expect(authConfig(OIDC).mode).toBe("oidc");
    expect(() => authConfig({ CLEARANCE_AUTH: "oidc" })).toThrow(AuthConfigError);
  });
});
