/**
 * Strategic merge patch, the part of it a what-if needs (kubectl patch --type strategic;
 * k8s.io/apimachinery pkg/util/strategicpatch/patch.go): maps merge key by key, `null` deletes a
 * key, and a list merges item by item when the API declares a merge key for it
 * (`patchStrategy:"merge" patchMergeKey:"…"` in k8s.io/api core/v1 types.go) and every item
 * carries that key, else the patch's list replaces it. An item `{"$patch": "delete", <key>: …}`
 * removes the item with that key, an item `{"$patch": "replace"}` makes the list replace the old
 * one, and `$patch: replace` on a map replaces it whole. List order: existing items keep their
 * places, new ones follow in the patch's order.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

/** Lists merged by key, by field name (core/v1 PodSpec, Container, EphemeralContainer). */
export const MERGE_KEYS: Readonly<Record<string, string>> = {
  containers: "name",
  initContainers: "name",
  ephemeralContainers: "name",
  volumes: "name",
  env: "name",
  volumeMounts: "mountPath",
  imagePullSecrets: "name",
  hostAliases: "ip",
  // ContainerPort merges on containerPort (types.go; kubernetes/kubernetes#105610 for its known limits)
  ports: "containerPort",
};

const isObject = (v: unknown): v is JsonObject => !!v && typeof v === "object" && !Array.isArray(v);

/** `patch` applied to `target` (neither is changed). */
export function strategicMerge(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch as Json);
  if (patch.$patch === "replace") {
    const { $patch, ...rest } = patch;
    void $patch;
    return clone(rest);
  }
  const out: JsonObject = isObject(target) ? { ...(target as JsonObject) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$")) continue;
    if (v === null) delete out[k];
    else if (Array.isArray(v) && keyed(out[k], v, MERGE_KEYS[k])) out[k] = mergeList(out[k] as Json[], v, MERGE_KEYS[k]);
    else if (isObject(v)) out[k] = strategicMerge(out[k], v) as Json;
    else out[k] = clone(v);
  }
  return out;
}

/** A list merges by key when the field has one and every item on both sides carries it (so a NetworkPolicy's `ports` is replaced, not merged as a container's). */
function keyed(target: Json | undefined, patch: readonly Json[], key: string | undefined): target is Json[] {
  return !!key && Array.isArray(target) && [...target, ...patch].every((x) => isObject(x) && (x[key] !== undefined || x.$patch === "replace"));
}

function mergeList(target: readonly Json[], patch: readonly Json[], key: string): Json[] {
  // an item {"$patch": "replace"} makes the patch's list replace the whole list
  if (patch.some((x) => isObject(x) && x.$patch === "replace" && x[key] === undefined)) return patch.filter((x) => !(isObject(x) && x.$patch === "replace")).map((x) => clone(x));
  const out: Json[] = [...target];
  const indexOf = (k: Json) => out.findIndex((x) => isObject(x) && x[key] === k);
  for (const item of patch) {
    if (!isObject(item) || item[key] === undefined) {
      out.push(clone(item));
      continue;
    }
    const i = indexOf(item[key]);
    if (item.$patch === "delete") {
      if (i >= 0) out.splice(i, 1);
    } else if (i >= 0) out[i] = strategicMerge(out[i], item) as Json;
    else out.push(strategicMerge(undefined, item) as Json);
  }
  return out;
}

function clone<T extends Json>(v: T): T {
  return v === null || typeof v !== "object" ? v : (structuredClone(v) as T);
}

/**
 * The smallest strategic merge patch turning `from` into `to` for the fields that differ (maps by
 * key, merge-keyed lists by item, other lists whole), with the identifying fields `keep` (e.g.
 * apiVersion, kind, metadata.name) always present. Applying it to `from` gives `to`.
 */
export function diffPatch(from: unknown, to: unknown, keep: readonly string[] = []): unknown {
  if (!isObject(from) || !isObject(to)) return clone(to as Json);
  const out: JsonObject = {};
  for (const k of new Set([...Object.keys(from), ...Object.keys(to)])) {
    const a = from[k];
    const b = to[k];
    if (b === undefined) {
      out[k] = null;
      continue;
    }
    if (equal(a, b)) {
      if (keep.includes(k)) out[k] = clone(b);
      continue;
    }
    if (isObject(a) && isObject(b)) out[k] = diffPatch(a, b, keep.filter((p) => p.startsWith(`${k}.`)).map((p) => p.slice(k.length + 1))) as Json;
    else if (Array.isArray(a) && Array.isArray(b) && keyed(a, b, MERGE_KEYS[k])) out[k] = canMergeByKey(a, b, MERGE_KEYS[k]) ? diffList(a, b, MERGE_KEYS[k]) : [...b.map((x) => clone(x)), { $patch: "replace" }];
    else out[k] = clone(b);
  }
  for (const k of keep) if (!k.includes(".") && out[k] === undefined && to[k] !== undefined) out[k] = clone(to[k]);
  for (const k of keep) {
    const [head, ...rest] = k.split(".");
    if (rest.length && isObject(to[head])) out[head] = { ...(isObject(out[head]) ? out[head] : {}), ...pick(to[head], rest.join(".")) };
  }
  return out;
}

function pick(o: JsonObject, path: string): JsonObject {
  const [head, ...rest] = path.split(".");
  if (o[head] === undefined) return {};
  if (!rest.length) return { [head]: clone(o[head]) };
  return isObject(o[head]) ? { [head]: pick(o[head], rest.join(".")) } : {};
}

/** Merging by key keeps the existing order, so only when `to` lists the surviving items in their order. */
function canMergeByKey(a: readonly Json[], b: readonly Json[], key: string): boolean {
  if (![...a, ...b].every((x) => isObject(x) && x[key] !== undefined)) return false;
  const keysA = a.map((x) => (x as JsonObject)[key]);
  const keysB = b.map((x) => (x as JsonObject)[key]);
  if (new Set(keysA).size !== keysA.length || new Set(keysB).size !== keysB.length) return false;
  const common = keysB.filter((k) => keysA.includes(k));
  const inA = keysA.filter((k) => keysB.includes(k));
  return common.every((k, i) => k === inA[i]) && keysB.slice(0, common.length).every((k, i) => k === common[i]);
}

function diffList(a: readonly Json[], b: readonly Json[], key: string): Json[] {
  const out: Json[] = [];
  const byKey = new Map(a.map((x) => [(x as JsonObject)[key], x as JsonObject]));
  const kept = new Set(b.map((x) => (x as JsonObject)[key]));
  for (const x of b) {
    const k = (x as JsonObject)[key];
    const old = byKey.get(k);
    if (!old) out.push(clone(x));
    else if (!equal(old, x)) out.push({ ...(diffPatch(old, x) as JsonObject), [key]: k });
  }
  for (const [k] of byKey) if (!kept.has(k)) out.push({ $patch: "delete", [key]: k });
  return out;
}

export function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && equal(a[k], b[k]));
  }
  return false;
}
