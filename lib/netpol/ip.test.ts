import { describe, expect, it } from "vitest";
import { blockContains, blockIntervals4, cidrContains, disjointBlocks, formatRange4, ipv4ToNumber, ipv6ToBigInt, numberToIPv4 } from "./ip";

describe("ip", () => {
  it("converts IPv4 both ways", () => {
    expect(ipv4ToNumber("10.0.0.1")).toBe(167772161);
    expect(numberToIPv4(4294967295)).toBe("255.255.255.255");
  });

  it("parses IPv6 forms", () => {
    expect(ipv6ToBigInt("::1")).toBe(1n);
    expect(ipv6ToBigInt("2001:db8::")).toBe(0x20010db8n << 96n);
    expect(ipv6ToBigInt("::ffff:1.2.3.4")).toBe((0xffffn << 32n) | 0x01020304n);
    expect(ipv6ToBigInt("1:2:3:4:5:6:7:8")).toBe(0x00010002000300040005000600070008n);
  });

  it("matches ipBlock with except, per family", () => {
    const b = { cidr: "10.0.0.0/8", except: ["10.1.0.0/16"] };
    expect(blockContains(b, "10.2.3.4")).toBe(true);
    expect(blockContains(b, "10.1.3.4")).toBe(false);
    expect(blockContains(b, "11.0.0.1")).toBe(false);
    expect(cidrContains("2001:db8::/32", "2001:db8:1::5")).toBe(true);
    expect(cidrContains("2001:db8::/32", "10.0.0.1")).toBe(false);
    expect(cidrContains("0.0.0.0/0", "203.0.113.9")).toBe(true);
    expect(cidrContains("10.0.0.5/8", "10.200.0.1")).toBe(true);
  });

  it("splits the address space into the disjoint blocks netpol-analyzer prints", () => {
    const blocks = disjointBlocks([blockIntervals4({ cidr: "10.0.0.0/8", except: ["10.11.0.0/16"] })]).map(([lo, hi]) => formatRange4(lo, hi));
    expect(blocks).toEqual(["0.0.0.0-9.255.255.255", "10.0.0.0-10.10.255.255", "10.11.0.0-10.11.255.255", "10.12.0.0-10.255.255.255", "11.0.0.0-255.255.255.255"]);
    expect(disjointBlocks([]).map(([lo, hi]) => formatRange4(lo, hi))).toEqual(["0.0.0.0-255.255.255.255"]);
    expect(formatRange4(1, 1)).toBe("0.0.0.1-0.0.0.1");
  });
});
