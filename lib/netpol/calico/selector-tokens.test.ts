import { describe, expect, it } from "vitest";
import { tokenize, type TokenKind } from "./selector-tokens";

/** Kinds (and label/string values) only, as tokenizer_test.go compares them. */
function kinds(input: string): string[] {
  return tokenize(input).map((t) => (t.kind === "label" || t.kind === "string" || t.kind === "has()" ? `${t.kind}:${t.value}` : t.kind));
}

const k = (...xs: Array<TokenKind | string>) => [...xs, "end"];

/** libcalico-go/lib/selector/tokenizer/tokenizer_test.go `tokenTests` that tokenize. */
const GOOD: Array<[string, string[]]> = [
  [`a=="b"`, k("label:a", "==", "string:b")],
  [`a!="b"`, k("label:a", "!=", "string:b")],
  [`a != "b"`, k("label:a", "!=", "string:b")],
  [`(a=="b")`, k("(", "label:a", "==", "string:b", ")")],
  [`label == "value"`, k("label:label", "==", "string:value")],
  [`label contains "value"`, k("label:label", "contains", "string:value")],
  [`contains contains "contains"`, k("label:contains", "contains", "string:contains")],
  [`contains contains 'contains'`, k("label:contains", "contains", "string:contains")],
  [`label contains"value"`, k("label:label", "contains", "string:value")],
  [`label startswith "value"`, k("label:label", "starts with", "string:value")],
  [`label endswith "value"`, k("label:label", "ends with", "string:value")],
  [`label starts with "value"`, k("label:label", "starts with", "string:value")],
  [`startswith starts with "value"`, k("label:startswith", "starts with", "string:value")],
  [`label ends with "value"`, k("label:label", "ends with", "string:value")],
  [`endswith ends with "value"`, k("label:endswith", "ends with", "string:value")],
  [`label starts  with "value"`, k("label:label", "starts with", "string:value")],
  [`label ends  with "value"`, k("label:label", "ends with", "string:value")],
  [`${"a".repeat(512)} == "value"`, k(`label:${"a".repeat(512)}`, "==", "string:value")],
  [`a not in "bar" && !has(foo) || b in c`, k("label:a", "not in", "string:bar", "&&", "!", "has():foo", "||", "label:b", "in", "label:c")],
  [`has(calico/k8s_ns)`, k("has():calico/k8s_ns")],
  [`has(calico/k8s_ns/role)`, k("has():calico/k8s_ns/role")],
  [`has(calico/k8s_NS-.1/role)`, k("has():calico/k8s_NS-.1/role")],
  [
    `calico/k8s_ns == "kube-system" && k8s-app == "kube-dns"`,
    k("label:calico/k8s_ns", "==", "string:kube-system", "&&", "label:k8s-app", "==", "string:kube-dns"),
  ],
  [`a  not  in  "bar"  &&  ! has( foo )  ||  b  in  c `, k("label:a", "not in", "string:bar", "&&", "!", "has():foo", "||", "label:b", "in", "label:c")],
  [`a notin"bar"&&!has(foo)||b in"c"`, k("label:a", "not in", "string:bar", "&&", "!", "has():foo", "||", "label:b", "in", "string:c")],
  [`a not in {}`, k("label:a", "not in", "{", "}")],
  [`a not in {"a"}`, k("label:a", "not in", "{", "string:a", "}")],
  [`a not in {"a","B"}`, k("label:a", "not in", "{", "string:a", ",", "string:B", "}")],
  [`global()`, k("global()")],
  [`global( )`, k("global()")],
  [`all()`, k("all()")],
  [`all( )`, k("all()")],
];

/** tokenizer_test.go `tokenTests` expected to fail. */
const BAD = [
  `${"a".repeat(513)} == "value"`,
  `label == "value`,
  `label == 'value`,
  `label = "value"`,
  `all(`,
  `global(`,
  `has()`,
  `has(foo`,
  `has( foo `,
  `a == "b" & has(foo)`,
  `a == "b" | has(foo)`,
  `label starts foo "value"`,
  `label inf "value"`,
  `label ends foo "value"`,
  `label ends withs "value"`,
  `label squiggles "value"`,
];

describe("Calico selector tokenizer (libcalico-go tokenizer_test.go)", () => {
  it.each(GOOD)("tokenizes %j", (input, expected) => {
    expect(kinds(input)).toEqual(expected);
  });

  it.each(BAD)("rejects %j", (input) => {
    expect(() => tokenize(input)).toThrow();
  });

  it("records where each token starts", () => {
    expect(tokenize(`a == 'b' && has( c )`).map((t) => t.at)).toEqual([0, 2, 5, 9, 12, 20]);
  });
});
