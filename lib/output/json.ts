/**
 * JSON written in pieces: the same text as `JSON.stringify(value, null, indent)`, as a sequence of
 * chunks, so an output of any size (200,000 findings, a connection list of 50,000 pods) is written
 * incrementally instead of built as one string — V8 strings stop at 512 MB ("Invalid string length").
 * Arrays and objects with many entries are walked; everything smaller is stringified whole.
 */

/**
 * An array whose elements are made when written (`at(i)`), so a long derived list (SARIF results of a
 * million findings) never exists whole: written exactly as the array of those elements would be.
 */
export class LazyArray<T> {
  constructor(
    readonly length: number,
    readonly at: (i: number) => T,
  ) {}
  toArray(): T[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }
  /** Inside a value written whole, it is made whole. */
  toJSON(): T[] {
    return this.toArray();
  }
}

/** Below the top two levels, only arrays with more elements than this are written element by element. */
const WALK_ABOVE = 16;

type Container = Record<string, unknown> | unknown[] | LazyArray<unknown>;

function isContainer(v: unknown): v is Container {
  return typeof v === "object" && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== "function";
}

/** Whether JSON.stringify writes an object property with this value (undefined, functions, symbols are left out). */
function kept(v: unknown): boolean {
  return v !== undefined && typeof v !== "function" && typeof v !== "symbol";
}

const long = (v: unknown) => v instanceof LazyArray || (Array.isArray(v) && v.length > WALK_ABOVE);

/** Walk the top two levels, every long array, and every object holding one (SARIF's run holding its results). */
function walks(v: unknown, depth: number): v is Container {
  if (long(v)) return true;
  if (!isContainer(v)) return false;
  if (depth < 2) return true;
  if (Array.isArray(v)) return false;
  for (const k in v) if (long((v as Record<string, unknown>)[k])) return true;
  return false;
}

/**
 * `JSON.stringify(v, null, indent)` with every line after the first indented `levels` more times,
 * without a second pass over the text: v is written as the only element of `levels` nested arrays
 * (JSON.stringify indents it to that depth) and the brackets around it are cut off.
 */
function nested(v: object, indent: string, levels: number): string {
  let wrapped: unknown = v;
  for (let i = 0; i < levels; i++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, indent);
  // before v: "[\n" + indent × i for i = 1..levels; after it: "\n" + indent × (i − 1) + "]" for i = levels..1
  const head = 2 * levels + (indent.length * levels * (levels + 1)) / 2;
  const tail = 2 * levels + (indent.length * levels * (levels - 1)) / 2;
  return text.slice(head, text.length - tail);
}

/** How many small elements of a walked array one JSON.stringify call writes, as one chunk. */
export const RUN = 64;

/**
 * The elements of `list`, an array `levels` deep in an indented value, as JSON.stringify writes them
 * there: separated by "," and each but the first on its own line, `levels` indents in; no brackets.
 */
function elements(list: unknown[], indent: string, levels: number): string {
  if (!indent) return JSON.stringify(list).slice(1, -1);
  // the list with its brackets, indented levels − 1 deep: "[\n" + indent × levels before the first
  // element, "\n" + indent × (levels − 1) + "]" after the last
  const text = nested(list, indent, levels - 1);
  return text.slice(2 + indent.length * levels, text.length - 2 - indent.length * (levels - 1));
}

function* walk(value: Container, indent: string, pad: string, depth: number): Generator<string> {
  const inner = pad + indent;
  const nl = indent ? "\n" : "";
  const levels = indent ? inner.length / indent.length : 0;
  const whole = (v: unknown) => (levels && isContainer(v) ? nested(v, indent, levels) : JSON.stringify(v, null, indent));
  const array = Array.isArray(value) || value instanceof LazyArray;
  // array elements are read one at a time (a lazy one is made only then); object keys are few
  const keys = array ? [] : Object.keys(value).filter((k) => kept((value as Record<string, unknown>)[k]));
  const length = array ? (value as unknown[] | LazyArray<unknown>).length : keys.length;
  const entry = (i: number): unknown => {
    if (!array) return (value as Record<string, unknown>)[keys[i]];
    const v = value instanceof LazyArray ? value.at(i) : (value as unknown[])[i];
    return kept(v) ? v : null;
  };
  const [open, close] = array ? ["[", "]"] : ["{", "}"];
  if (length === 0) return yield open + close;
  yield open + nl;
  // an array's small elements are written RUN at a time (one JSON.stringify call, one chunk); an
  // element that is walked ends the run
  let run: unknown[] = [];
  let first = 0;
  for (let i = 0; i <= length; i++) {
    const v = i < length ? entry(i) : undefined;
    const small = i < length && array && !walks(v, depth + 1);
    if (run.length && (!small || run.length === RUN)) {
      // the run's text is its own chunk: put after a separator, it would be a rope copied whole when written
      yield `${first ? `,${nl}` : ""}${inner}`;
      yield elements(run, indent, levels);
      run = [];
    }
    if (i === length) break;
    if (small) {
      if (!run.length) first = i;
      run.push(v);
      continue;
    }
    yield `${i ? `,${nl}` : ""}${inner}${array ? "" : `${JSON.stringify(keys[i])}:${indent ? " " : ""}`}`;
    if (walks(v, depth + 1)) yield* walk(v, indent, inner, depth + 1);
    else yield whole(v);
  }
  yield nl + pad + close;
}

/**
 * `JSON.stringify(value, null, indent)` in chunks (no replacer; values with toJSON, like Dates, are
 * written whole): the top level and its children entry by entry, and every long array below them
 * in runs of at most RUN elements, so no chunk holds more than RUN of them.
 */
export function* jsonChunks(value: unknown, indent = 2): Generator<string> {
  const pad = " ".repeat(Math.max(0, Math.min(10, indent)));
  if (!walks(value, 0)) {
    const all = JSON.stringify(value, null, pad);
    if (all !== undefined) yield all;
    return;
  }
  yield* walk(value, pad, "", 0);
}

/**
 * Groups many small chunks into fewer of about `bytes` characters (fewer writes, same text). A chunk
 * of `bytes` or more is passed on as it is, after what came before it: joining it would copy it.
 */
export function* batched(chunks: Iterable<string>, bytes = 64 * 1024): Generator<string> {
  let buf: string[] = [];
  let n = 0;
  for (const c of chunks) {
    if (c.length >= bytes) {
      if (n) yield buf.join("");
      buf = [];
      n = 0;
      yield c;
      continue;
    }
    buf.push(c);
    n += c.length;
    if (n >= bytes) {
      yield buf.join("");
      buf = [];
      n = 0;
    }
  }
  if (n) yield buf.join("");
}
