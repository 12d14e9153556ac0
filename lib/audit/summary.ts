/** What was read from an audit log, for the CLI's stderr and the dashboard's status line. */
import type { AuditUsage, BadLine, FileStats } from "./accumulate";
import { windowText, type AuditWindow } from "./window";

export interface AuditSummary {
  window: AuditWindow | null;
  windowText: string;
  files: FileStats[];
  lines: number;
  requests: number;
  /** Distinct identities (username + groups) and distinct requests kept. */
  identities: number;
  distinct: number;
  skipped: AuditUsage["skipped"];
  bad: { count: number; samples: BadLine[] };
  folded: AuditUsage["folded"];
}

/** Where reading a source's audit log is (the dashboard polls it while loading). */
export interface AuditReadProgress {
  file: string;
  /** 1-based index of the file being read, of `files`. */
  fileIndex: number;
  files: number;
  /** Bytes of the files read so far (compressed bytes for gzip), of `bytesTotal`. */
  bytesRead: number;
  bytesTotal: number;
  lines: number;
  requests: number;
}

/** GET /api/c/:source/audit/status. */
export interface AuditStatus {
  /** False when no audit log is configured for the source (CLEARANCE_AUDIT_LOGS). */
  configured: boolean;
  state?: "loading" | "ready" | "error";
  progress?: AuditReadProgress;
  error?: { code: string; message: string };
  summary?: AuditSummary;
}

export function auditSummary(u: AuditUsage): AuditSummary {
  const ids = new Set(u.atoms.map((a) => a.identity));
  return { window: u.window, windowText: windowText(u.window), files: u.files, lines: u.lines, requests: u.requests, identities: ids.size, distinct: u.atoms.length, skipped: u.skipped, bad: u.bad, folded: u.folded };
}

const n = (x: number) => x.toLocaleString("en-US");

/** One line: "audit log: 3 files, 142,311 lines, 140,002 requests in the 21 days covered by the audit log (…)". */
export function summaryLine(s: AuditSummary): string {
  return `audit log: ${s.files.length} file${s.files.length === 1 ? "" : "s"}, ${n(s.lines)} lines, ${n(s.requests)} requests from ${n(s.identities)} identities; used/unused means in ${s.windowText}`;
}

/** The problems a reader should know about, one per line (bad lines with file and line, folding, stages skipped). */
export function summaryWarnings(s: AuditSummary): string[] {
  const out = s.bad.samples.map((b) => `warning: ${b.file}:${b.line}: ${b.message}`);
  if (s.bad.count > s.bad.samples.length) out.push(`warning: … and ${n(s.bad.count - s.bad.samples.length)} more bad lines (${n(s.bad.count)} in all), skipped`);
  if (s.folded.names) out.push(`note: ${n(s.folded.names)} requests named more objects than are kept per identity and resource; their names were folded (rules for them name no object)`);
  if (s.folded.capped) out.push("note: the number of distinct requests reached its cap; later new names were folded");
  if (!s.window) out.push("warning: no request could be counted: nothing is reported as used or unused");
  return out;
}
