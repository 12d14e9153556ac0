import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Labels } from "../../model/selector";
import { calicoSelectorKey, matchesCalico, parseCalicoSelector, prefixCalicoSelector, type CalicoSelector } from "./selector";

/** A selector as written by a person: the tree plus how it was spelled. */
type Expr =
  | { t: "all" | "global" }
  | { t: "has"; k: string }
  | { t: "op"; op: "==" | "!=" | "contains" | "starts with" | "ends with"; k: string; v: string }
  | { t: "set"; op: "in" | "not in"; k: string; vs: string[] }
  | { t: "not"; e: Expr }
  | { t: "and" | "or"; es: Expr[] };

const KEYS = ["a", "b", "app.kubernetes.io/name", "x-y_z"];
const VALUES = ["", "a", "ab", "b", "web", `say "hi"`, "it's"];

const arbExpr: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom<Expr>({ t: "all" }, { t: "global" }),
    fc.constantFrom(...KEYS).map((k): Expr => ({ t: "has", k })),
    fc
      .tuple(fc.constantFrom("==", "!=", "contains", "starts with", "ends with" as const), fc.constantFrom(...KEYS), fc.constantFrom(...VALUES))
      .map(([op, k, v]): Expr => ({ t: "op", op, k, v })),
    fc
      .tuple(fc.constantFrom("in", "not in" as const), fc.constantFrom(...KEYS), fc.array(fc.constantFrom(...VALUES), { maxLength: 4 }))
      .map(([op, k, vs]): Expr => ({ t: "set", op, k, vs })),
    tie("e").map((e): Expr => ({ t: "not", e })),
    fc.tuple(fc.constantFrom("and", "or" as const), fc.array(tie("e"), { minLength: 2, maxLength: 3 })).map(([t, es]): Expr => ({ t, es })),
  ),
})).e;

const arbLabels: fc.Arbitrary<Labels> = fc.dictionary(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), { maxKeys: 4 });

/** Spells the tree with random whitespace, quotes and operator spellings, always parenthesised. */
function spell(e: Expr, rnd: () => number): string {
  const ws = () => [" ", "", "  ", "\t"][Math.floor(rnd() * 4)];
  const q = (v: string) => (v.includes('"') ? `'${v}'` : v.includes("'") || rnd() < 0.5 ? `"${v}"` : `'${v}'`);
  const opText = (op: string) => (op === "starts with" && rnd() < 0.5 ? "startswith" : op === "ends with" && rnd() < 0.5 ? "endswith" : op === "not in" && rnd() < 0.5 ? "notin" : op);
  // A word operator needs a space after a label; a symbol may touch it.
  const sep = (op: string) => (/^[a-z]/.test(op) ? " " + ws() : ws());
  switch (e.t) {
    case "all":
    case "global":
      return `${e.t}(${ws()})`;
    case "has":
      return `has(${ws()}${e.k}${ws()})`;
    case "op":
      return `${e.k}${sep(e.op)}${opText(e.op)}${ws()}${q(e.v)}`;
    case "set":
      return `${e.k}${sep(e.op)}${opText(e.op)}${ws()}{${e.vs.map(q).join("," + ws())}}`;
    case "not":
      return `!${ws()}(${spell(e.e, rnd)})`;
    case "and":
    case "or":
      return e.es.map((x) => `(${ws()}${spell(x, rnd)}${ws()})`).join(ws() + (e.t === "and" ? "&&" : "||") + ws());
  }
}

/** The meaning of each operator, restated from the Calico docs (_selectors.mdx) without the parser. */
function reference(e: Expr, labels: Labels): boolean {
  const has = Object.keys(labels).includes((e as { k?: string }).k ?? "");
  const v = has ? labels[(e as { k: string }).k] : undefined;
  switch (e.t) {
    case "all":
    case "global":
      return true;
    case "has":
      return has;
    case "op":
      if (e.op === "!=") return !has || v !== e.v;
      if (!has || v === undefined) return false;
      return e.op === "==" ? v === e.v : e.op === "contains" ? v.indexOf(e.v) >= 0 : e.op === "starts with" ? v.slice(0, e.v.length) === e.v : v.slice(v.length - e.v.length) === e.v;
    case "set":
      return e.op === "in" ? has && e.vs.some((x) => x === v) : !has || e.vs.every((x) => x !== v);
    case "not":
      return !reference(e.e, labels);
    case "and":
      return e.es.every((x) => reference(x, labels));
    case "or":
      return e.es.some((x) => reference(x, labels));
  }
}

/** A stream of spelling choices drawn by fast-check (so failures shrink), reused cyclically. */
function chooser(draws: number[]): () => number {
  let i = 0;
  return () => draws[i++ % draws.length];
}

const arbDraws = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 32 });

function parse(text: string): CalicoSelector {
  const r = parseCalicoSelector(text);
  if (!r.ok) throw new Error(`${r.error}`);
  return r.selector;
}

describe("Calico selectors (property)", () => {
  it("any spelling of a selector evaluates like the reference, and so does its canonical form", () => {
    fc.assert(
      fc.property(arbExpr, arbDraws, fc.array(arbLabels, { minLength: 1, maxLength: 6 }), (expr, draws, labelSets) => {
        const sel = parse(spell(expr, chooser(draws)));
        const canonical = parse(calicoSelectorKey(sel));
        for (const labels of labelSets) {
          const want = reference(expr, labels);
          expect(matchesCalico(sel, labels)).toBe(want);
          expect(matchesCalico(canonical, labels)).toBe(want);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("the canonical key is a fixed point and identical for every spelling", () => {
    fc.assert(
      fc.property(arbExpr, arbDraws, arbDraws, (expr, d1, d2) => {
        const k1 = calicoSelectorKey(parse(spell(expr, chooser(d1))));
        const k2 = calicoSelectorKey(parse(spell(expr, chooser(d2))));
        expect(k2).toBe(k1);
        // `!(!x)` prints as `!!x`, which re-parses as `x` (parser.go collapses leading !s): one more
        // round reaches the fixed point.
        const k3 = calicoSelectorKey(parse(calicoSelectorKey(parse(k1))));
        expect(calicoSelectorKey(parse(k3))).toBe(k3);
      }),
      { numRuns: 300 },
    );
  });

  it("a prefixed selector on prefixed labels decides like the original on the originals", () => {
    fc.assert(
      fc.property(arbExpr, arbDraws, arbLabels, (expr, draws, labels) => {
        const sel = parse(spell(expr, chooser(draws)));
        const prefixed = prefixCalicoSelector(sel, "pcns.");
        const moved = Object.fromEntries(Object.entries(labels).map(([k, v]) => [`pcns.${k}`, v]));
        expect(matchesCalico(prefixed, { ...moved, ...{ a: "noise" } })).toBe(matchesCalico(sel, labels));
      }),
      { numRuns: 200 },
    );
  });
});
