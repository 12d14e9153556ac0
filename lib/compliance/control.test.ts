/**
 * Controls patched from the previous evaluation (control.ts `patchControl`) equal controls evaluated
 * from scratch: random edits of a scan's findings list (blocks dropped, copies inserted — some naming
 * the same resource through another ref object, some with an id already listed —, findings moved),
 * each step keeping the objects it does not edit, as a watched source's runs do.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanSnapshot } from "../findings/scan";
import type { Finding } from "../findings/types";
import { SnapshotBuilder } from "../model";
import { clusterList } from "../synth/cluster";
import { middleOf } from "./control";
import { FRAMEWORK_CONTROLS } from "./frameworks";
import { evaluate, type Evaluation } from "./report";
import { FRAMEWORKS } from "./types";

const DEFS = FRAMEWORKS.flatMap((fw) => FRAMEWORK_CONTROLS[fw]);
const b = new SnapshotBuilder({ type: "files", id: "synth", label: "synth" });
clusterList("S", 3).items.forEach((o, i) => b.add(o, { source: "synth", item: i + 1 }));
const SNAPSHOT = b.build({ synthesizePods: true, aggregation: "check" });
const RUN = scanSnapshot(SNAPSHOT).run;

const edit = fc.record({
  op: fc.constantFrom("drop", "insert", "insert", "move"),
  at: fc.nat(),
  from: fc.nat(),
  size: fc.integer({ min: 1, max: 6 }),
  // an inserted copy names: the original's ref, an equal ref as another object, another finding's resource, none (the cluster)
  ref: fc.constantFrom("same", "equal", "other", "none"),
  sameId: fc.boolean(),
});
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

let copies = 0;
function apply(list: Finding[], e: Edit): Finding[] {
  const out = [...list];
  const at = e.at % (out.length + 1);
  if (e.op === "drop") {
    out.splice(at, e.size);
    return out;
  }
  if (e.op === "move") {
    const [f] = out.splice(e.from % out.length, 1);
    out.splice(e.at % (out.length + 1), 0, f);
    return out;
  }
  const made = RUN.findings.slice(e.from % RUN.findings.length).slice(0, e.size).map((f, i): Finding => {
    const other = RUN.findings[(e.from * 7 + i * 13) % RUN.findings.length].resources[0];
    const first = f.resources[0];
    const ref = e.ref === "same" ? first : e.ref === "equal" && first ? { ...first, copy: ++copies } : e.ref === "other" ? other : undefined;
    return { ...f, id: e.sameId ? f.id : `${f.id}~${++copies}`, resources: ref ? [ref, ...f.resources.slice(1)] : [] };
  });
  out.splice(at, 0, ...made);
  return out;
}

describe("patchControl", () => {
  it("middleOf: the findings outside the common prefix and suffix, before's then now's", () => {
    const [a, b, c, d] = RUN.findings;
    expect(middleOf([a, b, c], [a, b, c])).toEqual([]);
    expect(middleOf([a, c], [a, b, c])).toEqual([b]);
    expect(middleOf([a, b, c], [a, c])).toEqual([b]);
    expect(middleOf([a, b, c], [a, d, c])).toEqual([b, d]);
    expect(middleOf([a, b], [b, a])).toEqual([a, b, b, a]);
    expect(middleOf([a], [a, a])).toEqual([a]);
  });

  it("property: after any sequence of edits, every control equals its evaluation from scratch, and entries are kept", () => {
    let kept = 0;
    fc.assert(
      fc.property(fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), (steps) => {
        let list = [...RUN.findings];
        let previous: Evaluation | undefined = evaluate(SNAPSHOT, list, RUN.catalogue, DEFS);
        for (const step of steps) {
          for (const e of step) list = apply(list, e);
          const next = evaluate(SNAPSHOT, list, RUN.catalogue, DEFS, previous);
          expect(JSON.stringify(next.results)).toBe(JSON.stringify(evaluate(SNAPSHOT, list, RUN.catalogue, DEFS).results));
          next.results.forEach((r, i) => {
            const before = new Set(previous!.results[i].failing);
            if (r !== previous!.results[i] && r.failing.some((x) => before.has(x))) kept++;
          });
          previous = next;
        }
      }),
      { numRuns: 40, seed: 16 },
    );
    expect(kept).toBeGreaterThan(0);
  });
});
