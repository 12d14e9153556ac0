/**
 * The audit log of a dashboard source: where it is (CLEARANCE_AUDIT_LOGS; the demo's generated log
 * by default), read in the background with progress, and analysed against each snapshot's RBAC
 * index. The log is read again only when its files change: a refresh or a draft re-evaluates the
 * distinct requests already read against its own index (usageFor).
 */
import { existsSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { analyseUsage, type AuditAnalysis } from "../../lib/audit/usage";
import { memoize, rbacIndexOf } from "../../lib/analysis";
import { ClearanceError, isClearanceError } from "../../lib/errors";
import type { ClusterSnapshot } from "../../lib/model";
import { splitSourceId } from "../../lib/whatif/source-id";
import { DEMO_SOURCE_ID } from "../sources/demo";
import { auditSummary, type AuditReadProgress, type AuditStatus } from "../../lib/audit/summary";
import type { AuditUsage } from "../../lib/audit/accumulate";
import { reevaluate } from "../../lib/audit/reevaluate";
import type { RbacIndex } from "../../lib/rbac/rbac-index";
import { auditLogFiles, readAuditLogs } from "./read";

/** Where `npm run demo:audit` writes the demo cluster's audit log. */
export function demoAuditDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(env.CLEARANCE_ROOT ?? process.cwd(), "demo", "audit");
}

/**
 * The audit log paths of a source. CLEARANCE_AUDIT_LOGS is a comma-separated list of `SOURCE=PATH`
 * (for one source id: `demo`, `snap-<name>`, `ctx-<context>`) and bare `PATH` entries (every source
 * but the demo). The demo reads demo/audit when nothing names it. A source seen with a draft reads
 * its source's log, against the draft's RBAC: what the cluster used, under what it might become.
 */
export function auditLogPaths(sourceId: string, env: NodeJS.ProcessEnv = process.env): string[] {
  sourceId = splitSourceId(sourceId).base;
  const entries = (env.CLEARANCE_AUDIT_LOGS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const named = entries.filter((e) => /^[A-Za-z0-9._:-]+=/.test(e) && !/^[A-Za-z]:[\\/]/.test(e));
  const mine = named.filter((e) => e.slice(0, e.indexOf("=")) === sourceId).map((e) => e.slice(e.indexOf("=") + 1));
  if (mine.length) return mine;
  if (sourceId === DEMO_SOURCE_ID) return existsSync(demoAuditDir(env)) ? [demoAuditDir(env)] : [];
  return entries.filter((e) => !named.includes(e));
}

export type AuditState = "loading" | "ready" | "error";

interface Entry {
  state: AuditState;
  paths: string[];
  progress?: AuditReadProgress;
  analysis?: AuditAnalysis;
  error?: ClearanceError;
  promise: Promise<AuditAnalysis>;
}

/** The last read of each set of paths: its usage, and the files' names, sizes and modification times then. */
const reads = new Map<string, { stamp: string; usage: Promise<AuditUsage> }>();

async function stampOf(paths: readonly string[]): Promise<string> {
  const files = await auditLogFiles(paths);
  const stats = await Promise.all(files.map(async (f) => {
    const st = await stat(f.file);
    return `${f.file}\u0000${st.size}\u0000${st.mtimeMs}`;
  }));
  return stats.join("\u0001");
}

/**
 * The usage of the logs under `paths` evaluated against `index`. The log is read once while its
 * files stay the same (names, sizes, modification times): a refreshed snapshot, or a draft, gets
 * the read usage re-evaluated against its own index (lib/audit/reevaluate.ts), not a new read.
 */
export async function usageFor(index: RbacIndex, paths: readonly string[], onProgress?: (p: AuditReadProgress) => void): Promise<AuditUsage> {
  const key = paths.join("\u0000");
  const stamp = await stampOf(paths);
  const last = reads.get(key);
  if (last && last.stamp === stamp) return reevaluate(await last.usage, index);
  const usage = readAuditLogs(index, paths, { onProgress });
  const read = { stamp, usage };
  reads.set(key, read);
  usage.catch(() => {
    if (reads.get(key) === read) reads.delete(key);
  });
  return usage;
}

function start(snapshot: ClusterSnapshot, paths: string[]): Entry {
  const entry = { state: "loading", paths } as Entry;
  entry.promise = usageFor(rbacIndexOf(snapshot), paths, (p) => {
    entry.progress = p;
  }).then(
    (usage) => {
      entry.analysis = analyseUsage(usage);
      entry.state = "ready";
      return entry.analysis;
    },
    (e) => {
      entry.state = "error";
      entry.error = isClearanceError(e) ? e : new ClearanceError("internal", (e as Error)?.message ?? String(e));
      throw entry.error;
    },
  );
  entry.promise.catch(() => {}); // observed through auditStatus
  return entry;
}

function entryFor(sourceId: string, snapshot: ClusterSnapshot): Entry | null {
  const paths = auditLogPaths(sourceId);
  if (!paths.length) return null;
  return memoize(snapshot, `audit:${paths.join("\u0000")}`, () => start(snapshot, paths));
}

/** The source's audit analysis (waits for the log to be read); null when no log is configured. */
export async function auditAnalysisFor(sourceId: string, snapshot: ClusterSnapshot): Promise<AuditAnalysis | null> {
  const e = entryFor(sourceId, snapshot);
  return e ? e.promise : null;
}

/**
 * Without waiting: the analysis when the log has been read, "reading" while it is being read (this
 * starts it), null when no log is configured or it could not be read.
 */
export function auditAnalysisIfRead(sourceId: string, snapshot: ClusterSnapshot): AuditAnalysis | "reading" | null {
  const e = entryFor(sourceId, snapshot);
  return !e || e.state === "error" ? null : e.state === "ready" ? e.analysis! : "reading";
}

/** Like auditAnalysisFor, but a missing log is a clear error for routes that need one. */
export async function requireAudit(sourceId: string, snapshot: ClusterSnapshot): Promise<AuditAnalysis> {
  const a = await auditAnalysisFor(sourceId, snapshot);
  if (!a) throw new ClearanceError("not_found", "no audit log is configured for this source: set CLEARANCE_AUDIT_LOGS (see the README)");
  return a;
}

/** Non-blocking: starts reading if needed and says where it is (file names without their directories). */
export function auditStatus(sourceId: string, snapshot: ClusterSnapshot): AuditStatus {
  const e = entryFor(sourceId, snapshot);
  if (!e) return { configured: false };
  const base = (f: string) => path.basename(f);
  const summary = e.analysis && auditSummary(e.analysis.usage);
  return {
    configured: true,
    state: e.state,
    ...(e.progress && e.state === "loading" ? { progress: { ...e.progress, file: base(e.progress.file) } } : {}),
    ...(e.error ? { error: { code: e.error.code, message: e.error.message } } : {}),
    ...(summary ? { summary: { ...summary, files: summary.files.map((f) => ({ ...f, file: base(f.file) })), bad: { ...summary.bad, samples: summary.bad.samples.map((b) => ({ ...b, file: base(b.file) })) } } } : {}),
  };
}
