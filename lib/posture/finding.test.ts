/**
 * Property test: workloadFinding builds the same finding, with the same key order, as postureFinding
 * of the workload's fields followed by the caller's (the object it no longer makes), whichever fields
 * the caller sets, leaves out or sets to undefined.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POSTURE_RULES } from "./catalogue";
import { postureFinding, workloadFinding, type FindingFields } from "./finding";
import { SYSTEM_NAMESPACES, type WorkloadUnit } from "./units";

const maybe = <T,>(arb: fc.Arbitrary<T>) => fc.option(fc.oneof(arb, fc.constant(undefined)), { nil: undefined, freq: 2 });
const fieldsArb = fc
  .record(
    {
      evidence: fc.string({ maxLength: 8 }),
      severity: maybe(fc.constantFrom("high" as const, "low" as const)),
      title: maybe(fc.string({ maxLength: 5 })),
      references: maybe(fc.array(fc.constantFrom("CIS 5.2.1", "X 1"), { maxLength: 2 })),
      discriminator: maybe(fc.string({ maxLength: 3 })),
      namespace: maybe(fc.constantFrom("other", "")),
      scope: maybe(fc.constantFrom("cluster" as const, "namespace" as const)),
      focus: maybe(fc.constant({ view: "findings" as const, params: {} })),
      details: maybe(fc.constant({ a: 1 })),
      isDefault: maybe(fc.boolean()),
    },
    { requiredKeys: ["evidence"] },
  )
  .map((f) => f as FindingFields);

describe("workloadFinding", () => {
  it("≡ postureFinding of the workload's fields followed by the caller's", () => {
    let overridden = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...POSTURE_RULES.map((r) => r.rule)),
        fc.record({ kind: fc.constantFrom("Deployment", "Pod"), namespace: fc.constantFrom("ns1", ...SYSTEM_NAMESPACES), name: fc.constantFrom("a", "b") }),
        fieldsArb,
        (rule, ref, f) => {
          const unit = { ref } as WorkloadUnit;
          const system = SYSTEM_NAMESPACES.has(ref.namespace);
          const want = postureFinding(rule, [ref], {
            namespace: ref.namespace,
            scope: system ? "privileged-namespace" : "namespace",
            focus: { view: "workloads", params: { namespace: ref.namespace, kind: ref.kind, name: ref.name } },
            isDefault: system,
            ...f,
          });
          const got = workloadFinding(rule, unit, f);
          expect(got).toStrictEqual(want);
          expect(JSON.stringify(got)).toBe(JSON.stringify(want));
          if ("namespace" in f || "scope" in f || "focus" in f || "isDefault" in f) overridden++;
        },
      ),
      { numRuns: 400, seed: 20261205 },
    );
    expect(overridden).toBeGreaterThan(100);
  });
});
