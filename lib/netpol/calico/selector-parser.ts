/**
 * Parser and syntax tree for Calico selectors: a port of libcalico-go
 * `lib/selector/parser/parser.go` (recursive descent: `||` over `&&` over negated operations) and
 * of the node types of `ast.go`, with set literals sorted and de-duplicated as `stringset.go` does.
 */
import { SelectorSyntaxError, type Token } from "./selector-tokens";

export type ValueOp = "==" | "!=" | "contains" | "starts with" | "ends with";
const VALUE_OPS = new Set<string>(["==", "!=", "contains", "starts with", "ends with"] satisfies ValueOp[]);

export type CalicoSelectorNode =
  | { readonly op: "all" }
  | { readonly op: "global" }
  | { readonly op: "has"; readonly label: string }
  | { readonly op: ValueOp; readonly label: string; readonly value: string }
  /** `values` sorted by code point (Go's byte order) without duplicates, as stringset.go keeps them. */
  | { readonly op: "in" | "not in"; readonly label: string; readonly values: readonly string[]; readonly set: ReadonlySet<string> }
  | { readonly op: "!"; readonly operand: CalicoSelectorNode }
  | { readonly op: "&&" | "||"; readonly operands: readonly CalicoSelectorNode[] };

export const MAX_CALICO_SELECTOR_DEPTH = 128;

export const ALL: CalicoSelectorNode = { op: "all" };

/** ast.go appendLabelOpAndQuotedString: double quotes unless the value contains one. */
export function quote(s: string): string {
  const q = s.includes('"') ? "'" : '"';
  return q + s + q;
}

/** Go compares strings bytewise (UTF-8), which orders like code points, not UTF-16 units. */
export function compareCodePoints(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(j) as number;
    if (x !== y) return x < y ? -1 : 1;
    i += x > 0xffff ? 2 : 1;
    j += y > 0xffff ? 2 : 1;
  }
  return i < a.length ? 1 : j < b.length ? -1 : 0;
}

/** Recursive descent over the token list, mirroring parser.go (errors carry token positions). */
export class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parseRoot(): CalicoSelectorNode {
    const node = this.parseOr();
    const rest = this.tokens[this.pos];
    if (rest.kind !== "end") throw new SelectorSyntaxError(`unexpected ${describe(rest)} at end of selector`, rest.at);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  /** `||` binds loosest, then `&&` (parser.go parseOrExpression / parseAndExpression). */
  private parseOr(): CalicoSelectorNode {
    return this.parseChain("||", () => this.parseChain("&&", () => this.parseOperation()));
  }

  private parseChain(op: "&&" | "||", operand: () => CalicoSelectorNode): CalicoSelectorNode {
    const operands = [operand()];
    while (this.peek().kind === op) {
      this.pos++;
      operands.push(operand());
    }
    return operands.length === 1 ? operands[0] : { op, operands };
  }

  private parseOperation(): CalicoSelectorNode {
    let negated = false;
    while (this.peek().kind === "!") {
      negated = !negated;
      this.pos++;
    }
    const node = this.parseTerm();
    return negated ? { op: "!", operand: node } : node;
  }

  private parseTerm(): CalicoSelectorNode {
    const t = this.tokens[this.pos++];
    switch (t.kind) {
      case "has()":
        return { op: "has", label: t.value };
      case "all()":
        return ALL;
      case "global()":
        return { op: "global" };
      case "label":
        return this.parseLabelOperation(t);
      case "(": {
        if (++this.depth > MAX_CALICO_SELECTOR_DEPTH) {
          throw new SelectorSyntaxError(`parentheses nested deeper than ${MAX_CALICO_SELECTOR_DEPTH}`, t.at);
        }
        const inner = this.parseOr();
        this.depth--;
        const close = this.tokens[this.pos];
        if (close.kind !== ")") throw new SelectorSyntaxError(`expected ) but found ${describe(close)}`, close.at);
        this.pos++;
        return inner;
      }
      default:
        throw new SelectorSyntaxError(`unexpected ${describe(t)}`, t.at);
    }
  }

  private parseLabelOperation(label: Token): CalicoSelectorNode {
    const op = this.tokens[this.pos];
    if (op.kind === "end" || this.tokens[this.pos + 1] === undefined) {
      throw new SelectorSyntaxError(`unexpected end of selector after label "${label.value}", expected an operator`, op.at);
    }
    this.pos++;
    const operand = this.tokens[this.pos++];
    if (VALUE_OPS.has(op.kind)) {
      if (operand.kind !== "string") throw new SelectorSyntaxError(`expected a quoted string after ${op.kind} but found ${describe(operand)}`, operand.at);
      return { op: op.kind as ValueOp, label: label.value, value: operand.value };
    }
    if (op.kind === "in" || op.kind === "not in") {
      if (operand.kind !== "{") throw new SelectorSyntaxError(`expected a set literal {…} after ${op.kind} but found ${describe(operand)}`, operand.at);
      const values: string[] = [];
      while (this.peek().kind === "string") {
        values.push(this.tokens[this.pos++].value);
        if (this.peek().kind !== ",") break;
        this.pos++;
      }
      const close = this.tokens[this.pos];
      if (close.kind !== "}") throw new SelectorSyntaxError(`expected } but found ${describe(close)}`, close.at);
      this.pos++;
      const sorted = [...new Set(values)].sort(compareCodePoints);
      return { op: op.kind, label: label.value, values: sorted, set: new Set(sorted) };
    }
    throw new SelectorSyntaxError(`expected an operator after label "${label.value}" but found ${describe(op)}`, op.at);
  }
}

function describe(t: Token): string {
  if (t.kind === "end") return "end of selector";
  if (t.kind === "label") return `label "${t.value}"`;
  if (t.kind === "string") return `string ${quote(t.value)}`;
  if (t.kind === "has()") return `has(${t.value})`;
  return `"${t.kind}"`;
}

