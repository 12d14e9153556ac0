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
import { parseExceptions, type ExceptionEntry } from "../lib/findings";
import { scanSnapshot, type ScanReport } from "../lib/findings/scan";
import type { ClusterSnapshot } from "../lib/model";
import { splitSourceId } from "../lib/whatif/source-id";
import { getSnapshot } from "./cache";
import { EXCEPTIONS_LIMIT, readRegularFileSync, ReadRefused } from "./sources/read";
import { sharedStore, type AcceptedRisk, type ScanDiff, type ScanSummary } from "./store";

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
export async function riskLedger(sourceId: string) {
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

/** The scan of a snapshot with the given accepted risks; recomputed when they change. */
function scanOf(snapshot: ClusterSnapshot, includeDefaults: boolean, risks: readonly AcceptedRisk[]): ScanReport {
  const file = fileExceptions();
  const riskKey = risks.map((r) => `${r.riskId}.${r.version}`).join(",");
  return memoize(snapshot, `scan:${includeDefaults ? 1 : 0}:${file.version}:${riskKey}`, () => {
    const started = performance.now();
    const report = scanSnapshot(snapshot, { includeDefaults, exceptions: [...file.entries(), ...risks.map(entryOf)] });
    if (!scanSeconds.has(snapshot)) scanSeconds.set(snapshot, (performance.now() - started) / 1000);
    return report;
  });
}

export async function scanFor(sourceId: string, includeDefaults = false): Promise<{ snapshot: ClusterSnapshot; report: ScanReport }> {
  const snapshot = await getSnapshot(sourceId);
  const risks = await storedRisks(splitSourceId(sourceId).base);
  const report = scanOf(snapshot, includeDefaults, risks);
  // a draft is what the cluster might become: it never enters the cluster's history
  if (!splitSourceId(sourceId).draft) await recordOnce(sourceId, snapshot, risks);
  return { snapshot, report };
}

/** Each snapshot's default scan goes into history once (when the store is enabled). */
function recordOnce(sourceId: string, snapshot: ClusterSnapshot, risks: readonly AcceptedRisk[]): Promise<unknown> {
  return memoize(snapshot, "history-recorded", async () => {
    const store = await sharedStore();
    if (!store.state.enabled) return false;
    const report = scanOf(snapshot, false, risks);
    const r = await store.history.record(sourceId, { takenAt: snapshot.takenAt, score: report.score, findings: report.findings });
    if (!r.recorded) console.error(r.reason);
    return r.recorded;
  });
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
