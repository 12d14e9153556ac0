/**
 * List, then watch, one collection, as client-go's reflector does
 * (k8s.io/client-go/tools/cache/reflector.go ListAndWatch): a LIST gives the objects and a
 * resourceVersion; a WATCH from that version streams the changes (with bookmarks, which move the
 * version forward without a change, so a re-watch after a quiet hour is not "too old"). When the
 * server ends a watch (its timeout, a dropped connection) the next one resumes from the last version
 * seen; 410 Gone — the version was compacted away — means the events in between are lost, so the
 * collection is listed again and the difference applied. Other failures back off exponentially
 * (0.8 s doubling to 30 s, with jitter) before trying again. Every request is a GET.
 */
import { Collection, type Change, type RawObject, type WatchEvent } from "../../lib/live/collection";

/** How one collection is read; live-watch.ts provides it over the read-only API client. */
export interface WatchTransport {
  list(path: string, signal: AbortSignal): Promise<{ items: RawObject[]; resourceVersion: string }>;
  /**
   * Streams events of `path` from `resourceVersion` until the server ends the stream (resolves) or
   * it fails (rejects; `gone` when the version is too old: HTTP 410 or an ERROR event with code 410).
   */
  watch(path: string, resourceVersion: string, onEvent: (e: WatchEvent) => void, signal: AbortSignal): Promise<void>;
}

export class WatchGone extends Error {
  constructor(message = "resourceVersion too old (410 Gone)") {
    super(message);
    this.name = "WatchGone";
  }
}

export type ReflectorPhase = "listing" | "watching" | "backoff" | "stopped";

export interface ReflectorStats {
  lists: number;
  watches: number;
  events: number;
  bookmarks: number;
  relists: number;
  errors: number;
  lastError?: string;
}

export interface ReflectorOptions {
  /** First retry delay; doubled per consecutive failure up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Called after the first successful list, with the list's error if it failed. */
  onSynced?: (error?: unknown) => void;
  random?: () => number;
}

export class Reflector {
  readonly collection = new Collection();
  readonly stats: ReflectorStats = { lists: 0, watches: 0, events: 0, bookmarks: 0, relists: 0, errors: 0 };
  phase: ReflectorPhase = "listing";
  private readonly abort = new AbortController();
  private synced = false;
  private done?: Promise<void>;

  constructor(
    readonly path: string,
    private readonly transport: WatchTransport,
    private readonly onChange: (change: Change, r: Reflector) => void,
    private readonly opts: ReflectorOptions = {},
  ) {}

  start(): this {
    this.done ??= this.run();
    return this;
  }

  async stop(): Promise<void> {
    this.abort.abort();
    this.phase = "stopped";
    await this.done?.catch(() => {});
  }

  /** Ends after `ms` or at stop(), leaving no listener on the reflector's signal (it lives as long as the watch: days of retries). */
  private sleep(ms: number): Promise<void> {
    const signal = this.abort.signal;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const t = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  private async list(): Promise<void> {
    this.phase = "listing";
    const { items, resourceVersion } = await this.transport.list(this.path, this.abort.signal);
    this.stats.lists++;
    const change = this.collection.replace(items, resourceVersion);
    if (!this.synced) {
      this.synced = true;
      this.opts.onSynced?.();
    }
    if (change.upserted.length || change.deleted.length) this.onChange(change, this);
  }

  private async run(): Promise<void> {
    const base = this.opts.backoffMs ?? 800;
    const max = this.opts.maxBackoffMs ?? 30_000;
    const random = this.opts.random ?? Math.random;
    let failures = 0;
    let needList = true;
    while (!this.abort.signal.aborted) {
      try {
        if (needList) {
          await this.list();
          needList = false;
        }
        this.phase = "watching";
        this.stats.watches++;
        const started = Date.now();
        await this.transport.watch(
          this.path,
          this.collection.resourceVersion,
          (e) => {
            if (e.type === "BOOKMARK") this.stats.bookmarks++;
            else this.stats.events++;
            const change = this.collection.apply(e);
            if (change.upserted.length || change.deleted.length) this.onChange(change, this);
          },
          this.abort.signal,
        );
        failures = 0; // the server ended the watch normally: resume from the last version
        if (Date.now() - started < 1000) await this.sleep(base); // but not in a tight loop if it ends them at once
      } catch (e) {
        if (this.abort.signal.aborted) break;
        if (e instanceof WatchGone) {
          this.stats.relists++;
          needList = true;
          continue; // relist at once: nothing is wrong with the server
        }
        this.stats.errors++;
        this.stats.lastError = (e as Error)?.message ?? String(e);
        if (!this.synced) {
          this.synced = true;
          this.opts.onSynced?.(e);
        }
        const delay = Math.min(max, base * 2 ** failures) * (0.75 + random() * 0.5);
        failures++;
        this.phase = "backoff";
        await this.sleep(delay);
      }
    }
    this.phase = "stopped";
  }
}
