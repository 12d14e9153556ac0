import "server-only";
/**
 * Snapshots are loaded once per source and kept for a short TTL (CLEARANCE_CACHE_TTL_SECONDS,
 * default 60 s for live clusters; files and the demo until refreshed). Concurrent requests share
 * one load; long loads report progress; a refresh drops the entry. Derived analyses are memoized
 * per snapshot object (lib/analysis/memo.ts), so a new snapshot recomputes them.
 */
import { ClearanceError, isClearanceError } from "../lib/errors";
import type { ClusterSnapshot } from "../lib/model";
import { resolveSource, type SourceHandle } from "./registry";
import type { LiveProgress } from "./sources/live";

export type LoadState = "loading" | "ready" | "error";

interface Entry {
  state: LoadState;
  startedAt: number;
  loadedAt?: number;
  snapshot?: ClusterSnapshot;
  error?: ClearanceError;
  progress?: LiveProgress;
  promise: Promise<ClusterSnapshot>;
  ttlMs: number;
}

const globalCache = globalThis as unknown as { __clearanceCache?: Map<string, Entry> };
const entries: Map<string, Entry> = (globalCache.__clearanceCache ??= new Map());

function ttlFor(handle: SourceHandle): number {
  if (handle.type !== "live") return Number.POSITIVE_INFINITY;
  const s = Number(process.env.CLEARANCE_CACHE_TTL_SECONDS ?? 60);
  return (Number.isFinite(s) && s >= 0 ? s : 60) * 1000;
}

function toClearanceError(e: unknown): ClearanceError {
  if (isClearanceError(e)) return e;
  return new ClearanceError("internal", (e as Error)?.message ?? String(e));
}

function start(handle: SourceHandle): Entry {
  const entry = { state: "loading", startedAt: Date.now(), ttlMs: ttlFor(handle) } as Entry;
  entry.promise = handle
    .load((p) => {
      entry.progress = p;
    })
    .then(
      (s) => {
        entry.state = "ready";
        entry.snapshot = s;
        entry.loadedAt = Date.now();
        return s;
      },
      (e) => {
        entry.state = "error";
        entry.error = toClearanceError(e);
        entry.loadedAt = Date.now();
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
  return start(await resolveSource(id));
}

/** The snapshot of a source, loading it if needed (shared by concurrent callers). */
export async function getSnapshot(id: string): Promise<ClusterSnapshot> {
  return (await entryFor(id)).promise;
}

export interface SourceStatus {
  state: LoadState;
  startedAt: string;
  loadedAt?: string;
  progress?: LiveProgress;
  error?: { code: string; message: string };
}

/** Non-blocking: starts a load if needed and says where it is. */
export async function sourceStatus(id: string): Promise<SourceStatus> {
  const e = await entryFor(id);
  return {
    state: e.state,
    startedAt: new Date(e.startedAt).toISOString(),
    ...(e.loadedAt ? { loadedAt: new Date(e.loadedAt).toISOString() } : {}),
    ...(e.progress ? { progress: e.progress } : {}),
    ...(e.error ? { error: { code: e.error.code, message: e.error.message } } : {}),
  };
}

/** Drops the cached snapshot and starts a new load. */
export async function refresh(id: string): Promise<SourceStatus> {
  entries.delete(id);
  return sourceStatus(id);
}
