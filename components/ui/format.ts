/** Counts that fit their box (at most 5 characters): 9999 as is, then 23.2k, 123k, 2.3M, 12M (the exact number goes in a title). */
export function compactCount(n: number): string {
  if (n < 10_000) return String(n);
  if (n < 99_950) return `${(n / 1000).toFixed(1)}k`;
  if (n < 999_500) return `${Math.round(n / 1000)}k`;
  if (n < 9_950_000) return `${(n / 1_000_000).toFixed(1)}M`;
  return `${Math.round(n / 1_000_000)}M`;
}
