/**
 * Per-snapshot memoization: an analysis (RBAC index, reachability, findings) is computed once per
 * snapshot object and dropped with it.
 */
const memo = new WeakMap<object, Map<string, unknown>>();

export function memoize<T>(snapshot: object, key: string, compute: () => T): T {
  let m = memo.get(snapshot);
  if (!m) {
    m = new Map();
    memo.set(snapshot, m);
  }
  if (m.has(key)) return m.get(key) as T;
  const v = compute();
  m.set(key, v);
  return v;
}
