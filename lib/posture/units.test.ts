import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Container, PodSpec } from "../model";
import { allContainers, type ContainerKind } from "./units";

const container = (name: string) => ({ name, image: "i", ports: [], resources: {}, volumeMounts: [], envNames: [] }) as Container;

/** The list as made from scratch every time (the reference). */
function fresh(spec: PodSpec): { container: Container; kind: ContainerKind }[] {
  return [
    ...spec.containers.map((c) => ({ container: c, kind: "container" as const })),
    ...spec.initContainers.map((c) => ({ container: c, kind: "initContainer" as const })),
    ...spec.ephemeralContainers.map((c) => ({ container: c, kind: "ephemeralContainer" as const })),
  ];
}

const LISTS = ["containers", "initContainers", "ephemeralContainers"] as const;

describe("allContainers", () => {
  it("is the spec's containers of each kind after any change to its lists, the same list while they are unchanged", () => {
    const pool = ["a", "b", "c", "d"].map(container);
    const edit = fc.record({ list: fc.constantFrom(...LISTS), op: fc.constantFrom("push", "pop", "replace", "set", "new"), at: fc.nat(3), pick: fc.nat(3) });
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 12 }), (edits) => {
        const spec = { containers: [pool[0]], initContainers: [], ephemeralContainers: [] } as unknown as PodSpec;
        for (const e of edits) {
          const before = allContainers(spec);
          expect(allContainers(spec)).toBe(before);
          const list = spec[e.list] as Container[];
          if (e.op === "push") list.push(pool[e.pick]);
          else if (e.op === "pop") list.pop();
          else if (e.op === "replace" && list.length) list[e.at % list.length] = pool[e.pick];
          else if (e.op === "set") (spec[e.list] as Container[]) = [...list];
          else if (e.op === "new") (spec[e.list] as Container[]) = [pool[e.pick]];
          expect(allContainers(spec)).toEqual(fresh(spec));
        }
      }),
      { seed: 20261205, numRuns: 500 },
    );
  });

  it("moves a container between lists with its kind", () => {
    const [a, b] = [container("a"), container("b")];
    const spec = { containers: [a, b], initContainers: [], ephemeralContainers: [] } as unknown as PodSpec;
    expect(allContainers(spec).map((c) => c.kind)).toEqual(["container", "container"]);
    spec.containers = [a];
    spec.initContainers = [b];
    expect(allContainers(spec)).toEqual([{ container: a, kind: "container" }, { container: b, kind: "initContainer" }]);
  });
});
