import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NAME_ALPHABET, Rng, distribute, hash128 } from "./random";

describe("Rng", () => {
  it("is a pure function of (seed, key)", () => {
    const a = Rng.for(1, "Pod", "ns", "p");
    const b = Rng.for(1, "Pod", "ns", "p");
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(Array.from({ length: 20 }, () => b.next()));
  });
  it("differs between seeds and between keys", () => {
    const first = (r: Rng) => [r.next(), r.next(), r.next()];
    expect(first(Rng.for(1, "a"))).not.toEqual(first(Rng.for(2, "a")));
    expect(first(Rng.for(1, "a", "bc"))).not.toEqual(first(Rng.for(1, "ab", "c")));
  });
  it("int stays within bounds and floats within [0, 1)", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.nat(1000), (seed, min, span) => {
        const r = Rng.for(seed, "t");
        for (let i = 0; i < 20; i++) {
          const n = r.int(min, min + span);
          const f = r.next();
          if (n < min || n > min + span || !Number.isInteger(n) || f < 0 || f >= 1) return false;
        }
        return true;
      }),
    );
  });
  it("makes uids shaped like the API server's and tokens from the Kubernetes name alphabet", () => {
    const r = Rng.for(3, "u");
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...r.token(200)].every((c) => NAME_ALPHABET.includes(c))).toBe(true);
  });
  it("samples distinct items", () => {
    const s = Rng.for(5, "s").sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(s).size).toBe(4);
  });
  it("hash128 spreads close strings apart", () => {
    expect(hash128("a")).not.toEqual(hash128("b"));
  });
});

describe("distribute", () => {
  it("sums exactly to the total, each share within 1 of its exact proportion", () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.array(fc.double({ min: 0.001, max: 100, noNaN: true }), { minLength: 1, maxLength: 50 }), (total, weights) => {
        const out = distribute(total, weights);
        expect(out.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = weights.reduce((a, b) => a + b, 0);
        out.forEach((n, i) => expect(Math.abs(n - (total * weights[i]) / sum)).toBeLessThan(1));
      }),
    );
  });
  it("gives nothing to zero weights", () => {
    expect(distribute(10, [0, 1, 0, 1])).toEqual([0, 5, 0, 5]);
  });
});
