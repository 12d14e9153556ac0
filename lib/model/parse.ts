/**
 * Manifest text → documents. Multi-document YAML, JSON, and `List` kinds (`kubectl get -o yaml|json`,
 * API `PodList`s whose items lack kind/apiVersion) are flattened into one object per document, each
 * remembering its document index, List item index and line, so errors can point at them.
 */
import { LineCounter, parseAllDocuments, type Document } from "yaml";

export interface ParsedDocument {
  value: unknown;
  document: number;
  item?: number;
  line?: number;
  /** YAML only: the line of a field inside this object (e.g. the one validation rejected). */
  locate?: (path: readonly (string | number)[]) => number | undefined;
  /** YAML only: the comment lines at the top of the document (without `#`), e.g. a draft's directives. */
  comment?: string;
}

export interface ParseError {
  document?: number;
  line?: number;
  message: string;
}

export interface ParseResult {
  documents: ParsedDocument[];
  errors: ParseError[];
}

function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) continue;
    return c === 123 /* { */ || c === 91; /* [ */
  }
  return false;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Is this a List (v1 `List` or any `FooList`) whose items should be read one by one? */
function listKind(value: unknown): string | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as { kind?: unknown; items?: unknown };
  if (typeof v.kind === "string" && v.kind.endsWith("List") && Array.isArray(v.items)) return v.kind;
  return null;
}

/** Expands a List into its items; items of a typed list (`PodList`) inherit the kind and apiVersion. */
function expand(value: unknown, document: number, lines?: (number | undefined)[], line?: number): ParsedDocument[] {
  const kind = listKind(value);
  if (!kind) return [{ value, document, ...(line ? { line } : {}) }];
  const list = value as { apiVersion?: string; items: unknown[] };
  const itemKind = kind === "List" ? undefined : kind.slice(0, -"List".length);
  return list.items.map((item, i) => {
    let v = item;
    if (itemKind && item && typeof item === "object" && !Array.isArray(item)) {
      const o = item as Record<string, unknown>;
      if (o.kind === undefined || o.apiVersion === undefined) v = { apiVersion: list.apiVersion, kind: itemKind, ...o };
    }
    const d: ParsedDocument = { value: v, document, item: i + 1 };
    const l = lines?.[i];
    if (l) d.line = l; // assigned, not spread: a List of ~10^5 items made a throw-away object per item
    return d;
  });
}

function parseJson(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    return { documents: [], errors: [{ document: 1, ...(pos ? { line: lineAt(text, Number(pos[1])) } : {}), message: `invalid JSON: ${msg}` }] };
  }
  // A top-level JSON array is read as a list of objects.
  if (Array.isArray(value)) return { documents: value.map((v, i) => ({ value: v, document: 1, item: i + 1 })), errors: [] };
  return { documents: expand(value, 1), errors: [] };
}

function itemLines(doc: Document, counter: LineCounter): (number | undefined)[] | undefined {
  const items = doc.get("items", true) as { items?: { range?: [number, number, number] }[] } | undefined;
  if (!items || !Array.isArray(items.items)) return undefined;
  return items.items.map((n) => (n.range ? counter.linePos(n.range[0]).line : undefined));
}

/** The line of the deepest existing node along `path` (so a missing field points at its parent). */
function fieldLine(doc: Document, counter: LineCounter, path: readonly (string | number)[]): number | undefined {
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

/** `duplicate key "kind"`: the key at `offset` (to the end of its line's key), for the error. */
function duplicateKey(text: string, offset: number): string {
  const key = /^("(?:[^"\\]|\\.)*"|'[^']*'|[^:\n]*)/.exec(text.slice(offset, offset + 300))?.[1]?.trim();
  return `duplicate key${key ? ` ${key.startsWith('"') || key.startsWith("'") ? key : JSON.stringify(key)}` : ""}: a key may appear once in a mapping (kubectl refuses the document too); the document was not read`;
}

function parseYaml(text: string): ParseResult {
  const counter = new LineCounter();
  // Duplicate keys are errors, as kubectl's YAML reader (sigs.k8s.io/yaml over go-yaml) refuses them:
  // `kind: ClusterRoleBinding` then `kind: RoleBinding` must not silently become a RoleBinding.
  const docs = parseAllDocuments(text, { lineCounter: counter });
  const out: ParseResult = { documents: [], errors: [] };
  const list = Array.isArray(docs) ? docs : [];
  list.forEach((doc, i) => {
    const document = i + 1;
    const start = doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0;
    const line = counter.linePos(start).line;
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const at = err.linePos?.[0]?.line ?? line;
      const message = err.code === "DUPLICATE_KEY" ? duplicateKey(text, err.pos[0]) : `invalid YAML: ${err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}`;
      out.errors.push({ document, line: at, message });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      out.errors.push({ document, line, message: `invalid YAML: ${(e as Error).message}` });
      return;
    }
    if (value === null || value === undefined) return; // empty document (e.g. a trailing ---)
    const docs = expand(value, document, listKind(value) ? itemLines(doc, counter) : undefined, line);
    // a comment at the top of a document sits on the document, its contents or (no blank line after it) the first key
    const contents = doc.contents as { commentBefore?: string | null; items?: { key?: { commentBefore?: string | null } }[] } | null;
    const comment = [doc.commentBefore, contents?.commentBefore, contents?.items?.[0]?.key?.commentBefore].filter(Boolean).join("\n");
    for (const d of docs) {
      d.locate = (path) => fieldLine(doc, counter, d.item !== undefined ? ["items", d.item - 1, ...path] : path);
      if (comment) d.comment = comment;
      out.documents.push(d); // a List of 130,000 items: push(...docs) overflows the stack
    }
  });
  return out;
}

/** Parses manifest text (JSON or YAML, detected from the first character). */
export function parseManifests(text: string): ParseResult {
  if (looksLikeJson(text)) {
    const json = parseJson(text);
    // JSON is YAML too; a JSON parse failure is reported as JSON unless YAML reads it.
    if (json.errors.length === 0) return json;
    const yaml = parseYaml(text);
    return yaml.errors.length === 0 ? yaml : json;
  }
  return parseYaml(text);
}
