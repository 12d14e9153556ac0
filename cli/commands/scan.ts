/**
 * `clearance scan` — every finding (RBAC, network, workloads, admission, platform) with the posture
 * score, as a table, JSON (`{"findings":[...], "score":{...}}`), CSV or SARIF 2.1.0. Exit code 1
 * when a non-excepted finding is at or above --fail-on; 2 for bad input.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { FRAMEWORKS, frameworkOf, type FrameworkReport } from "../../lib/compliance";
import { toJunit } from "../../lib/findings/export-junit";
import { scanMarkdown } from "../../lib/findings/export-markdown";
import type { FileLocation } from "../../lib/findings/export-sarif";
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS } from "../../lib/findings/formats";
import { parseExceptions, type ExceptionEntry } from "../../lib/findings/exceptions";
import { failing, scanSnapshot, type ScanReport, type ScorePartial } from "../../lib/findings/scan";
import { CATEGORIES, SEVERITIES, type ResourceRef, type Severity } from "../../lib/findings/types";
import { historySourceId, originKey, type ClusterSnapshot } from "../../lib/model";
import { unusedProducer, UNUSED_RULES } from "../../lib/audit/findings";
import { rbacIndexOf } from "../../lib/analysis";
import { AUDIT_HELP, AUDIT_OPTIONS, loadAudit } from "../audit";
import { COMMON_HELP, oneOf, parse, UsageError } from "../args";
import { endLine, jsonOutput, table, tableLines, type IO } from "../io";
import { loadSource, reportLoadProblems } from "../source";
import { toolVersion } from "../install";
import type { Command } from "./types";

/**
 * `table` for a person, every export format (lib/findings/formats.ts, written as produced), then the
 * reports that need the whole scan: markdown (a pull request comment) and junit (CI test reports).
 */
export const FORMATS = ["table", ...EXPORT_FORMAT_NAMES, "markdown", "junit"] as const;
export const FAIL_ON = ["critical", "high", "medium", "low", "info", "none"] as const;

export const SCAN_OPTIONS = {
  "fail-on": { type: "string" },
  framework: { type: "string" },
  format: { type: "string", short: "f" },
  exceptions: { type: "string" },
  "include-defaults": { type: "boolean" },
  ...AUDIT_OPTIONS,
} as const;

export async function readExceptions(file: string | undefined): Promise<ExceptionEntry[]> {
  if (!file) return [];
  const { EXCEPTIONS_LIMIT, readRegularFile, ReadRefused } = await import("../../server/sources/read");
  let text: string;
  try {
    text = (await readRegularFile(file, () => EXCEPTIONS_LIMIT)).toString("utf8");
  } catch (e) {
    if (!(e instanceof ReadRefused)) throw e;
    throw new UsageError(`--exceptions ${file}: ${e.message === "cannot read file: ENOENT" ? "no such file" : e.message}`);
  }
  return parseExceptions(text, file);
}

/** Where each finding's object was defined (SARIF physical locations), from the provenance the loader recorded. */
export function locateObjects(snapshot: ClusterSnapshot): (ref: ResourceRef) => FileLocation | undefined {
  if (snapshot.source.type === "live" || !snapshot.provenance) return () => undefined;
  const cwd = process.cwd();
  const provenance = snapshot.provenance;
  return (r) => {
    const o = provenance[originKey(r)];
    if (!o) return undefined;
    const abs = path.resolve(o.source);
    const rel = path.relative(cwd, abs);
    const uri = rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel.split(path.sep).join("/") : pathToFileURL(abs).href;
    return { uri, ...(o.line ? { line: o.line } : {}) };
  };
}

const dash = (n: number | null) => (n === null ? "–" : String(n));

function partialText(p: ScorePartial): string {
  const parts = [p.errors ? `${p.errors} document${p.errors === 1 ? "" : "s"} or file${p.errors === 1 ? "" : "s"} unreadable` : "", p.unavailable.length ? `${p.unavailable.join(", ")} not listed` : ""];
  return parts.filter(Boolean).join("; ");
}

/** The table report, line by line (each ending in a newline), for a scan of any size. */
export function* tableReport(report: ScanReport, s: ClusterSnapshot): Generator<string> {
  const { score, findings } = report;
  const counts = SEVERITIES.filter((sev) => score.bySeverity[sev]).map((sev) => `${score.bySeverity[sev]} ${sev}`);
  const head = [
    `${s.source.label} (${s.source.type}), taken ${s.takenAt}`,
    `Score ${dash(score.overall)}/100${score.grade ? ` (${score.grade})` : ""} — ${CATEGORIES.map((c) => `${c} ${dash(score.areas[c].score)}`).join(", ")}`,
    ...(score.partial ? [`PARTIAL: scored only what could be read (${partialText(score.partial)}; see stderr), so the score is at most 99`] : []),
    `Compliance — ${Object.entries(score.frameworks).map(([k, v]) => `${k} ${v.score === null ? "–" : `${v.score}%`}`).join(", ")}`,
    `Findings: ${counts.length ? counts.join(", ") : "none"}${score.excepted ? `; ${score.excepted} excepted` : ""}${score.hiddenDefaults ? `; ${score.hiddenDefaults} about default objects hidden (--include-defaults)` : ""}`,
  ];
  for (const l of head) yield `${l}\n`;
  if (findings.length) {
    const rows = findings.map((f) => [
      f.exception ? `${f.severity} (excepted)` : f.severity,
      f.rule,
      f.resources.length ? resourceText(f.resources[0], f.resources.length) : "cluster",
      f.title,
    ]);
    yield "\n";
    for (const l of tableLines(["SEVERITY", "RULE", "RESOURCE", "TITLE"], rows)) yield `${l}\n`;
  }
  for (const e of score.exceptions.expired) yield `expired exception #${e.index + 1} (${e.id ?? e.rule ?? "resource"}, by ${e.by}) ended on ${e.expires}: it no longer applies\n`;
  for (const e of score.exceptions.unused) yield `exception #${e.index + 1} (${e.id ?? e.rule ?? "resource"}, by ${e.by}) matches no finding: fixed, or mistyped?\n`;
}

/** `Pod shop/web +2`: the first resource of a finding (a name shown in a table cell, escaped there). */
function resourceText(r: ResourceRef, count: number): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}${count > 1 ? ` +${count - 1}` : ""}`;
}

/** The table report as one string (tests, small scans). */
export function renderTable(report: ScanReport, s: ClusterSnapshot): string {
  return [...tableReport(report, s)].join("").replace(/\n$/, "");
}

/** `--framework`: one row per control, then the resources failing each. */
export function renderFramework(f: FrameworkReport): string {
  const rows = f.controls.map((c) => [c.id, c.score === null ? "n/a" : `${c.score}%`, c.score === null ? "–" : `${c.failed}/${c.checked}`, c.cost ? `-${c.cost}` : "–", c.title]);
  const lines = [`${f.title}: ${f.score === null ? "–" : `${f.score}%`} (mean of ${f.controls.filter((c) => c.score !== null).length} scored controls)`, "", table(["CONTROL", "SCORE", "FAILING", "COSTS", "TITLE"], rows)];
  for (const c of f.controls) {
    if (!c.failing.length) continue;
    lines.push("", `${c.id} ${c.title} — failing:`);
    for (const x of c.failing.slice(0, 20)) lines.push(`  ${x.resource.kind} ${x.resource.namespace ? `${x.resource.namespace}/` : ""}${x.resource.name} (${[...new Set(x.findings.map((y) => y.rule))].join(", ")})`);
    if (c.failing.length > 20) lines.push(`  ... and ${c.failing.length - 20} more (--format json lists all)`);
  }
  const unscored = f.controls.filter((c) => c.notChecked);
  if (unscored.length) lines.push("", `Not scored: ${unscored.map((c) => c.id).join(", ")} (--format json says why)`);
  return lines.join("\n");
}

async function recordHistory(report: ScanReport, s: ClusterSnapshot, io: IO): Promise<void> {
  if (!io.env.CLEARANCE_DATA_DIR && !io.env.CLEARANCE_DATABASE_URL) return;
  const { openStore } = await import("../../server/store");
  const store = await openStore(io.env);
  try {
    const r = await store.history.record(historySourceId(s.source), { takenAt: s.takenAt, score: report.score, findings: report.findings });
    if (!r.recorded) io.err(r.reason);
  } finally {
    await store.close();
  }
}

export const scanCommand: Command = {
  name: "scan",
  help: `Usage: clearance scan [source] [--format table|json|csv|sarif|markdown|junit] [--fail-on SEVERITY] [--exceptions FILE] [--include-defaults] [--audit-log PATH]...
       clearance scan [source] --framework cis|nsa|pss [--format table|json]

Scans the source and prints every finding with the posture score.
  --format, -f FORMAT   table (default), json ({"findings":[...], "score":{...}}), csv (RFC 4180), sarif (2.1.0),
                        markdown (a pull-request comment: verdict, scores and counts, findings folded) or
                        junit (JUnit XML: a suite per area, a test case per rule or finding)
  --framework NAME      print one framework's controls instead: score, failing and checked resources,
                        the points each costs, the checks behind it (json: every failing resource with
                        its findings, and where Clearance differs from Kubescape)
  --fail-on SEVERITY    exit 1 when a finding at or above critical|high|medium|low|info is present and
                        not excepted (default: none, exit 0)
  --exceptions FILE     accepted risks (YAML or JSON): entries with id or rule+resource, by, reason, expires
  --include-defaults    also report findings about default and vendor objects (kube-system, system: roles)
${AUDIT_HELP}
                        Adds U01: risky permissions a subject holds that nothing it did in the window needed.
With CLEARANCE_DATA_DIR (or CLEARANCE_DATABASE_URL) set, the scan is also recorded in the history there.

Exit codes: 0 ok; 1 findings at or above --fail-on; 2 bad input (unreadable files, invalid options).

${COMMON_HELP}`,
  async run(argv: string[], io: IO) {
    const { values } = parse(argv, SCAN_OPTIONS);
    const format = oneOf("format", values.format ?? (values.output === "json" ? "json" : undefined), FORMATS, "table");
    const failOn = oneOf("fail-on", values["fail-on"], FAIL_ON, "none");
    const exceptions = await readExceptions(values.exceptions);
    const s = await loadSource(values, io.env, io.stdin);
    const analysis = await loadAudit(values["audit-log"], s, io);
    const audit = analysis ? { producers: [unusedProducer(rbacIndexOf(s), analysis)], rules: [UNUSED_RULES] } : {};
    const report = scanSnapshot(s, { exceptions, includeDefaults: values["include-defaults"], ...audit });
    const framework = values.framework === undefined ? undefined : frameworkOf(values.framework);
    if (values.framework !== undefined && !framework) throw new UsageError(`--framework must be one of ${FRAMEWORKS.map((f) => f.toLowerCase()).join(", ")} (got "${values.framework}")`);
    if (framework && format !== "table" && format !== "json") throw new UsageError("--framework prints a table or json");

    if (framework) {
      if (format === "json") await io.data(jsonOutput(report.compliance[framework]));
      else io.out(renderFramework(report.compliance[framework]));
    } else if (format === "table") await io.write(tableReport(report, s));
    else if (format === "markdown") io.out(scanMarkdown(report, { label: s.source.label, failOn: failOn as Severity | "none" }));
    else if (format === "junit") await io.data(endLine([toJunit(report.findings, report.run.catalogue, report.run.evaluated, `clearance scan ${s.source.label}`)]));
    else {
      const input = { findings: report.findings, score: report.score, catalogue: report.run.catalogue, toolVersion: toolVersion() };
      const locate = format === "sarif" ? locateObjects(s) : undefined;
      await io.data(endLine(EXPORT_FORMATS[format].chunks({ ...input, ...(locate ? { locate } : {}) })), { csv: format === "csv" });
    }
    if (format !== "table") {
      for (const e of report.score.exceptions.expired) io.err(`warning: ${values.exceptions}: exception #${e.index + 1} (by ${e.by}) expired on ${e.expires} and no longer applies`);
    }

    await recordHistory(report, s, io);
    const loadCode = reportLoadProblems(s, io, values["partial-ok"]);
    if (loadCode) return loadCode;
    const failed = failing(report.findings, failOn as Severity | "none");
    if (failed.length && format === "table") io.err(`${failed.length} finding(s) at or above ${failOn}`);
    return failed.length ? 1 : 0;
  },
};
