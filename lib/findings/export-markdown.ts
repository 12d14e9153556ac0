/**
 * `scan --format markdown`: a pull-request comment a reviewer reads in ten seconds — the verdict,
 * the score per area and the counts by severity on top — with the findings folded below, worst
 * first, one table per severity.
 */
import { details, mdTable, mdText } from "./markdown";
import { failing, type ScanReport } from "./scan";
import { CATEGORIES, SEVERITIES, type Finding, type Severity } from "./types";

const AREA_NAMES: Record<(typeof CATEGORIES)[number], string> = { rbac: "RBAC", network: "Network", workload: "Workloads", admission: "Admission", platform: "Platform" };
const MARK: Record<Severity, string> = { critical: "🔴", high: "🟠", medium: "🟡", low: "🔵", info: "⚪" };

export function resourceText(f: Finding): string {
  const r = f.resources[0];
  if (!r) return "cluster";
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}${f.resources.length > 1 ? ` +${f.resources.length - 1}` : ""}`;
}

export interface MarkdownScanOptions {
  /** What was scanned (source label). */
  label: string;
  failOn: Severity | "none";
  /** Rows per table (default 100). */
  limit?: number;
}

const dash = (n: number | null) => (n === null ? "–" : String(n));

export function scanMarkdown(report: ScanReport, opts: MarkdownScanOptions): string {
  const { score, findings } = report;
  const failed = failing(findings, opts.failOn);
  const verdict =
    opts.failOn === "none" ? "" : failed.length ? `❌ **${failed.length} finding${failed.length === 1 ? "" : "s"} at or above ${opts.failOn}** — ` : `✅ **nothing at or above ${opts.failOn}** — `;
  const counts = SEVERITIES.filter((s) => score.bySeverity[s]).map((s) => `${MARK[s]} ${score.bySeverity[s]} ${s}`);
  const lines = [
    `### Clearance scan: ${mdText(opts.label)}`,
    "",
    `${verdict}score **${dash(score.overall)}/100${score.grade ? ` (${score.grade})` : ""}**`,
    "",
    `| ${CATEGORIES.map((c) => AREA_NAMES[c]).join(" | ")} |`,
    `| ${CATEGORIES.map(() => "---").join(" | ")} |`,
    `| ${CATEGORIES.map((c) => dash(score.areas[c].score)).join(" | ")} |`,
    "",
    `**Findings:** ${counts.length ? counts.join(" · ") : "none"}${score.excepted ? ` · ${score.excepted} accepted risk${score.excepted === 1 ? "" : "s"}` : ""}`,
  ];
  for (const sev of SEVERITIES) {
    const rows = findings.filter((f) => f.severity === sev && !f.exception).map((f) => [`\`${f.rule}\``, mdText(resourceText(f)), mdText(f.title)]);
    if (rows.length) lines.push("", details(`${MARK[sev]} ${sev} (${rows.length})`, mdTable(["Rule", "Resource", "Finding"], rows, opts.limit)));
  }
  const excepted = findings.filter((f) => f.exception);
  if (excepted.length) {
    const rows = excepted.map((f) => [`\`${f.rule}\``, mdText(resourceText(f)), mdText(f.exception!.by), f.exception!.expires, mdText(f.exception!.reason)]);
    lines.push("", details(`Accepted risks (${excepted.length})`, mdTable(["Rule", "Resource", "Accepted by", "Until", "Why"], rows, opts.limit)));
  }
  const expired = score.exceptions.expired;
  if (expired.length) lines.push("", `⚠️ ${expired.length} exception${expired.length === 1 ? "" : "s"} expired and no longer appl${expired.length === 1 ? "ies" : "y"}: ${expired.map((e) => `#${e.index + 1} (${mdText(e.id ?? e.rule ?? "resource")}, ${e.expires})`).join(", ")}.`);
  return lines.join("\n");
}
