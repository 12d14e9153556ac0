/**
 * Calico's label selector language, parsed and evaluated exactly as libcalico-go does
 * (projectcalico/calico `libcalico-go/lib/selector/parser/{parser,ast,stringset}.go`).
 *
 * Grammar (lowest precedence first): `a || b`, `a && b`, any number of leading `!`, then one of
 * `( expr )`, `all()`, `global()`, `has(k)`, `k == "v"`, `k != "v"`, `k contains "v"`,
 * `k starts with "v"`, `k ends with "v"`, `k in {"v1", "v2"}`, `k not in {…}`. An empty (or
 * whitespace-only) selector is `all()`.
 *
 * Absent labels (ast.go Evaluate): `==`, `in`, `contains`, `starts with`, `ends with` and `has`
 * are false; `!=` and `not in` are TRUE when the label is absent. `global()` evaluates to true
 * like `all()` — it only means "non-namespaced resources" inside a rule's namespaceSelector, where
 * libcalico-go rewrites it textually (updateprocessors/rules.go); Calico's validation rejects it
 * anywhere else.
 *
 * Divergences, both refusals of input Calico would take: selectors longer than
 * MAX_CALICO_SELECTOR_LENGTH characters and parentheses nested deeper than MAX_CALICO_SELECTOR_DEPTH.
 */
import type { Labels } from "../../model/selector";
import { ALL, Parser, quote, type CalicoSelectorNode } from "./selector-parser";
import { SelectorSyntaxError, tokenize } from "./selector-tokens";

export { MAX_CALICO_SELECTOR_DEPTH, compareCodePoints, type CalicoSelectorNode } from "./selector-parser";

export interface CalicoSelector {
  readonly root: CalicoSelectorNode;
  /** Canonical text, identical to libcalico-go's `Selector.String()`; equal keys select the same. */
  readonly key: string;
  /** True when `global()` appears anywhere in the selector. */
  readonly usesGlobal: boolean;
  /** True when the selector is exactly `all()` (including the empty selector). */
  readonly isAll: boolean;
  /** The compiled evaluator behind matchesCalico. */
  readonly test: (labels: Labels) => boolean;
}

export type CalicoSelectorParse = { ok: true; selector: CalicoSelector } | { ok: false; error: string };

export const MAX_CALICO_SELECTOR_LENGTH = 65_536;

/** Parses a Calico selector; errors name the problem and the character position (1-based). */
export function parseCalicoSelector(text: string): CalicoSelectorParse {
  if (typeof text !== "string") return { ok: false, error: "selector is not a string" };
  if (text.length > MAX_CALICO_SELECTOR_LENGTH) {
    return { ok: false, error: `selector is ${text.length} characters long; at most ${MAX_CALICO_SELECTOR_LENGTH} are accepted` };
  }
  try {
    const tokens = tokenize(text);
    const root = tokens[0].kind === "end" ? ALL : new Parser(tokens).parseRoot();
    return { ok: true, selector: makeSelector(root) };
  } catch (e) {
    if (!(e instanceof SelectorSyntaxError)) throw e;
    return { ok: false, error: `${e.message} at character ${e.at + 1} of selector "${excerpt(text)}"` };
  }
}

/** Whether `labels` satisfies the selector (own properties only; linear in the selector's size). */
export function matchesCalico(sel: CalicoSelector, labels: Labels): boolean {
  return sel.test(labels);
}

export function calicoSelectorKey(sel: CalicoSelector): string {
  return sel.key;
}

/**
 * The selector with `prefix` put before every label name (ast.go PrefixVisitor), as libcalico-go
 * turns a namespaceSelector into `pcns.<key>` and a serviceAccountSelector into `pcsa.<key>`.
 * (rules.go then rewrites the printed namespace selector's `all()` to
 * `has(projectcalico.org/namespace)` and `global()` to `!has(projectcalico.org/namespace)`.)
 */
export function prefixCalicoSelector(sel: CalicoSelector, prefix: string): CalicoSelector {
  const visit = (n: CalicoSelectorNode): CalicoSelectorNode => {
    switch (n.op) {
      case "all":
      case "global":
        return n;
      case "!":
        return { op: "!", operand: visit(n.operand) };
      case "&&":
      case "||":
        return { op: n.op, operands: n.operands.map(visit) };
      default:
        return { ...n, label: prefix + n.label };
    }
  };
  return makeSelector(visit(sel.root));
}

function makeSelector(root: CalicoSelectorNode): CalicoSelector {
  return { root, key: print(root), usesGlobal: usesGlobal(root), isAll: root.op === "all", test: compile(root) };
}

type Test = (labels: Labels) => boolean;

/**
 * The selector as nested closures, one per node (about twice as fast as walking the tree).
 * Inherited properties (`constructor`, `__proto__` …) are never strings, so `typeof … ===
 * "string"` reads own labels only.
 */
function compile(n: CalicoSelectorNode): Test {
  switch (n.op) {
    case "all":
    case "global":
      return () => true;
    case "has": {
      const k = n.label;
      return (l) => typeof l[k] === "string";
    }
    case "!": {
      const f = compile(n.operand);
      return (l) => !f(l);
    }
    case "&&": {
      const fs = n.operands.map(compile);
      return (l) => {
        for (const f of fs) if (!f(l)) return false;
        return true;
      };
    }
    case "||": {
      const fs = n.operands.map(compile);
      return (l) => {
        for (const f of fs) if (f(l)) return true;
        return false;
      };
    }
  }
  const k = n.label;
  const read = (l: Labels): string | undefined => {
    const v: unknown = l[k];
    return typeof v === "string" ? v : undefined;
  };
  switch (n.op) {
    case "==": {
      const want = n.value;
      return (l) => read(l) === want;
    }
    case "!=": {
      const want = n.value;
      return (l) => read(l) !== want;
    }
    case "contains":
    case "starts with":
    case "ends with": {
      const want = n.value;
      const op = n.op;
      return (l) => {
        const v = read(l);
        if (v === undefined) return false;
        return op === "contains" ? v.includes(want) : op === "starts with" ? v.startsWith(want) : v.endsWith(want);
      };
    }
    case "in": {
      const set = n.set;
      return (l) => {
        const v = read(l);
        return v !== undefined && set.has(v);
      };
    }
    case "not in": {
      const set = n.set;
      return (l) => {
        const v = read(l);
        return v === undefined || !set.has(v);
      };
    }
  }
}

function usesGlobal(n: CalicoSelectorNode): boolean {
  if (n.op === "global") return true;
  if (n.op === "!") return usesGlobal(n.operand);
  if (n.op === "&&" || n.op === "||") return n.operands.some(usesGlobal);
  return false;
}

/** ast.go collectFragments. */
function print(n: CalicoSelectorNode): string {
  switch (n.op) {
    case "all":
      return "all()";
    case "global":
      return "global()";
    case "has":
      return `has(${n.label})`;
    case "!":
      return "!" + print(n.operand);
    case "&&":
    case "||":
      return "(" + n.operands.map(print).join(` ${n.op} `) + ")";
    case "in":
    case "not in":
      return `${n.label} ${n.op} {${n.values.map(quote).join(", ")}}`;
    default:
      return `${n.label} ${n.op} ${quote(n.value)}`;
  }
}

function excerpt(text: string): string {
  return text.length <= 120 ? text : `${text.slice(0, 117)}...`;
}
