/**
 * A live source that follows its cluster: every kind of `KINDS` (and the Gatekeeper constraint
 * kinds the templates declare) is listed once and then watched (reflector.ts, GET only), and the
 * snapshot is rebuilt from the watched collections when events arrive — batched (CLEARANCE_LIVE_
 * BATCH_MS, default 50 ms), normalizing only the objects that changed (SnapshotBuilder's cache), and
 * keeping the arrays of unchanged collections (lib/live/share.ts) so analyses that read only
 * unchanged collections are reused (lib/analysis/memo.ts `trackable`/`derive`). A kind that cannot be read is recorded as in a one-off load and keeps being retried; a
 * CRD that is not installed is not watched.
 */
import type { LiveWatchStatus } from "../../lib/contracts";
import { ClearanceError } from "../../lib/errors";
import { derive, trackable } from "../../lib/analysis/memo";
import { shareUnchanged } from "../../lib/live/share";
import { KINDS, SnapshotBuilder, type ClusterSnapshot, type KindStatus } from "../../lib/model";
import type { NormalizeResult } from "../../lib/model/normalize";
import type { ApiClient } from "./api-client";
import { constraintJobs, failure, kindJobs, liveSettings, preflight, withTypeMeta, type Job, type LiveProgress, type LiveSettings } from "./live";
import { Reflector } from "./reflector";
import { apiWatchTransport } from "./watch";

export type { LiveWatchStatus };

interface Watched {
  job: Job;
  reflector: Reflector;
  /** How the first list went; "ok" once any list succeeded. */
  status: KindStatus;
  /** The first list failed because the connection did. */
  connection?: boolean;
  /** The first list was refused in a way that ends the load (401). */
  fatal?: ClearanceError;
}

export class LiveWatch {
  private readonly watched = new Map<string, Watched>();
  private readonly normalized = new WeakMap<object, NormalizeResult>();
  private readonly listeners = new Set<(s: ClusterSnapshot) => void>();
  private readonly settings: LiveSettings;
  private readonly batchMs: number;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  snapshot?: ClusterSnapshot;
  private version = 0;
  private updatedAt = 0;
  private lastEventAt?: number;
  private lastBuild?: LiveWatchStatus["lastBuild"];
  /** Lists (first ones and relists) running now, at most `settings.concurrency`, as a one-off read. */
  private listing = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly client: ApiClient,
    private readonly opts: { env?: Readonly<Record<string, string | undefined>>; onProgress?: (p: LiveProgress) => void; batchMs?: number } = {},
  ) {
    const env = opts.env ?? process.env;
    this.settings = liveSettings(env);
    const b = Number(env.CLEARANCE_LIVE_BATCH_MS);
    this.batchMs = opts.batchMs ?? (Number.isFinite(b) && b >= 0 ? b : 50);
  }

  /** Lists every kind, starts the watches, and resolves with the first snapshot. */
  async start(): Promise<ClusterSnapshot> {
    await preflight(this.client, this.settings);
    const jobs = kindJobs();
    let done = 0;
    let total = jobs.length;
    const report = () => this.opts.onProgress?.({ done, total });
    report();
    const synced = async (job: Job) => {
      await this.watch(job);
      done++;
      report();
    };
    await Promise.all(jobs.map(synced));
    const templates = this.watched.get("constrainttemplates");
    const more = templates ? constraintJobs([...templates.reflector.collection.values()]) : [];
    total += more.length;
    await Promise.all(more.map(synced));
    const all = [...this.watched.values()];
    const fatal = all.find((w) => w.fatal)?.fatal;
    if (fatal) {
      await this.stop();
      throw fatal;
    }
    if (all.length > 0 && all.every((w) => w.connection && w.reflector.stats.lists === 0)) {
      await this.stop();
      throw new ClearanceError("cluster_unreachable", `cannot reach the API server ${this.client.server} (context "${this.client.context}"): ${all[0].status.message}`, { server: this.client.server });
    }
    this.rebuild();
    return this.snapshot!;
  }

  /** Starts a reflector for `job`; resolves when its first list succeeded or failed. */
  private watch(job: Job): Promise<void> {
    return new Promise((resolve) => {
      const w: Watched = { job, status: { state: "ok" }, reflector: undefined as unknown as Reflector };
      const transport = apiWatchTransport(this.client, this.settings);
      const list = transport.list;
      transport.list = async (path, signal) => {
        await this.slot();
        try {
          return await list(path, signal);
        } finally {
          this.listing--;
          this.queue.shift()?.();
        }
      };
      w.reflector = new Reflector(job.path, transport, () => this.changed(w), {
        onSynced: (e) => {
          if (e !== undefined) {
            const f = failure(e, job, this.client, this.settings);
            w.status = f.status;
            w.connection = f.connection;
            w.fatal = f.fatal;
            if (f.status.state === "not-installed" || f.fatal) void w.reflector.stop();
          }
          resolve();
        },
      });
      this.watched.set(job.status, w);
      w.reflector.start();
    });
  }

  /** Waits for a free list slot. */
  private async slot(): Promise<void> {
    while (this.listing >= Math.max(1, this.settings.concurrency)) await new Promise<void>((r) => this.queue.push(r));
    this.listing++;
  }

  private changed(w: Watched): void {
    if (this.stopped) return;
    w.status = { state: "ok" };
    this.lastEventAt = Date.now();
    if (w.job.kind === "ConstraintTemplate" && this.snapshot) {
      for (const job of constraintJobs([...w.reflector.collection.values()])) if (!this.watched.has(job.status)) void this.watch(job);
    }
    if (!this.snapshot || this.timer) return; // the first snapshot is built by start(); a rebuild is already due
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.rebuild();
    }, this.batchMs);
  }

  /** Builds the snapshot from the watched collections and tells the listeners. */
  private rebuild(): void {
    const t0 = performance.now();
    const b = new SnapshotBuilder({ type: "live", id: `live:${this.client.context}`, label: this.client.context, context: this.client.context, server: this.client.server }, undefined, this.normalized);
    const byStatus = new Map([...this.watched.values()].map((w) => [w.job.status, w]));
    const order = [...KINDS.map((k) => k.resource), ...[...byStatus.keys()].filter((k) => !KINDS.some((x) => x.resource === k)).sort()];
    for (const key of order) {
      const w = byStatus.get(key);
      if (!w) continue;
      for (const raw of w.reflector.collection.values()) b.add(withTypeMeta(raw, w.job), { source: w.job.path });
      b.kindStatus(key, w.reflector.stats.lists > 0 ? { state: "ok" } : w.status);
    }
    const next = b.build({ synthesizePods: false, aggregation: "check" });
    const changed = shareUnchanged(this.snapshot, next);
    trackable(next);
    derive(this.snapshot, next);
    this.snapshot = next;
    this.version++;
    this.updatedAt = Date.now();
    this.lastBuild = { changed, ms: Math.round((performance.now() - t0) * 10) / 10 };
    for (const l of this.listeners) l(next);
  }

  /** Called with every new snapshot; returns the unsubscribe function. */
  subscribe(listener: (s: ClusterSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): LiveWatchStatus {
    const ws = [...this.watched.values()];
    return {
      version: this.version,
      updatedAt: new Date(this.updatedAt || Date.now()).toISOString(),
      ...(this.lastEventAt ? { lastEventAt: new Date(this.lastEventAt).toISOString() } : {}),
      events: ws.reduce((n, w) => n + w.reflector.stats.events, 0),
      relists: ws.reduce((n, w) => n + w.reflector.stats.relists, 0),
      failing: ws.filter((w) => w.reflector.phase === "backoff").map((w) => w.job.status),
      ...(this.lastBuild ? { lastBuild: this.lastBuild } : {}),
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.listeners.clear();
    await Promise.all([...this.watched.values()].map((w) => w.reflector.stop()));
  }
}
