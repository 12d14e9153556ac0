/**
 * Lists one API collection completely, in pages: `limit` + `continue` as in
 * https://kubernetes.io/docs/reference/using-api/api-concepts/#retrieving-large-results-sets-in-chunks.
 * A continue token that expired (410 Gone, reason Expired — tokens live about 5 minutes) restarts the
 * list from the beginning, so the result is one consistent list, up to `maxRelists` times.
 * Every page and object counts against the load's budget (budget.ts); a server that answers the
 * same continue token it was given is going in circles and is stopped at once.
 */
import { z } from "zod";
import { ApiError, type ApiClient } from "./api-client";
import { LIMIT_SETTINGS, type LoadBudget } from "./budget";

export interface ListSettings {
  pageSize: number;
  timeoutMs: number;
  maxRelists: number;
}

const ListResponseS = z.object({
  metadata: z.object({ continue: z.string().nullish(), resourceVersion: z.string().nullish() }).nullish(),
  items: z.array(z.unknown()).nullish(),
});

export interface ListResult {
  items: unknown[];
  /** The list's resourceVersion (its first page's: a paginated list is one consistent read), where a watch starts. */
  resourceVersion: string;
  /** Requests made, pages of restarted lists included. */
  requests: number;
  relists: number;
}

/** Reads every page of `path`. Throws the ApiError of the first page that failed for good. */
export async function listAll(client: ApiClient, path: string, s: ListSettings, onPage?: (itemsSoFar: number) => void, budget?: LoadBudget): Promise<ListResult> {
  let requests = 0;
  const get = budget
    ? { timeoutMs: s.timeoutMs, signal: budget.signal, onBytes: budget.onBytes, maxBytes: budget.limits.maxResponseBytes, maxBytesSetting: LIMIT_SETTINGS.maxResponseBytes }
    : { timeoutMs: s.timeoutMs };
  for (let relists = 0; ; relists++) {
    const items: unknown[] = [];
    let token: string | undefined;
    let resourceVersion = "";
    try {
      do {
        requests++;
        budget?.page(path);
        const body = await client.get(path, { limit: s.pageSize, continue: token }, get);
        const page = ListResponseS.safeParse(body);
        if (!page.success) throw new ApiError("bad-response", `${path}: the answer is not a Kubernetes list`);
        const pageItems = page.data.items ?? [];
        budget?.items(pageItems.length, path);
        for (const item of pageItems) items.push(item);
        if (token === undefined) resourceVersion = page.data.metadata?.resourceVersion ?? "";
        const next = page.data.metadata?.continue || undefined;
        if (next !== undefined && next === token) throw new ApiError("bad-response", `${path}: the API server answered the continue token it was given, so the list would never end`);
        token = next;
        onPage?.(items.length);
      } while (token);
      return { items, resourceVersion, requests, relists };
    } catch (e) {
      const expired = e instanceof ApiError && e.status === 410 && token !== undefined;
      if (!expired || relists >= s.maxRelists) throw e;
    }
  }
}
