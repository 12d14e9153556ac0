import "server-only";
/**
 * Scan history: each scan's summary and findings, per source, in SQLite (better-sqlite3) under the
 * data directory CLEARANCE_DATA_DIR. Without that variable history is disabled — every call then
 * answers with an explicit "history disabled" state instead of failing — and a directory that
 * cannot be opened disables it too, with the reason.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { PostureScore } from "../lib/findings/score";
import { CATEGORIES, SEVERITIES, type Category, type Finding, type Severity } from "../lib/findings/types";

export type HistoryState = { enabled: true; file: string } | { enabled: false; reason: string };

export interface ScanSummary {
  scanId: number;
  sourceId: string;
  /** When the snapshot was taken. */
  takenAt: string;
  /** When the scan was recorded. */
  recordedAt: string;
  score: number | null;
  grade: string | null;
  areas: Record<Category, number | null>;
  /** Open (not excepted) findings by severity. */
  bySeverity: Record<Severity, number>;
  findings: number;
  excepted: number;
}

export interface ScanRecord {
  takenAt: string;
  score: PostureScore;
  findings: readonly Finding[];
}

export type Recorded = { recorded: true; summary: ScanSummary } | { recorded: false; reason: string };

export interface ScanDiff {
  latest: ScanSummary;
  previous: ScanSummary;
  /** Ids in the latest scan and not in the previous one. */
  new: string[];
  /** Ids in the previous scan and no longer in the latest. */
  fixed: string[];
}

export interface History {
  state: HistoryState;
  record(sourceId: string, scan: ScanRecord): Recorded;
  /** The last `n` scans of a source, oldest first (for a trend line). */
  trend(sourceId: string, n: number): ScanSummary[];
  /** The latest scan against the one before it; undefined with fewer than two scans (or history disabled). */
  diff(sourceId: string): ScanDiff | undefined;
  /** The findings stored with a scan. */
  findings(scanId: number): Finding[];
  close(): void;
}

/** Scans kept per source; older ones are pruned when a new one is recorded. */
export const KEEP_SCANS = 200;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS scans (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source_id TEXT NOT NULL,
  taken_at TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  summary TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS scans_by_source ON scans (source_id, id);
CREATE TABLE IF NOT EXISTS scan_findings (
  scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
  finding_id TEXT NOT NULL,
  severity TEXT NOT NULL,
  excepted INTEGER NOT NULL,
  finding TEXT NOT NULL,
  PRIMARY KEY (scan_id, finding_id)
);
`;

function disabled(reason: string): History {
  return {
    state: { enabled: false, reason },
    record: () => ({ recorded: false, reason }),
    trend: () => [],
    diff: () => undefined,
    findings: () => [],
    close: () => {},
  };
}

type Row = { id: number; summary: string };

function summaryOf(id: number, sourceId: string, recordedAt: string, scan: ScanRecord): ScanSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let excepted = 0;
  for (const f of scan.findings) {
    if (f.exception) excepted++;
    else bySeverity[f.severity]++;
  }
  return {
    scanId: id,
    sourceId,
    takenAt: scan.takenAt,
    recordedAt,
    score: scan.score.overall,
    grade: scan.score.grade,
    areas: Object.fromEntries(CATEGORIES.map((c) => [c, scan.score.areas[c].score])) as Record<Category, number | null>,
    bySeverity,
    findings: scan.findings.length,
    excepted,
  };
}

export function openHistory(env: Readonly<Record<string, string | undefined>> = process.env, now: () => Date = () => new Date()): History {
  const dir = env.CLEARANCE_DATA_DIR;
  if (!dir) return disabled("history disabled: set CLEARANCE_DATA_DIR to a writable directory to keep scan history");
  const file = path.join(dir, "history.sqlite");
  let db: Database.Database;
  try {
    mkdirSync(dir, { recursive: true });
    db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.exec(SCHEMA);
  } catch (e) {
    return disabled(`history disabled: cannot open ${file}: ${(e as Error).message}`);
  }

  const insertScan = db.prepare("INSERT INTO scans (source_id, taken_at, recorded_at, summary) VALUES (?, ?, ?, '')");
  const setSummary = db.prepare("UPDATE scans SET summary = ? WHERE id = ?");
  const insertFinding = db.prepare("INSERT OR REPLACE INTO scan_findings (scan_id, finding_id, severity, excepted, finding) VALUES (?, ?, ?, ?, ?)");
  const prune = db.prepare("DELETE FROM scans WHERE source_id = ? AND id NOT IN (SELECT id FROM scans WHERE source_id = ? ORDER BY id DESC LIMIT ?)");
  const lastN = db.prepare<[string, number], Row>("SELECT id, summary FROM scans WHERE source_id = ? ORDER BY id DESC LIMIT ?");
  const idsOf = db.prepare<[number], { finding_id: string }>("SELECT finding_id FROM scan_findings WHERE scan_id = ?");
  const findingsOf = db.prepare<[number], { finding: string }>("SELECT finding FROM scan_findings WHERE scan_id = ? ORDER BY rowid");

  const record = db.transaction((sourceId: string, scan: ScanRecord): ScanSummary => {
    const recordedAt = now().toISOString();
    const id = Number(insertScan.run(sourceId, scan.takenAt, recordedAt).lastInsertRowid);
    for (const f of scan.findings) insertFinding.run(id, f.id, f.severity, f.exception ? 1 : 0, JSON.stringify(f));
    const summary = summaryOf(id, sourceId, recordedAt, scan);
    setSummary.run(JSON.stringify(summary), id);
    prune.run(sourceId, sourceId, KEEP_SCANS);
    return summary;
  });

  const latest = (sourceId: string, n: number): ScanSummary[] => lastN.all(sourceId, n).map((r) => JSON.parse(r.summary) as ScanSummary);

  return {
    state: { enabled: true, file },
    record(sourceId, scan) {
      try {
        return { recorded: true, summary: record(sourceId, scan) };
      } catch (e) {
        return { recorded: false, reason: `history: could not record the scan: ${(e as Error).message}` };
      }
    },
    trend: (sourceId, n) => latest(sourceId, Math.max(0, Math.floor(n))).reverse(),
    diff(sourceId) {
      const [last, prev] = latest(sourceId, 2);
      if (!last || !prev) return undefined;
      const a = new Set(idsOf.all(last.scanId).map((r) => r.finding_id));
      const b = new Set(idsOf.all(prev.scanId).map((r) => r.finding_id));
      return { latest: last, previous: prev, new: [...a].filter((id) => !b.has(id)).sort(), fixed: [...b].filter((id) => !a.has(id)).sort() };
    },
    findings: (scanId) => findingsOf.all(scanId).map((r) => JSON.parse(r.finding) as Finding),
    close: () => db.close(),
  };
}
