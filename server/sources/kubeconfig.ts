/**
 * Kubeconfig, in kubectl's order: the files listed in `KUBECONFIG` (merged; the first file to define
 * a name or a current-context wins, missing files are skipped), else `~/.kube/config`, else the
 * in-cluster service account. Unlike client-node's `loadFromDefault`, nothing falls back to
 * http://localhost:8080: with no kubeconfig at all this says so (ClearanceError "no_kubeconfig").
 *
 * Every context is selectable by name. Each gets its own KubeConfig and API client, cached per
 * context, so the server never holds a global "current context".
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { KubeConfig, type Cluster, type Context, type User } from "@kubernetes/client-node";
import { ClearanceError } from "../../lib/errors";
import { createApiClient, type ApiClient } from "./api-client";
import { ExecCredentials, type ExecSpec } from "./exec-credential";

/** Environment variables as read here (process.env, or a test's own). */
export type Env = Readonly<Record<string, string | undefined>>;

export const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";
export const IN_CLUSTER_CONTEXT = "in-cluster";

/** What the UI and CLI may show about a context: names and the server URL, never credentials. */
export interface ContextInfo {
  name: string;
  cluster: string;
  server: string;
  user: string;
  namespace?: string;
  current: boolean;
}

export interface KubeconfigOptions {
  /** Where the in-cluster token, ca.crt and namespace live (tests point it at a temp dir). */
  serviceAccountDir?: string;
}

/** The merged kubeconfig and one lazily created client per context. */
export class Kubeconfigs {
  private readonly clients = new Map<string, ApiClient>();

  constructor(
    /** Where it came from: the files read, or `in-cluster`. */
    readonly origin: string[],
    private readonly clusters: Cluster[],
    private readonly users: User[],
    private readonly contexts: Context[],
    readonly currentContext: string | undefined,
  ) {}

  list(): ContextInfo[] {
    return this.contexts.map((c) => ({
      name: c.name,
      cluster: c.cluster,
      server: this.clusters.find((cl) => cl.name === c.cluster)?.server ?? "",
      user: c.user,
      ...(c.namespace ? { namespace: c.namespace } : {}),
      current: c.name === this.currentContext,
    }));
  }

  /** The read-only client for `context`, created once. */
  client(context: string): ApiClient {
    const cached = this.clients.get(context);
    if (cached) return cached;
    const ctx = this.contexts.find((c) => c.name === context);
    if (!ctx) {
      const known = this.contexts.map((c) => c.name).join(", ");
      throw new ClearanceError("unknown_context", `no context "${context}" in the kubeconfig (${this.origin.join(", ")}); known: ${known || "none"}`);
    }
    const cluster = this.clusters.find((c) => c.name === ctx.cluster);
    if (!cluster) throw new ClearanceError("unknown_context", `context "${context}" refers to cluster "${ctx.cluster}", which the kubeconfig does not define (or defines without a server)`);
    const user = this.users.find((u) => u.name === ctx.user);
    // An exec plugin runs through our cache (exec-credential.ts), not client-node's, which runs it per request.
    const spec = execSpec(user);
    const kcUser = user && spec ? withoutExec(user) : user;
    const kc = new KubeConfig();
    kc.loadFromOptions({ clusters: [cluster], users: kcUser ? [kcUser] : [], contexts: [ctx], currentContext: ctx.name });
    const client = createApiClient(kc, context, spec ? new ExecCredentials(spec) : undefined);
    this.clients.set(context, client);
    return client;
  }
}

/** The exec plugin of a user: `user.exec`, or the legacy `auth-provider` form with `config.exec`. */
function execSpec(user: User | undefined): ExecSpec | undefined {
  const exec = (user?.exec ?? (user?.authProvider?.config as { exec?: unknown } | undefined)?.exec) as ExecSpec | undefined;
  return exec && typeof exec.command === "string" ? exec : undefined;
}

function withoutExec(user: User): User {
  const { exec: _exec, authProvider, ...rest } = user;
  void _exec;
  return { ...rest, ...(authProvider && !(authProvider.config as { exec?: unknown } | undefined)?.exec && authProvider.name !== "exec" ? { authProvider } : {}) };
}

function homeDir(env: Env): string | undefined {
  return env.HOME || env.USERPROFILE || (env === process.env ? os.homedir() : undefined);
}

/** The files to read, in order, and whether they came from KUBECONFIG. */
function kubeconfigFiles(env: Env): { files: string[]; fromEnv: boolean } {
  if (env.KUBECONFIG) return { files: env.KUBECONFIG.split(path.delimiter).filter(Boolean), fromEnv: true };
  const home = homeDir(env);
  return { files: home ? [path.join(home, ".kube", "config")] : [], fromEnv: false };
}

/** A kubeconfig is a few KB; a FIFO or device named in KUBECONFIG must not hang or fill memory. */
const MAX_KUBECONFIG_BYTES = 16 * 1024 * 1024;

function readFile(file: string): KubeConfig {
  const kc = new KubeConfig();
  const st = statSync(file);
  if (!st.isFile()) throw new ClearanceError("no_kubeconfig", `kubeconfig ${file} is not a regular file; only regular files are read`);
  if (st.size > MAX_KUBECONFIG_BYTES) throw new ClearanceError("no_kubeconfig", `kubeconfig ${file} is larger than 16 MB; that is not a kubeconfig`);
  try {
    kc.loadFromFile(file, { onInvalidEntry: "filter" }); // also resolves relative cert/key paths against the file's directory
  } catch (e) {
    throw new ClearanceError("misconfigured", `kubeconfig ${file} could not be read: ${(e as Error).message}`);
  }
  return kc;
}

/** kubectl's merge: the first file to define a cluster, user or context name wins. */
function firstWins<T extends { name: string }>(lists: T[][]): T[] {
  const out = new Map<string, T>();
  for (const list of lists) for (const item of list ?? []) if (!out.has(item.name)) out.set(item.name, item);
  return [...out.values()];
}

function inCluster(env: Env, dir: string): Kubeconfigs | null {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  const tokenFile = path.join(dir, "token");
  if (!host || !port || !existsSync(tokenFile)) return null;
  const hostPart = host.includes(":") ? `[${host}]` : host;
  const nsFile = path.join(dir, "namespace");
  const namespace = existsSync(nsFile) ? readFileSync(nsFile, "utf8").trim() : undefined;
  const cluster: Cluster = { name: IN_CLUSTER_CONTEXT, server: `https://${hostPart}:${port}`, caFile: path.join(dir, "ca.crt"), skipTLSVerify: false };
  // The tokenFile provider re-reads the file, so rotated (bound) service-account tokens keep working.
  const user: User = { name: IN_CLUSTER_CONTEXT, authProvider: { name: "tokenFile", config: { tokenFile } } };
  const context: Context = { name: IN_CLUSTER_CONTEXT, cluster: cluster.name, user: user.name, ...(namespace ? { namespace } : {}) };
  return new Kubeconfigs(["in-cluster"], [cluster], [user], [context], IN_CLUSTER_CONTEXT);
}

/** Reads the kubeconfig afresh (see the file comment for the order). */
export function loadKubeconfigs(env: Env = process.env, opts: KubeconfigOptions = {}): Kubeconfigs {
  const { files, fromEnv } = kubeconfigFiles(env);
  const present = files.filter((f) => existsSync(f));
  if (present.length > 0) {
    const loaded = present.map(readFile);
    const contexts = firstWins(loaded.map((k) => k.contexts));
    if (contexts.length === 0) throw new ClearanceError("no_kubeconfig", `the kubeconfig (${present.join(", ")}) defines no contexts`);
    const current = loaded.map((k) => k.currentContext).find(Boolean);
    return new Kubeconfigs(present, firstWins(loaded.map((k) => k.clusters)), firstWins(loaded.map((k) => k.users)), contexts, current);
  }
  const fromCluster = inCluster(env, opts.serviceAccountDir ?? SERVICE_ACCOUNT_DIR);
  if (fromCluster) return fromCluster;
  const looked = fromEnv ? `KUBECONFIG lists ${files.join(", ")}, none of which exists` : `${files[0] ?? "~/.kube/config"} does not exist`;
  throw new ClearanceError(
    "no_kubeconfig",
    `no kubeconfig found: ${looked}, and this is not running in a cluster (no service-account token). Set KUBECONFIG, or use --snapshot PATH or --demo`,
  );
}

let cache: { key: string; configs: Kubeconfigs } | undefined;

/** Identifies the kubeconfig on disk, so an edited or switched file is re-read and its clients rebuilt. */
function cacheKey(env: Env, opts: KubeconfigOptions): string {
  const { files } = kubeconfigFiles(env);
  const mtimes = files.map((f) => {
    try {
      const st = statSync(f);
      return `${st.mtimeMs}:${st.size}`;
    } catch {
      return "-";
    }
  });
  return JSON.stringify([files, mtimes, env.KUBERNETES_SERVICE_HOST, env.KUBERNETES_SERVICE_PORT, opts.serviceAccountDir]);
}

/** The kubeconfig, read once and kept until its files change. */
export function kubeconfigs(env: Env = process.env, opts: KubeconfigOptions = {}): Kubeconfigs {
  const key = cacheKey(env, opts);
  if (cache?.key !== key) cache = { key, configs: loadKubeconfigs(env, opts) };
  return cache.configs;
}

/** Every context of the kubeconfig, without credentials. */
export function listContexts(env: Env = process.env): ContextInfo[] {
  return kubeconfigs(env).list();
}

/** The kubeconfig's current-context; an error naming the choices when it sets none. */
export function currentContextName(env: Env = process.env): string {
  const k = kubeconfigs(env);
  if (k.currentContext && k.list().some((c) => c.name === k.currentContext)) return k.currentContext;
  const names = k.list().map((c) => c.name);
  if (names.length === 1) return names[0];
  const why = k.currentContext ? `its current-context "${k.currentContext}" does not exist` : "it sets no current-context";
  throw new ClearanceError("unknown_context", `the kubeconfig (${k.origin.join(", ")}) does not say which context to use (${why}); pass --context NAME, one of: ${names.join(", ")}`);
}

/** The read-only API client for `context`. */
export function apiClientFor(context: string, env: Env = process.env): ApiClient {
  return kubeconfigs(env).client(context);
}
