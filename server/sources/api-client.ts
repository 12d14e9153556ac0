/**
 * The one way Clearance talks to a Kubernetes API server. It can only send GET: there is no method
 * parameter, the request below is built with `method: "GET"` and nothing else, and paths are checked
 * before anything leaves the process:
 * - only `/version`, discovery (`/api`, `/apis`, `/apis/<group>[/<version>]`) and collections or
 *   single objects (`.../<resource>[/<name>]`, cluster-wide or under `namespaces/<ns>`) — no
 *   subresources, so no `exec`, `attach`, `portforward`, `proxy` or `log`;
 * - no path segment equal to `secrets`, ever (percent-decoded first, so `%73ecrets` is refused too);
 * - a fixed set of list and watch query parameters (`watch` is a GET too: the answer is a stream
 *   of events, one JSON object per line, handed to `onLine` as they arrive instead of buffered).
 * Authentication and TLS come from client-node's KubeConfig (`applyToHTTPSOptions`); the generated
 * typed API classes, which can create and delete, are not used anywhere (server/readonly.test.ts).
 */
import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import type { KubeConfig } from "@kubernetes/client-node";
import type { ExecCredentials } from "./exec-credential";

/**
 * Why a request gave no usable answer. `limit`, `deadline` and `cancelled` come from the load the
 * request belongs to (server/sources/budget.ts): a cap reached, the load's deadline passed, or the
 * load cancelled; they end the whole load, not one kind.
 */
export type ApiFailure = "connection" | "timeout" | "http" | "refused" | "credentials" | "bad-response" | "limit" | "deadline" | "cancelled";

/** A request that did not return a usable answer; `status`/`reason` come from the API's Status body. */
export class ApiError extends Error {
  constructor(
    readonly failure: ApiFailure,
    message: string,
    readonly status?: number,
    readonly reason?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export type Query = Readonly<Record<string, string | number | undefined>>;

export interface GetOptions {
  /** Whole-request deadline (connect, headers and body); for a stream, the longest silence. */
  timeoutMs?: number;
  /**
   * Streams the answer (a watch): each line of a 2xx body is passed here as it arrives and nothing
   * is kept; the request resolves (undefined) when the server ends the stream.
   */
  onLine?: (line: string) => void;
  /**
   * Ends the request (a watch no longer wanted, a load cancelled or past its budget); it rejects with
   * the signal's reason when that is an ApiError, else ApiError("cancelled").
   */
  signal?: AbortSignal;
  /** Largest body (or, streaming, line) accepted, counted after decompression (default 128 MB). */
  maxBytes?: number;
  /** Says how `maxBytes` can be raised, for the error. */
  maxBytesSetting?: string;
  /** Told of every decompressed chunk of a body; throwing an ApiError stops the request with it. */
  onBytes?: (n: number) => void;
}

export interface ApiClient {
  readonly context: string;
  /** The API server URL from the kubeconfig. */
  readonly server: string;
  /** The kubeconfig says insecure-skip-tls-verify: the server's certificate is not checked. */
  readonly insecure: boolean;
  /** GET `path` (+ query) and parse the JSON body. The only request this client can make. */
  get(path: string, query?: Query, opts?: GetOptions): Promise<unknown>;
}

export const DEFAULT_TIMEOUT_MS = 20_000;
/** A page of 500 fat pods is a few MB; anything near this is not a list we asked for. */
export const DEFAULT_MAX_RESPONSE_BYTES = 128 * 1024 * 1024;
const QUERY_KEYS = new Set(["limit", "continue", "labelSelector", "fieldSelector", "resourceVersion", "resourceVersionMatch", "timeoutSeconds", "watch", "allowWatchBookmarks"]);
const NEVER_READ = new Set(["secrets"]);

/**
 * Checks that `path` is something Clearance may read and returns its decoded segments. Throws
 * ApiError("refused") otherwise.
 */
export function checkReadPath(path: string): string[] {
  const refuse = (why: string) => new ApiError("refused", `refused to request ${JSON.stringify(path)}: ${why}`);
  if (typeof path !== "string" || !path.startsWith("/")) throw refuse("not an absolute API path");
  if (/[?#\\]/.test(path)) throw refuse("query, fragment or backslash in the path");
  const raw = path === "/" ? [] : path.slice(1).split("/");
  const segments = raw.map((s) => {
    let d: string;
    try {
      d = decodeURIComponent(s);
    } catch {
      throw refuse("bad percent-encoding");
    }
    if (d === "" || d === "." || d === ".." || d.includes("/")) throw refuse("empty, dot or encoded-slash segment");
    return d;
  });
  if (segments.some((s) => NEVER_READ.has(s.toLowerCase()))) throw refuse("Clearance never reads Secrets");
  const [root, ...rest] = segments;
  if (root === "version" && rest.length === 0) return segments;
  let tail: string[];
  if (root === "api") {
    if (rest.length <= 1) return segments; // /api, /api/v1 (discovery)
    tail = rest.slice(1);
  } else if (root === "apis") {
    if (rest.length <= 2) return segments; // /apis, /apis/<group>, /apis/<group>/<version> (discovery)
    tail = rest.slice(2);
  } else {
    throw refuse("only /version, /api/... and /apis/... are read");
  }
  const maxTail = tail[0] === "namespaces" && tail.length > 2 ? 4 : 2;
  if (tail.length > maxTail) throw refuse("subresources are never requested");
  return segments;
}

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    if (!QUERY_KEYS.has(k)) throw new ApiError("refused", `refused query parameter "${k}"`);
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The API server URL for `path`, keeping a path prefix in `server` (e.g. Rancher's /k8s/clusters/c-1). */
export function requestUrl(server: string, path: string, query?: Query): URL {
  checkReadPath(path);
  const base = new URL(server);
  if (base.protocol !== "https:" && base.protocol !== "http:") throw new ApiError("refused", `unsupported API server URL ${server}`);
  const url = new URL(base.origin);
  url.pathname = `${base.pathname.replace(/\/+$/, "")}${path}`;
  url.search = queryString(query);
  return url;
}

interface StatusBody {
  kind?: string;
  message?: string;
  reason?: string;
}

function httpError(status: number, body: string, url: URL): ApiError {
  let st: StatusBody = {};
  try {
    st = JSON.parse(body) as StatusBody;
  } catch {
    // not a Status object: keep the HTTP status alone
  }
  const message = st.message || `HTTP ${status} from ${url.pathname}`;
  return new ApiError("http", message, status, st.reason);
}

/**
 * A keep-alive agent with the TLS material client-node put into `o` (CA, client certificate, key,
 * insecure-skip-tls-verify, tls-server-name): reusing connections saves a TLS handshake per page.
 * Rebuilt when that material changes (rotated files); proxied clusters keep client-node's agent.
 */
class Agents {
  private current?: { agent: http.Agent; material: unknown[] };

  constructor(private readonly proxied: boolean) {}

  for(url: URL, o: https.RequestOptions): http.Agent | undefined {
    if (this.proxied) return o.agent instanceof http.Agent ? o.agent : undefined;
    const material = [url.protocol, o.ca, o.cert, o.key, o.rejectUnauthorized, o.servername];
    const same = this.current?.material.every((m, i) => m === material[i] || (Buffer.isBuffer(m) && Buffer.isBuffer(material[i]) && m.equals(material[i] as Buffer)));
    if (this.current && same) return this.current.agent;
    this.current?.agent.destroy();
    // A watch holds its connection for minutes (HTTP/1.1, one per watched kind): room for all of them besides the lists.
    const common = { keepAlive: true, maxSockets: 64, timeout: 60_000 };
    const agent =
      url.protocol === "http:"
        ? new http.Agent(common)
        : new https.Agent({ ...common, ca: o.ca, cert: o.cert, key: o.key, servername: o.servername, ...(o.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}) });
    this.current = { agent, material };
    return agent;
  }
}

/** TLS material and credentials for one request; an exec plugin's credential comes from `exec`'s cache. */
async function credentials(kc: KubeConfig, server: string, exec: ExecCredentials | undefined): Promise<https.RequestOptions> {
  const o: https.RequestOptions = {};
  try {
    await kc.applyToHTTPSOptions(o); // headers (bearer, token file), auth (basic), TLS material; refuses http without insecure-skip-tls-verify
    await exec?.apply(o);
  } catch (e) {
    const msg = (e as Error).message;
    if (/HTTP protocol is not allowed/.test(msg)) throw new ApiError("refused", `${server} is plain http and the kubeconfig does not set insecure-skip-tls-verify: true for it`);
    throw new ApiError("credentials", `could not get credentials (exec plugin, auth provider or token file): ${msg}`);
  }
  return o;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Performs one GET with the TLS material and credentials of `kc`'s current context. */
async function get(kc: KubeConfig, agents: Agents, server: string, exec: ExecCredentials | undefined, path: string, query: Query | undefined, opts: GetOptions): Promise<unknown> {
  const url = requestUrl(server, path, query);
  if (opts.signal?.aborted) throw opts.signal.reason;
  const tlsAndAuth = await credentials(kc, server, exec);
  // gzip as client-go asks for it: the API server compresses large lists (pods JSON shrinks ~10x).
  const headers = { ...tlsAndAuth.headers, Accept: "application/json", "Accept-Encoding": "gzip", "User-Agent": "clearance (read-only)" };
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const transport = url.protocol === "http:" ? http : https;
  return new Promise((resolve, reject) => {
    let settled = false;
    let body: Readable | undefined;
    /** Settles once: the first outcome wins, and a failure tears the request down. */
    const finish = (e: unknown, value?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      if (e === undefined) return resolve(value);
      body?.destroy();
      req.destroy();
      reject(e);
    };
    const onAbort = () => finish(opts.signal?.reason instanceof ApiError ? opts.signal.reason : new ApiError("cancelled", `request for ${url.pathname} cancelled`));
    const req = transport.request(url, { method: "GET", headers, agent: agents.for(url, tlsAndAuth), auth: tlsAndAuth.auth }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const streaming = opts.onLine && (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
      let partial = "";
      res.on("error", (e) => finish(new ApiError("connection", `${url.origin}: ${e.message}`)));
      res.on("aborted", () => finish(new ApiError("connection", `${url.origin}: the connection closed mid-answer`)));
      body = res;
      if (res.headers["content-encoding"] === "gzip") {
        body = res.pipe(createGunzip());
        body.on("error", (e) => finish(new ApiError("bad-response", `response from ${url.pathname} is not valid gzip: ${e.message}`)));
      }
      body.on("data", (c: Buffer) => {
        if (settled) return;
        if (streaming) {
          timer.refresh(); // the deadline bounds silence, not the life of the stream
          const lines = (partial + c.toString("utf8")).split("\n");
          partial = lines.pop() ?? "";
          if (partial.length > maxBytes) return finish(new ApiError("limit", `a line from ${url.pathname} is longer than ${mb(maxBytes)}`));
          for (const line of lines) if (line.trim() && !settled) opts.onLine!(line);
          return;
        }
        size += c.length;
        if (size > maxBytes) return finish(new ApiError("limit", `response from ${url.pathname} is larger than ${mb(maxBytes)} (decompressed)${opts.maxBytesSetting ? `; raise ${opts.maxBytesSetting} if that is real` : ""}`));
        try {
          opts.onBytes?.(c.length);
        } catch (e) {
          return finish(e);
        }
        chunks.push(c);
      });
      body.on("end", () => {
        if (settled) return;
        if (streaming) {
          if (partial.trim()) opts.onLine!(partial);
          return finish(undefined, undefined);
        }
        const text = Buffer.concat(chunks).toString("utf8");
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) return finish(httpError(status, text, url));
        try {
          finish(undefined, JSON.parse(text));
        } catch {
          finish(new ApiError("bad-response", `response from ${url.pathname} is not JSON`, status));
        }
      });
    });
    const timer = setTimeout(() => finish(new ApiError("timeout", `no answer from ${url.origin} for ${url.pathname} within ${timeoutMs / 1000} s`)), timeoutMs);
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener("abort", onAbort, { once: true });
    req.on("error", (e) => {
      if (e instanceof ApiError) return finish(e);
      const code = (e as NodeJS.ErrnoException).code;
      finish(new ApiError("connection", `${url.origin}: ${e.message}${code && !e.message.includes(code) ? ` (${code})` : ""}`));
    });
    req.end();
  });
}

/**
 * A read-only client for the current context of `kc` (a KubeConfig holding exactly the context to
 * use, see kubeconfig.ts). The returned object has `get` and nothing else.
 */
export function createApiClient(kc: KubeConfig, context: string, exec?: ExecCredentials): ApiClient {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new ApiError("refused", `context "${context}" has no cluster`);
  const server = cluster.server;
  const agents = new Agents(!!cluster.proxyUrl);
  const once = (path: string, query: Query | undefined, opts: GetOptions) => get(kc, agents, server, exec, path, query, opts);
  return Object.freeze({
    context,
    server,
    insecure: !!cluster.skipTLSVerify,
    get: async (path: string, query?: Query, opts: GetOptions = {}) => {
      if (!exec) return once(path, query, opts);
      try {
        return await once(path, query, opts);
      } catch (e) {
        // client-go's rule: a 401 ends an exec credential's life; run the plugin again and retry once.
        if (!(e instanceof ApiError && e.status === 401)) throw e;
        exec.invalidate();
        return once(path, query, opts);
      }
    },
  });
}
