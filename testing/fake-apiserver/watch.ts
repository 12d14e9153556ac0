/**
 * Watch support for the fake API server, as the API server streams it
 * (https://kubernetes.io/docs/reference/using-api/api-concepts/#efficient-detection-of-changes):
 * one global resourceVersion counter bumped by every change; `?watch=1&resourceVersion=N` streams
 * the changes after N of the collection (newline-delimited JSON `{type, object}`), then the live
 * ones; `allowWatchBookmarks=true` adds BOOKMARK events carrying only the current version;
 * `timeoutSeconds` ends the stream. A version older than the kept history (`compact()`) is
 * answered, as the API server does, with an ERROR event holding a 410 Expired Status. Tests can
 * cut every open watch (`dropWatches()`) or have the next ones cut after some events.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RawObject, ResourceDef } from "./resources";

export type EventType = "ADDED" | "MODIFIED" | "DELETED";

interface Logged {
  rv: number;
  key: string;
  namespace: string;
  type: EventType;
  object: RawObject;
}

interface Watcher {
  key: string;
  namespace: string;
  res: ServerResponse;
  sent: number;
  cutAfter?: number;
}

export interface WatchConfig {
  /** Milliseconds between bookmarks on watches that allow them. */
  bookmarkMs: number;
  /** Cut each new watch after this many events (a dropped connection), while > 0 it applies to that many watches. */
  cutWatchesAfterEvents?: { events: number; watches: number };
}

/** Events kept for watches resuming from an older version. */
const KEEP_EVENTS = 50_000;

export class WatchHub {
  private version = 1;
  private log: Logged[] = [];
  /** The oldest version a watch may resume from. */
  private oldest = 1;
  private readonly watchers = new Set<Watcher>();

  constructor(readonly config: WatchConfig) {}

  get resourceVersion(): number {
    return this.version;
  }

  /** Bumps the version for a change, stamps it on the object and tells the watchers of its collection. */
  record(key: string, type: EventType, object: RawObject): void {
    this.version++;
    object.metadata = { ...object.metadata, resourceVersion: String(this.version) };
    const namespace = object.metadata.namespace ?? "";
    const e: Logged = { rv: this.version, key, namespace, type, object };
    this.log.push(e);
    if (this.log.length > KEEP_EVENTS) {
      this.log = this.log.slice(-KEEP_EVENTS);
      this.oldest = this.log[0].rv - 1;
    }
    for (const w of this.watchers) if (w.key === key && (!w.namespace || w.namespace === namespace)) this.send(w, type, object);
  }

  /** Forgets the history: watches from any earlier version get 410 Expired. */
  compact(): void {
    this.log = [];
    this.oldest = this.version;
  }

  /** Cuts every open watch without a goodbye, as a lost connection would. */
  dropWatches(): void {
    for (const w of [...this.watchers]) w.res.socket?.destroy();
  }

  get open(): number {
    return this.watchers.size;
  }

  private send(w: Watcher, type: string, object: unknown): void {
    w.res.write(`${JSON.stringify({ type, object })}\n`);
    w.sent++;
    if (w.cutAfter !== undefined && w.sent >= w.cutAfter) w.res.socket?.destroy();
  }

  /** Answers `?watch=1` for the collection `key` (namespaced to `namespace` when given). */
  serve(req: IncomingMessage, res: ServerResponse, key: string, def: ResourceDef, namespace: string, query: URLSearchParams): void {
    const from = Number(query.get("resourceVersion") || this.version);
    const bookmarks = query.get("allowWatchBookmarks") === "true";
    const timeout = Number(query.get("timeoutSeconds") || 0);
    res.writeHead(200, { "Content-Type": "application/json", "Transfer-Encoding": "chunked" });
    const w: Watcher = { key, namespace, res, sent: 0 };
    const cut = this.config.cutWatchesAfterEvents;
    if (cut && cut.watches > 0) {
      cut.watches--;
      w.cutAfter = cut.events;
    }
    const apiVersion = def.group ? `${def.group}/${def.version}` : def.version;
    if (!Number.isFinite(from) || from < this.oldest) {
      res.end(`${JSON.stringify({ type: "ERROR", object: { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message: `too old resource version: ${from} (${this.oldest})`, reason: "Expired", code: 410 } })}\n`);
      return;
    }
    this.watchers.add(w);
    for (const e of this.log) if (e.rv > from && e.key === key && (!namespace || e.namespace === namespace)) this.send(w, e.type, e.object);
    const timers: NodeJS.Timeout[] = [];
    if (bookmarks) timers.push(setInterval(() => this.send(w, "BOOKMARK", { kind: def.kind, apiVersion, metadata: { resourceVersion: String(this.version) } }), this.config.bookmarkMs));
    if (timeout > 0) timers.push(setTimeout(() => res.end(), timeout * 1000));
    const done = () => {
      this.watchers.delete(w);
      for (const t of timers) clearTimeout(t);
    };
    res.once("close", done);
    req.once("close", done);
  }
}
