/**
 * One finding per id (the most severe; the first listed among equals), sorted worst first — in
 * proportion to what changed since an earlier result. A watched source's next scan, or a draft's,
 * lists mostly the same finding objects in the same order as the scan before (reused checks return
 * them); only the ids whose findings changed are looked at again.
 */
import { CATEGORIES, SEVERITY_RANK, type Category, type Finding } from "./types";

const by = (x: string | undefined, y: string | undefined) => ((x ?? "") < (y ?? "") ? -1 : (x ?? "") > (y ?? "") ? 1 : 0);
const CATEGORY_RANK = new Map<string, number>(CATEGORIES.map((c, i) => [c, i]));
const categoryRank = (c: Category) => CATEGORY_RANK.get(c) ?? -1;

/** Worst first, then by area, rule, namespace and resource, so output is stable. */
export function compareFindings(a: Finding, b: Finding): number {
  // `by` and the category ranks made once, not per comparison: a large scan sorts ~10^6 pairs per run
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    categoryRank(a.category) - categoryRank(b.category) ||
    by(a.rule, b.rule) ||
    by(a.namespace, b.namespace) ||
    by(a.resources[0]?.name, b.resources[0]?.name) ||
    by(a.id, b.id)
  );
}

/** The findings each result of dedupeAndSort was made from, in order (a copy). */
const inputs = new WeakMap<readonly Finding[], readonly Finding[]>();

/**
 * Keeps one finding per id (the most severe), sorted by severity, area, rule, namespace, resource.
 * `previous`, an earlier result of this function (the source's run when scanning a draft or the
 * next watched snapshot), lends its order; the result is the same. When this process made it, its
 * input is compared with `findings` in order (`fromInput`): an id whose findings are the same
 * objects in the same order keeps its winner, and only the others are deduplicated, sorted and
 * merged in. Otherwise (a run seeded from a load worker) the findings it shares as objects keep
 * their order and only the others are sorted.
 */
export function dedupeAndSort(findings: readonly Finding[], previous?: readonly Finding[]): Finding[] {
  const before = previous && inputs.get(previous);
  if (before) {
    const { out, input } = fromInput(findings, previous!, before);
    inputs.set(out, input);
    return out;
  }
  const out = previous?.length ? fromOrder(findings, previous) : [...winners(findings).values()].sort(compareFindings);
  inputs.set(out, findings.slice());
  return out;
}

/** Per id, its first most severe finding. */
function winners(findings: Iterable<Finding>, only?: ReadonlySet<string>): Map<string, Finding> {
  const byId = new Map<string, Finding>();
  for (const f of findings) {
    if (only && !only.has(f.id)) continue;
    const prev = byId.get(f.id);
    if (!prev || SEVERITY_RANK[f.severity] > SEVERITY_RANK[prev.severity]) byId.set(f.id, f);
  }
  return byId;
}

/**
 * `findings` after `previous` (made from `before`). A new finding equal as data to the finding of
 * its id it replaces (a check run again, as RBAC's workload tokens or admission's are when anything
 * they read moved) is taken as that finding: the input is the same data with the earlier objects,
 * so its result is the same data as from `findings`, and those ids count as unchanged.
 */
function fromInput(findings: readonly Finding[], previous: readonly Finding[], before: readonly Finding[]): { out: Finding[]; input: readonly Finding[] } {
  // re-created findings in their places are taken while matching; any others by id after
  let m = match(before, findings);
  let input = m.input;
  if (m.fresh.length && m.gone.length) {
    const gone = new Map<string, Finding>();
    for (const g of m.gone) if (!gone.has(g.id)) gone.set(g.id, g);
    let copy: Finding[] | undefined;
    for (const j of m.fresh) {
      const g = gone.get(input[j].id);
      if (g && sameData(input[j], g)) {
        (copy ??= input === findings ? findings.slice() : (input as Finding[]))[j] = g;
        gone.delete(g.id);
      }
    }
    if (copy) input = (m = match(before, copy)).input;
  }
  if (input === findings) input = findings.slice();
  const dirty = m.dirty;
  if (dirty.size === 0) return { out: previous.slice(), input };
  // an id outside `dirty` has the same findings, in the same order, so the same winner: still in `previous`
  const kept = previous.filter((f) => !dirty.has(f.id));
  return { out: mergeSorted(kept, [...winners(input, dirty).values()].sort(compareFindings)), input };
}

/** Equal as JSON data, keys in the same order (findings are plain data, and exports keep their key order). */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || !sameData((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]])) return false;
  }
  return true;
}

/** How far ahead a finding is looked for before the two lists are indexed. */
const WINDOW = 32;

/**
 * What `match` found: the ids whose findings differ, the positions of `after`'s new findings, and
 * `before`'s gone ones — in `input`, `after` with each finding equal as data to the finding of `before`
 * it stands in place of (same id) replaced by that one.
 */
interface Matched {
  dirty: Set<string>;
  fresh: number[];
  gone: Finding[];
  input: readonly Finding[];
}

/**
 * The ids whose findings differ between `before` and `after` (two inputs, in order). `after` is
 * matched against `before` in order: a finding equal (the same object) to one at or after the
 * current position — looked for in a window, or in an index of `before` once the window keeps
 * failing — is matched; any other finding of `after` is new, and any finding of `before` passed
 * over is gone. The matched findings are a common subsequence, so an id none of whose findings is
 * new or gone has the same findings in the same order in both.
 */
export function changedIds(before: readonly Finding[], after: readonly Finding[]): Set<string> {
  return match(before, after).dirty;
}

function match(before: readonly Finding[], after: readonly Finding[]): Matched {
  const dirty = new Set<string>();
  const fresh: number[] = [];
  const gone: Finding[] = [];
  const passOver = (k: number) => {
    dirty.add(before[k].id);
    gone.push(before[k]);
  };
  let i = 0;
  let misses = 0;
  let at: Map<Finding, number> | undefined;
  let input: Finding[] | undefined;
  for (let j = 0; j < after.length; j++) {
    const f = after[j];
    const b = before[i];
    if (b === f || (b !== undefined && b.id === f.id && sameData(f, b))) {
      if (b !== f) (input ??= after.slice())[j] = b; // made again, the same data: the earlier object
      i++;
      misses = 0;
      continue;
    }
    let found = -1;
    if (at) {
      const k = at.get(f);
      if (k !== undefined && k > i) found = k;
    } else found = aheadOf(before, i, f);
    if (found >= 0) {
      for (; i < found; i++) passOver(i);
      i++;
      misses = 0;
      continue;
    }
    dirty.add(f.id); // new
    fresh.push(j);
    // `before[i]` comes later in `after` (findings were inserted): keep it; else count it gone (replaced)
    if (!at && i < before.length && aheadOf(after, j, before[i]) < 0) {
      passOver(i++);
      // a long run of replacements may be a block of `before` gone: index what is left of it rather than lose the thread
      if (++misses > WINDOW) at = positions(before, i);
    }
  }
  for (; i < before.length; i++) passOver(i);
  return { dirty, fresh, gone, input: input ?? after };
}

/** Where `f` is in `list` within the window after position `j`, or -1. */
function aheadOf(list: readonly Finding[], j: number, f: Finding): number {
  for (let k = j + 1, end = Math.min(list.length, j + WINDOW); k < end; k++) if (list[k] === f) return k;
  return -1;
}

/** Each finding's first position in `list` from `from` on. */
function positions(list: readonly Finding[], from: number): Map<Finding, number> {
  const at = new Map<Finding, number>();
  for (let k = from; k < list.length; k++) if (!at.has(list[k])) at.set(list[k], k);
  return at;
}

/** The findings an earlier sorted result shares as objects keep their order; only the others are sorted. */
function fromOrder(findings: readonly Finding[], previous: readonly Finding[]): Finding[] {
  const byId = winners(findings);
  const earlier = membersOf(previous);
  const fresh: Finding[] = [];
  for (const f of byId.values()) if (!earlier.has(f)) fresh.push(f);
  // a subsequence of a sorted list is sorted (compareFindings orders distinct ids strictly)
  return mergeSorted(
    previous.filter((f) => byId.get(f.id) === f),
    fresh.sort(compareFindings),
  );
}

/** The findings of an earlier sorted result, kept with it (several drafts over one source share it). */
const members = new WeakMap<readonly Finding[], Set<Finding>>();
function membersOf(list: readonly Finding[]): Set<Finding> {
  let m = members.get(list);
  if (!m) members.set(list, (m = new Set(list)));
  return m;
}

/** Two sorted lists as one; `b` is the short one: each of its items is placed by binary search in `a`. */
function mergeSorted(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  const out: Finding[] = [];
  let i = 0;
  for (const x of b) {
    let lo = i;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareFindings(a[mid], x) < 0) lo = mid + 1;
      else hi = mid;
    }
    while (i < lo) out.push(a[i++]);
    out.push(x);
  }
  while (i < a.length) out.push(a[i++]);
  return out;
}
