/**
 * The audit log of a dashboard source: where it is (CLEARANCE_AUDIT_LOGS; the demo's generated log
 * by default), read once per snapshot in the background with progress, and analysed against that
 * snapshot's RBAC index. A refresh of the source reads the log again.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { analyseUsage, type AuditAnalysis } from "../../lib/audit/usage";
import { memoize, rbacIndexOf } from "../../lib/analysis";
import { ClearanceError, isClearanceError } from "../../lib/errors";
import type { ClusterSnapshot } from "../../lib/model";
import { splitSourceId } from "../../lib/whatif/source-id";
import { DEMO_SOURCE_ID } from "../sources/demo";
import { auditSummary, type AuditReadProgress, type AuditStatus } from "../../lib/audit/summary";
import { readAuditLogs } from "./read";

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

function start(snapshot: ClusterSnapshot, paths: string[]): Entry {
  const entry = { state: "loading", paths } as Entry;
  entry.promise = readAuditLogs(rbacIndexOf(snapshot), paths, {
    onProgress: (p) => {
      entry.progress = p;
    },
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
