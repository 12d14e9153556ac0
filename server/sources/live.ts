/**
 * Live source: lists every kind of lib/model/kinds.ts `KINDS` cluster-wide from the context's API
 * server (GET only, via api-client.ts), plus the Gatekeeper constraints its ConstraintTemplates
 * declare, and builds a snapshot. A kind that cannot be read (403, CRD not installed, timeout, error)
 * is recorded in `snapshot.kinds` and the rest is still read; only an unreachable server or rejected
 * credentials fail the whole load.
 */
import type { LiveProgress } from "../../lib/contracts";
import { ClearanceError } from "../../lib/errors";
import { GATEKEEPER_CONSTRAINTS_GROUP, KINDS, kindStatusKey, SnapshotBuilder, type ClusterSnapshot, type KindInfo, type KindStatus } from "../../lib/model";
import { ApiError, DEFAULT_TIMEOUT_MS, type ApiClient } from "./api-client";
import { DEFAULT_LIMITS, LoadBudget, type LoadLimits } from "./budget";
import { apiClientFor, currentContextName, type Env } from "./kubeconfig";
import { listAll, type ListSettings } from "./list";

export type { LiveProgress };

export interface LiveSettings extends ListSettings, LoadLimits {
  /** Kinds listed at the same time. */
  concurrency: number;
}

export interface LiveOptions extends Partial<LiveSettings> {
  onProgress?: (p: LiveProgress) => void;
  /** Aborting it cancels the load (every request in flight), which then fails with code "cancelled". */
  signal?: AbortSignal;
  /** Where the kubeconfig and the CLEARANCE_LIVE_* settings are read from (default process.env). */
  env?: Env;
}

/** Gatekeeper serves every constraint kind at this version (the CRDs it generates from templates). */
const CONSTRAINTS_VERSION = "v1beta1";

/**
 * Settings from options, else CLEARANCE_LIVE_PAGE_SIZE / _TIMEOUT_SECONDS (per request) / _CONCURRENCY /
 * _MAX_RELISTS / _LOAD_TIMEOUT_SECONDS / _MAX_PAGES / _MAX_OBJECTS / _MAX_MB / _MAX_RESPONSE_MB, else defaults.
 */
export function liveSettings(env: Env = process.env, o: Partial<LiveSettings> = {}): LiveSettings {
  const num = (v: string | undefined, d: number) => (v !== undefined && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
  const MB = 1024 * 1024;
  const d = DEFAULT_LIMITS;
  return {
    pageSize: o.pageSize ?? Math.floor(num(env.CLEARANCE_LIVE_PAGE_SIZE, 500)),
    timeoutMs: o.timeoutMs ?? num(env.CLEARANCE_LIVE_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_MS / 1000) * 1000,
    concurrency: o.concurrency ?? Math.floor(num(env.CLEARANCE_LIVE_CONCURRENCY, 4)),
    maxRelists: o.maxRelists ?? Math.floor(num(env.CLEARANCE_LIVE_MAX_RELISTS, 3)),
    loadTimeoutMs: o.loadTimeoutMs ?? num(env.CLEARANCE_LIVE_LOAD_TIMEOUT_SECONDS, d.loadTimeoutMs / 1000) * 1000,
    maxPages: o.maxPages ?? Math.floor(num(env.CLEARANCE_LIVE_MAX_PAGES, d.maxPages)),
    maxObjects: o.maxObjects ?? Math.floor(num(env.CLEARANCE_LIVE_MAX_OBJECTS, d.maxObjects)),
    maxBytes: o.maxBytes ?? Math.floor(num(env.CLEARANCE_LIVE_MAX_MB, d.maxBytes / MB) * MB),
    maxResponseBytes: o.maxResponseBytes ?? Math.floor(num(env.CLEARANCE_LIVE_MAX_RESPONSE_MB, d.maxResponseBytes / MB) * MB),
  };
}

/** The kubeconfig's current context (the CLI's default source). */
export function currentContext(env: Env = process.env): string {
  return currentContextName(env);
}

/** A snapshot of `context`, read from its API server. */
export async function loadLive(context: string, opts: LiveOptions = {}): Promise<ClusterSnapshot> {
  return readLiveSnapshot(apiClientFor(context, opts.env ?? process.env), opts);
}

export interface Job {
  /** Key in `snapshot.kinds`: the resource, or `<plural>.constraints.gatekeeper.sh`. */
  status: string;
  path: string;
  apiVersion: string;
  kind: string;
  optional: boolean;
  /** Read instead when this job's resource is not installed (Calico's CRD storage behind its v3 API). */
  fallback?: Job;
}

const apiPath = (group: string, version: string, resource: string) => (group ? `/apis/${group}/${version}/${resource}` : `/api/${version}/${resource}`);

function kindJob(k: KindInfo): Job {
  return { status: kindStatusKey(k), path: apiPath(k.group, k.version, k.resource), apiVersion: k.group ? `${k.group}/${k.version}` : k.version, kind: k.kind, optional: !!k.optional };
}

export function kindJobs(): Job[] {
  const jobs = KINDS.filter((k) => !k.fallbackFor).map((k) => {
    const fb = KINDS.find((f) => f.fallbackFor === k.group && f.resource === k.resource);
    return { ...kindJob(k), ...(fb ? { fallback: kindJob(fb) } : {}) };
  });
  // Templates first (they reveal more kinds to read), then pods (the longest list), then the rest.
  const rank = (j: Job) => (j.kind === "ConstraintTemplate" ? 0 : j.kind === "Pod" ? 1 : 2);
  return jobs.sort((a, b) => rank(a) - rank(b));
}

/** One job per constraint kind a ConstraintTemplate declares (`spec.crd.spec.names.kind`; plural = lowercase kind). */
export function constraintJobs(templates: unknown[]): Job[] {
  const kinds = new Set<string>();
  for (const t of templates) {
    const kind = (t as { spec?: { crd?: { spec?: { names?: { kind?: unknown } } } } })?.spec?.crd?.spec?.names?.kind;
    if (typeof kind === "string" && /^[A-Za-z0-9]+$/.test(kind)) kinds.add(kind);
  }
  return [...kinds].sort().map((kind) => {
    const plural = kind.toLowerCase();
    return {
      status: `${plural}.${GATEKEEPER_CONSTRAINTS_GROUP}`,
      path: apiPath(GATEKEEPER_CONSTRAINTS_GROUP, CONSTRAINTS_VERSION, plural),
      apiVersion: `${GATEKEEPER_CONSTRAINTS_GROUP}/${CONSTRAINTS_VERSION}`,
      kind,
      optional: true,
    };
  });
}

/** List items come without apiVersion and kind; the normalizer needs them. */
export function withTypeMeta(item: unknown, job: Job): unknown {
  if (item && typeof item === "object" && !Array.isArray(item)) {
    const o = item as { apiVersion?: unknown; kind?: unknown };
    o.apiVersion ??= job.apiVersion;
    o.kind ??= job.kind;
  }
  return item;
}

function unreachable(client: ApiClient, why: string): ClearanceError {
  return new ClearanceError("cluster_unreachable", `cannot reach the API server ${client.server} (context "${client.context}"): ${why}`, { server: client.server });
}

function unauthorized(client: ApiClient, why: string): ClearanceError {
  return new ClearanceError(
    "unauthorized",
    `the API server ${client.server} rejected the credentials of context "${client.context}" (401 ${why}); renew them (log in again) and retry`,
    { server: client.server },
  );
}

/** The load's own failures (budget.ts): they end the load whatever kind was being read. */
function loadFailure(e: unknown): ClearanceError | undefined {
  if (!(e instanceof ApiError)) return undefined;
  if (e.failure === "limit") return new ClearanceError("limit_exceeded", e.message);
  if (e.failure === "deadline") return new ClearanceError("timeout", e.message);
  if (e.failure === "cancelled") return new ClearanceError("cancelled", e.message);
  return undefined;
}

/** Fails fast, with one clear error, when the server cannot be reached or refuses the credentials. */
export async function preflight(client: ApiClient, s: LiveSettings, budget?: LoadBudget): Promise<void> {
  try {
    await client.get("/version", undefined, { timeoutMs: s.timeoutMs, maxBytes: 1024 * 1024, ...(budget ? { signal: budget.signal, onBytes: budget.onBytes } : {}) });
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const fatal = loadFailure(e);
    if (fatal) throw fatal;
    if (e.failure === "connection" || e.failure === "timeout") throw unreachable(client, e.message);
    if (e.failure === "refused") throw unreachable(client, e.message);
    if (e.failure === "credentials") throw new ClearanceError("unauthorized", `context "${client.context}": ${e.message}`, { server: client.server });
    if (e.status === 401) throw unauthorized(client, e.message);
    // Anything else (/version forbidden, say) is left to the lists to report per kind.
  }
}

export interface Failure {
  status: KindStatus;
  connection?: boolean;
  fatal?: ClearanceError;
}

export function failure(e: unknown, job: Job, client: ApiClient, s: LiveSettings): Failure {
  if (!(e instanceof ApiError)) return { status: { state: "error", message: (e as Error)?.message ?? String(e) } };
  const fatal = loadFailure(e);
  if (fatal) return { status: { state: "error", message: e.message }, fatal };
  if (e.failure === "timeout") return { status: { state: "timeout", message: e.message } };
  if (e.failure === "connection") return { status: { state: "error", message: e.message }, connection: true };
  if (e.status === 401) return { status: { state: "error", message: e.message }, fatal: unauthorized(client, e.message) };
  if (e.status === 403) return { status: { state: "forbidden", message: e.message } };
  if (e.status === 404 && job.optional) return { status: { state: "not-installed", message: `${job.path} is not served (CRD or API not installed)` } };
  if (e.status === 410) return { status: { state: "error", message: `the list was restarted ${s.maxRelists} times and its continue token expired again (410 Gone)` } };
  return { status: { state: "error", message: e.failure === "http" ? `HTTP ${e.status}${e.reason ? ` ${e.reason}` : ""}: ${e.message}` : e.message } };
}

/** Runs jobs from `queue` (which may grow) with at most `width` at a time, until empty or `stop()`. */
async function drain<T>(queue: T[], width: number, run: (job: T) => Promise<void>, stop: () => boolean): Promise<void> {
  const worker = async () => {
    for (let job = queue.shift(); job !== undefined && !stop(); job = queue.shift()) await run(job);
  };
  await Promise.all(Array.from({ length: Math.max(1, width) }, worker));
}

/** Reads a snapshot through `client` (see the file comment). */
export async function readLiveSnapshot(client: ApiClient, opts: LiveOptions = {}): Promise<ClusterSnapshot> {
  const s = liveSettings(opts.env ?? process.env, opts);
  const budget = new LoadBudget(s, client.server, opts.signal);
  try {
    return await read(client, s, budget, opts.onProgress ?? (() => {}));
  } finally {
    budget.dispose();
  }
}

async function read(client: ApiClient, s: LiveSettings, budget: LoadBudget, report: (p: LiveProgress) => void): Promise<ClusterSnapshot> {
  await preflight(client, s, budget);
  const builder = new SnapshotBuilder({ type: "live", id: `live:${client.context}`, label: client.context, context: client.context, server: client.server });
  if (client.insecure) {
    builder.issue({
      severity: "warning",
      source: client.server,
      message: `the kubeconfig sets insecure-skip-tls-verify for context "${client.context}": the API server's certificate is not checked, so anyone on the network path could have altered what was read`,
    });
  }
  const queue = kindJobs();
  const order = [...KINDS.map(kindStatusKey)];
  const statuses = new Map<string, KindStatus>();
  let total = queue.length;
  let done = 0;
  let connectionFailures = 0;
  let fatal: ClearanceError | undefined;
  let firstConnectionError: string | undefined;
  report({ done, total });

  await drain(
    queue,
    s.concurrency,
    async (job) => {
      try {
        const { items } = await listAll(client, job.path, s, (n) => report({ done, total, resource: job.status, items: n }), budget);
        for (const item of items) builder.add(withTypeMeta(item, job), { source: job.path });
        statuses.set(job.status, { state: "ok" });
        if (job.kind === "ConstraintTemplate") {
          const more = constraintJobs(items);
          queue.push(...more);
          order.push(...more.map((j) => j.status));
          total += more.length;
        }
      } catch (e) {
        const f = failure(e, job, client, s);
        statuses.set(job.status, f.status);
        if (f.status.state === "not-installed" && job.fallback) {
          queue.push(job.fallback);
          total++;
        }
        if (f.connection) {
          connectionFailures++;
          firstConnectionError ??= f.status.message;
        }
        fatal ??= f.fatal;
      }
      done++;
      report({ done, total, resource: job.status });
    },
    () => fatal !== undefined,
  );

  if (fatal) throw fatal;
  for (const resource of order) {
    const st = statuses.get(resource);
    if (st) builder.kindStatus(resource, st); // in KINDS order, whatever order the lists finished in
  }
  if (done > 0 && connectionFailures === done) throw unreachable(client, firstConnectionError ?? "every request failed");
  return builder.build({ synthesizePods: false, aggregation: "check", provenance: false });
}
