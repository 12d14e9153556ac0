/** Shared pieces of the reshape: validation failures, metadata, label maps and selectors. */
import type { z } from "zod";
import type * as R from "../raw";
import { FAIL, fastParse } from "../raw/fast";
import { selectorProblem, type LabelSelector, type Labels, type SelectorOperator } from "../selector";
import type * as T from "../types";

/** A validation failure; `path` points at the offending field so file sources can name its line. */
export class Invalid extends Error {
  constructor(
    message: string,
    readonly path?: (string | number)[],
  ) {
    super(message);
  }
}

/** `spec.ingress[0].from[1].ipBlock` → ["spec", "ingress", 0, "from", 1, "ipBlock"] */
export function parseFieldPath(text: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

export function fail(message: string): never {
  const m = /^([A-Za-z][\w.[\]]*): /.exec(message);
  throw new Invalid(message, m ? parseFieldPath(m[1]) : undefined);
}

function zodMessage(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") + ": " : ""}${i.message}`)
    .join("; ");
}

/** The schema's data for `raw` (well-formed objects take the compiled fast path); zod's own messages otherwise. */
export function parse<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const fast = fastParse(schema, raw);
  if (fast !== FAIL) return fast;
  const r = schema.safeParse(raw);
  if (!r.success) throw new Invalid(zodMessage(r.error), r.error.issues[0]?.path.filter((p): p is string | number => typeof p !== "symbol"));
  return r.data as z.infer<S>;
}

/** Annotations that only repeat the object (or could carry secret values) are dropped at the boundary. */
export const DROPPED_ANNOTATIONS = new Set(["kubectl.kubernetes.io/last-applied-configuration"]);

export function stringMap(m: Record<string, string | number | boolean | null> | null | undefined, drop?: Set<string>): Labels {
  const out: Labels = {};
  if (!m) return out;
  for (const k in m) {
    if (drop?.has(k)) continue;
    const v = m[k];
    out[k] = v === null ? "" : String(v);
  }
  return out;
}

export function meta(m: R.RawMetadata, namespaced: boolean): T.Meta {
  const out: T.Meta = {
    name: m.name,
    labels: stringMap(m.labels),
    annotations: stringMap(m.annotations, DROPPED_ANNOTATIONS),
  };
  if (namespaced) out.namespace = m.namespace || "default";
  if (m.uid) out.uid = m.uid;
  if (m.creationTimestamp) out.creationTimestamp = m.creationTimestamp instanceof Date ? m.creationTimestamp.toISOString() : m.creationTimestamp;
  return out;
}

/**
 * Problems that do not stop an object from being analysed (a malformed owner reference): collected
 * during one normalizeObject call and reported as warnings.
 */
let warnings: string[] = [];

export function warn(message: string): void {
  warnings.push(message);
}

export function takeWarnings(): string[] {
  if (!warnings.length) return [];
  const w = warnings;
  warnings = [];
  return w;
}

/** Forgets the warnings collected so far (before normalizing the next object). */
export function clearWarnings(): void {
  if (warnings.length) warnings = [];
}

export function ownerRefs(m: R.RawMetadata): T.OwnerReference[] {
  const refs = m.ownerReferences ?? [];
  refs.forEach((o, i) => {
    if (!o.kind || !o.name) warn(`metadata.ownerReferences[${i}]: ${!o.kind ? "kind" : "name"} is missing (required by the API); the reference is ignored`);
  });
  return refs
    .filter((o): o is typeof o & { kind: string; name: string } => !!o.kind && !!o.name)
    .map((o) => ({
    kind: o.kind,
    name: o.name,
    ...(o.apiVersion ? { apiVersion: o.apiVersion } : {}),
    ...(o.uid ? { uid: o.uid } : {}),
    ...(o.controller ? { controller: true } : {}),
    }));
}

/** Converts and validates a label selector; `where` names the field in error messages. */
export function selector(raw: R.RawLabelSelector | null | undefined, where: string): LabelSelector {
  const sel: LabelSelector = {};
  if (raw?.matchLabels && Object.keys(raw.matchLabels).length) sel.matchLabels = stringMap(raw.matchLabels);
  if (raw?.matchExpressions && raw.matchExpressions.length) {
    sel.matchExpressions = raw.matchExpressions.map((e) => ({
      key: e.key,
      operator: e.operator as SelectorOperator,
      ...(e.values ? { values: e.values.map(String) } : {}),
    }));
  }
  const problem = selectorProblem(sel);
  if (problem) fail(`${where}: ${problem}`);
  return sel;
}

export type NonNullFields<T> = { [K in keyof T]?: Exclude<T[K], null> };

/** Drops null/undefined fields (YAML writes empty fields as null), recursively through plain objects. */
export function clean<T extends object>(o: T | null | undefined): NonNullFields<T> | undefined {
  if (!o) return undefined;
  const out: Record<string, unknown> = {};
  for (const k in o) {
    if (!Object.hasOwn(o, k)) continue; // what Object.entries reads, without an array per field
    const v = (o as Record<string, unknown>)[k];
    if (v === null || v === undefined) continue;
    out[k] = typeof v === "object" && !Array.isArray(v) ? clean(v as object) : v;
  }
  return out as NonNullFields<T>;
}

export function quantities(m: Record<string, string | number | null> | null | undefined): Record<string, string> | undefined {
  if (!m) return undefined;
  const out: Record<string, string> = {};
  for (const k in m) if (m[k] !== null) out[k] = String(m[k]);
  return out;
}

