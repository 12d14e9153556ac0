/**
 * Resolves a command's source options into a snapshot, and reports what could not be read the same
 * way for every command: one line per problem on stderr, exit code 2 unless --partial-ok.
 */
import path from "node:path";
import { completeness, type ClusterSnapshot, type LoadIssue } from "../lib/model/snapshot";
import { UsageError } from "./args";
import type { IO } from "./io";
import type { Readable } from "node:stream";

export interface SourceOptions {
  snapshot?: string[];
  context?: string;
  /** A kubeconfig file, as kubectl's --kubeconfig: read instead of KUBECONFIG. */
  kubeconfig?: string;
  demo?: boolean;
  /** The demo's CNI variant (`cilium`); implies --demo. */
  "demo-variant"?: string;
}

/**
 * `env` is where the live source finds its kubeconfig (KUBECONFIG, HOME); commands pass `io.env`.
 * `--snapshot -` reads manifests from `stdin` (standard input is never read otherwise).
 */
export async function loadSource(opts: SourceOptions, env: Readonly<Record<string, string | undefined>> = process.env, stdin?: Readable): Promise<ClusterSnapshot> {
  const snapshot = await readSource(opts, env, stdin);
  // the dashboard's source settings hold on the command line too, under the dashboard's source ids
  const { applySourceSettings, cniSetting } = await import("../server/source-settings");
  const id = opts.snapshot?.length ? `snap-${path.basename(opts.snapshot[0])}` : snapshot.source.type === "live" ? `ctx-${snapshot.source.context ?? snapshot.source.label}` : snapshot.source.id;
  return applySourceSettings(snapshot, { cni: cniSetting(id, env) });
}

async function readSource(opts: SourceOptions, env: Readonly<Record<string, string | undefined>>, stdin: Readable | undefined): Promise<ClusterSnapshot> {
  const given = [opts.snapshot?.length ? "--snapshot" : null, opts.context ? "--context" : null, opts.demo || opts["demo-variant"] ? "--demo" : null].filter(Boolean);
  if (given.length > 1) throw new UsageError(`choose one source: ${given.join(" or ")}`);
  if (opts.snapshot?.length) {
    const { fileLimits, loadFiles, STDIN } = await import("../server/sources/files");
    if (opts.snapshot.filter((p) => p === STDIN).length > 1) throw new UsageError("--snapshot - (standard input) can be given once");
    return loadFiles(opts.snapshot, { limits: fileLimits(env), ...(opts.snapshot.includes(STDIN) && stdin ? { stdin } : {}) });
  }
  if (opts.demo || opts["demo-variant"]) {
    const { loadDemo, DEMO_VARIANTS } = await import("../server/sources/demo");
    const v = opts["demo-variant"];
    if (v !== undefined && !(DEMO_VARIANTS as readonly string[]).includes(v)) throw new UsageError(`--demo-variant must be one of ${DEMO_VARIANTS.join(", ")} (got "${v}")`);
    return loadDemo(v as (typeof DEMO_VARIANTS)[number] | undefined);
  }
  const { loadLive, currentContext } = await import("../server/sources/live");
  const liveEnv = opts.kubeconfig ? { ...env, KUBECONFIG: opts.kubeconfig } : env;
  const context = opts.context ?? currentContext(liveEnv);
  return loadLive(context, { env: liveEnv });
}

/** A SOURCE argument: `demo`, `context:NAME`, or a manifest file or directory (`./demo` for a directory named demo). */
export async function loadSourceArg(source: string, env: Readonly<Record<string, string | undefined>>, kubeconfig?: string, stdin?: Readable): Promise<ClusterSnapshot> {
  if (source === "demo") return loadSource({ demo: true }, env);
  if (source.startsWith("context:")) {
    const context = source.slice("context:".length);
    if (!context) throw new UsageError(`"${source}": give a context name after "context:"`);
    return loadSource({ context, kubeconfig }, env);
  }
  return loadSource({ snapshot: [source] }, env, stdin);
}

export function formatIssue(i: LoadIssue): string {
  const where = [i.source, i.document !== undefined ? `document ${i.document}` : "", i.item !== undefined ? `item ${i.item}` : "", i.line !== undefined ? `line ${i.line}` : ""]
    .filter(Boolean)
    .join(", ");
  const obj = i.kind ? `: ${i.kind}${i.name ? ` ${i.namespace ? `${i.namespace}/` : ""}${i.name}` : ""}` : "";
  return `${i.severity}: ${where}${obj}: ${i.message}`;
}

/**
 * Prints load problems to stderr. Returns 2 when the input had errors (bad documents, unreadable
 * kinds) and --partial-ok was not given, else 0.
 */
export function reportLoadProblems(s: ClusterSnapshot, io: IO, partialOk: boolean | undefined): number {
  for (const i of s.issues) if (i.severity !== "info") io.err(formatIssue(i));
  const c = completeness(s);
  for (const u of c.unavailable) io.err(`error: ${s.source.label}: ${u.resource} could not be read (${u.state}${u.message ? `: ${u.message}` : ""}); results are partial`);
  return c.partial && !partialOk ? 2 : 0;
}
