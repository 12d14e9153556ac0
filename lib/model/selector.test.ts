import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatSelector, matchesSelector, selectorKey, selectorProblem, type LabelSelector } from "./selector";

describe("matchesSelector", () => {
  const labels = { app: "web", tier: "front" };

  it("matches everything with an empty selector", () => {
    expect(matchesSelector({}, labels)).toBe(true);
    expect(matchesSelector({}, {})).toBe(true);
  });

  it("ANDs matchLabels", () => {
    expect(matchesSelector({ matchLabels: { app: "web" } }, labels)).toBe(true);
    expect(matchesSelector({ matchLabels: { app: "web", tier: "back" } }, labels)).toBe(false);
  });

  it("In needs the key present with one of the values", () => {
    expect(matchesSelector({ matchExpressions: [{ key: "app", operator: "In", values: ["web", "api"] }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: "env", operator: "In", values: ["prod"] }] }, labels)).toBe(false);
  });

  it("NotIn matches objects that lack the key", () => {
    expect(matchesSelector({ matchExpressions: [{ key: "env", operator: "NotIn", values: ["prod"] }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: "app", operator: "NotIn", values: ["web"] }] }, labels)).toBe(false);
  });

  it("Exists and DoesNotExist test the key only", () => {
    expect(matchesSelector({ matchExpressions: [{ key: "app", operator: "Exists" }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: "env", operator: "Exists" }] }, labels)).toBe(false);
    expect(matchesSelector({ matchExpressions: [{ key: "env", operator: "DoesNotExist" }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: "", operator: "DoesNotExist" }] }, { "": "x" })).toBe(false);
  });

  it("ANDs matchLabels with matchExpressions", () => {
    const sel: LabelSelector = { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["back"] }] };
    expect(matchesSelector(sel, labels)).toBe(false);
  });

  it("treats an empty label value as a value, not as absence", () => {
    expect(matchesSelector({ matchExpressions: [{ key: "x", operator: "Exists" }] }, { x: "" })).toBe(true);
    expect(matchesSelector({ matchLabels: { x: "" } }, {})).toBe(false);
  });
});

describe("selectorProblem", () => {
  it("accepts valid selectors", () => {
    expect(selectorProblem({ matchLabels: { "app.kubernetes.io/name": "web" } })).toBeNull();
  });
  it("rejects In without values and Exists with values", () => {
    expect(selectorProblem({ matchExpressions: [{ key: "a", operator: "In", values: [] }] })).toMatch(/needs at least one value/);
    expect(selectorProblem({ matchExpressions: [{ key: "a", operator: "Exists", values: ["x"] }] })).toMatch(/must not have values/);
  });
  it("rejects unknown operators and bad keys", () => {
    expect(selectorProblem({ matchExpressions: [{ key: "a", operator: "Equals" as never }] })).toMatch(/unknown selector operator/);
    expect(selectorProblem({ matchLabels: { "bad key": "x" } })).toMatch(/not a valid label name/);
    expect(selectorProblem({ matchLabels: { a: "has space" } })).toMatch(/label value/);
  });
});

describe("selectorKey", () => {
  it("is order-insensitive", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("a", "b", "c", "d"), fc.constantFrom("1", "2")), (ml) => {
        const reversed = Object.fromEntries(Object.entries(ml).reverse());
        expect(selectorKey({ matchLabels: ml })).toBe(selectorKey({ matchLabels: reversed }));
      }),
    );
  });
  it("formats like kubectl", () => {
    expect(formatSelector({})).toBe("(all)");
    expect(formatSelector({ matchLabels: { app: "web" }, matchExpressions: [{ key: "t", operator: "NotIn", values: ["a", "b"] }, { key: "x", operator: "DoesNotExist" }] })).toBe(
      "app=web,t notin (a,b),!x",
    );
  });
});
