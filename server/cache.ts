/**
 * Snapshots are loaded once per source and shared by concurrent requests; long loads report
 * progress; a refresh drops the entry and reads again. A live context is watched (live-watch.ts):
 * its snapshot follows the cluster as events arrive, with no TTL; with CLEARANCE_LIVE_WATCH=off it is
 * re-listed after CLEARANCE_CACHE_TTL_SECONDS (default 60 s) instead. Files and the demo are kept
 * until refreshed. Derived analyses are memoized per snapshot object (lib/analysis/memo.ts), so a
 * new snapshot recomputes them. Every new snapshot of a source is announced to its subscribers
 * (the dashboard's event stream).
 */
import type { LiveProgress, LoadState, SourceStatus } from "../lib/contracts";
import { ClearanceError, isClearanceError } from "../lib/errors";
import type { ClusterSnapshot } from "../lib/model";
import { splitSourceId } from "../lib/whatif/source-id";
import { appliedDraft, getDraft } from "./drafts";
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
  if (!watching(handle)) return handle.load(onProgress);
  const w = handle.watch!(onProgress);
  entry.watch = w;
  w.subscribe((s) => publish(handle.id, entry, s));
  return w.start();
}

function start(handle: SourceHandle): Entry {
  const entry = { state: "loading", startedAt: Date.now(), ttlMs: ttlFor(handle), settings: {} } as Entry;
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
  if (e.state === "loading") return true;
  if (e.state === "error") return Date.now() - (e.loadedAt ?? 0) < 5_000; // retry errors soon
  return Date.now() - (e.loadedAt ?? 0) < e.ttlMs;
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


/** Non-blocking: starts a load if needed and says where it is. */
export async function sourceStatus(id: string): Promise<SourceStatus> {
  id = splitSourceId(id).base;
  const e = await entryFor(id);
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

/** Drops the cached snapshot (a watched source relists everything) and starts a new load. */
export async function refresh(id: string): Promise<SourceStatus> {
  id = splitSourceId(id).base;
  const e = entries.get(id);
  entries.delete(id);
  if (e?.watch) await e.watch.stop();
  return sourceStatus(id);
}
