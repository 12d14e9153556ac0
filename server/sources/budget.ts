/**
 * What one live load may spend, so that an API server that is broken or hostile (endless `continue`
 * tokens, gzip bombs, a byte a second) cannot hold a load, or the memory of the process, forever:
 * a deadline for the whole load, and caps on pages, objects and decompressed bytes, each named with
 * the setting that raises it. A cap reached, the deadline passed or a cancel aborts every request
 * of the load at once (through `signal`), with an ApiError saying which.
 */
import { ApiError } from "./api-client";

export interface LoadLimits {
  /** List pages (requests) per load. */
  maxPages: number;
  /** Objects per load, every kind together. */
  maxObjects: number;
  /** Decompressed response bytes per load. */
  maxBytes: number;
  /** Decompressed bytes of one response. */
  maxResponseBytes: number;
  /** The whole load, every request together. */
  loadTimeoutMs: number;
}

/** The environment variable that raises each limit, for the errors. */
export const LIMIT_SETTINGS: Record<keyof LoadLimits, string> = {
  maxPages: "CLEARANCE_LIVE_MAX_PAGES",
  maxObjects: "CLEARANCE_LIVE_MAX_OBJECTS",
  maxBytes: "CLEARANCE_LIVE_MAX_MB",
  maxResponseBytes: "CLEARANCE_LIVE_MAX_RESPONSE_MB",
  loadTimeoutMs: "CLEARANCE_LIVE_LOAD_TIMEOUT_SECONDS",
};

export const DEFAULT_LIMITS: LoadLimits = {
  maxPages: 20_000,
  maxObjects: 1_000_000,
  maxBytes: 4096 * 1024 * 1024,
  maxResponseBytes: 128 * 1024 * 1024,
  loadTimeoutMs: 300_000,
};

const MB = 1024 * 1024;

export class LoadBudget {
  pages = 0;
  objects = 0;
  bytes = 0;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly unlink: () => void;

  constructor(
    readonly limits: LoadLimits,
    /** Whose load this is, for the messages: the API server's URL. */
    private readonly server: string,
    cancel?: AbortSignal,
  ) {
    const s = limits.loadTimeoutMs / 1000;
    this.timer = setTimeout(() => this.stop(new ApiError("deadline", `reading ${server} did not finish within ${s} s (${LIMIT_SETTINGS.loadTimeoutMs}=${s})`)), limits.loadTimeoutMs);
    const onCancel = () => this.stop(new ApiError("cancelled", `reading ${server} was cancelled`));
    if (cancel?.aborted) onCancel();
    cancel?.addEventListener("abort", onCancel, { once: true });
    this.unlink = () => cancel?.removeEventListener("abort", onCancel);
  }

  /** Aborted when the load must stop; its reason is the ApiError to report. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  stop(reason: ApiError): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  /** Throws the reason the load stopped, if it did. */
  check(): void {
    if (this.controller.signal.aborted) throw this.controller.signal.reason;
  }

  private exceed(what: string, limit: keyof LoadLimits, value: string): never {
    const e = new ApiError("limit", `${this.server} ${what} (${LIMIT_SETTINGS[limit]}=${value}); the load was stopped. Raise the limit if the cluster is really that large`);
    this.stop(e);
    throw e;
  }

  /** Counts one list page of `path`. */
  page(path: string): void {
    this.check();
    if (++this.pages > this.limits.maxPages) this.exceed(`answered more than ${this.limits.maxPages} list pages (last ${path})`, "maxPages", String(this.limits.maxPages));
  }

  /** Counts objects of `path`. */
  items(n: number, path: string): void {
    this.objects += n;
    if (this.objects > this.limits.maxObjects) this.exceed(`sent more than ${this.limits.maxObjects} objects (last ${path})`, "maxObjects", String(this.limits.maxObjects));
  }

  /** Counts decompressed bytes (GetOptions.onBytes). */
  readonly onBytes = (n: number): void => {
    this.bytes += n;
    if (this.bytes > this.limits.maxBytes) this.exceed(`sent more than ${this.limits.maxBytes / MB} MB (decompressed)`, "maxBytes", String(this.limits.maxBytes / MB));
  };

  /** Ends the deadline timer and the link to the cancel signal. */
  dispose(): void {
    clearTimeout(this.timer);
    this.unlink();
  }
}
