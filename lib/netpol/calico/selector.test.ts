import { describe, expect, it } from "vitest";
import type { Labels } from "../../model/selector";
import {
  MAX_CALICO_SELECTOR_DEPTH,
  MAX_CALICO_SELECTOR_LENGTH,
  calicoSelectorKey,
  matchesCalico,
  parseCalicoSelector,
  prefixCalicoSelector,
  type CalicoSelector,
} from "./selector";

function parse(text: string): CalicoSelector {
  const r = parseCalicoSelector(text);
  if (!r.ok) throw new Error(r.error);
  return r.selector;
}

/** libcalico-go/lib/selector/parser/parser_test.go `selectorTests`: selector, matching, non-matching labels. */
const SELECTOR_TESTS: Array<[string, Labels[], Labels[]]> = [
  [`a == "b"`, [{ a: "b" }, { a: "b", c: "d" }], [{}, { a: "c" }, { c: "d" }]],
  [`a == "b" && c == "d"`, [{ a: "b", c: "d" }], [{}, { a: "b", c: "e" }, { a: "c", c: "d" }, { c: "d" }, { a: "b" }]],
  [`a == "b" || c == "d"`, [{ a: "b", c: "d" }, { a: "b" }, { c: "d" }], [{}, { a: "e", c: "e" }, { c: "e" }, { a: "e" }]],
  [`a in {"'", '"', "c"}`, [{ a: "c" }, { a: `"` }, { a: `'` }], [{}, { a: "e" }]],
  [`a not in {"'", '"', "c"}`, [{}, { a: "e" }], [{ a: "c" }, { a: `"` }, { a: `'` }]],
  [`a == 'a'`, [{ a: "a" }], []],
  [`a == "a"`, [{ a: "a" }], []],
  [`a != "b"`, [{ a: "a" }], []],
  [`a != "a"`, [{}], []],
  [`a contains "a"`, [{ a: "a" }, { a: "bab" }, { a: "aaa", b: "c" }], [{}, { a: "b" }, { b: "aaa" }]],
  [`a starts with "a"`, [{ a: "a" }, { a: "abb" }, { a: "aaa", b: "c" }], [{}, { a: "b" }, { a: "baa" }, { b: "aaa" }]],
  [`a ends with "a"`, [{ a: "a" }, { a: "bba" }, { a: "aaa", b: "c" }], [{}, { a: "b" }, { a: "aab" }, { b: "aaa" }]],
  [`a in {"a"}`, [{ a: "a" }], []],
  [`!a in {"a"}`, [{ a: "b" }], []],
  [`a in {"a", "b"}`, [{ a: "a" }], []],
  [`a in {"a", "b"}`, [{ a: "b" }], []],
  [`a not in {"d", "e"}`, [{ a: "a" }], []],
  [`has(a)`, [{ a: "b" }], []],
  [`!has(a)`, [{ b: "b" }], []],
  [``, [{}], []],
  [` `, [{}], []],
  [``, [{ a: "b" }], []],
  [`all()`, [{}], []],
  [` all()`, [{}], []],
  [` all()`, [{ a: "b" }], []],
  [`global()`, [{}], []],
  [` global()`, [{}], []],
  [` global()`, [{ a: "b" }], []],
  [`a == 'a'`, [], [{ a: "b" }]],
  [`a == 'a'`, [], [{}]],
  [`a != "a"`, [], [{ a: "a" }]],
  [`a != 'a'`, [], [{ a: "a" }]],
  [`a in {"a"}`, [], [{ a: "b" }]],
  [`a not in {"a"}`, [], [{ a: "a" }]],
  [`a in {"a", "b"}`, [], [{ a: "c" }]],
  [`has(b)`, [], [{ a: "b" }]],
  [`!!has(b)`, [], [{ a: "b" }]],
  [`! has(a)`, [], [{ a: "b" }]],
  [`!has(a)`, [], [{ a: "b" }]],
  [`!!! has(a)`, [], [{ a: "b" }]],
  [`!!!has(a)`, [], [{ a: "b" }]],
  [`!! ! has(a)`, [], [{ a: "b" }]],
  [`! !!has(a)`, [], [{ a: "b" }]],
  [`a == 'a1' && b == 'b1'`, [{ a: "a1", b: "b1" }], []],
  [`a == 'a1' && b != 'b1'`, [], [{ a: "a1", b: "b1" }]],
  [`a != 'a1' && b == 'b1'`, [], [{ a: "a1", b: "b1" }]],
  [`a != 'a1' && b != 'b1'`, [], [{ a: "a1", b: "b1" }]],
  [`a != 'a1' && !b == 'b1'`, [], [{ a: "a1", b: "b1" }]],
  [`!a == 'a1' && b == 'b1'`, [], [{ a: "a1", b: "b1" }]],
  [`has(a) && !has(b)`, [{ a: "a" }], []],
  [`!has(b) && has(a)`, [{ a: "a" }], []],
  [`!(!has(a) || has(b))`, [{ a: "a" }], []],
  [`!(has(b) || !has(a))`, [{ a: "a" }], []],
  [`a == 'a1' || b == 'b1'`, [{ a: "a1", b: "b1" }], []],
  [`a == 'a1' || b != 'b1'`, [{ a: "a1", b: "b1" }], []],
  [`a != 'a1' || b == 'b1'`, [{ a: "a1", b: "b1" }], []],
  [`a != 'a1' || b != 'b1'`, [], [{ a: "a1", b: "b1" }]],
  [`! a == 'a1' || ! b == 'b1'`, [], [{ a: "a1", b: "b1" }]],
];

/** parser_test.go `badSelectors`. */
const BAD_SELECTORS = [
  "b == b", "b contains b", "b starts with b", "b ends with b", "'b1' == b", "b", "a b", "!",
  `foo == "bar" &`, `foo == "bar" |`, `foo != ||`, `foo in {"", ||`, `foo in ""`, `"FOO`, `"FOO'`, `'FOO`,
  `(`, `(a == "foo"`, `)`, `()`, `%`, `a == "b" && %`, `a == "b" || %`, `a `, `has(foo) &&`,
];

/** parser_test.go `canonicalisationTests`: input, libcalico-go's Selector.String(). */
const CANONICAL: Array<[string, string]> = [
  ["", "all()"],
  [" all() ", "all()"],
  [" (all() )", "all()"],
  [`! (has( b)||! has(a ))`, "!(has(b) || !has(a))"],
  [`! (a == "b"&&! c != "d")`, `!(a == "b" && !c != "d")`],
  [`a == "'"`, `a == "'"`],
  [`a == '"'`, `a == '"'`],
  [`a contains '"'`, `a contains '"'`],
  [`a contains "'"`, `a contains "'"`],
  [`a startswith '"'`, `a starts with '"'`],
  [`a endswith "'"`, `a ends with "'"`],
  [`a!='"'`, `a != '"'`],
  [`a in {"d"}`, `a in {"d"}`],
  [`a in {"a", "b"}`, `a in {"a", "b"}`],
  [`a in {"d", "a", "b"}`, `a in {"a", "b", "d"}`],
  [`a in {"z", "x", "y", "a"}`, `a in {"a", "x", "y", "z"}`],
  [`a in {"z", "z", "x", "y", "x", "a"}`, `a in {"a", "x", "y", "z"}`],
];

/** parser_test.go "Visitor tests" with PrefixVisitor{Prefix: "visited/"}. */
const PREFIXED: Array<[string, string]> = [
  ["k == 'v'", `visited/k == "v"`],
  ["k != 'v'", `visited/k != "v"`],
  ["k contains 'v'", `visited/k contains "v"`],
  ["k starts with 'v'", `visited/k starts with "v"`],
  ["k ends with 'v'", `visited/k ends with "v"`],
  ["k == 'v' && x == 'y'", `(visited/k == "v" && visited/x == "y")`],
  ["k == 'v' || has(x)", `(visited/k == "v" || has(visited/x))`],
  ["!(k == 'v')", `!visited/k == "v"`],
  ["k in {'v'}", `visited/k in {"v"}`],
  ["k not in {'v'}", `visited/k not in {"v"}`],
  ["!(!(k == 'v' && has(t) || all()) && (a in {'b', 'c'}))", `!(!((visited/k == "v" && has(visited/t)) || all()) && visited/a in {"b", "c"})`],
];

describe("Calico selectors (libcalico-go parser_test.go)", () => {
  it.each(SELECTOR_TESTS)("%j matches and rejects as libcalico-go does, before and after canonicalising", (text, yes, no) => {
    const sel = parse(text);
    const again = parse(calicoSelectorKey(sel));
    for (const labels of yes) expect([matchesCalico(sel, labels), matchesCalico(again, labels)]).toEqual([true, true]);
    for (const labels of no) expect([matchesCalico(sel, labels), matchesCalico(again, labels)]).toEqual([false, false]);
  });

  it.each(BAD_SELECTORS)("rejects %j with a positioned error", (text) => {
    const r = parseCalicoSelector(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/at character \d+ of selector/);
  });

  it.each(CANONICAL)("canonicalises %j as %j and round-trips", (text, canonical) => {
    const key = calicoSelectorKey(parse(text));
    expect(key).toBe(canonical);
    expect(calicoSelectorKey(parse(key))).toBe(key);
  });

  it.each(PREFIXED)("prefixes the labels of %j like PrefixVisitor", (text, prefixed) => {
    expect(calicoSelectorKey(prefixCalicoSelector(parse(text), "visited/"))).toBe(prefixed);
  });
});

describe("Calico selectors: absent labels (ast.go Evaluate)", () => {
  const absent: Array<[string, boolean]> = [
    ["a == 'x'", false],
    ["a != 'x'", true],
    ["a in {'x'}", false],
    ["a not in {'x'}", true],
    ["a contains ''", false],
    ["a starts with ''", false],
    ["a ends with ''", false],
    ["has(a)", false],
    ["!has(a)", true],
    ["a in {}", false],
    ["a not in {}", true],
    ["!all()", false],
  ];
  it.each(absent)("%j is %s on a resource without label a", (text, expected) => {
    expect(matchesCalico(parse(text), { b: "x" })).toBe(expected);
  });

  it("reads own labels only, never the prototype", () => {
    expect(matchesCalico(parse("has(constructor)"), {})).toBe(false);
    expect(matchesCalico(parse("toString != 'x'"), {})).toBe(true);
    expect(matchesCalico(parse("__proto__ == 'x'"), JSON.parse('{"__proto__":"x"}') as Labels)).toBe(true);
  });

  it("an empty label value is present", () => {
    expect(matchesCalico(parse("a == ''"), { a: "" })).toBe(true);
    expect(matchesCalico(parse("has(a)"), { a: "" })).toBe(true);
    expect(matchesCalico(parse("a contains ''"), { a: "" })).toBe(true);
  });
});

describe("Calico selectors: flags, limits, errors", () => {
  it("flags all() and global()", () => {
    expect(parse("").isAll).toBe(true);
    expect(parse(" all( ) ").isAll).toBe(true);
    expect(parse("(all())").isAll).toBe(true);
    expect(parse("!all()").isAll).toBe(false);
    expect(parse("all() || has(a)").isAll).toBe(false);
    expect(parse("global()").usesGlobal).toBe(true);
    expect(parse("has(a) && !global()").usesGlobal).toBe(true);
    expect(parse("a == 'global()'").usesGlobal).toBe(false);
    expect(parse("global()").root).toEqual({ op: "global" });
  });

  it("keeps the tree's shape: && binds tighter than ||, ! applies to one operation", () => {
    expect(calicoSelectorKey(parse("! has(my-label) || my-label starts with 'prod' && role in {'frontend','business'}"))).toBe(
      `(!has(my-label) || (my-label starts with "prod" && role in {"business", "frontend"}))`,
    );
  });

  it("labels allow [A-Za-z0-9_./-] up to 512 characters (tokenizer.go MaxLabelLength)", () => {
    expect(parse("calico/k8s_NS-.1/role == 'x'").root).toMatchObject({ op: "==", label: "calico/k8s_NS-.1/role" });
    expect(parse(`${"a".repeat(512)} == "v"`).key).toContain("a".repeat(512));
    expect(parseCalicoSelector(`${"a".repeat(513)} == "v"`)).toMatchObject({ ok: false, error: expect.stringMatching(/label too long/) });
  });

  it("accepts a trailing comma in a set and an empty set, as parser.go does", () => {
    expect(calicoSelectorKey(parse("a in {'x',}"))).toBe(`a in {"x"}`);
    expect(calicoSelectorKey(parse("a not in {}"))).toBe("a not in {}");
    expect(parseCalicoSelector("a in {,}").ok).toBe(false);
  });

  it("treats only space and tab as whitespace", () => {
    expect(parse("\ta == 'b'\t").key).toBe(`a == "b"`);
    expect(parseCalicoSelector("a == 'b'\n").ok).toBe(false);
  });

  it("sorts set values by code point like Go's byte order", () => {
    expect(parse("a in {'\u{1F600}', '\uFFFD', 'b'}").root).toMatchObject({ values: ["b", "\uFFFD", "\u{1F600}"] });
  });

  it("names the problem and where it is", () => {
    expect(parseCalicoSelector("app == web")).toEqual({
      ok: false,
      error: `expected a quoted string after == but found label "web" at character 8 of selector "app == web"`,
    });
    expect(parseCalicoSelector("app = 'web'")).toMatchObject({ ok: false, error: expect.stringMatching(/^expected == at character 5/) });
    expect(parseCalicoSelector("(a == 'b'")).toMatchObject({ ok: false, error: expect.stringMatching(/^expected \) but found end of selector/) });
    expect(parseCalicoSelector("a == 'b' c == 'd'")).toMatchObject({ ok: false, error: expect.stringMatching(/^unexpected label "c" at end of selector at character 10/) });
  });

  it("refuses absurd input with a clear error instead of exhausting the stack", () => {
    const deep = "(".repeat(MAX_CALICO_SELECTOR_DEPTH + 1) + "all()" + ")".repeat(MAX_CALICO_SELECTOR_DEPTH + 1);
    expect(parseCalicoSelector(deep)).toMatchObject({ ok: false, error: expect.stringMatching(/nested deeper than/) });
    const ok = "(".repeat(MAX_CALICO_SELECTOR_DEPTH) + "has(a)" + ")".repeat(MAX_CALICO_SELECTOR_DEPTH);
    expect(parse(ok).key).toBe("has(a)");
    expect(parseCalicoSelector("a == 'b' || ".repeat(MAX_CALICO_SELECTOR_LENGTH / 8))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/characters long; at most 65536/),
    });
    expect(parseCalicoSelector(42 as unknown as string)).toEqual({ ok: false, error: "selector is not a string" });
  });
});
