import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { makeCells } from "./cells";

describe("cells in tiles", () => {
  it("reads what was written, zero elsewhere (against a map)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100 }), fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 2 ** 32 - 1 })), { maxLength: 200 }), (rows, cols, writes) => {
        const cells = makeCells(rows, cols);
        const ref = new Map<number, number>();
        for (const [r, c, v] of writes) {
          cells.set(r % rows, c % cols, v);
          ref.set((r % rows) * cols + (c % cols), v);
        }
        const wrong: number[] = [];
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (cells.get(r, c) !== (ref.get(r * cols + c) ?? 0)) wrong.push(r * cols + c);
        expect(wrong).toEqual([]);
      }),
    );
  });

  it("makes only the tiles written to: a row or a column is one tile per 32 cells", () => {
    const cells = makeCells(2600, 2700);
    expect(cells.tiles()).toBe(0);
    for (let c = 0; c < 2700; c++) cells.set(1234, c, 1);
    expect(cells.tiles()).toBe(Math.ceil(2700 / 32));
    for (let r = 0; r < 2600; r++) cells.set(r, 5, 1);
    expect(cells.tiles()).toBe(Math.ceil(2700 / 32) + Math.ceil(2600 / 32) - 1);
  });
});
