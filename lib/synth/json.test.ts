import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serializeList, toKubectlJson } from "./json";
import type { Json, KubeObject } from "./types";

describe("toKubectlJson", () => {
  it("prints like kubectl: sorted keys, four spaces, empty containers inline", () => {
    expect(toKubectlJson({ b: [1, { d: {}, c: [] }], a: "x" })).toBe(
      ['{', '    "a": "x",', '    "b": [', '        1,', '        {', '            "c": [],', '            "d": {}', '        }', '    ]', '}'].join("\n"),
    );
  });
  it("escapes <, > and & as Go's encoding/json does, and drops undefined fields", () => {
    expect(toKubectlJson({ s: "<a & b>", u: undefined }, 0)).toBe('{"s":"\\u003ca \\u0026 b\\u003e"}');
  });
  it("round-trips any JSON value, compact or indented", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(0, 2, 4), (v, indent) => {
        const expected: unknown = JSON.parse(JSON.stringify(v));
        expect(JSON.parse(toKubectlJson(v as Json, indent))).toEqual(expected);
      }),
    );
  });
});

describe("serializeList", () => {
  const obj = (name: string): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name } });
  it("writes a v1 List, item by item", () => {
    const chunks = [...serializeList([obj("a"), obj("b")])];
    expect(chunks).toHaveLength(4);
    expect(JSON.parse(chunks.join(""))).toEqual({ apiVersion: "v1", items: [obj("a"), obj("b")], kind: "List", metadata: { resourceVersion: "" } });
  });
  it("writes an empty List", () => {
    for (const indent of [0, 4]) expect(JSON.parse([...serializeList([], indent)].join("")).items).toEqual([]);
  });
});
