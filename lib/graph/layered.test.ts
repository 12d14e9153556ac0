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
