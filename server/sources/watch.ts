/**
 * Lists and watches over the read-only API client (api-client.ts `get`, GET only): the transport
 * of the reflector (reflector.ts). A watch asks for bookmarks and ends itself after 5–10 minutes,
 * as client-go's reflector does (timeoutSeconds = minWatchTimeout × (1 + random)); the stream's
 * silence is bounded by the request deadline, which bookmarks keep from firing on a quiet
 * collection. An ERROR event with a 410 Status, or an HTTP 410, is the version being too old.
 */
import type { RawObject, WatchEvent } from "../../lib/live/collection";
import { ApiError, type ApiClient } from "./api-client";
import { DEFAULT_LIMITS, LoadBudget, type LoadLimits } from "./budget";
import { listAll, type ListSettings } from "./list";
import { WatchGone, type WatchTransport } from "./reflector";

const EVENT_TYPES = new Set(["ADDED", "MODIFIED", "DELETED", "BOOKMARK"]);
const MIN_WATCH_SECONDS = 300;

export interface WatchSettings extends ListSettings, Partial<LoadLimits> {
  random?: () => number;
}

export function apiWatchTransport(client: ApiClient, s: WatchSettings): WatchTransport {
  const random = s.random ?? Math.random;
  return {
    async list(path, signal) {
      // Each list (the first and every relist) is bounded as a one-off load is (budget.ts): endless
      // pages, a gzip bomb or a drip end it with an error naming the limit, not the process.
      const budget = new LoadBudget({ ...DEFAULT_LIMITS, ...s }, client.server, signal);
      try {
        const r = await listAll(client, path, s, undefined, budget);
        return { items: r.items as RawObject[], resourceVersion: r.resourceVersion };
      } finally {
        budget.dispose();
      }
    },
    async watch(path, resourceVersion, onEvent, signal) {
      const local = new AbortController();
      const stop = () => local.abort();
      signal.addEventListener("abort", stop, { once: true });
      let failure: Error | undefined;
      const fail = (e: Error) => {
        failure ??= e;
        local.abort();
      };
      const seconds = Math.round(MIN_WATCH_SECONDS * (1 + random()));
      try {
        await client.get(
          path,
          { watch: 1, allowWatchBookmarks: "true", resourceVersion: resourceVersion || undefined, timeoutSeconds: seconds },
          {
            signal: local.signal,
            // Silence longer than the watch's own end plus a margin means the connection is dead.
            timeoutMs: (seconds + 60) * 1000,
            onLine(line) {
              if (failure) return;
              let e: { type?: unknown; object?: { code?: unknown; message?: unknown; reason?: unknown } };
              try {
                e = JSON.parse(line) as typeof e;
              } catch {
                return fail(new ApiError("bad-response", `a watch event from ${path} is not JSON`));
              }
              if (e.type === "ERROR") {
                const st = e.object ?? {};
                const message = typeof st.message === "string" ? st.message : "watch error";
                return fail(st.code === 410 ? new WatchGone(message) : new ApiError("http", message, typeof st.code === "number" ? st.code : undefined, typeof st.reason === "string" ? st.reason : undefined));
              }
              if (typeof e.type !== "string" || !EVENT_TYPES.has(e.type) || !e.object || typeof e.object !== "object") return fail(new ApiError("bad-response", `an event from ${path} is not a watch event`));
              onEvent(e as WatchEvent);
            },
          },
        );
      } catch (e) {
        if (failure) throw failure;
        if (e instanceof ApiError && e.status === 410) throw new WatchGone(e.message);
        throw e;
      } finally {
        signal.removeEventListener("abort", stop);
      }
      if (failure) throw failure;
    },
  };
}
