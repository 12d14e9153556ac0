import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALL, ConnSet, NONE, PROTOCOLS, parseConnSet } from "./connset";
import { fromRanges } from "./intervals";

describe("ConnSet", () => {
  it("formats like netpol-analyzer, protocols in alphabetical order", () => {
    const c = ConnSet.port("UDP", 5353).union(ConnSet.port("TCP", 8080)).union(ConnSet.port("SCTP", 9003));
    expect(c.toString()).toBe("SCTP 9003,TCP 8080,UDP 5353");
    expect(ConnSet.protocol("TCP").subtract(ConnSet.port("TCP", 80)).toString()).toBe("TCP 1-79,81-65535");
    expect(ALL.toString()).toBe("All Connections");
    expect(ConnSet.protocol("TCP").union(ConnSet.protocol("UDP")).toString()).toBe("TCP 1-65535,UDP 1-65535");
  });

  it("canonicalizes to the shared ALL and NONE", () => {
    const all = ConnSet.protocol("TCP").union(ConnSet.protocol("UDP")).union(ConnSet.protocol("SCTP"));
    expect(all).toBe(ALL);
    expect(ConnSet.port("TCP", 80).subtract(ConnSet.port("TCP", 80))).toBe(NONE);
    expect(ALL.subtract(ConnSet.port("TCP", 1, 65535)).toString()).toBe("SCTP 1-65535,UDP 1-65535");
  });

  it("parses its own output back", () => {
    for (const text of ["All Connections", "TCP 80", "SCTP 9003,TCP 8080,UDP 5353", "TCP 1-79,81-65535", "TCP 10053-10054,UDP 10053"]) {
      expect(parseConnSet(text).toString()).toBe(text);
    }
  });

  const arbConn = fc
    .array(fc.tuple(fc.constantFrom(...PROTOCOLS), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 5 })), { maxLength: 6 })
    .map((xs) => xs.reduce((acc, [p, lo, len]) => acc.union(ConnSet.ports(p, fromRanges([[lo, lo + len]]))), NONE));

  it("set algebra holds (De Morgan, absorption, round-trip)", () => {
    fc.assert(
      fc.property(arbConn, arbConn, (a, b) => {
        expect(a.union(b).equals(b.union(a))).toBe(true);
        expect(a.intersect(b).isSubsetOf(a)).toBe(true);
        expect(ALL.subtract(a.union(b)).equals(ALL.subtract(a).intersect(ALL.subtract(b)))).toBe(true);
        expect(a.subtract(b).union(a.intersect(b)).equals(a)).toBe(true);
        expect(parseConnSet(a.toString()).equals(a)).toBe(true);
        expect(a.key === b.key).toBe(a.equals(b));
      }),
    );
  });
});
