/** Peak resident memory while `work` runs, sampled every 20 ms (test support for the hostile suite). */
export async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; baseMb: number; peakMb: number; growthMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const t = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    const mb = (n: number) => Math.round(n / 1024 / 1024);
    return { result, baseMb: mb(base), peakMb: mb(peak), growthMb: mb(peak - base) };
  } finally {
    clearInterval(t);
  }
}
