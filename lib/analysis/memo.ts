/**
 * Per-snapshot memoization: an analysis (RBAC index, reachability, findings) is computed once per
 * snapshot object and dropped with it.
 *
 * Incremental reuse for snapshots that follow one another (a watched cluster, lib/live): a snapshot
 * made `trackable` records which of its fields each memoized computation reads (its collections,
 * its `kinds`, ...), nested computations included; `derive(prev, next)` links the next snapshot to
 * the previous one. A computation on `next` then reuses `prev`'s result when every field it read is
 * the same object in both (lib/live/share.ts keeps unchanged collections' arrays): a new RoleBinding
 * recomputes what reads RoleBindings, not the reachability of ten thousand pods. Computations are
 * pure functions of what they read, so a reused result is the one a recomputation would give
 * (memo.test.ts checks this against recomputing from scratch).
 */
type Deps = Map<string, unknown>;

interface Entry {
  value: unknown;
  /** Fields read (with the value read), when the snapshot was trackable. */
  deps?: Deps;
  /** Keys of the memoized computations it ran or reused, nested ones included. */
  nested?: Set<string>;
}

const memo = new WeakMap<object, Map<string, Entry>>();
const previous = new WeakMap<object, object>();
/** The backing store of a trackable snapshot's fields. */
const fields = new WeakMap<object, Record<string, unknown>>();
/** Dependency sets of the computations running now, innermost last. */
const frames: Deps[] = [];
/** The memoized computations each running computation ran or reused (parallel to `frames`). */
const nestedFrames: Set<string>[] = [];

/** The running computations learn that `key` (and what it ran) ran inside them. */
function ranInside(key: string, entry: Entry): void {
  for (const n of nestedFrames) {
    n.add(key);
    if (entry.nested) for (const k of entry.nested) n.add(k);
  }
}

function read(target: object, key: string): unknown {
  const v = fields.get(target)![key];
  for (const f of frames) f.set(key, v);
  return v;
}

/** Makes `snapshot`'s own fields report reads to the computations running (in place; values unchanged). */
export function trackable<T extends object>(snapshot: T): T {
  if (fields.has(snapshot)) return snapshot;
  const store: Record<string, unknown> = {};
  fields.set(snapshot, store);
  for (const key of Object.keys(snapshot)) {
    store[key] = (snapshot as Record<string, unknown>)[key];
    Object.defineProperty(snapshot, key, {
      enumerable: true,
      configurable: true,
      get: () => read(snapshot, key),
      set: (v: unknown) => {
        store[key] = v;
      },
    });
  }
  return snapshot;
}

/** `next` follows `prev` (both trackable): computations on `next` may reuse `prev`'s. */
export function derive(prev: object | undefined, next: object): void {
  if (!prev || prev === next) return;
  previous.set(next, prev);
  previous.delete(prev); // one step back is enough, and older snapshots can go
}

function unchanged(deps: Deps, next: object): boolean {
  const store = fields.get(next);
  if (!store) return false;
  for (const [k, v] of deps) if (store[k] !== v) return false;
  return true;
}

/**
 * What `key` computed for the snapshot `snapshot` follows (see `derive`), if it was computed: a
 * start for a computation that can build on an earlier result (reachability reuses the verdicts a
 * change cannot have touched). Its result must still be what computing from scratch gives.
 */
export function previousResult<T>(snapshot: object, key: string): T | undefined {
  const prev = previous.get(snapshot);
  return prev ? (memo.get(prev)?.get(key)?.value as T | undefined) : undefined;
}

/**
 * The fields (with the values they had) that `previousResult(snapshot, key)`'s computation read, when
 * its snapshot was trackable: a computation building on that result compares them with its own
 * snapshot's to learn what changed in between.
 */
export function previousReads(snapshot: object, key: string): ReadonlyMap<string, unknown> | undefined {
  const prev = previous.get(snapshot);
  return prev ? memo.get(prev)?.get(key)?.deps : undefined;
}

/** The key under which a computation records that it read something untracked. */
const OPAQUE = "\u0000untracked";

/**
 * The computations running now read a value whose own reads are unknown (memoized before its
 * snapshot was tracked): they must never be reused for another snapshot. A fresh object equals
 * no stored field, so `unchanged` is false for them.
 */
function opaque(): void {
  for (const f of frames) f.set(OPAQUE, {});
}

/** The entries of `keys` in `from` (a predecessor's) whose reads are unchanged in `snapshot`, into `to`. */
function carry(keys: Iterable<string>, from: Map<string, Entry>, to: Map<string, Entry>, snapshot: object): void {
  for (const k of keys) {
    const e = from.get(k);
    if (e?.deps && !to.has(k) && unchanged(e.deps, snapshot)) to.set(k, e);
  }
}

export function memoize<T>(snapshot: object, key: string, compute: () => T): T {
  let m = memo.get(snapshot);
  if (!m) {
    m = new Map();
    memo.set(snapshot, m);
  }
  const hit = m.get(key);
  if (hit) {
    if (hit.deps) for (const f of frames) for (const [k, v] of hit.deps) f.set(k, v);
    else opaque(); // computed before the snapshot was tracked: what it read is unknown
    ranInside(key, hit);
    return hit.value as T;
  }
  const prev = previous.get(snapshot);
  const prevMemo = prev ? memo.get(prev) : undefined;
  const before = prevMemo?.get(key);
  if (before?.deps && unchanged(before.deps, snapshot)) {
    m.set(key, before);
    // what it ran are this snapshot's too when what they read is unchanged (as for any reuse), so the
    // snapshot after this one can still reuse them alone: a pod event after a policy event reuses the
    // RBAC grants the reused RBAC index was built from
    if (before.nested) carry(before.nested, prevMemo!, m, snapshot);
    for (const f of frames) for (const [k, v] of before.deps) f.set(k, v);
    ranInside(key, before);
    return before.value as T;
  }
  if (!fields.has(snapshot)) {
    opaque();
    const value = compute();
    m.set(key, { value });
    return value;
  }
  const deps: Deps = new Map();
  const nested = new Set<string>();
  frames.push(deps);
  nestedFrames.push(nested);
  let value: T;
  try {
    value = compute();
  } finally {
    frames.pop();
    nestedFrames.pop();
  }
  for (const f of frames) for (const [k, v] of deps) f.set(k, v);
  const entry: Entry = { value, deps, ...(nested.size ? { nested } : {}) };
  m.set(key, entry);
  ranInside(key, entry);
  return value;
}

/**
 * Whether two lists hold the same objects in the same order: what reuse across snapshots compares
 * (records are never changed, so the same objects mean the same values). An absent list is no match.
 */
export function sameElements<T>(a: readonly T[] | undefined, b: readonly T[]): boolean {
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
