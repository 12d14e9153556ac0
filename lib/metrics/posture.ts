/**
 * What Clearance exports to Prometheus about one source: the posture score per area, open findings
 * by severity, area and rule, accepted risks with their expiry, how old the snapshot is, what could
 * not be read, and how long loading and analysis took. Every sample carries `source` (the source id
 * the dashboard uses), so one scrape covers several clusters.
 */
import type { ExceptionEntry } from "../findings/exceptions";
import type { ScanReport } from "../findings/scan";
import { CATEGORIES } from "../findings/types";
import { completeness, type ClusterSnapshot } from "../model";
import type { MetricFamily, Sample } from "./prometheus";

export interface SourceMetrics {
  source: string;
  snapshot: ClusterSnapshot;
  report: ScanReport;
  /** The exceptions file in force (for each entry's expiry). */
  exceptions: readonly ExceptionEntry[];
  /** Seconds spent per stage (`load`, `scan`), where known. */
  durations: Readonly<Record<string, number | undefined>>;
  now: Date;
}

const gauge = (name: string, help: string, samples: Sample[]): MetricFamily => ({ name, help, type: "gauge", samples });

/** An exception's last day applies in full: it ends at the next midnight UTC. */
export function exceptionEnd(expires: string): number {
  return Date.parse(`${expires}T00:00:00Z`) / 1000 + 86_400;
}

function exceptionLabel(e: ExceptionEntry): string {
  if (e.id) return e.id;
  const r = e.resource ? [e.resource.kind, e.resource.namespace, e.resource.name].filter(Boolean).join("/") : "";
  return [e.rule, r].filter(Boolean).join(" ");
}

export function sourceMetrics(m: SourceMetrics): MetricFamily[] {
  const source = m.source;
  const { score, findings } = m.report;
  const scores: Sample[] = [];
  if (score.overall !== null) scores.push({ labels: { source, area: "overall" }, value: score.overall });
  for (const c of CATEGORIES) if (score.areas[c].score !== null) scores.push({ labels: { source, area: c }, value: score.areas[c].score as number });

  const open = new Map<string, { severity: string; area: string; rule: string; n: number }>();
  for (const f of findings) {
    if (f.exception) continue;
    const key = `${f.severity}\u0000${f.category}\u0000${f.rule}`;
    const row = open.get(key);
    if (row) row.n++;
    else open.set(key, { severity: f.severity, area: f.category, rule: f.rule, n: 1 });
  }
  const expired = new Set(score.exceptions.expired.map((e) => e.index));
  const unused = new Set(score.exceptions.unused.map((e) => e.index));
  const c = completeness(m.snapshot);
  const issues = new Map<string, number>();
  for (const i of m.snapshot.issues) if (i.severity !== "info") issues.set(i.severity, (issues.get(i.severity) ?? 0) + 1);
  const takenAt = Date.parse(m.snapshot.takenAt) / 1000;

  return [
    gauge("clearance_source_up", "1 when the source's snapshot loaded (0 with the error code when it did not).", [{ labels: { source, error: "" }, value: 1 }]),
    gauge("clearance_score", "Posture score 0-100, overall and per area (absent when nothing was checked).", scores),
    gauge("clearance_grade_info", "The overall grade (A-F) as a label.", score.grade ? [{ labels: { source, grade: score.grade }, value: 1 }] : []),
    gauge(
      "clearance_findings",
      "Open (not excepted) findings by severity, area and rule.",
      [...open.values()].map((r) => ({ labels: { source, severity: r.severity, area: r.area, rule: r.rule }, value: r.n })),
    ),
    gauge("clearance_accepted_risks", "Findings covered by an accepted-risk exception in force.", [{ labels: { source }, value: score.excepted }]),
    gauge(
      "clearance_exception_expiry_timestamp_seconds",
      "When each accepted-risk exception stops applying (Unix time), with its state: active, expired or unused (matches no finding).",
      m.exceptions.map((e, i) => ({
        labels: { source, entry: String(i + 1), match: exceptionLabel(e), by: e.by, state: expired.has(i) ? "expired" : unused.has(i) ? "unused" : "active" },
        value: exceptionEnd(e.expires),
      })),
    ),
    gauge("clearance_snapshot_timestamp_seconds", "When the analysed snapshot was taken (Unix time).", [{ labels: { source }, value: takenAt }]),
    gauge("clearance_snapshot_age_seconds", "Age of the analysed snapshot at scrape time.", [{ labels: { source }, value: Math.max(0, Math.round(m.now.getTime() / 1000 - takenAt)) }]),
    gauge("clearance_snapshot_partial", "1 when some kinds or documents could not be read, so results are partial.", [{ labels: { source }, value: c.partial ? 1 : 0 }]),
    gauge(
      "clearance_read_errors",
      "Kinds that could not be read, by kind and reason (forbidden, timeout, error, ...).",
      c.unavailable.map((u) => ({ labels: { source, kind: u.resource, reason: u.state }, value: 1 })),
    ),
    gauge("clearance_load_issues", "Problems with documents or objects of the source, by severity.", [...issues].map(([severity, n]) => ({ labels: { source, severity }, value: n }))),
    gauge(
      "clearance_analysis_duration_seconds",
      "Time spent on the current snapshot, by stage: load (reading the source), scan (every area's checks and the score).",
      Object.entries(m.durations)
        .filter((e): e is [string, number] => e[1] !== undefined)
        .map(([stage, s]) => ({ labels: { source, stage }, value: Math.round(s * 1000) / 1000 })),
    ),
  ];
}

/** A source that could not be loaded: only its up gauge, at 0, with the error code. */
export function sourceDown(source: string, error: string): MetricFamily[] {
  return [gauge("clearance_source_up", "1 when the source's snapshot loaded (0 with the error code when it did not).", [{ labels: { source, error }, value: 0 }])];
}
