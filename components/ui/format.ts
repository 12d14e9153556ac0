/** Counts that fit their box: 9,999 as is, then 23.2k, 1.2M (the exact number goes in a title). */
export function compactCount(n: number): string {
  if (n < 10_000) return String(n);
  if (n < 999_500) return `${(n / 1000).toFixed(n < 100_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}
