/** findingId: one resource's key is used alone; the result equals keying, sorting and joining every resource. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findingId, stableHash, type ResourceRef } from "./types";

const reference = (rule: string, resources: readonly ResourceRef[], discriminator = "") =>
  `${rule}-${stableHash(`${rule}|${resources.map((r) => `${r.kind}/${r.namespace ?? ""}/${r.name}`).sort().join("|")}|${discriminator}`).slice(0, 12)}`;

describe("findingId", () => {
  it("≡ the key of every resource, sorted and joined", () => {
    const ref = fc.record({ kind: fc.constantFrom("Pod", "Role"), namespace: fc.option(fc.constantFrom("a", "b"), { nil: undefined }), name: fc.string({ maxLength: 4 }) }, { requiredKeys: ["kind", "name"] });
    fc.assert(
      fc.property(fc.constantFrom("R01", "NP02"), fc.array(ref, { maxLength: 4 }), fc.option(fc.string({ maxLength: 3 }), { nil: undefined }), (rule, resources, d) => {
        expect(findingId(rule, resources, d)).toBe(reference(rule, resources, d));
      }),
      { numRuns: 300, seed: 20261205 },
    );
    expect(findingId("R01", [{ kind: "ServiceAccount", namespace: "kube-system", name: "controller" }], "cluster")).toBe("R01-20fd37196f0e");
  });
});
