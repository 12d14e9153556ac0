/**
 * Analyses of a source's current snapshot, computed once per snapshot and shared by every route:
 * the scan (all areas, accepted risks applied), and its record in the store's history (once per
 * snapshot). Accepted risks come from two places: the exceptions file (CLEARANCE_EXCEPTIONS, or
 * `<CLEARANCE_DATA_DIR>/exceptions.yaml` — reviewed text, read-only here) and the store, where the
 * dashboard's "Accept risk" writes them with an audit trail.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { memoize } from "../lib/analysis/memo";
import { ClearanceError } from "../lib/errors";
import { rbacIndexOf } from "../lib/analysis";
import { UNUSED_RULES, unusedProducer } from "../lib/audit/findings";
import type { AuditAnalysis } from "../lib/audit/usage";
import type { FindingsResponse } from "../lib/contracts";
import { parseExceptions, type ExceptionEntry } from "../lib/findings";
import { findingsPage, readFilters } from "../lib/findings/query";
import { scanSnapshot, type ScanReport } from "../lib/findings/scan";
import type { ClusterSnapshot } from "../lib/model";
import { splitSourceId } from "../lib/whatif/source-id";
import { auditAnalysisFor } from "./audit/analysis";
import { getSnapshot } from "./cache";
import { HistoryThrottle } from "./history-throttle";
import { EXCEPTIONS_LIMIT, readRegularFileSync, ReadRefused } from "./sources/read";
import { sharedStore, type AcceptedRisk, type RiskLedger, type ScanDiff, type ScanSummary } from "./store";

/** The exceptions file: CLEARANCE_EXCEPTIONS, else `<CLEARANCE_DATA_DIR>/exceptions.yaml` when there is one. */
export function exceptionsFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.CLEARANCE_EXCEPTIONS ?? (env.CLEARANCE_DATA_DIR ? path.join(env.CLEARANCE_DATA_DIR, "exceptions.yaml") : undefined);
}

/** The exceptions file's text: a regular file within EXCEPTIONS_LIMIT, else an error naming it. */
function readExceptionsFile(file: string): string {
  try {
    return readRegularFileSync(file, EXCEPTIONS_LIMIT).toString("utf8");
  } catch (e) {
    if (e instanceof ReadRefused) throw new ClearanceError("invalid_manifest", `exceptions file ${file}: ${e.message}`);
    throw e;
  }
}

/** The exceptions file's entries; read only when its mtime or size changed. */
function fileExceptions(): { version: string; entries: () => ExceptionEntry[] } {
  const f = exceptionsFile();
  if (!f || !existsSync(f)) return { version: "none", entries: () => [] };
  const st = statSync(f);
  const version = `${st.mtimeMs}:${st.size}`;
  return { version, entries: () => memoize(fileCache, `${f}:${version}`, () => readExceptions(f)) };
}

/** A malformed exceptions file is the server's configuration to fix, not the caller's bad request. */
function readExceptions(f: string): ExceptionEntry[] {
  try {
    return parseExceptions(readExceptionsFile(f), f);
  } catch (e) {
    throw new ClearanceError("misconfigured", `the exceptions file cannot be used (fix it or unset CLEARANCE_EXCEPTIONS): ${(e as Error).message}`);
  }
}
const fileCache = {};

/** A source's accepted risks (revoked ones too) with the audit trail of those risks, as the exceptions route shows them. */
export async function riskLedger(sourceId: string): Promise<RiskLedger> {
  const store = await sharedStore();
  const risks = await store.risks.list({ sourceId, includeRevoked: true });
  const ids = new Set(risks.map((r) => r.riskId));
  const audit = (await store.risks.audit({ limit: 500 })).filter((a) => ids.has(a.riskId));
  return { enabled: store.state.enabled, ...(store.state.enabled ? {} : { reason: store.state.reason }), risks, audit };
}

/** The store's accepted risks that apply to `sourceId`, as exceptions-file entries. */
export async function storedRisks(sourceId: string): Promise<AcceptedRisk[]> {
  return (await sharedStore()).risks.list({ sourceId });
}

const entryOf = ({ id, rule, resource, by, reason, expires }: AcceptedRisk): ExceptionEntry => ({
  ...(id ? { id } : {}),
  ...(rule ? { rule } : {}),
  ...(resource ? { resource } : {}),
  by,
  reason,
  expires,
});

/** Every accepted risk that applies to a source (a source with a draft: the source's): the exceptions file's entries, then the store's. */
export async function exceptionsFor(sourceId: string): Promise<ExceptionEntry[]> {
  return [...fileExceptions().entries(), ...(await storedRisks(splitSourceId(sourceId).base)).map(entryOf)];
}

const scanSeconds = new WeakMap<ClusterSnapshot, number>();

/** How long the first scan of this snapshot took (it ran every check), in seconds, for /metrics. */
export function scanDuration(snapshot: ClusterSnapshot): number | undefined {
  return scanSeconds.get(snapshot);
}

/**
 * The scan of a snapshot with the given accepted risks; recomputed when they change. With the
 * source's audit analysis, the unused-risky findings (U01) are part of it.
 */
function scanOf(snapshot: ClusterSnapshot, includeDefaults: boolean, risks: readonly AcceptedRisk[], audit: AuditAnalysis | null): ScanReport {
  const file = fileExceptions();
  const riskKey = risks.map((r) => `${r.riskId}.${r.version}`).join(",");
  return memoize(snapshot, `scan:${includeDefaults ? 1 : 0}:${file.version}:${riskKey}:${audit ? "audit" : ""}`, () => {
    const started = performance.now();
    const unused = audit ? { producers: [unusedProducer(rbacIndexOf(snapshot), audit)], rules: [UNUSED_RULES] } : {};
    const report = scanSnapshot(snapshot, { includeDefaults, exceptions: [...file.entries(), ...risks.map(entryOf)], ...unused });
    if (!scanSeconds.has(snapshot)) scanSeconds.set(snapshot, (performance.now() - started) / 1000);
    return report;
  });
}

export async function scanFor(sourceId: string, includeDefaults = false): Promise<{ snapshot: ClusterSnapshot; report: ScanReport }> {
  const snapshot = await getSnapshot(sourceId);
  const risks = await storedRisks(splitSourceId(sourceId).base);
  // A log that cannot be read leaves the scan as it is; the audit status says why.
  const audit = await auditAnalysisFor(sourceId, snapshot).catch(() => null);
  const report = scanOf(snapshot, includeDefaults, risks, audit);
  // a draft is what the cluster might become: it never enters the cluster's history
  if (!splitSourceId(sourceId).draft) {
    const recording = recordOnce(sourceId, snapshot, risks, audit);
    if (snapshot.source.type === "live") recording.catch((e: unknown) => console.error(`history: ${(e as Error).message}`));
    else await recording;
  }
  return { snapshot, report };
}

/** One page of the source's findings under the Findings page's filters (read from `params`). */
export async function findingsPageFor(sourceId: string, params: URLSearchParams, opts: { page?: number; pageSize?: number; id?: string } = {}): Promise<FindingsResponse> {
  const filters = readFilters(params);
  const { report } = await scanFor(sourceId, filters.defaults);
  const ruleTitles = Object.fromEntries(report.run.catalogue.map((r) => [r.rule, r.title]));
  const page = findingsPage(report.findings, filters, { page: opts.page, pageSize: opts.pageSize, selected: opts.id, ruleTitles });
  return { ...page, rules: report.run.catalogue, score: report.score };
}

/**
 * Each snapshot's default scan goes into history once (when the store is enabled); a watched source's
 * at most once per interval (history-throttle.ts), written after the answer rather than before it.
 * Not memoized on the snapshot: a watched source's snapshots follow one another (memo.ts) and the
 * record reads nothing of the snapshot before it waits, so it was reused and only the first snapshot
 * of a live source was ever recorded.
 */
const historyThrottle = HistoryThrottle.fromEnv();

async function recordOnce(sourceId: string, snapshot: ClusterSnapshot, risks: readonly AcceptedRisk[], audit: AuditAnalysis | null): Promise<unknown> {
  if (!historyThrottle.take(sourceId, snapshot)) return false;
  const store = await sharedStore();
  if (!store.state.enabled) return false;
  const report = scanOf(snapshot, false, risks, audit);
  const r = await store.history.record(sourceId, { takenAt: snapshot.takenAt, score: report.score, findings: report.findings });
  if (!r.recorded) console.error(r.reason);
  return r.recorded;
}

export interface HistoryView {
  enabled: boolean;
  reason?: string;
  trend: ScanSummary[];
  diff?: ScanDiff;
}

export async function historyFor(sourceId: string, points = 30): Promise<HistoryView> {
  sourceId = splitSourceId(sourceId).base;
  const store = await sharedStore();
  if (!store.state.enabled) return { enabled: false, reason: store.state.reason, trend: [] };
  const [trend, diff] = await Promise.all([store.history.trend(sourceId, points), store.history.diff(sourceId)]);
  return { enabled: true, trend, diff };
}
