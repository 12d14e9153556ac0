import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { identityFromClaims, isAllowed, MAX_SESSION_GROUPS, sessionGroups } from "./allow";

const cfg = { allowedGroups: ["sre", "Platform-Security"], allowedEmailDomains: ["example.com"] };

describe("identityFromClaims", () => {
  it("takes sub, name, e-mail and groups", () => {
    expect(identityFromClaims({ sub: "u1", name: "Ada", email: "Ada@Example.com", email_verified: true, groups: ["sre", 7, "", "sre", "dev"] }, "groups")).toEqual({
      sub: "u1",
      name: "Ada",
      email: "ada@example.com",
      groups: ["sre", "dev"],
    });
  });

  it("falls back to preferred_username, then e-mail, then sub for the name", () => {
    expect(identityFromClaims({ sub: "u1", preferred_username: "ada" }, "groups").name).toBe("ada");
    expect(identityFromClaims({ sub: "u1", email: "a@x.io" }, "groups").name).toBe("a@x.io");
    expect(identityFromClaims({ sub: "u1" }, "groups").name).toBe("u1");
  });

  it("reads a nested or single-valued groups claim", () => {
    expect(identityFromClaims({ sub: "u", realm_access: { roles: ["sre"] } }, "realm_access.roles").groups).toEqual(["sre"]);
    expect(identityFromClaims({ sub: "u", "https://example.com/groups": ["sre"] }, "https://example.com/groups").groups).toEqual(["sre"]);
    expect(identityFromClaims({ sub: "u", role: "sre" }, "role").groups).toEqual(["sre"]);
    expect(identityFromClaims({ sub: "u" }, "groups").groups).toEqual([]);
  });

  it("records an unverified e-mail address", () => {
    expect(identityFromClaims({ sub: "u", email: "a@example.com", email_verified: false }, "groups").emailVerified).toBe(false);
    expect(identityFromClaims({ sub: "u", email: "a@example.com", email_verified: "false" }, "groups").emailVerified).toBe(false);
  });
});

describe("isAllowed", () => {
  const id = (over: object) => ({ sub: "u", name: "n", groups: [] as string[], ...over });

  it("allows a member of an allowed group (exact, case-sensitive)", () => {
    expect(isAllowed(id({ groups: ["dev", "sre"] }), cfg)).toEqual({ allowed: true, by: "group sre" });
    expect(isAllowed(id({ groups: ["SRE", "platform-security"] }), cfg).allowed).toBe(false);
  });

  it("allows an address in an allowed domain, not its subdomains or look-alikes", () => {
    expect(isAllowed(id({ email: "a@example.com" }), cfg)).toEqual({ allowed: true, by: "e-mail domain example.com" });
    for (const email of ["a@eu.example.com", "a@example.com.evil.io", "a@notexample.com", "example.com@evil.io", "a"]) {
      expect(isAllowed(id({ email }), cfg).allowed, email).toBe(false);
    }
  });

  it("ignores an address the provider says is unverified", () => {
    expect(isAllowed(id({ email: "a@example.com", emailVerified: false }), cfg).allowed).toBe(false);
  });

  it("refuses an identity without a subject", () => {
    expect(isAllowed(id({ sub: "", groups: ["sre"] }), cfg).allowed).toBe(false);
  });

  it("is exactly: some group allowed, or a verified address in an allowed domain", () => {
    const word = fc.constantFrom("sre", "dev", "Platform-Security", "platform-security", "ops");
    fc.assert(
      fc.property(fc.array(word), fc.option(fc.constantFrom("a@example.com", "b@other.org", "c@sub.example.com"), { nil: undefined }), fc.boolean(), (groups, email, unverified) => {
        const d = isAllowed(id({ groups, email, ...(unverified ? { emailVerified: false } : {}) }), cfg);
        const expected = groups.some((g) => cfg.allowedGroups.includes(g)) || (email === "a@example.com" && !unverified);
        expect(d.allowed).toBe(expected);
      }),
    );
  });
});

describe("sessionGroups", () => {
  it("keeps the allowed groups first when cutting a long list", () => {
    const many = Array.from({ length: 500 }, (_, i) => `g${i}`);
    const kept = sessionGroups([...many, "sre"], cfg);
    expect(kept).toHaveLength(MAX_SESSION_GROUPS);
    expect(kept[0]).toBe("sre");
    expect(isAllowed({ sub: "u", name: "n", groups: kept }, cfg).allowed).toBe(true);
  });
});
