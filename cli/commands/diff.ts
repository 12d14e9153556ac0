/**
 * `clearance diff --before SOURCE --after SOURCE` — what a change does to the cluster's exposure:
 * findings added and removed (by stable id). The JSON output is a set of sections,
 * `{"findings":{"added":[],"removed":[]}, "score":{...}}`, so the RBAC and network areas can add
 * theirs (grants, reachability) next to it.
 */
import { diffFindings } from "../../lib/findings/diff";
import { failing, scanSnapshot } from "../../lib/findings/scan";
import type { Finding, Severity } from "../../lib/findings/types";
import type { ClusterSnapshot } from "../../lib/model";
import { oneOf, parse, UsageError } from "../args";
import { table, type IO } from "../io";
import { reportLoadProblems } from "../source";
import { FAIL_ON, readExceptions } from "./scan";
import type { Command } from "./types";

export interface DiffOutput {
  findings: { added: Finding[]; removed: Finding[] };
  score: { before: number | null; after: number | null };
}

async function load(source: string): Promise<ClusterSnapshot> {
  const { loadFiles } = await import("../../server/sources/files");
  return loadFiles([source]);
}

function resource(f: Finding): string {
  const r = f.resources[0];
  return r ? `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}` : "cluster";
}

export function renderDiff(d: DiffOutput, unchanged: number): string {
  const rows = [...d.findings.added.map((f) => ["+", f.severity, f.rule, resource(f), f.title]), ...d.findings.removed.map((f) => ["-", f.severity, f.rule, resource(f), f.title])];
  const lines = [
    `Findings: ${d.findings.added.length} added, ${d.findings.removed.length} removed, ${unchanged} unchanged`,
    `Score: ${d.score.before ?? "–"} → ${d.score.after ?? "–"}`,
  ];
  if (rows.length) lines.push("", table(["", "SEVERITY", "RULE", "RESOURCE", "TITLE"], rows));
  return lines.join("\n");
}

export const diffCommand: Command = {
  name: "diff",
  summary: "what changes between two sources: findings added and removed",
  help: `Usage: clearance diff --before SOURCE --after SOURCE [--output text|json] [--fail-on SEVERITY] [--exceptions FILE] [--include-defaults]

Scans both sources and compares their findings by id.
  --before, --after SOURCE  a manifest file or directory (e.g. the base and head of a pull request)
  --output, -o FORMAT       text (default) or json: {"findings":{"added":[...],"removed":[...]}, "score":{"before":N,"after":N}}
  --fail-on SEVERITY        exit 1 when an added finding is at or above critical|high|medium|low|info and not excepted
  --exceptions FILE         accepted risks, applied to both sides
  --include-defaults        also compare findings about default and vendor objects

Exit codes: 0 ok; 1 added findings at or above --fail-on; 2 bad input.`,
  async run(argv: string[], io: IO) {
    const { values } = parse(argv, {
      before: { type: "string" },
      after: { type: "string" },
      "fail-on": { type: "string" },
      exceptions: { type: "string" },
      "include-defaults": { type: "boolean" },
    });
    if (!values.before || !values.after) throw new UsageError("--before and --after are both required");
    const output = oneOf("output", values.output, ["text", "json"], "text");
    const failOn = oneOf("fail-on", values["fail-on"], FAIL_ON, "none");
    const exceptions = await readExceptions(values.exceptions);
    const [before, after] = [await load(values.before), await load(values.after)];
    const opts = { exceptions, includeDefaults: values["include-defaults"] };
    const [a, b] = [scanSnapshot(before, opts), scanSnapshot(after, opts)];
    const d = diffFindings(a.findings, b.findings);
    const out: DiffOutput = { findings: { added: d.added, removed: d.removed }, score: { before: a.score.overall, after: b.score.overall } };
    io.out(output === "json" ? JSON.stringify(out, null, 2) : renderDiff(out, d.unchanged));
    const loadCode = Math.max(reportLoadProblems(before, io, values["partial-ok"]), reportLoadProblems(after, io, values["partial-ok"]));
    if (loadCode) return loadCode;
    return failing(d.added, failOn as Severity | "none").length ? 1 : 0;
  },
};
