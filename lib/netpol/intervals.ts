/**
 * Canonical sets of integers as sorted, disjoint, non-adjacent closed intervals, stored flat:
 * `[lo0, hi0, lo1, hi1, ...]`. Ports (1–65535) and IPv4 addresses (0–2^32−1) both fit exactly in a
 * double, so one implementation serves both. The representation is canonical: two sets are equal
 * iff their arrays are equal, which makes `intervalsKey` usable for interning.
 * Same idea as np-guard/models' `interval.CanonicalSet` used by netpol-analyzer.
 */
export type Intervals = readonly number[];

export const EMPTY_INTERVALS: Intervals = Object.freeze([]) as Intervals;

/** The set {lo..hi} (empty when lo > hi). */
export function range(lo: number, hi: number): Intervals {
  return lo > hi ? EMPTY_INTERVALS : [lo, hi];
}

/** Canonicalizes arbitrary (possibly overlapping, unsorted) closed intervals. */
export function fromRanges(ranges: readonly (readonly [number, number])[]): Intervals {
  const sorted = ranges.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of sorted) {
    const n = out.length;
    if (n > 0 && lo <= out[n - 1] + 1) {
      if (hi > out[n - 1]) out[n - 1] = hi;
    } else {
      out.push(lo, hi);
    }
  }
  return out;
}

export function containsValue(a: Intervals, x: number): boolean {
  let lo = 0;
  let hi = a.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (x < a[2 * mid]) hi = mid - 1;
    else if (x > a[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

export function union(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let lo: number;
    let hi: number;
    if (j >= b.length || (i < a.length && a[i] <= b[j])) {
      lo = a[i];
      hi = a[i + 1];
      i += 2;
    } else {
      lo = b[j];
      hi = b[j + 1];
      j += 2;
    }
    const n = out.length;
    if (n > 0 && lo <= out[n - 1] + 1) {
      if (hi > out[n - 1]) out[n - 1] = hi;
    } else {
      out.push(lo, hi);
    }
  }
  return out;
}

export function intersect(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0 || b.length === 0) return EMPTY_INTERVALS;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i], b[j]);
    const hi = Math.min(a[i + 1], b[j + 1]);
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1] < b[j + 1]) i += 2;
    else j += 2;
  }
  return out;
}

/** a \ b */
export function subtract(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0 || b.length === 0) return a;
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let lo = a[i];
    const hi = a[i + 1];
    while (j < b.length && b[j + 1] < lo) j += 2;
    let k = j;
    while (k < b.length && b[k] <= hi) {
      if (b[k] > lo) out.push(lo, b[k] - 1);
      lo = Math.max(lo, b[k + 1] + 1);
      k += 2;
    }
    if (lo <= hi) out.push(lo, hi);
  }
  return out;
}

export function equalIntervals(a: Intervals, b: Intervals): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** a ⊆ b */
export function isSubset(a: Intervals, b: Intervals): boolean {
  return subtract(a, b).length === 0;
}

export function size(a: Intervals): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 2) n += a[i + 1] - a[i] + 1;
  return n;
}

export function intervalsKey(a: Intervals): string {
  return a.join(",");
}

/** `1-79,81-65535`, single values written alone: netpol-analyzer's port list format. */
export function formatIntervals(a: Intervals, fmt: (n: number) => string = String): string {
  const parts: string[] = [];
  for (let i = 0; i < a.length; i += 2) parts.push(a[i] === a[i + 1] ? fmt(a[i]) : `${fmt(a[i])}-${fmt(a[i + 1])}`);
  return parts.join(",");
}
