import { describe, expect, it } from "vitest";
import { layeredPositions } from "./layered";
import type { GraphDTO } from "./types";

describe("layeredPositions", () => {
  it("places nodes by column and uncrosses simple paths", () => {
    const g: GraphDTO = {
      nodes: [
        { id: "a", label: "a", type: "s", column: 0 },
        { id: "b", label: "b", type: "s", column: 0 },
        { id: "y", label: "y", type: "r", column: 1 },
        { id: "x", label: "x", type: "r", column: 1 },
      ],
      edges: [
        { id: "1", source: "a", target: "x" },
        { id: "2", source: "b", target: "y" },
      ],
    };
    const p = layeredPositions(g);
    expect(p.a.x).toBe(0);
    expect(p.x.x).toBeGreaterThan(0);
    // a→x and b→y do not cross: x sits level with a, y with b
    expect(Math.sign(p.a.y - p.b.y)).toBe(Math.sign(p.x.y - p.y.y));
  });

  it("gives every node a position", () => {
    const nodes = Array.from({ length: 50 }, (_, i) => ({ id: `n${i}`, label: "", type: "t", column: i % 4 }));
    const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i].id, target: n.id }));
    expect(Object.keys(layeredPositions({ nodes, edges }))).toHaveLength(50);
  });
});

describe("tall columns wrap", () => {
  const tall = (n: number): GraphDTO => {
    const nodes = [
      ...Array.from({ length: n }, (_, i) => ({ id: `s${i}`, label: "", type: "s", column: 0 })),
      ...Array.from({ length: n }, (_, i) => ({ id: `b${i}`, label: "", type: "b", column: 1 })),
      { id: "r", label: "", type: "r", column: 2 },
    ];
    const edges = Array.from({ length: n }, (_, i) => [
      { id: `sb${i}`, source: `s${i}`, target: `b${i}` },
      { id: `br${i}`, source: `b${i}`, target: "r" },
    ]).flat();
    return { nodes, edges };
  };
  const box = (p: Record<string, { x: number; y: number }>) => {
    const xs = Object.values(p).map((q) => q.x);
    const ys = Object.values(p).map((q) => q.y);
    return { w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
  };

  it("leaves columns up to maxRows (20) in one column, as before", () => {
    const p = layeredPositions(tall(20));
    expect(new Set(Array.from({ length: 20 }, (_, i) => p[`s${i}`].x))).toEqual(new Set([0]));
  });

  it("wraps 200 subjects and their bindings into shared bands: no sliver, no two nodes on one spot, short edges", () => {
    const p = layeredPositions(tall(200));
    const { w, h } = box(p);
    expect(w / h).toBeGreaterThan(0.8);
    expect(w / h).toBeLessThanOrEqual(2.2);
    expect(new Set(Object.values(p).map((q) => `${q.x},${q.y}`)).size).toBe(401);
    // each subject's binding sits just right of it, in the same band and row
    for (let i = 0; i < 200; i++) {
      expect(p[`b${i}`].x - p[`s${i}`].x, `s${i}`).toBe(200);
      expect(p[`b${i}`].y).toBe(p[`s${i}`].y);
    }
    expect(p.r.x).toBeGreaterThan(Math.max(...Array.from({ length: 200 }, (_, i) => p[`b${i}`].x)));
  });
});
