/**
 * One control's result over the findings listed per rule and its universe (its scopes' resources):
 * from scratch (`evaluateControl`), or patched from the result of an earlier evaluation whose rule
 * lists differ from the current ones in a middle part only (`patchControl`, used by report.ts).
 */
import type { Finding, ResourceRef } from "../findings/types";
import { CHECK_FILTERS, parseCheck, type ParsedCheck } from "./filters";
import { CLUSTER } from "./scopes";
import type { ControlDef, ControlResource, ControlResult } from "./types";

/** How many passing resources a control lists (all are counted). */
export const PASSING_SHOWN = 50;

export type Result = Omit<ControlResult, "cost">;

/** A resource's key, kept per ref object: findings of one workload share its ref, and a draft shares the source's refs. */
const keys = new WeakMap<ResourceRef, string>();
export function keyOf(r: ResourceRef): string {
  let k = keys.get(r);
  if (k === undefined) keys.set(r, (k = `${r.kind}/${r.namespace ?? ""}/${r.name}`));
  return k;
}

/** A scope's resources by key, in the order first listed (a key listed twice keeps its last resource). */
export type Universe = ReadonlyMap<string, ResourceRef>;

/** A control's checks parsed, once per definition. */
const parsedChecks = new WeakMap<ControlDef, ParsedCheck[]>();
export const checksOf = (def: ControlDef) => {
  let c = parsedChecks.get(def);
  if (!c) parsedChecks.set(def, (c = def.checks.map(parseCheck)));
  return c;
};

/** The keys of a result's failing resources, kept per `failing` array (a patched result starts from its predecessor's). */
const failingKeys = new WeakMap<readonly ControlResource[], ReadonlySet<string> | ReadonlyMap<string, unknown>>();

/** The resource a finding fails: its first, or the cluster. */
const resourceOf = (f: Finding) => f.resources[0] ?? CLUSTER;

/**
 * The failing entries, by key in the order first met: each check in order, each finding of its rule
 * (byRule lists a finding under every rule it counts for) that passes the check's filter, the entry
 * made by the first finding of its key and listing each finding id once. With `only`, the entries of
 * those keys alone (each one exactly as without `only`: it reads nothing but its own key's findings).
 */
function failingEntries(checks: readonly ParsedCheck[], byRule: ReadonlyMap<string, readonly Finding[]>, only?: ReadonlySet<string>): Map<string, ControlResource> {
  const failing = new Map<string, ControlResource>();
  for (const check of checks) {
    const filter = check.filter ? CHECK_FILTERS[check.filter].test : undefined;
    for (const f of byRule.get(check.rule) ?? []) {
      const resource = resourceOf(f);
      const k = keyOf(resource);
      if (only && !only.has(k)) continue;
      if (filter && !filter(f)) continue;
      let entry = failing.get(k);
      if (!entry) failing.set(k, (entry = { resource, findings: [] }));
      if (!entry.findings.some((x) => x.id === f.id)) entry.findings.push({ id: f.id, rule: f.rule, title: f.title });
    }
  }
  return failing;
}

function base(def: ControlDef, titles: ReadonlyMap<string, string>) {
  return {
    id: def.id, title: def.title, definition: def.definition, source: def.source,
    ...(def.kubescape ? { kubescape: def.kubescape } : {}),
    checks: checksOf(def).map((c) => ({ rule: c.rule, title: titles.get(c.rule) ?? c.rule, ...(c.filter ? { filter: CHECK_FILTERS[c.filter].label } : {}) })),
    ...(def.notChecked ? { notChecked: def.notChecked } : {}),
    differences: def.differences,
  };
}

/** The result from the failing entries sorted by key and their keys: counts against the universe, the first passing resources. */
function resultOf(def: ControlDef, titles: ReadonlyMap<string, string>, universe: Universe, failing: ControlResource[], keys: ReadonlySet<string> | ReadonlyMap<string, unknown>): Result {
  failingKeys.set(failing, keys);
  // the checked resources: the scopes' and the failing ones (a failing resource may lie outside the scopes)
  let outside = 0;
  for (const k of keys.keys()) if (!universe.has(k)) outside++;
  const checked = def.checks.length ? universe.size + outside : 0;
  const passing: ResourceRef[] = [];
  for (const [k, r] of universe) {
    if (passing.length >= PASSING_SHOWN) break;
    if (!keys.has(k)) passing.push(r);
  }
  const failed = keys.size;
  return { ...base(def, titles), checked, failed, passed: checked - failed, score: checked ? Math.round((100 * (checked - failed)) / checked) : null, failing, passing };
}

export function evaluateControl(def: ControlDef, universe: Universe, byRule: ReadonlyMap<string, readonly Finding[]>, titles: ReadonlyMap<string, string>): Result {
  const failing = failingEntries(checksOf(def), byRule, undefined);
  // a failing entry's key is its resource's key
  const sorted = [...failing].sort(([a], [b]) => a.localeCompare(b)).map(([, e]) => e);
  return resultOf(def, titles, universe, sorted, failing);
}

/** The findings of `before` and `now` outside their common prefix and suffix (compared by identity). */
export function middleOf(before: readonly Finding[], now: readonly Finding[]): Finding[] {
  const n = Math.min(before.length, now.length);
  let p = 0;
  while (p < n && before[p] === now[p]) p++;
  let s = 0;
  while (s < n - p && before[before.length - 1 - s] === now[now.length - 1 - s]) s++;
  return before.slice(p, before.length - s).concat(now.slice(p, now.length - s));
}

/** `sorted` (by key) with `add` merged in, or undefined when two different keys compare equal (then only a sort decides). */
function mergeByKey(sorted: readonly ControlResource[], add: Map<string, ControlResource>): ControlResource[] | undefined {
  const extra = [...add].sort(([a], [b]) => a.localeCompare(b));
  for (let i = 1; i < extra.length; i++) if (extra[i - 1][0].localeCompare(extra[i][0]) === 0) return undefined;
  const out: ControlResource[] = [];
  let j = 0;
  for (const e of sorted) {
    const k = keyOf(e.resource);
    for (; j < extra.length; j++) {
      const c = extra[j][0].localeCompare(k);
      if (c === 0) return undefined;
      if (c > 0) break;
      out.push(extra[j][1]);
    }
    out.push(e);
  }
  for (; j < extra.length; j++) out.push(extra[j][1]);
  return out;
}

/**
 * `previous` (this control's result over `beforeByRule`) brought to `byRule` and `universe`, or
 * undefined when it cannot be. Valid because a failing entry reads only the findings of its own key,
 * in order: where a rule's list differs from the one before only in a middle part, every key without
 * a finding in either middle has the same findings in the same order, so the same entry (kept, and
 * in its place in the sorted list); the keys in the middles are made again from the current lists.
 * The counts and passing resources are computed again against the universe.
 */
export function patchControl(def: ControlDef, universe: Universe, byRule: ReadonlyMap<string, readonly Finding[]>, titles: ReadonlyMap<string, string>, previous: Result, middle: (rule: string) => readonly Finding[]): Result | undefined {
  const before = failingKeys.get(previous.failing);
  if (!before) return undefined;
  const checks = checksOf(def);
  const dirty = new Set<string>();
  for (const check of checks) for (const f of middle(check.rule)) dirty.add(keyOf(resourceOf(f)));
  if (dirty.size === 0) return resultOf(def, titles, universe, previous.failing, before);
  const fresh = failingEntries(checks, byRule, dirty);
  const kept = previous.failing.filter((e) => !dirty.has(keyOf(e.resource)));
  const failing = mergeByKey(kept, fresh);
  if (!failing) return undefined;
  const keys = new Set(before.keys());
  for (const k of dirty) if (!fresh.has(k)) keys.delete(k);
  for (const k of fresh.keys()) keys.add(k);
  return resultOf(def, titles, universe, failing, keys);
}
