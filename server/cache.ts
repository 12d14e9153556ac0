/**
/**
 * Snapshots are loaded once per source and shared by concurrent requests; long loads report
 * progress. A one-off load runs in a worker thread (server/load), so no source stalls another or the
 * static assets; it can be cancelled, and a refresh cancels the load in flight before starting a new
 * one. A load that failed is not retried on every request: its error stands for the entry's TTL.
 * A live context is watched (live-watch.ts): its snapshot follows the cluster as events arrive, with
 * no TTL; with CLEARANCE_LIVE_WATCH=off it is loaded in a worker and re-listed after
 * CLEARANCE_CACHE_TTL_SECONDS (default 60 s) instead. Files and the demo are kept until refreshed.
 * Derived analyses are memoized per snapshot object (lib/analysis/memo.ts), so a new snapshot
 * recomputes them. Every new snapshot of a source is announced to its subscribers (the dashboard's
 * event stream).
 */
import type { LiveProgress, LoadState, SourceStatus } from "../lib/contracts";
import { ClearanceError, isClearanceError } from "../lib/errors";
import type { ClusterSnapshot } from "../lib/model";
import { splitSourceId } from "../lib/whatif/source-id";
import { appliedDraft, getDraft } from "./drafts";
import { loadInWorker } from "./load/pool";
import { resolveSource, type SourceHandle } from "./registry";
import { applySourceSettings, cniSetting } from "./source-settings";
import type { LiveWatch } from "./sources/live-watch";

export type { LoadState, SourceStatus };

interface Entry {
  state: LoadState;
  startedAt: number;
  loadedAt?: number;
  snapshot?: ClusterSnapshot;
  error?: ClearanceError;
  progress?: LiveProgress;
  promise: Promise<ClusterSnapshot>;
  ttlMs: number;
  watch?: LiveWatch;
  cancel: AbortController;
  /** What the source's settings say that its snapshot cannot (server/source-settings.ts). */
  settings: { cni?: string };
}

/** What subscribers hear: a source has a new snapshot. */
export interface SnapshotEvent {
  sourceId: string;
  takenAt: string;
  /** Increases with every snapshot of this source in this process. */
  version: number;
}

const globalCache = globalThis as unknown as { __clearanceCache?: Map<string, Entry>; __clearanceSubscribers?: Map<string, Set<(e: SnapshotEvent) => void>>; __clearanceVersions?: Map<string, number> };
const entries: Map<string, Entry> = (globalCache.__clearanceCache ??= new Map());
const subscribers = (globalCache.__clearanceSubscribers ??= new Map());
const versions = (globalCache.__clearanceVersions ??= new Map());

function watching(handle: SourceHandle): boolean {
  return !!handle.watch && process.env.CLEARANCE_LIVE_WATCH !== "off";
}

function ttlFor(handle: SourceHandle): number {
  if (handle.type !== "live" || watching(handle)) return Number.POSITIVE_INFINITY;
  const s = Number(process.env.CLEARANCE_CACHE_TTL_SECONDS ?? 60);
  return (Number.isFinite(s) && s >= 0 ? s : 60) * 1000;
}

function toClearanceError(e: unknown): ClearanceError {
  if (isClearanceError(e)) return e;
  return new ClearanceError("internal", (e as Error)?.message ?? String(e));
}

function publish(id: string, entry: Entry, s: ClusterSnapshot): void {
  if (entries.get(id) !== entry) return; // a refresh replaced this entry
  applySourceSettings(s, entry.settings);
  entry.snapshot = s;
  entry.loadedAt = Date.now();
  const version = (versions.get(id) ?? 0) + 1;
  versions.set(id, version);
  for (const l of subscribers.get(id) ?? []) l({ sourceId: id, takenAt: s.takenAt, version });
}

/** Reads (or watches) a source; a malformed setting for it is its error, shown where its status is. */
function readWithSettings(handle: SourceHandle, entry: Entry, onProgress: (p: LiveProgress) => void): Promise<ClusterSnapshot> {
  try {
    entry.settings = { cni: cniSetting(handle.id) };
  } catch (e) {
    return Promise.reject(e);
  }
  // the worker applies the settings before it runs the checks
  if (!watching(handle)) return loadInWorker({ ...handle.request, settings: entry.settings }, { signal: entry.cancel.signal, onProgress });
  const w = handle.watch!(onProgress);
  entry.watch = w;
  w.subscribe((s) => publish(handle.id, entry, s));
  // A cancel during the first lists stops the watch; start() then ends with "cancelled".
  const cancelled = new Promise<never>((_, reject) =>
    entry.cancel.signal.addEventListener("abort", () => {
      void w.stop();
      reject(new ClearanceError("cancelled", `reading ${handle.label} was cancelled`));
    }),
  );
  cancelled.catch(() => {});
  return Promise.race([w.start(), cancelled]);
}

function start(handle: SourceHandle): Entry {
  const entry = { state: "loading", startedAt: Date.now(), ttlMs: ttlFor(handle), cancel: new AbortController(), settings: {} } as Entry;
  const onProgress = (p: LiveProgress) => {
    entry.progress = p;
  };
  const load = readWithSettings(handle, entry, onProgress);
  entry.promise = load.then(
    (s) => {
      entry.state = "ready";
      publish(handle.id, entry, s);
      // precompute the first screens' analyses of the first snapshot (a dynamic import: warm.ts reaches back into this module)
      void import("./warm").then((m) => m.warmAnalyses(handle.id, s)).catch(() => {});
      return s;
    },
    (e) => {
      entry.state = "error";
      entry.error = toClearanceError(e);
      entry.loadedAt = Date.now();
      void entry.watch?.stop();
      throw entry.error;
    },
  );
  entry.promise.catch(() => {}); // observed through status(); avoid unhandled rejections
  entries.set(handle.id, entry);
  return entry;
}

function fresh(e: Entry): boolean {
  return e.state === "loading" || Date.now() - (e.loadedAt ?? 0) < e.ttlMs;
}

async function entryFor(id: string): Promise<Entry> {
  const e = entries.get(id);
  if (e && fresh(e)) return e;
  if (e?.watch) void e.watch.stop();
  return start(await resolveSource(id));
}

/**
 * The current snapshot of a source, loading it if needed (shared by concurrent callers); for
 * `<source>~<draft>`, the source's snapshot with the draft applied.
 */
export async function getSnapshot(id: string): Promise<ClusterSnapshot> {
  const { base, draft } = splitSourceId(id);
  const e = await entryFor(base);
  const snapshot = e.state === "ready" && e.snapshot ? e.snapshot : await e.promise;
  return draft ? appliedDraft(snapshot, await getDraft(draft)).snapshot : snapshot;
}

/** Hears every new snapshot of `id` (a source with a draft: the source's); returns the unsubscribe function. */
export function subscribe(id: string, listener: (e: SnapshotEvent) => void): () => void {
  id = splitSourceId(id).base;
  let set = subscribers.get(id);
  if (!set) subscribers.set(id, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}


function statusOf(id: string, e: Entry): SourceStatus {
  return {
    state: e.state,
    startedAt: new Date(e.startedAt).toISOString(),
    ...(e.loadedAt ? { loadedAt: new Date(e.loadedAt).toISOString() } : {}),
    ...(e.progress ? { progress: e.progress } : {}),
    ...(e.error ? { error: { code: e.error.code, message: e.error.message } } : {}),
    ...(versions.has(id) ? { version: versions.get(id) } : {}),
    ...(e.watch && e.state === "ready" ? { live: e.watch.status() } : {}),
  };
}

/** Non-blocking: starts a load if needed and says where it is. */
export async function sourceStatus(id: string): Promise<SourceStatus> {
  id = splitSourceId(id).base;
  return statusOf(id, await entryFor(id));
}

/** Cancels the load in flight (its waiting requests get "cancelled"); the next request starts a new one. */
export async function cancelLoad(id: string): Promise<SourceStatus> {
  id = splitSourceId(id).base;
  await resolveSource(id);
  const e = entries.get(id);
  if (!e || e.state !== "loading") throw new ClearanceError("conflict", `no load of "${id}" is in progress`);
  e.cancel.abort();
  await e.promise.catch(() => {});
  return statusOf(id, e);
}

/** Cancels a load in flight, drops the cached snapshot or error (a watched source relists everything) and starts a new load. */
export async function refresh(id: string): Promise<SourceStatus> {
  id = splitSourceId(id).base;
  const e = entries.get(id);
  e?.cancel.abort();
  entries.delete(id);
  if (e?.watch) await e.watch.stop();
  return sourceStatus(id);
}
