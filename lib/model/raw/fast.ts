/**
 * A fast path for the schemas in this folder: a schema compiled once into a plain function that
 * returns what `schema.safeParse(raw).data` returns for well-formed input (same values, same key
 * order, unknown keys stripped), or FAIL. FAIL means "let zod decide": the caller then runs zod,
 * which gives the exact error messages. Only the zod features these schemas use are compiled
 * (object, looseObject, array, record, union of scalars, enum, string, number, int, boolean, date,
 * unknown, optional, nullable, min/max checks); a schema using anything else is never fast-pathed.
 * fast.test.ts checks the result against zod on every schema, with valid and broken input.
 */
import type { z } from "zod";

export const FAIL: unique symbol = Symbol("fail");
type Fast = (v: unknown) => unknown;

interface Def {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  [k: string]: unknown;
}
type Schema = { _zod: { def: Def; optin?: string; optout?: string; traits: Set<string> } };

/** Plain data as JSON.parse and the YAML reader make it (no class instances, no `__proto__` key). */
const plain = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const p = Object.getPrototypeOf(v);
  return (p === Object.prototype || p === null) && !Object.prototype.hasOwnProperty.call(v, "__proto__");
};

/** zod's string length floor counts code points. */
const longEnough = (s: string, min: number) => s.length >= 2 * min || (s.length >= min && [...s].length >= min);

type Check = (v: never) => boolean;

/** The checks zod runs after the type test; undefined when one of them is not understood here. */
function checksOf(def: Def): Check[] | undefined {
  const out: Check[] = [];
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === "min_length" && typeof d.minimum === "number") {
      const min = d.minimum;
      out.push((v: string | unknown[]) => (typeof v === "string" ? longEnough(v, min) : v.length >= min));
    } else if (d.check === "number_format" && d.format === "safeint") out.push((v: number) => Number.isSafeInteger(v));
    else if (d.check === "greater_than" && typeof d.value === "number") {
      const { value, inclusive } = d;
      out.push((v: number) => (inclusive ? v >= value : v > value));
    } else if (d.check === "less_than" && typeof d.value === "number") {
      const { value, inclusive } = d;
      out.push((v: number) => (inclusive ? v <= value : v < value));
    } else return undefined;
  }
  return out;
}

/** Every check passes (a loop: `checks.every((c) => c(v))` made a closure per value, ~0.7 million on a large cluster). */
function passes(checks: readonly Check[], v: unknown): boolean {
  for (let i = 0; i < checks.length; i++) if (!checks[i](v as never)) return false;
  return true;
}

const SCALARS = new Set(["string", "number", "boolean", "date"]);

const compiled = new WeakMap<object, Fast | null>();

/** A schema's fast path, compiled once (schemas share parts: metadata, containers, selectors). */
function compileNode(schema: Schema): Fast | undefined {
  let f = compiled.get(schema);
  if (f === undefined) compiled.set(schema, (f = compileFresh(schema) ?? null));
  return f ?? undefined;
}

function compileFresh(schema: Schema): Fast | undefined {
  const def = schema._zod.def;
  const checks = checksOf(def);
  if (!checks || (def as { coerce?: boolean }).coerce) return undefined;
  const checked = (test: (v: unknown) => boolean): Fast => (checks.length ? (v) => (test(v) && passes(checks, v) ? v : FAIL) : (v) => (test(v) ? v : FAIL));
  switch (def.type) {
    case "string":
      return checked((v) => typeof v === "string");
    case "number":
      return checked((v) => typeof v === "number" && Number.isFinite(v));
    case "boolean":
      return checked((v) => typeof v === "boolean");
    case "date":
      return checked((v) => v instanceof Date && !Number.isNaN(v.getTime()));
    case "unknown":
      return checks.length ? undefined : (v) => v;
    case "enum": {
      const values = new Set(Object.values(def.entries as Record<string, unknown>));
      return checked((v) => values.has(v));
    }
    case "optional":
    case "nullable": {
      if (checks.length || schema._zod.traits.has("$ZodExactOptional")) return undefined;
      const inner = compileNode(def.innerType as Schema);
      if (!inner) return undefined;
      const skip = def.type === "optional" ? undefined : null;
      return (v) => (v === skip ? v : inner(v));
    }
    case "array": {
      const el = compileNode(def.element as Schema);
      if (!el) return undefined;
      return (v) => {
        if (!Array.isArray(v) || !passes(checks, v)) return FAIL;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) if ((out[i] = el(v[i])) === FAIL) return FAIL;
        return out;
      };
    }
    case "union": {
      // only unions of scalars, whose fast tests are exact: the first option zod accepts is the one taken
      const options = (def.options as Schema[]).map((o) => (SCALARS.has(o._zod.def.type) ? compileNode(o) : undefined));
      if (checks.length || options.some((o) => !o) || def.inclusive === false) return undefined;
      return (v) => {
        for (const o of options) if (o!(v) !== FAIL) return v;
        return FAIL;
      };
    }
    case "record": {
      const key = def.keyType as Schema;
      const value = compileNode(def.valueType as Schema);
      if (checks.length || !value || key._zod.def.type !== "string" || key._zod.def.checks?.length || def.mode === "loose") return undefined;
      return (v) => {
        if (!plain(v)) return FAIL;
        const out: Record<string, unknown> = {};
        for (const k in v) if ((out[k] = value(v[k])) === FAIL) return FAIL;
        return out;
      };
    }
    case "object":
      return checks.length ? undefined : compileObject(def);
  }
  return undefined;
}

function compileObject(def: Def): Fast | undefined {
  const shape = def.shape as Record<string, Schema>;
  const keys = Object.keys(shape);
  if (Object.getOwnPropertySymbols(shape).length || keys.includes("__proto__")) return undefined;
  const fields = keys.map((k) => ({ k, parse: compileNode(shape[k]), omittable: shape[k]._zod.optin === "optional" && shape[k]._zod.optout === "optional" }));
  if (fields.some((f) => !f.parse)) return undefined;
  const catchall = def.catchall as Schema | undefined;
  if (catchall && catchall._zod.def.type !== "unknown") return undefined;
  const known = new Set(keys);
  return (v) => {
    if (!plain(v)) return FAIL;
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (!(f.k in v)) {
        if (f.omittable) continue;
        return FAIL; // a required key is missing: zod says which
      }
      const r = f.parse!(v[f.k]);
      if (r === FAIL) return FAIL;
      out[f.k] = r;
    }
    if (catchall) for (const k in v) if (!known.has(k)) out[k] = v[k];
    return out;
  };
}

/** The data zod would return for `raw`, or FAIL when zod may reject it (or the schema is not compiled). */
export function fastParse<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> | typeof FAIL {
  const f = compileNode(schema as unknown as Schema);
  return f ? (f(raw) as z.output<S> | typeof FAIL) : FAIL;
}
