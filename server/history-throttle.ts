/**
 * When a scan goes into history. A snapshot is recorded once. A watched (live) source has a new
 * snapshot on every change, so it is recorded at most once per CLEARANCE_LIVE_HISTORY_SECONDS
 * (default 300): history is a trend, and a point per event would write every finding of a large
 * cluster per event and push the older points out (the store keeps the last KEEP_SCANS). The first
 * scan read after the interval is recorded.
 */
export class HistoryThrottle {
  private readonly done = new WeakSet<object>();
  private readonly lastLive = new Map<string, number>();

  constructor(private readonly intervalMs: number) {}

  static fromEnv(env: Readonly<Record<string, string | undefined>> = process.env): HistoryThrottle {
    const s = Number(env.CLEARANCE_LIVE_HISTORY_SECONDS);
    return new HistoryThrottle((Number.isFinite(s) && s >= 0 ? s : 300) * 1000);
  }

  /** Whether to record `snapshot` of `sourceId` now; a yes counts as recorded. */
  take(sourceId: string, snapshot: { source: { type: string } }, now = Date.now()): boolean {
    if (this.done.has(snapshot)) return false;
    if (snapshot.source.type === "live") {
      const last = this.lastLive.get(sourceId);
      if (last !== undefined && now - last < this.intervalMs) return false;
      this.lastLive.set(sourceId, now);
    }
    this.done.add(snapshot);
    return true;
  }
}
