import "server-only";
/**
 * Analyses of a source's current snapshot, computed once per snapshot and shared by every route:
 * the scan (all areas, exceptions applied), and its record in history (once per snapshot).
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { memoize } from "../lib/analysis/memo";
import { ClearanceError } from "../lib/errors";
import { appendException, parseExceptions, type ExceptionEntry } from "../lib/findings";
import { scanSnapshot, type ScanReport } from "../lib/findings/scan";
import type { ClusterSnapshot } from "../lib/model";
import { getSnapshot } from "./cache";
import { openHistory, type ScanDiff, type ScanSummary } from "./history";

/** Where accepted risks live: CLEARANCE_EXCEPTIONS, else `<CLEARANCE_DATA_DIR>/exceptions.yaml`. */
export function exceptionsFile(env: NodeJS.ProcessEnv = process.env): { path?: string; writable: boolean } {
  if (env.CLEARANCE_EXCEPTIONS) return { path: env.CLEARANCE_EXCEPTIONS, writable: !!env.CLEARANCE_DATA_DIR || env.CLEARANCE_EXCEPTIONS_WRITABLE === "1" };
  if (env.CLEARANCE_DATA_DIR) return { path: path.join(env.CLEARANCE_DATA_DIR, "exceptions.yaml"), writable: true };
  return { writable: false };
}

/** The exceptions file's version (mtime and size): a stat per request, the file read only when it changed. */
function exceptionsVersion(): { path?: string; version: string } {
  const f = exceptionsFile();
  if (!f.path || !existsSync(f.path)) return { version: "none" };
  const st = statSync(f.path);
  return { path: f.path, version: `${st.mtimeMs}:${st.size}` };
}

/** The scan of a snapshot; recomputed when the exceptions file changes. */
export function scanOf(snapshot: ClusterSnapshot, includeDefaults: boolean): ScanReport {
  const ex = exceptionsVersion();
  return memoize(snapshot, `scan:${includeDefaults ? 1 : 0}:${ex.version}`, () => {
    const exceptions: ExceptionEntry[] = ex.path ? parseExceptions(readFileSync(ex.path, "utf8"), ex.path) : [];
    return scanSnapshot(snapshot, { includeDefaults, exceptions });
  });
}

export async function scanFor(sourceId: string, includeDefaults = false): Promise<{ snapshot: ClusterSnapshot; report: ScanReport }> {
  const snapshot = await getSnapshot(sourceId);
  const report = scanOf(snapshot, includeDefaults);
  recordOnce(sourceId, snapshot);
  return { snapshot, report };
}

/** Each snapshot's default scan goes into history once (when CLEARANCE_DATA_DIR is set). */
function recordOnce(sourceId: string, snapshot: ClusterSnapshot): void {
  memoize(snapshot, "history-recorded", () => {
    const h = openHistory();
    try {
      if (h.state.enabled) {
        const report = scanOf(snapshot, false);
        h.record(sourceId, { takenAt: snapshot.takenAt, score: report.score, findings: report.findings });
      }
    } finally {
      h.close();
    }
    return true;
  });
}

export interface HistoryView {
  enabled: boolean;
  reason?: string;
  trend: ScanSummary[];
  diff?: ScanDiff;
}

export function historyFor(sourceId: string): HistoryView {
  const h = openHistory();
  try {
    if (!h.state.enabled) return { enabled: false, reason: h.state.reason, trend: [] };
    return { enabled: true, trend: h.trend(sourceId, 30), diff: h.diff(sourceId) };
  } finally {
    h.close();
  }
}

/** Appends an accepted risk to the exceptions file (only with a writable data directory). */
export function addException(entry: ExceptionEntry): string {
  const f = exceptionsFile();
  if (!f.path || !f.writable) {
    throw new ClearanceError("forbidden", "exceptions cannot be recorded from the UI: set CLEARANCE_DATA_DIR to a writable directory");
  }
  mkdirSync(path.dirname(f.path), { recursive: true });
  const text = existsSync(f.path) ? readFileSync(f.path, "utf8") : undefined;
  writeFileSync(f.path, appendException(text, entry));
  return f.path;
}
