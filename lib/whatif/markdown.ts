/**
 * The what-if summary as GitHub-flavoured Markdown, for a pull-request comment: the verdict first
 * (score per area before → after, counts), then each section as a short table, long ones cut with
 * a count of what was left out. Names come from the cluster and are hostile text: every cell is
 * escaped for Markdown and HTML, control characters dropped.
 */
import { grade } from "../findings/score";
import type { Finding } from "../findings/types";
import { permissionText, type SubjectChange } from "../rbac/diff";
import type { UsedCheck } from "../audit/used-check";
import type { ConnectionChange } from "./compare";
import { formatObjectKey } from "./draft";
import type { WhatifSummary } from "./summary";

/** Rows per table before "… and N more". */
export const MAX_ROWS = 25;

const AREA_LABEL: Record<string, string> = { rbac: "RBAC", network: "Network", workload: "Workload", admission: "Admission", platform: "Platform" };

/** Text from the cluster in a Markdown table cell: no control characters, HTML or Markdown syntax that could restyle the comment. */
export function md(text: string): string {
  return text
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]#|~])/g, "\\$1");
}

const code = (text: string) => `\`${text.replace(/[`\u0000-\u001f]/g, "")}\``;

function table(headers: string[], rows: string[][]): string[] {
  const shown = rows.slice(0, MAX_ROWS);
  const out = [`| ${headers.join(" | ")} |`, `|${headers.map(() => "---").join("|")}|`, ...shown.map((r) => `| ${r.join(" | ")} |`)];
  if (rows.length > shown.length) out.push("", `… and ${rows.length - shown.length} more (run \`clearance whatif --output json\` for all)`);
  return out;
}

function score(n: number | null): string {
  return n === null ? "–" : `${n} (${grade(n)})`;
}

function delta(a: number | null, b: number | null): string {
  if (a === null || b === null || a === b) return "";
  return b > a ? ` ▲ ${b - a}` : ` ▼ ${a - b}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function connectionRows(list: readonly ConnectionChange[]): string[][] {
  return list.map((c) => [md(c.src), md(c.dst), code(c.conn), c.info ? md(c.info) : ""]);
}

function grantLines(subjects: readonly SubjectChange[]): string[] {
  const out: string[] = [];
  for (const s of subjects.slice(0, MAX_ROWS)) {
    out.push(`- **${md(s.kind)} ${md(s.namespace ? `${s.namespace}/${s.name}` : s.name)}**`);
    for (const p of s.permissions.slice(0, 10)) {
      const scope = p.namespace ? `in ${md(p.namespace)}` : "cluster-wide";
      out.push(`  - ${code(p.verbs.join(",") || "?")} ${md(permissionText(p))} ${scope} — via ${p.via.map((v) => md(v.text)).join("; ")}`);
    }
    if (s.permissions.length > 10) out.push(`  - … and ${s.permissions.length - 10} more`);
  }
  if (subjects.length > MAX_ROWS) out.push(`- … and ${subjects.length - MAX_ROWS} more subjects`);
  return out;
}

function findingRows(list: readonly Finding[]): string[][] {
  return list.map((f) => {
    const r = f.resources[0];
    return [f.severity, code(f.rule), r ? md(`${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`) : "cluster", md(f.title)];
  });
}

/** What the audit log shows as used, under the draft: nothing lost, or what would be refused. */
export function usedLines(u: UsedCheck): string[] {
  if (!u.lost.atoms) return [`Nothing used in ${md(u.windowText)} is lost: all ${plural(u.checked.atoms, "distinct request")} the audit log shows as allowed (${u.checked.requests} in all) are still allowed.`];
  return [
    `> **${plural(u.lost.atoms, "distinct request")} used in ${md(u.windowText)} would be refused** (${u.lost.requests} in all):`,
    ...u.examples.map((e) => `> - ${md(e.username)}: ${md(e.text)} ×${e.count}`),
    ...(u.lost.atoms > u.examples.length ? [`> - … and ${u.lost.atoms - u.examples.length} more`] : []),
  ];
}

function section(title: string, count: number, body: string[]): string[] {
  return count ? [`#### ${title} (${count})`, "", ...body, ""] : [];
}

/** The summary as a pull-request comment (see file comment). */
export function whatifMarkdown(s: WhatifSummary): string {
  const { changes, cascaded, issues } = s.draft;
  const out: string[] = [`### Clearance what-if on ${md(s.source)}`, ""];
  const counts = [
    `${plural(s.connections.opened.length, "connection")} opened, ${s.connections.closed.length} closed`,
    `grants gained by ${plural(s.grants.gained.length, "subject")}, lost by ${s.grants.lost.length}`,
    `${plural(s.findings.new.length, "new finding")}, ${s.findings.fixed.length} fixed`,
  ];
  out.push(`**${plural(changes.length, "change")}** · ${counts.join(" · ")}`, "");
  out.push("| Score | before | after |", "|---|---:|---:|", `| **Overall** | ${score(s.score.before)} | ${score(s.score.after)}${delta(s.score.before, s.score.after)} |`);
  for (const a of s.score.areas) if (a.before !== null || a.after !== null) out.push(`| ${AREA_LABEL[a.area] ?? a.area} | ${score(a.before)} | ${score(a.after)}${delta(a.before, a.after)} |`);
  out.push("");
  out.push(
    "<details><summary>What the draft changes</summary>",
    "",
    ...changes.slice(0, MAX_ROWS).map((c) => `- ${c.op} ${md(formatObjectKey(c))}`),
    ...(changes.length > MAX_ROWS ? [`- … and ${changes.length - MAX_ROWS} more`] : []),
    ...(cascaded.length ? [`- and with them (deleted by Kubernetes): ${cascaded.slice(0, 10).map(md).join(", ")}${cascaded.length > 10 ? `, … ${cascaded.length - 10} more` : ""}`] : []),
    "",
    "</details>",
    "",
  );
  if (issues.length) out.push(`> **${plural(issues.length, "problem")} in the draft** (not applied): ${issues.slice(0, 5).map((i) => md(`${i.line ? `line ${i.line}: ` : ""}${i.name ? `${i.kind} ${i.name}: ` : ""}${i.message}`)).join("; ")}`, "");
  if (s.used) out.push(...usedLines(s.used), "");
  out.push(...section("Connections opened", s.connections.opened.length, table(["from", "to", "ports", "note"], connectionRows(s.connections.opened))));
  out.push(...section("Connections closed", s.connections.closed.length, table(["from", "to", "ports", "note"], connectionRows(s.connections.closed))));
  out.push(...section("Grants gained", s.grants.gained.length, grantLines(s.grants.gained)));
  out.push(...section("Grants lost", s.grants.lost.length, grantLines(s.grants.lost)));
  out.push(...section("New findings", s.findings.new.length, table(["severity", "rule", "resource", "finding"], findingRows(s.findings.new))));
  out.push(...section("Fixed findings", s.findings.fixed.length, table(["severity", "rule", "resource", "finding"], findingRows(s.findings.fixed))));
  if (!s.connections.opened.length && !s.connections.closed.length && !s.grants.gained.length && !s.grants.lost.length && !s.findings.new.length && !s.findings.fixed.length) {
    out.push("No change to reachability, grants or findings.", "");
  }
  return out.join("\n").trimEnd() + "\n";
}
