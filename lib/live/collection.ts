/**
 * One watched collection as the API server last described it: the objects of a LIST, kept current
 * by the events of a WATCH started at the list's resourceVersion, as client-go's reflector and
 * store do (k8s.io/client-go/tools/cache/reflector.go, store.go):
 * - ADDED and MODIFIED put the object under its namespace/name, DELETED removes it;
 * - BOOKMARK only moves the resourceVersion (its object carries nothing else,
 *   https://kubernetes.io/docs/reference/using-api/api-concepts/#watch-bookmarks);
 * - a relist (after 410 Gone, or a dropped watch whose version expired) replaces everything, and
 *   says what changed compared with what was held, so only that is re-analysed.
 * resourceVersions are opaque: they are stored and sent back, never compared.
 */

export interface RawMeta {
  name?: string;
  namespace?: string;
  resourceVersion?: string;
}

export interface RawObject {
  metadata?: RawMeta;
  [k: string]: unknown;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK";

export interface WatchEvent {
  type: WatchEventType;
  object: RawObject;
}

/** What an event or a relist changed, by namespace/name key. */
export interface Change {
  upserted: string[];
  deleted: string[];
}

export const keyOf = (o: RawObject): string => `${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`;

export class Collection {
  private readonly objects = new Map<string, RawObject>();
  /** Where a watch resumes: the list's version, then each event's. */
  resourceVersion = "";
  /** Bumped on every change: a cheap identity for memoization. */
  generation = 0;

  get size(): number {
    return this.objects.size;
  }

  values(): IterableIterator<RawObject> {
    return this.objects.values();
  }

  get(key: string): RawObject | undefined {
    return this.objects.get(key);
  }

  /** A LIST's items replace what is held; returns the difference (objects whose resourceVersion moved count as changed). */
  replace(items: readonly RawObject[], resourceVersion: string): Change {
    const next = new Map<string, RawObject>();
    for (const o of items) next.set(keyOf(o), o);
    const upserted: string[] = [];
    const deleted: string[] = [];
    for (const [k, o] of next) {
      const had = this.objects.get(k);
      if (!had || had.metadata?.resourceVersion !== o.metadata?.resourceVersion || had.metadata?.resourceVersion === undefined) upserted.push(k);
    }
    for (const k of this.objects.keys()) if (!next.has(k)) deleted.push(k);
    this.objects.clear();
    for (const [k, o] of next) this.objects.set(k, o);
    this.resourceVersion = resourceVersion;
    if (upserted.length || deleted.length) this.generation++;
    return { upserted, deleted };
  }

  /** Applies one watch event; returns what it changed (nothing for a bookmark). */
  apply(e: WatchEvent): Change {
    const rv = e.object.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    if (e.type === "BOOKMARK") return { upserted: [], deleted: [] };
    const k = keyOf(e.object);
    this.generation++;
    if (e.type === "DELETED") {
      this.objects.delete(k);
      return { upserted: [], deleted: [k] };
    }
    this.objects.set(k, e.object);
    return { upserted: [k], deleted: [] };
  }
}
