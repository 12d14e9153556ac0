import "server-only";
/**
 * The one wrapper every route handler goes through: resolves the viewer and the source, parses the
 * query with zod, maps errors to statuses, and writes one audit line per request. A handler then
 * does one thing: call lib on the cached snapshot and return a DTO.
 */
import { z } from "zod";
import { ClearanceError, httpStatus, isClearanceError, serverFault, type ErrorCode } from "../lib/errors";
import type { ClusterSnapshot } from "../lib/model";
import { audit, requestSource } from "./auth/audit";
import { auditUser } from "./auth/decide";
import { guard, type GuardResult, type Viewer } from "./auth/guard";
import { SCRAPER_VIEWER, scraperAllowed } from "./auth/scraper";
import { getSnapshot } from "./cache";
import { splitSourceId } from "../lib/whatif/source-id";
import { resolveSource } from "./registry";
import { streamJson } from "./stream";

export interface RouteParams {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export interface HandlerContext<Q> {
  req: Request;
  viewer: Viewer;
  query: Q;
  params: Record<string, string>;
  /** Source id from the `[source]` segment, when the route has one. */
  sourceId: string;
  snapshot(): Promise<ClusterSnapshot>;
}

/** The body of every failure the API answers with: `{error: {code, message}}`, the status from lib/errors.ts. */
export function errorResponse(code: ErrorCode, message: string, status: number = httpStatus(code)): Response {
  return Response.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store" } });
}

/** Query strings: repeated keys become arrays, single keys strings. */
function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

export function route<S extends z.ZodType = z.ZodObject<Record<string, never>>>(
  /** `scraper`: CLEARANCE_METRICS_TOKEN as a bearer token also opens this route (server/auth/scraper.ts). */
  opts: { query?: S; scraper?: boolean },
  handler: (ctx: HandlerContext<z.infer<S>>) => Promise<unknown> | unknown,
) {
  return async (req: Request, ctx: RouteParams): Promise<Response> => {
    const started = Date.now();
    const url = new URL(req.url);
    let status = 200;
    let viewer: Viewer | undefined;
    const params: Record<string, string> = {};
    try {
      // Next.js has already percent-decoded the segments (a `%25` arrives as `%`): decoding again would
      // throw or change the id.
      for (const [k, v] of Object.entries((await ctx.params) ?? {})) if (typeof v === "string") params[k] = v;
      const g: GuardResult = opts.scraper && scraperAllowed(req.headers.get("authorization"), process.env.CLEARANCE_METRICS_TOKEN) ? { ok: true, viewer: SCRAPER_VIEWER } : await guard(req);
      if (!g.ok) {
        status = g.status;
        return errorResponse(g.code, g.message, g.status);
      }
      viewer = g.viewer;
      const parsed = (opts.query ?? z.object({})).safeParse(queryObject(url));
      if (!parsed.success) {
        status = 400;
        return errorResponse("bad_request", issues(parsed.error, "query"), 400);
      }
      const sourceId = params.source ?? "";
      // A source that does not exist is 404 on every route, before the handler reads or writes anything.
      if (params.source !== undefined) await resolveSource(splitSourceId(sourceId).base);
      let snap: Promise<ClusterSnapshot> | undefined;
      const body = await handler({
        req,
        viewer,
        query: parsed.data as z.infer<S>,
        params,
        sourceId,
        snapshot: () => (snap ??= getSnapshot(sourceId)),
      });
      if (body instanceof Response) {
        status = body.status;
        return body;
      }
      // Written as the client reads it: a body of any size, without one giant string or a long pause.
      return streamJson(body, { headers: { "cache-control": "no-store" } });
    } catch (e) {
      if (isClearanceError(e)) {
        status = httpStatus(e.code);
        // the server's own failures (configuration, a cluster it cannot read) go to its log too
        if (serverFault(e.code)) console.error(`${req.method} ${url.pathname}: ${e.code}: ${e.message}`);
        return errorResponse(e.code, e.message, status);
      }
      status = 500;
      console.error(`${req.method} ${url.pathname}: internal error:`, e);
      return errorResponse("internal", "internal error; see the server log", 500);
    } finally {
      audit({
        event: "api",
        user: auditUser(viewer),
        method: req.method,
        route: url.pathname,
        query: url.search || undefined,
        source: requestSource(req.headers),
        status,
        ms: Date.now() - started,
      });
    }
  };
}

/** The default limit of a JSON request body. */
const BODY_MAX_BYTES = 256 * 1024;

/** A JSON request body checked against `schema`, refused (bad_request) above `maxBytes` or when it does not fit, naming the fields. */
export async function readBody<S extends z.ZodType>(req: Request, schema: S, maxBytes = BODY_MAX_BYTES): Promise<z.infer<S>> {
  const text = await req.text();
  if (Buffer.byteLength(text, "utf8") > maxBytes) throw new ClearanceError("bad_request", `the request body is larger than ${Math.round(maxBytes / 1024)} KB`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ClearanceError("bad_request", "the request body is not JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ClearanceError("bad_request", issues(parsed.error, "body"));
  return parsed.data as z.infer<S>;
}

function issues(error: z.ZodError, whole: string): string {
  return error.issues.map((i) => `${i.path.join(".") || whole}: ${i.message}`).join("; ");
}

export { ClearanceError };
