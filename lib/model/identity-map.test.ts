import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recordIdentity } from "./assemble";
import { IdentityMap } from "./identity-map";
import type { CollectionKey } from "./kinds";

// parts that collide when joined with NUL ("a\0" + "b" vs "a" + "\0b"), kinds equal to the collection key
const part = fc.constantFrom("", "a", "b", "a\u0000", "\u0000b", "a\u0000b", "\u0000", "roles", "Role");
const record = fc.record(
  { key: fc.constantFrom<CollectionKey>("roles", "clusterRoles", "workloads"), kind: part, namespace: part, name: part },
  { requiredKeys: ["key", "name"] },
);

describe("IdentityMap", () => {
  it("finds what a Map keyed by recordIdentity finds, NULs and kinds equal to the collection key included", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), record), { maxLength: 40 }), (ops) => {
        const byId = new Map<string, number>();
        const m = new IdentityMap<number>();
        ops.forEach(([write, { key, ...rec }], i) => {
          expect(m.get(key, rec)).toBe(byId.get(recordIdentity(key, rec)));
          if (write) {
            m.set(key, rec, i);
            byId.set(recordIdentity(key, rec), i);
          }
        });
      }),
      { seed: 1205, numRuns: 2000 },
    );
  });

  it("keeps records apart that differ in one part, and together when kind is absent or the collection key", () => {
    const m = new IdentityMap<string>();
    m.set("roles", { namespace: "n", name: "r" }, "first");
    expect(m.get("roles", { kind: "roles", namespace: "n", name: "r" })).toBe("first");
    expect(m.get("roles", { kind: "Role", namespace: "n", name: "r" })).toBeUndefined();
    expect(m.get("clusterRoles", { namespace: "n", name: "r" })).toBeUndefined();
    expect(m.get("roles", { name: "r" })).toBeUndefined();
    expect(m.get("roles", { namespace: "", name: "r" })).toBeUndefined();
    m.set("roles", { name: "r" }, "cluster");
    expect(m.get("roles", { namespace: "", name: "r" })).toBe("cluster");
  });
});
