import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { containsValue, formatIntervals, fromRanges, intersect, isSubset, range, size, subtract, union, type Intervals } from "./intervals";

const DOMAIN = 40;
const arbSet = fc.array(fc.tuple(fc.integer({ min: 0, max: DOMAIN }), fc.integer({ min: 0, max: 6 })), { maxLength: 5 }).map((rs) => fromRanges(rs.map(([lo, len]) => [lo, lo + len] as const)));

function members(a: Intervals): Set<number> {
  const s = new Set<number>();
  for (let x = 0; x <= DOMAIN + 10; x++) if (containsValue(a, x)) s.add(x);
  return s;
}

function canonical(a: Intervals): boolean {
  for (let i = 0; i < a.length; i += 2) {
    if (a[i] > a[i + 1]) return false;
    if (i > 0 && a[i] <= a[i - 1] + 1) return false;
  }
  return true;
}

describe("intervals", () => {
  it("merges overlapping and adjacent ranges", () => {
    expect(fromRanges([[5, 7], [1, 2], [3, 4], [10, 12], [11, 20]])).toEqual([1, 7, 10, 20]);
    expect(range(3, 2)).toEqual([]);
  });

  it("subtracts holes in the middle and at the edges", () => {
    expect(subtract(range(1, 65535), range(80, 80))).toEqual([1, 79, 81, 65535]);
    expect(subtract(range(1, 10), fromRanges([[1, 2], [9, 12]]))).toEqual([3, 8]);
    expect(subtract(range(1, 10), range(0, 20))).toEqual([]);
  });

  it("formats like netpol-analyzer", () => {
    expect(formatIntervals([1, 79, 81, 65535])).toBe("1-79,81-65535");
    expect(formatIntervals([8080, 8080, 9000, 9001])).toBe("8080,9000-9001");
  });

  it("union, intersect and subtract agree with sets of integers", () => {
    fc.assert(
      fc.property(arbSet, arbSet, (a, b) => {
        const A = members(a);
        const B = members(b);
        const u = union(a, b);
        const i = intersect(a, b);
        const d = subtract(a, b);
        expect(canonical(u) && canonical(i) && canonical(d)).toBe(true);
        expect(members(u)).toEqual(new Set([...A, ...B]));
        expect(members(i)).toEqual(new Set([...A].filter((x) => B.has(x))));
        expect(members(d)).toEqual(new Set([...A].filter((x) => !B.has(x))));
        expect(isSubset(i, a)).toBe(true);
        expect(size(u)).toBe(new Set([...A, ...B]).size);
      }),
    );
  });
});
