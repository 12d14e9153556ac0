/**
 * A live source that follows its cluster: every kind of `KINDS` (and the Gatekeeper constraint
 * kinds the templates declare) is listed once and then watched (reflector.ts, GET only), and the
 * snapshot is rebuilt from the watched collections when events arrive — batched (CLEARANCE_LIVE_
 * BATCH_MS, default 50 ms), in proportion to the change (lib/live/assemble.ts: only the collections
 * whose resources moved are merged again, only the changed objects normalized), keeping the arrays of
 * unchanged collections so analyses that read only unchanged collections are reused
 * (lib/analysis/memo.ts `trackable`/`derive`). A kind that cannot be read is recorded as in a one-off
 * load and keeps being retried; a CRD that is not installed is not watched.
 */
import type { LiveWatchStatus } from "../../lib/contracts";
import { ClearanceError } from "../../lib/errors";
import { derive, trackable } from "../../lib/analysis/memo";
import { LiveAssembler, type LivePart } from "../../lib/live/assemble";
import { shareUnchanged } from "../../lib/live/share";
import { KINDS, kindStatusKey, SnapshotBuilder, type ClusterSnapshot, type KindStatus } from "../../lib/model";
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
  private readonly assembler: LiveAssembler;
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
    this.assembler = new LiveAssembler({ type: "live", id: `live:${client.context}`, label: client.context, context: client.context, server: client.server }, this.normalized);
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

  /**
   * Builds the snapshot from the watched collections — in proportion to the change (lib/live/assemble.ts),
   * or from scratch when two resources bring one object (the builder then reports the duplicate) —
   * and tells the listeners.
   */
  private rebuild(): void {
    const t0 = performance.now();
    const byStatus = new Map([...this.watched.values()].map((w) => [w.job.status, w]));
    // In KINDS order (by status key: Antrea's networkpolicies are not Kubernetes' twice), then the constraint kinds.
    const known = KINDS.map(kindStatusKey);
    const order = [...known, ...[...byStatus.keys()].filter((k) => !known.includes(k)).sort()];
    const parts: LivePart[] = order.flatMap((key) => {
      const w = byStatus.get(key);
      if (!w) return [];
      const c = w.reflector.collection;
      return [{ resource: key, generation: c.generation, objects: () => [...c.values()].map((raw) => withTypeMeta(raw, w.job)), origin: { source: w.job.path }, status: w.reflector.stats.lists > 0 ? { state: "ok" } : w.status }];
    });
    const built = this.assembler.build(parts);
    let next: ClusterSnapshot;
    let changed: string[];
    if (built) ({ snapshot: next, changed } = built);
    else {
      const b = new SnapshotBuilder(this.assembler.source, undefined, this.normalized);
      for (const p of parts) {
        for (const raw of p.objects()) b.add(raw, p.origin);
        b.kindStatus(p.resource, p.status);
      }
      next = b.build({ synthesizePods: false, aggregation: "check", provenance: false });
      changed = shareUnchanged(this.snapshot, next);
    }
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
