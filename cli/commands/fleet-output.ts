/**
 * `clearance fleet` output: JSON (one entry per cluster), a text table, or Markdown (for a pull
 * request or a wiki page). Names and messages come from kubeconfigs and API servers: control
 * characters are replaced before they reach a terminal, and `|` is escaped in Markdown cells.
 */
import type { FleetRow, RuleSpread } from "../../lib/fleet/fleet";
import { table } from "../io";

export interface FleetEntry {
  context: string;
  sourceId: string;
  server?: string;
  /** ok, partial (some kinds unreadable) or error (not read). */
  status: "ok" | "partial" | "error";
  score: number | null;
  grade: string | null;
  /** Scores of earlier recorded scans and this one, oldest first (with a store configured). */
  trend: number[];
  criticals: number;
  high: number;
  bySeverity: FleetRow["bySeverity"];
  cni: string | null;
  lastRead: string | null;
  unreadable: string[];
  rules: { rule: string; severity: string; count: number }[];
  error: { code: string; message: string } | null;
}

export function entryOf(r: FleetRow): FleetEntry {
  return {
    context: r.context ?? r.label,
    sourceId: r.sourceId,
    ...(r.server ? { server: r.server } : {}),
    status: r.state === "error" ? "error" : r.unreadable.length ? "partial" : "ok",
    score: r.score,
    grade: r.grade,
    trend: r.trend,
    criticals: r.bySeverity.critical,
    high: r.bySeverity.high,
    bySeverity: r.bySeverity,
    cni: r.cni,
    lastRead: r.lastRead ?? null,
    unreadable: r.unreadable,
    rules: r.rules.map(({ rule, severity, count }) => ({ rule, severity, count })),
    error: r.error ?? null,
  };
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
/** Control characters (terminal escapes) replaced by `?`. */
export const printable = (s: string) => s.replace(CONTROL, "?");
const cell = (s: string) => printable(s).replace(/\|/g, "\\|");

const scoreText = (e: FleetEntry) => (e.score === null ? "–" : `${e.score} ${e.grade ?? ""}`.trim());
const trendText = (e: FleetEntry) => (e.trend.length < 2 ? "" : `${e.trend[e.trend.length - 1] - e.trend[e.trend.length - 2] >= 0 ? "+" : ""}${e.trend[e.trend.length - 1] - e.trend[e.trend.length - 2]}`);
const statusText = (e: FleetEntry) => (e.error ? `error: ${e.error.message}` : e.unreadable.length ? `partial: ${e.unreadable.join(", ")} unreadable` : "ok");
const spreadText = (r: RuleSpread) => `${r.rule} (${r.severity}) in ${r.sources.length} of ${r.of} clusters — ${r.title}`;

export function fleetTable(entries: FleetEntry[], rules: RuleSpread[]): string {
  const rows = entries.map((e) => [e.context, scoreText(e), trendText(e), e.error ? "–" : e.criticals, e.error ? "–" : e.high, e.cni ?? "–", e.lastRead ?? "–", statusText(e)].map((c) => printable(String(c))));
  const lines = [table(["CLUSTER", "SCORE", "TREND", "CRITICAL", "HIGH", "CNI", "LAST READ", "STATUS"], rows)];
  if (rules.length) lines.push("", "Rules across clusters:", ...rules.map((r) => `  ${printable(spreadText(r))}`));
  return lines.join("\n");
}

export function fleetMarkdown(entries: FleetEntry[], rules: RuleSpread[]): string {
  const lines = ["| Cluster | Score | Trend | Critical | High | CNI | Last read | Status |", "|---|---:|---:|---:|---:|---|---|---|"];
  for (const e of entries) {
    lines.push(`| ${[e.context, scoreText(e), trendText(e), e.error ? "–" : String(e.criticals), e.error ? "–" : String(e.high), e.cni ?? "–", e.lastRead ?? "–", statusText(e)].map(cell).join(" | ")} |`);
  }
  if (rules.length) lines.push("", "**Rules across clusters**", "", ...rules.map((r) => `- ${cell(spreadText(r))}`));
  return lines.join("\n");
}
