import { describe, expect, it } from "vitest";
import { API_CSP, newNonce, pageCsp } from "./csp";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));

describe("pageCsp", () => {
  it("allows scripts only by nonce, never inline or eval in production", () => {
    const csp = pageCsp({ nonce: "abc" });
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });
  it("adds eval only for next dev, and upgrades requests behind https", () => {
    expect(directive(pageCsp({ nonce: "n", dev: true }), "script-src")).toContain("'unsafe-eval'");
    expect(pageCsp({ nonce: "n", https: true })).toContain("upgrade-insecure-requests");
  });
  it("locks API answers down completely", () => {
    expect(API_CSP).toContain("default-src 'none'");
    expect(API_CSP).toContain("frame-ancestors 'none'");
  });
});

describe("newNonce", () => {
  it("is 128 random bits, different every time", () => {
    const seen = new Set(Array.from({ length: 200 }, newNonce));
    expect(seen.size).toBe(200);
    for (const n of seen) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });
});
