/**
 * `diff --format markdown`: a pull-request comment. On top, what a reviewer must know in ten
 * seconds — the score before and after, new findings by severity, grants gained, connections
 * opened — then each section folded: findings added and removed, grants per subject, reachability.
 */
import { details, fenced, mdTable, mdText } from "../../lib/findings/markdown";
import { resourceText } from "../../lib/findings/export-markdown";
import { SEVERITIES, type Finding } from "../../lib/findings/types";
import { formatReachDiffText, opensConnections } from "../../lib/netpol/diff";
import { countGrants } from "../../lib/rbac/diff";
import type { DiffOutput } from "./diff";
import { grantLines } from "./grant-lines";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function severityCounts(fs: readonly Finding[]): string {
  return SEVERITIES.map((s) => [s, fs.filter((f) => f.severity === s && !f.exception).length] as const)
    .filter(([, n]) => n)
    .map(([s, n]) => `${n} ${s}`)
    .join(", ");
}

function findingRows(sign: string, fs: readonly Finding[]): string[][] {
  return fs.map((f) => [sign, f.exception ? `${f.severity} (accepted)` : f.severity, `\`${f.rule}\``, mdText(resourceText(f)), mdText(f.title)]);
}

export function diffMarkdown(d: DiffOutput, unchanged: number): string {
  const { added, removed } = d.grants;
  const opened = d.reachability.filter(opensConnections).length;
  const delta = d.score.before !== null && d.score.after !== null ? d.score.after - d.score.before : null;
  const added_ = severityCounts(d.findings.added);
  const summary = [
    `- **Score** ${d.score.before ?? "–"} → ${d.score.after ?? "–"}${delta ? ` (${delta > 0 ? "+" : "−"}${Math.abs(delta)})` : delta === 0 ? " (no change)" : ""}`,
    `- **Findings** ${d.findings.added.length} added${added_ ? ` (${added_})` : ""}, ${d.findings.removed.length} removed, ${unchanged} unchanged`,
    `- **Grants** ${added.length + removed.length ? `${countGrants(added)} added for ${plural(added.length, "subject")}, ${countGrants(removed)} removed for ${plural(removed.length, "subject")}` : "no changes"}`,
    `- **Reachability** ${d.reachability.length ? `${opened} connection${opened === 1 ? "" : "s"} opened or widened; ${d.reachability.length} change${d.reachability.length === 1 ? "" : "s"} in all` : "no changes"}`,
  ];
  const alarm = d.findings.added.some((f) => !f.exception && (f.severity === "critical" || f.severity === "high")) || opened > 0;
  const lines = [`### Clearance diff ${alarm ? "⚠️" : "✅"}`, "", ...summary];
  const rows = [...findingRows("+", d.findings.added), ...findingRows("−", d.findings.removed)];
  if (rows.length) lines.push("", details(`Findings: ${d.findings.added.length} added, ${d.findings.removed.length} removed`, mdTable(["", "Severity", "Rule", "Resource", "Finding"], rows)));
  const grants = [...grantLines("+", added, d.findings.added, "new findings"), ...grantLines("-", removed, d.findings.removed, "resolved findings")];
  if (grants.length) lines.push("", details(`Grants: ${plural(added.length, "subject")} gained, ${plural(removed.length, "subject")} lost`, fenced(grants.join("\n"), "diff")));
  if (d.reachability.length) lines.push("", details(`Reachability: ${d.reachability.length} change${d.reachability.length === 1 ? "" : "s"}`, fenced(formatReachDiffText(d.reachability), "diff")));
  return lines.join("\n");
}
