/**
 * A stand-in Kubernetes API server for tests (test support, not product). It serves raw objects
 * through the list endpoints (`/api/v1/pods`, `/apis/<group>/<version>/<resource>`, namespaced forms,
 * single objects), paginates with `limit`/`continue` (opaque tokens; can expire them → 410 Gone),
 * checks a bearer token (401), forbids chosen resources (403), answers 404 for CRDs not installed,
 * can be slow or fail per resource, can answer lists the way a broken or hostile server would
 * (hostile.ts: endless continue, gzip bomb, drip, garbage), and records every request so tests can
 * assert what was sent. Objects can change while it runs (`apply`, `delete`, or POST /__fake/apply
 * and /__fake/delete for a test in another process); lists are consistent across their pages, and
 * `?watch=1` streams the changes (watch.ts).
 * Resource names in the options are plurals (`pods`), `<plural>.<group>`, or `*` for all.
 * Behaviour lives in `config`, which tests may change while the server runs.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { hostileAnswer, type HostileMode, type HostileSettings } from "./hostile";
import { kubeconfigYaml, type KubeconfigContext } from "./kubeconfig";
import { names, resourceKey, ResourceStore, type Collection, type RawObject } from "./resources";
import { WatchHub } from "./watch";
import { serverCert } from "./tls";

export interface FakeApiServerConfig {
  /** Required bearer token; undefined accepts any request. */
  token?: string;
  /** Resources answered with 403 (`pods`, `deployments.apps`, ...). */
  forbid: string[];
  /** Milliseconds to wait before answering each request for a resource. */
  delays: Record<string, number>;
  /** HTTP status to answer every request for a resource with (500, 503, ...). */
  fail: Record<string, number>;
  /** Resources whose connections are cut without an answer (a connection error for the client). */
  drop: string[];
  /** Gzip large answers when asked (default true, like the API server). */
  gzip: boolean;
  /** How many of the next requests carrying a continue token for a resource get 410 Gone. */
  expireContinue: Record<string, number>;
  /** Milliseconds between watch bookmarks (when the client allows them). */
  bookmarkMs: number;
  /** Cut the next `watches` watch streams after `events` events each (dropped connections). */
  cutWatchesAfterEvents?: { events: number; watches: number };
  /** Resources whose lists are answered the hostile way named (hostile.ts). */
  hostile: Record<string, HostileMode>;
  /** Sizes and pace of the hostile answers. */
  hostileSettings: HostileSettings;
}

export interface FakeApiServerOptions extends Partial<Omit<FakeApiServerConfig, "hostileSettings">> {
  objects: unknown[];
  hostileSettings?: Partial<HostileSettings>;
  /** Optional resources (CRDs) to serve even without objects. */
  crds?: string[];
  /** Resources to answer 404 for although objects exist. */
  notInstalled?: string[];
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** false serves plain http (clients then need insecure-skip-tls-verify). */
  tls?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The answer was gzipped. */
  gzipped?: boolean;
}

export interface FakeApiServer {
  url: string;
  /** PEM of the self-signed certificate (undefined for plain http). */
  ca?: string;
  config: FakeApiServerConfig;
  requests: RecordedRequest[];
  /** Requests being answered now, and the most at any one time. */
  stats: { inFlight: number; maxInFlight: number };
  /** A kubeconfig with one context for this server. */
  kubeconfig(context?: Partial<KubeconfigContext>): string;
  /** Creates or replaces an object; watches see ADDED or MODIFIED. */
  apply(object: unknown): void;
  /** Deletes an object; watches see DELETED. False when there was none. */
  delete(apiVersion: string, kind: string, namespace: string, name: string): boolean;
  /** Watch controls: the current resourceVersion, forget history (→ 410), cut open watches. */
  watches: { resourceVersion(): number; compact(): void; drop(): void; open(): number };
  close(): Promise<void>;
}


/** Large answers are gzipped when the client accepts it, as the API server does above 128 KiB. */
const GZIP_ABOVE = 128 * 1024;
const recordOf = new WeakMap<ServerResponse, RecordedRequest>();

function send(res: ServerResponse, code: number, body: unknown, compress = false): void {
  const text = JSON.stringify(body);
  const gzip = compress && /\bgzip\b/.test(String(res.req.headers["accept-encoding"] ?? "")) && text.length > GZIP_ABOVE;
  const data = gzip ? gzipSync(text, { level: 1 }) : Buffer.from(text);
  const rec = recordOf.get(res);
  if (rec && gzip) rec.gzipped = true;
  res.writeHead(code, { "Content-Type": "application/json", "Content-Length": data.length, ...(gzip ? { "Content-Encoding": "gzip" } : {}) });
  res.end(data);
}

function status(res: ServerResponse, code: number, reason: string, message: string, extra: Record<string, unknown> = {}): void {
  send(res, code, { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code, ...extra });
}

interface Token {
  key: string;
  ns: string;
  offset: number;
  /** The list the pages are cut from, as it was at the first page (lists are consistent). */
  snap?: number;
}

const encodeToken = (t: Token) => Buffer.from(JSON.stringify(t)).toString("base64url");

function decodeToken(s: string): Token | null {
  try {
    const t = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Token;
    return typeof t.key === "string" && typeof t.ns === "string" && Number.isInteger(t.offset) && t.offset >= 0 ? t : null;
  } catch {
    return null;
  }
}

/** API list items carry no apiVersion/kind; only the list does. */
function stripTypeMeta(o: RawObject): Record<string, unknown> {
  const { apiVersion: _v, kind: _k, ...rest } = o;
  void _v;
  void _k;
  return rest;
}

/** `[group, version, tail]` for `/api/v1/...` and `/apis/<g>/<v>/...`, else null. */
function splitPath(segments: string[]): [string, string, string[]] | null {
  if (segments[0] === "api" && segments.length >= 2) return ["", segments[1], segments.slice(2)];
  if (segments[0] === "apis" && segments.length >= 3) return [segments[1], segments[2], segments.slice(3)];
  return null;
}

export async function startFakeApiServer(opts: FakeApiServerOptions): Promise<FakeApiServer> {
  const store = new ResourceStore(opts.objects, opts.crds, opts.notInstalled);
  const config: FakeApiServerConfig = {
    token: opts.token,
    forbid: opts.forbid ?? [],
    delays: opts.delays ?? {},
    fail: opts.fail ?? {},
    drop: opts.drop ?? [],
    gzip: opts.gzip ?? true,
    expireContinue: opts.expireContinue ?? {},
    hostile: opts.hostile ?? {},
    hostileSettings: { bombBytes: 4 * 1024 ** 3, dripMs: 1000, ...opts.hostileSettings },
    bookmarkMs: opts.bookmarkMs ?? 5_000,
    cutWatchesAfterEvents: opts.cutWatchesAfterEvents,
  };
  const hub = new WatchHub(config);
  const pages = new Map<number, { items: RawObject[]; rv: number }>();
  let nextSnap = 1;
  const apply = (o: unknown) => {
    const r = store.upsert(o);
    hub.record(r.key, r.type, r.object);
  };
  const remove = (apiVersion: string, kind: string, namespace: string, name: string) => {
    const r = store.remove(apiVersion, kind, namespace, name);
    if (r) hub.record(r.key, "DELETED", { ...r.object });
    return !!r;
  };
  const control = async (req: IncomingMessage, res: ServerResponse, what: string) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { apiVersion: string; kind: string; metadata?: { namespace?: string; name?: string } };
      if (what === "apply") apply(body);
      else if (!remove(body.apiVersion, body.kind, body.metadata?.namespace ?? "", body.metadata?.name ?? "")) return status(res, 404, "NotFound", "no such object");
      send(res, 200, { ok: true, resourceVersion: String(hub.resourceVersion) });
    } catch (e) {
      status(res, 400, "BadRequest", (e as Error).message);
    }
  };
  const requests: RecordedRequest[] = [];
  const sleeping = new Set<() => void>();
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(t);
        sleeping.delete(wake);
        resolve();
      };
      const t = setTimeout(wake, ms);
      sleeping.add(wake);
    });
  const configured = <T>(table: Record<string, T>, c: Collection): T | undefined => {
    for (const [n, v] of Object.entries(table)) if (names(n, c.def)) return v;
    return undefined;
  };

  const discovery = (res: ServerResponse, segments: string[]): boolean => {
    const path = `/${segments.join("/")}`;
    if (path === "/version") return send(res, 200, { major: "1", minor: "33", gitVersion: "v1.33.0-clearance-fake", platform: "linux/amd64" }), true;
    if (path === "/api") return send(res, 200, { kind: "APIVersions", versions: ["v1"] }), true;
    if (path === "/apis") {
      const groups = [...new Set(store.all().map((c) => c.def.group).filter(Boolean))].sort();
      const versions = (g: string) => [...new Set(store.all().filter((c) => c.def.group === g).map((c) => c.def.version))];
      const list = groups.map((g) => ({ name: g, versions: versions(g).map((v) => ({ groupVersion: `${g}/${v}`, version: v })), preferredVersion: { groupVersion: `${g}/${versions(g)[0]}`, version: versions(g)[0] } }));
      return send(res, 200, { kind: "APIGroupList", apiVersion: "v1", groups: list }), true;
    }
    const gv = splitPath(segments);
    if (gv && gv[2].length === 0) {
      const [g, v] = gv;
      const resources = store.all().filter((c) => c.def.group === g && c.def.version === v);
      if (resources.length === 0) return status(res, 404, "NotFound", "the server could not find the requested resource"), true;
      const list = resources.map((c) => ({ name: c.def.resource, kind: c.def.kind, namespaced: c.def.namespaced, verbs: ["get", "list", "watch"] }));
      return send(res, 200, { kind: "APIResourceList", groupVersion: g ? `${g}/${v}` : v, resources: list }), true;
    }
    return false;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://fake");
    const rec: RecordedRequest = { method: req.method ?? "", path: url.pathname, query: Object.fromEntries(url.searchParams), headers: { ...req.headers } };
    requests.push(rec);
    recordOf.set(res, rec);
    if (req.method === "POST" && (url.pathname === "/__fake/apply" || url.pathname === "/__fake/delete")) return control(req, res, url.pathname.slice(8));
    if (req.method !== "GET") return status(res, 405, "MethodNotAllowed", `the fake API server only answers GET (got ${req.method})`);
    if (config.token !== undefined && req.headers.authorization !== `Bearer ${config.token}`) return status(res, 401, "Unauthorized", "Unauthorized");
    const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    if (discovery(res, segments)) return;

    const gv = splitPath(segments);
    const notFound = () => status(res, 404, "NotFound", "the server could not find the requested resource");
    if (!gv) return notFound();
    const [group, version, tail] = gv;
    let ns = "";
    let rest = tail;
    if (tail[0] === "namespaces" && tail.length >= 3) [ns, rest] = [tail[1], tail.slice(2)];
    if (rest.length < 1 || rest.length > 2) return notFound();
    const [resource, name] = rest;
    const coll = store.get(group, version, resource);
    if (config.drop.some((n) => n === "*" || (coll && names(n, coll.def)))) return void res.socket?.destroy();
    if (!coll) return notFound();

    const delay = configured(config.delays, coll);
    if (delay) await sleep(delay);
    if (config.forbid.some((n) => names(n, coll.def))) {
      const where = ns ? `in the namespace "${ns}"` : "at the cluster scope";
      const gr = group ? `${resource}.${group}` : resource;
      return status(res, 403, "Forbidden", `${gr} is forbidden: User "system:serviceaccount:clearance:reader" cannot list resource "${resource}" in API group "${group}" ${where}`, { details: { group, kind: resource } });
    }
    const failWith = configured(config.fail, coll);
    if (failWith) return status(res, failWith, "InternalError", `fake failure for ${resource} (HTTP ${failWith})`);

    const hostile = configured(config.hostile, coll);
    if (hostile && name === undefined) return hostileAnswer(hostile, coll, req, res, config.hostileSettings);
    const items = ns ? coll.items.filter((o) => o.metadata.namespace === ns) : coll.items;
    if (name !== undefined) {
      const obj = items.find((o) => o.metadata.name === name);
      return obj ? send(res, 200, obj, config.gzip) : status(res, 404, "NotFound", `${resource} "${name}" not found`, { details: { name, kind: resource } });
    }

    const key = `${group}/${version}/${resource}`;
    if (url.searchParams.get("watch") === "1" || url.searchParams.get("watch") === "true") return hub.serve(req, res, resourceKey(group, version, resource), coll.def, ns, url.searchParams);
    let offset = 0;
    let snapshot: { items: RawObject[]; rv: number } | undefined;
    let snapId: number | undefined;
    const cont = url.searchParams.get("continue");
    if (cont) {
      const t = decodeToken(cont);
      if (!t || t.key !== key || t.ns !== ns) return status(res, 400, "BadRequest", "continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
      const left = configured(config.expireContinue, coll) ?? 0;
      if (left > 0) {
        for (const n of Object.keys(config.expireContinue)) if (names(n, coll.def)) config.expireContinue[n] = left - 1;
        return status(res, 410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.", { metadata: { continue: cont } });
      }
      offset = t.offset;
      snapId = t.snap;
      snapshot = snapId !== undefined ? pages.get(snapId) : undefined;
    }
    snapshot ??= { items: [...items], rv: hub.resourceVersion };
    const all = snapshot.items;
    const limit = Number(url.searchParams.get("limit") ?? 0);
    const end = limit > 0 ? Math.min(all.length, offset + limit) : all.length;
    const more = end < all.length;
    if (more && snapId === undefined) pages.set((snapId = nextSnap++), snapshot);
    if (!more && snapId !== undefined) pages.delete(snapId);
    send(res, 200, {
      kind: `${coll.def.kind}List`,
      apiVersion: group ? `${group}/${version}` : version,
      metadata: { resourceVersion: String(snapshot.rv), ...(more ? { continue: encodeToken({ key, ns, offset: end, snap: snapId }), remainingItemCount: all.length - end } : {}) },
      items: all.slice(offset, end).map(stripTypeMeta),
    }, config.gzip);
  };

  const stats = { inFlight: 0, maxInFlight: 0 };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.once("close", () => stats.inFlight--);
    handle(req, res).catch((e: Error) => {
      if (!res.headersSent) status(res, 500, "InternalError", e.message);
      else res.destroy();
    });
  };
  const tls = opts.tls ?? true;
  const cert = tls ? await serverCert() : undefined;
  const server = cert ? https.createServer({ cert: cert.cert, key: cert.key }, listener) : http.createServer(listener);
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const url = `${tls ? "https" : "http"}://${host}:${(server.address() as AddressInfo).port}`;

  return {
    url,
    ca: cert?.cert,
    config,
    requests,
    stats,
    apply,
    delete: remove,
    watches: { resourceVersion: () => hub.resourceVersion, compact: () => hub.compact(), drop: () => hub.dropWatches(), open: () => hub.open },
    kubeconfig: (c = {}) =>
      kubeconfigYaml([{ name: "fake", server: url, ...(cert ? { ca: cert.cert } : { insecure: true }), ...(config.token ? { token: config.token } : {}), ...c }]),
    close: () =>
      new Promise<void>((resolve) => {
        for (const wake of [...sleeping]) wake();
        hub.dropWatches();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
