import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batched, jsonChunks, LazyArray, RUN } from "./json";

const text = (v: unknown, indent?: number) => [...jsonChunks(v, indent)].join("");

describe("jsonChunks", () => {
  it("writes exactly what JSON.stringify writes (property: any JSON value, indented or not)", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(0, 2, 4), (v, indent) => {
        expect(text(v, indent)).toBe(JSON.stringify(v, null, indent));
      }),
      { numRuns: 300 },
    );
  });

  it("indents values below long arrays as JSON.stringify does (property: deep values inside walked lists)", () => {
    const long = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: 17, maxLength: 20 });
    const value = fc.jsonValue({ maxDepth: 4 });
    fc.assert(
      fc.property(fc.record({ findings: long(value), nested: fc.record({ list: long(long(value)) }) }), fc.constantFrom(0, 1, 2, 4), (v, indent) => {
        expect(text(v, indent)).toBe(JSON.stringify(v, null, indent));
      }),
      { numRuns: 100 },
    );
  });

  it("writes runs of small elements as JSON.stringify does, broken by elements that are walked (property)", () => {
    // lists longer than RUN, mixing small values, values holding a long list (walked alone) and undefined
    const small = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined));
    const walked = fc.record({ list: fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 17, maxLength: 20 }) });
    const list = fc.array(fc.oneof({ weight: 9, arbitrary: small }, { weight: 1, arbitrary: walked }), { minLength: RUN - 2, maxLength: 3 * RUN });
    fc.assert(
      fc.property(fc.record({ findings: list, deep: fc.record({ a: fc.record({ list }) }) }), fc.constantFrom(0, 1, 2, 4), (v, indent) => {
        expect(text(v, indent)).toBe(JSON.stringify(v, null, indent));
        const lazy = new LazyArray(v.findings.length, (i) => v.findings[i]);
        expect(text({ lazy }, indent)).toBe(JSON.stringify({ lazy: v.findings }, null, indent));
      }),
      { numRuns: 60, seed: 12 },
    );
  });

  it("treats undefined, functions and Dates as JSON.stringify does", () => {
    const v = { a: undefined, f: () => 1, d: new Date(0), list: [undefined, () => 1, 1, "\u202e\u001b"], nested: { x: [1, 2, 3] } };
    expect(text(v)).toBe(JSON.stringify(v, null, 2));
    expect(text([])).toBe("[]");
    expect(text({})).toBe("{}");
    expect(text(undefined)).toBe("");
  });

  it("writes a list of 200,000 entries in chunks of at most RUN entries, never as one string", () => {
    const findings = Array.from({ length: 200_000 }, (_, i) => ({ id: `f-${i}`, resources: [{ kind: "Pod", name: `p-${i}` }] }));
    let chunks = 0;
    let longest = 0;
    for (const c of jsonChunks({ findings, score: { overall: 50 } })) {
      chunks++;
      longest = Math.max(longest, c.length);
    }
    expect(chunks).toBeGreaterThan(200_000 / RUN);
    expect(longest).toBeLessThan(200 * RUN);
    const sample = { findings: findings.slice(0, 40), score: { overall: 50 } };
    expect(text(sample)).toBe(JSON.stringify(sample, null, 2));
  });

  it("batches chunks without changing the text", () => {
    const parts = Array.from({ length: 1000 }, (_, i) => `${i},`);
    const out = [...batched(parts, 100)];
    expect(out.join("")).toBe(parts.join(""));
    expect(out.length).toBeLessThan(50);
  });

  it("passes a chunk of the batch size or more on as it is, after the small ones before it", () => {
    const big = "x".repeat(10);
    expect([...batched(["a", "b", big, "c", "d"], 4)]).toEqual(["ab", big, "cd"]);
    expect([...batched([big, big], 10)]).toEqual([big, big]);
  });

  it("writes a LazyArray as the array of its elements, at any depth, making each only when written", () => {
    let made = 0;
    const lazy = (n: number) => new LazyArray(n, (i) => (made++, i % 3 ? { i, s: "x\ny" } : undefined));
    const value = { a: { b: { c: lazy(5) } }, d: lazy(40), e: lazy(0) };
    const expected = JSON.stringify({ a: { b: { c: lazy(5).toArray() } }, d: lazy(40).toArray(), e: [] }, null, 2);
    made = 0;
    const chunks = jsonChunks(value, 2);
    expect(made).toBe(0);
    expect([...chunks].join("")).toBe(expected);
    expect(made).toBe(45);
  });

  it("walks an object below the top levels when it holds a long array (a SARIF run and its results)", () => {
    const results = Array.from({ length: 4 * RUN }, (_, i) => ({ i }));
    const value = { runs: [{ tool: { name: "x" }, results }] };
    const chunks = [...jsonChunks(value, 2)];
    expect(chunks.join("")).toBe(JSON.stringify(value, null, 2));
    // the results in runs of RUN, not the run whole
    expect(chunks.length).toBeGreaterThan(4);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(JSON.stringify(value, null, 2).length / 3);
  });
});
