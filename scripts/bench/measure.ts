/**
 * Measuring: latency summaries, and a process-wide peak-RSS sampler on a worker thread (RSS is per
 * process, so a worker can watch it while the main thread is busy in a synchronous stage).
 */
import { Worker } from "node:worker_threads";
import type { LatencySummary } from "../../lib/bench";

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

export type { LatencySummary };

/** Times `count` calls of `fn(i)`, one by one. */
export function latency(count: number, fn: (i: number) => unknown): LatencySummary {
  const samples: number[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    fn(i);
    samples[i] = performance.now() - t;
  }
  return summarize(samples);
}

export function summarize(samples: readonly number[]): LatencySummary {
  return {
    count: samples.length,
    medianMs: median(samples),
    p99Ms: percentile(samples, 99),
    meanMs: samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length),
    maxMs: samples.length ? Math.max(...samples) : NaN,
  };
}

const SAMPLER = `
const { workerData } = require("node:worker_threads");
const peak = new Int32Array(workerData);
const tick = () => {
  const mb = Math.round(process.memoryUsage.rss() / 1048576);
  if (mb > Atomics.load(peak, 0)) Atomics.store(peak, 0, mb);
};
setInterval(tick, 5);
`;

/** Samples RSS every 5 ms; `reset()` before a stage, `peakMb()` after it. */
export class RssSampler {
  private readonly peak = new Int32Array(new SharedArrayBuffer(4));
  private readonly worker: Worker;

  constructor() {
    this.worker = new Worker(SAMPLER, { eval: true, workerData: this.peak.buffer, execArgv: [] });
    this.worker.unref();
  }

  reset(): void {
    Atomics.store(this.peak, 0, Math.round(process.memoryUsage.rss() / 1048576));
  }

  peakMb(): number {
    const now = Math.round(process.memoryUsage.rss() / 1048576);
    return Math.max(now, Atomics.load(this.peak, 0));
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Full GC when the process runs with --expose-gc; returns whether it could. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}
