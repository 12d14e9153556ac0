import { describe, expect, it } from "vitest";
import { compactCount } from "./format";

describe("compactCount", () => {
  it("keeps small counts and shortens the ones that overflow a box (23214 did)", () => {
    expect([0, 9999, 23214, 123456, 2_345_678].map(compactCount)).toEqual(["0", "9999", "23.2k", "123k", "2.3M"]);
    expect(Math.max(...[9999, 23214, 99_999, 999_999, 9_999_999].map((n) => compactCount(n).length))).toBeLessThanOrEqual(5);
  });
});
