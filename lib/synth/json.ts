/**
 * Serialization the way `kubectl get -o json` prints: keys sorted (Go's encoding/json sorts map keys),
 * four-space indentation, `<`, `>` and `&` escaped as Go does. `indent: 0` gives compact JSON.
 * Output is produced in chunks, item by item, so a 100,000-pod List never has to be one string.
 */
import type { Json, KubeObject } from "./types";

const GO_ESCAPES: Record<string, string> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029" };

function str(s: string): string {
  const j = JSON.stringify(s);
  return /[<>&\u2028\u2029]/.test(j) ? j.replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c]) : j;
}

function write(v: Json, indent: number, pad: string, out: string[]): void {
  if (v === null || typeof v !== "object") {
    out.push(typeof v === "string" ? str(v) : JSON.stringify(v));
    return;
  }
  const inner = indent ? pad + " ".repeat(indent) : "";
  const nl = indent ? "\n" : "";
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push("[]");
      return;
    }
    out.push("[", nl);
    v.forEach((item, i) => {
      if (i) out.push(",", nl);
      out.push(inner);
      write(item, indent, inner, out);
    });
    out.push(nl, pad, "]");
    return;
  }
  const keys = Object.keys(v)
    .filter((k) => v[k] !== undefined)
    .sort();
  if (keys.length === 0) {
    out.push("{}");
    return;
  }
  const sep = indent ? ": " : ":";
  out.push("{", nl);
  keys.forEach((k, i) => {
    if (i) out.push(",", nl);
    out.push(inner, str(k), sep);
    write(v[k] as Json, indent, inner, out);
  });
  out.push(nl, pad, "}");
}

/** One value as kubectl would print it, starting at nesting `depth`. */
export function toKubectlJson(value: Json, indent = 4, depth = 0): string {
  const out: string[] = [];
  write(value, indent, " ".repeat(indent * depth), out);
  return out.join("");
}

const sep = (indent: number) => (indent ? ": " : ":");
const nl = (indent: number) => (indent ? "\n" : "");

/** The opening of a v1 `List`, up to the items array. */
export function listOpen(indent = 4): string {
  const p1 = " ".repeat(indent);
  return `{${nl(indent)}${p1}"apiVersion"${sep(indent)}"v1",${nl(indent)}${p1}"items"${sep(indent)}[`;
}

/** One item of the List (with the comma before it unless it is the first). */
export function listItem(o: KubeObject, first: boolean, indent = 4): string {
  const p1 = " ".repeat(indent);
  return `${first ? "" : ","}${nl(indent)}${p1}${p1}${toKubectlJson(o, indent, 2)}`;
}

/** The end of the List after the last item (`empty` when there was none). */
export function listClose(indent = 4, empty = false): string {
  const p1 = " ".repeat(indent);
  const n = nl(indent);
  return `${empty ? "" : `${n}${p1}`}],${n}${p1}"kind"${sep(indent)}"List",${n}${p1}"metadata"${sep(indent)}{${n}${p1}${p1}"resourceVersion"${sep(indent)}""${n}${p1}}${n}}${n}`;
}

/** A v1 `List` of the objects, in chunks (header, one chunk per item, footer). */
export function* serializeList(objects: Iterable<KubeObject>, indent = 4): Generator<string> {
  yield listOpen(indent);
  let first = true;
  for (const o of objects) {
    yield listItem(o, first, indent);
    first = false;
  }
  yield listClose(indent, first);
}
