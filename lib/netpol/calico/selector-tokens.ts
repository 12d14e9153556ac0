/**
 * Tokenizer for Calico's selector language, a line-by-line port of libcalico-go's
 * `lib/selector/tokenizer/tokenizer.go` (projectcalico/calico): only space and tab are
 * whitespace; strings are '…' or "…" with no escapes; labels are runs of [A-Za-z0-9_./-] of at
 * most 512 characters; `has(`, `all(` and `global(` must be written without a space before the
 * parenthesis; after a label come `==`, `!=`, `contains`, `starts with`, `ends with`, `in` or
 * `not in` (the two-word operators may also be written `startswith`, `endswith`, `notin`).
 * One left-to-right pass, no regular expressions.
 */

export type TokenKind =
  | "label"
  | "string"
  | "{"
  | "}"
  | ","
  | "=="
  | "!="
  | "in"
  | "!"
  | "not in"
  | "contains"
  | "starts with"
  | "ends with"
  | "all()"
  | "has()"
  | "("
  | ")"
  | "&&"
  | "||"
  | "global()"
  | "end";

export interface Token {
  kind: TokenKind;
  /** The label name (label, has()) or the string literal's content (string). */
  value: string;
  /** Offset of the token's first character in the input. */
  at: number;
}

/** libcalico-go tokenizer.MaxLabelLength. */
export const MAX_LABEL_LENGTH = 512;

export class SelectorSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const SINGLE: Record<string, TokenKind> = { "(": "(", ")": ")", "{": "{", "}": "}", ",": "," };

function isIdentifierChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 95 || // _
    c === 46 || // .
    c === 47 || // /
    c === 45 // -
  );
}

function isWhitespace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Splits `input` into tokens ending with an `end` token, or throws SelectorSyntaxError. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const skipWhitespace = (from: number) => {
    while (from < input.length && isWhitespace(input.charCodeAt(from))) from++;
    return from;
  };
  const identifierAt = (from: number): string => {
    let end = from;
    while (end < input.length && isIdentifierChar(input.charCodeAt(end))) end++;
    if (end === from) throw new SelectorSyntaxError("expected identifier", from);
    if (end - from > MAX_LABEL_LENGTH) throw new SelectorSyntaxError(`label too long (over ${MAX_LABEL_LENGTH} characters)`, from);
    return input.slice(from, end);
  };
  const wordBoundary = (at: number) => at >= input.length || !isIdentifierChar(input.charCodeAt(at));
  /** Matches `words` separated (and followed) by optional whitespace, ending on a word boundary. */
  const keyword = (from: number, ...words: string[]): number | null => {
    let at = from;
    for (const word of words) {
      if (!input.startsWith(word, at)) return null;
      at = skipWhitespace(at + word.length);
    }
    return wordBoundary(at) ? at : null;
  };

  for (;;) {
    i = skipWhitespace(i);
    if (i >= input.length) {
      tokens.push({ kind: "end", value: "", at: i });
      return tokens;
    }
    const start = i;
    const c = input[i];
    const last = tokens.length > 0 ? tokens[tokens.length - 1] : undefined;
    const single = SINGLE[c];
    if (single) {
      tokens.push({ kind: single, value: "", at: start });
      i++;
    } else if (c === '"' || c === "'") {
      const close = input.indexOf(c, i + 1);
      if (close < 0) throw new SelectorSyntaxError("unterminated string", start);
      tokens.push({ kind: "string", value: input.slice(i + 1, close), at: start });
      i = close + 1;
    } else if (c === "=") {
      if (!input.startsWith("==", i)) throw new SelectorSyntaxError("expected ==", start);
      tokens.push({ kind: "==", value: "", at: start });
      i += 2;
    } else if (c === "!") {
      const ne = input.startsWith("!=", i);
      tokens.push({ kind: ne ? "!=" : "!", value: "", at: start });
      i += ne ? 2 : 1;
    } else if (c === "&" || c === "|") {
      const op = c === "&" ? "&&" : "||";
      if (!input.startsWith(op, i)) throw new SelectorSyntaxError(`expected ${op}`, start);
      tokens.push({ kind: op, value: "", at: start });
      i += 2;
    } else if (last?.kind === "label") {
      // Right after a label only an operator may follow (tokenizer.go checks them in this order).
      const contains = input.startsWith("contains", i) && wordBoundary(i + 8) ? i + 8 : null;
      const found: Array<[TokenKind, number | null]> = [
        ["contains", contains],
        ["starts with", keyword(i, "starts", "with")],
        ["ends with", keyword(i, "ends", "with")],
        ["not in", keyword(i, "not", "in")],
        ["in", input.startsWith("in", i) && wordBoundary(i + 2) ? i + 2 : null],
      ];
      const hit = found.find(([, end]) => end !== null);
      if (!hit) throw new SelectorSyntaxError(`expected operator after label "${last.value}"`, start);
      tokens.push({ kind: hit[0], value: "", at: start });
      i = hit[1] as number;
    } else if (input.startsWith("has(", i)) {
      i = skipWhitespace(i + 4);
      const label = identifierAt(i);
      i = skipWhitespace(i + label.length);
      if (input[i] !== ")") throw new SelectorSyntaxError("no closing ')' after has(", i);
      tokens.push({ kind: "has()", value: label, at: start });
      i++;
    } else if (input.startsWith("all(", i) || input.startsWith("global(", i)) {
      const name = input.startsWith("all(", i) ? "all" : "global";
      i = skipWhitespace(i + name.length + 1);
      if (input[i] !== ")") throw new SelectorSyntaxError(`no closing ')' after ${name}(`, i);
      tokens.push({ kind: name === "all" ? "all()" : "global()", value: "", at: start });
      i++;
    } else {
      const label = identifierAt(i);
      tokens.push({ kind: "label", value: label, at: start });
      i += label.length;
    }
  }
}
