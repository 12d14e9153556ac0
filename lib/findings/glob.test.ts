import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { globMatch } from "./glob";

/** The reference: the regular expression the exceptions file used to compile. */
function byRegex(pattern: string, value: string): boolean {
  return new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "s").test(value);
}

describe("globMatch", () => {
  it.each([
    ["R06", "R06", true],
    ["R0*", "R06", true],
    ["*", "", true],
    ["*-canary", "web-canary", true],
    ["*-canary", "web-canary-2", false],
    ["payments-*-db", "payments--db", true],
    ["a*a*a", "aa", false],
    ["a*a*a", "aaa", true],
    ["*.*", "deployments.apps", true],
    ["x", "", false],
  ])("%s against %s → %s", (p, v, want) => {
    expect(globMatch(p, v)).toBe(want);
  });

  it("agrees with the regular expression on any pattern and value (property)", () => {
    const chars = fc.constantFrom("a", "b", "-", "*", ".", "\n");
    fc.assert(
      fc.property(fc.string({ unit: chars, maxLength: 8 }), fc.string({ unit: fc.constantFrom("a", "b", "-", ".", "\n"), maxLength: 12 }), (p, v) => {
        expect(globMatch(p, v)).toBe(byRegex(p, v));
      }),
      { numRuns: 3000 },
    );
  });

  it("takes linear time where the regular expression backtracks", () => {
    const name = `${"a-".repeat(50_000)}x`;
    const t = Date.now();
    expect(globMatch("*-*-*-*-*-*-canary", name)).toBe(false);
    expect(globMatch("*a*a*a*a*a*a*a*b*", "a".repeat(200_000))).toBe(false);
    expect(Date.now() - t).toBeLessThan(200);
  });
});
