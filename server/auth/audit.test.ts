import { describe, expect, it } from "vitest";
import { PEER_HEADER, requestSource, trustedProxies } from "./audit";

const h = (o: Record<string, string>) => new Headers(o);

describe("requestSource", () => {
  it("is the socket's address; a client's own X-Forwarded-For is never believed", () => {
    expect(requestSource(h({ [PEER_HEADER]: "203.0.113.5", "x-forwarded-for": "10.9.9.9" }), [])).toBe("203.0.113.5");
    expect(requestSource(h({ [PEER_HEADER]: "::ffff:127.0.0.1", "x-forwarded-for": "1.2.3.4" }), [])).toBe("127.0.0.1");
    expect(requestSource(h({ "x-forwarded-for": "1.2.3.4" }), [])).toBe("unknown");
  });

  it("reads X-Forwarded-For from the right past trusted proxies, when the socket is one", () => {
    const proxies = trustedProxies({ CLEARANCE_TRUSTED_PROXIES: "10.0.0.0/8, 192.0.2.1" });
    expect(proxies).toEqual(["10.0.0.0/8", "192.0.2.1"]);
    // client → CDN (192.0.2.1) → ingress (10.1.2.3) → Clearance; the client forged a first entry.
    expect(requestSource(h({ [PEER_HEADER]: "10.1.2.3", "x-forwarded-for": "6.6.6.6, 198.51.100.7, 192.0.2.1" }), proxies)).toBe("198.51.100.7");
    expect(requestSource(h({ [PEER_HEADER]: "10.1.2.3" }), proxies)).toBe("10.1.2.3");
    expect(requestSource(h({ [PEER_HEADER]: "10.1.2.3", "x-forwarded-for": "10.4.4.4" }), proxies)).toBe("10.4.4.4");
    // an untrusted peer claiming to forward for someone is itself the source
    expect(requestSource(h({ [PEER_HEADER]: "203.0.113.5", "x-forwarded-for": "198.51.100.7" }), proxies)).toBe("203.0.113.5");
  });
});
