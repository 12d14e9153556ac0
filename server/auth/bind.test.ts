import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { bindAddresses, hostOf, isLoopbackAddress, listeningAddresses, requestedHost } from "./bind";
import { checkStartup } from "./startup";

describe("isLoopbackAddress", () => {
  it.each(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "localhost", "LOCALHOST", "::ffff:127.0.0.1"])("%s is loopback", (h) => {
    expect(isLoopbackAddress(h)).toBe(true);
  });
  it.each(["0.0.0.0", "::", "[::]", "10.0.0.5", "192.168.1.2", "128.0.0.1", "::ffff:10.0.0.1", "my-host", "localhost.evil.io", "127.0.0.1.nip.io", ""])("%s is not", (h) => {
    expect(isLoopbackAddress(h)).toBe(false);
  });
});

describe("hostOf", () => {
  it("strips the port", () => {
    expect(hostOf("127.0.0.1:3000")).toBe("127.0.0.1");
    expect(hostOf("[::1]:3000")).toBe("::1");
    expect(hostOf("[::]:3000")).toBe("::");
    expect(hostOf("localhost")).toBe("localhost");
    expect(hostOf("[::1]")).toBe("[::1]");
  });
});

describe("requestedHost", () => {
  it("reads next start's -H / --hostname in every spelling", () => {
    expect(requestedHost(["node", "next", "start", "-H", "0.0.0.0"], {})).toBe("0.0.0.0");
    expect(requestedHost(["node", "next", "start", "--hostname", "::"], {})).toBe("::");
    expect(requestedHost(["node", "next", "start", "--hostname=127.0.0.1"], {})).toBe("127.0.0.1");
    expect(requestedHost(["node", "next", "start", "-H127.0.0.1"], {})).toBe("127.0.0.1");
    expect(requestedHost(["node", "next", "start", "-p", "3000"], {})).toBeUndefined();
  });
  it("reads HOSTNAME for the standalone server.js, which defaults to every interface", () => {
    expect(requestedHost(["node", "/app/server.js"], { HOSTNAME: "127.0.0.1" })).toBe("127.0.0.1");
    expect(requestedHost(["node", "/app/server.js"], {})).toBe("0.0.0.0");
    expect(requestedHost(["node", "next", "start"], { HOSTNAME: "pod-123" })).toBeUndefined();
  });
});

async function listen(host?: string): Promise<http.Server> {
  const s = http.createServer();
  await new Promise<void>((r) => (host ? s.listen(0, host, r) : s.listen(0, r)));
  return s;
}

describe("the listening sockets decide", () => {
  it("sees a loopback server and an all-interfaces server in this process", async () => {
    const lo = await listen("127.0.0.1");
    const all = await listen();
    try {
      const found = listeningAddresses();
      expect(found).toContain(`127.0.0.1:${(lo.address() as AddressInfo).port}`);
      expect(found.some((a) => a.endsWith(`:${(all.address() as AddressInfo).port}`) && !isLoopbackAddress(hostOf(a)))).toBe(true);
    } finally {
      lo.close();
      all.close();
    }
  });

  it("prefers sockets over arguments, arguments over the default", async () => {
    const lo = await listen("127.0.0.1");
    try {
      expect(bindAddresses(["node", "next", "start", "-H", "0.0.0.0"], {}, [lo])).toEqual({ addresses: [`127.0.0.1:${(lo.address() as AddressInfo).port}`], from: "sockets" });
    } finally {
      lo.close();
    }
    expect(bindAddresses(["node", "next", "start", "-H", "::1"], {}, [])).toEqual({ addresses: ["::1"], from: "arguments" });
    expect(bindAddresses(["node", "next", "start"], {}, [])).toEqual({ addresses: ["0.0.0.0"], from: "default" });
  });
});

describe("checkStartup", () => {
  it("accepts none on loopback", () => {
    expect(checkStartup({}, ["127.0.0.1:3000", "[::1]:3000"]).ok).toBe(true);
  });
  it.each([["0.0.0.0:3000"], ["[::]:3000"], ["10.1.2.3:3000"], ["127.0.0.1:3000", "192.168.0.4:3000"]])("refuses none on %s, saying how to configure sign-in", (...addresses) => {
    const v = checkStartup({ CLEARANCE_AUTH: "none" }, addresses);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.message).toContain("Clearance refuses to start: sign-in is off (CLEARANCE_AUTH=none)");
    expect(v.message).toContain(addresses.find((a) => !a.startsWith("127."))!);
    expect(v.message).toContain("CLEARANCE_AUTH=oidc");
    expect(v.message).toContain("next start -H 127.0.0.1");
  });
  it("accepts oidc on any address, and refuses a broken oidc configuration even on loopback", () => {
    const oidc = {
      CLEARANCE_AUTH: "oidc",
      CLEARANCE_OIDC_ISSUER: "https://idp.example.com",
      CLEARANCE_OIDC_CLIENT_ID: "c",
      CLEARANCE_OIDC_CLIENT_SECRET: "s",
      CLEARANCE_ALLOWED_EMAIL_DOMAINS: "example.com",
      NEXTAUTH_URL: "https://clearance.example.com",
      NEXTAUTH_SECRET: "y".repeat(40),
    };
    const ok = checkStartup(oidc, ["0.0.0.0:3000"]);
    expect(ok.ok && ok.summary).toBe("sign-in with OpenID Connect (https://idp.example.com), allowed: e-mail domains example.com");
    const broken = checkStartup({ ...oidc, NEXTAUTH_SECRET: "" }, ["127.0.0.1:3000"]);
    expect(!broken.ok && broken.message).toContain("NEXTAUTH_SECRET: required");
  });
});
