/**
 * `clearance diff --before SOURCE --after SOURCE` — what a change does to the cluster's exposure, in
 * sections: findings added and removed (by stable id) with the score on both sides, RBAC grants
 * gained and lost per subject (lib/rbac/diff.ts, linked to the RBAC findings that name the
 * subject), and connections added, removed or changed at workload level (lib/netpol/diff.ts, in
 * np-guard/netpol-analyzer's manner). Both sides run on the per-snapshot memoized analyses.
 */
import { rbacIndexOf, networkAnalysisOf } from "../../lib/analysis";
import { diffFindings } from "../../lib/findings/diff";
import { failing, scanSnapshot } from "../../lib/findings/scan";
import type { Finding, Severity } from "../../lib/findings/types";
import type { ClusterSnapshot } from "../../lib/model";
import { formatReachDiffText, opensConnections, type ReachDiffEntry } from "../../lib/netpol/diff";
import { diffReachability } from "../../lib/netpol/diff-reachability";
import { countGrants, diffGrants, linkFindings, type GrantsDiff, type PermissionChange, type SubjectChange } from "../../lib/rbac/diff";
import { oneOf, parse, UsageError } from "../args";
import { table, type IO } from "../io";
import { loadSource, reportLoadProblems } from "../source";
import { FAIL_ON, readExceptions } from "./scan";
import type { Command } from "./types";

export interface DiffOutput {
  findings: { added: Finding[]; removed: Finding[] };
  score: { before: number | null; after: number | null };
  grants: GrantsDiff;
  reachability: ReachDiffEntry[];
}

/** A SOURCE: `demo`, `context:NAME`, or a manifest file or directory (`./demo` for a directory named demo). */
async function load(source: string, io: IO): Promise<ClusterSnapshot> {
  if (source === "demo") return loadSource({ demo: true }, io.env);
  if (source.startsWith("context:")) {
    const context = source.slice("context:".length);
    if (!context) throw new UsageError(`"${source}": give a context name after "context:"`);
    return loadSource({ context }, io.env);
  }
  return loadSource({ snapshot: [source] }, io.env);
}

function resource(f: Finding): string {
  const r = f.resources[0];
  return r ? `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}` : "cluster";
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Left-aligned columns without a header (io.table's layout). */
function columns(rows: string[][], indent: string): string[] {
  return table(rows[0].map(() => ""), rows).split("\n").slice(1).map((l) => indent + l.trimEnd());
}

/** `pods`, `deployments.apps`, `*.*`, `secrets named db-creds`, `URL /metrics`, `rules of ClusterRole cluster-admin (not in the input)`. */
function what(p: PermissionChange): string {
  if (p.missingRole !== undefined) return `rules of ${p.missingRole.replace("/", " ")} (not in the input)`;
  if (p.nonResourceURL !== undefined) return `URL ${p.nonResourceURL}`;
  return `${p.resource}${p.apiGroup ? `.${p.apiGroup}` : ""}${p.resourceName !== undefined ? ` named ${p.resourceName}` : ""}`;
}

function subjectText(s: SubjectChange, findings: readonly Finding[], label: string): string {
  const name = s.namespace ? `${s.namespace}/${s.name}` : s.name;
  const linked = (s.findings ?? []).map((id) => findings.find((f) => f.id === id)).filter((f): f is Finding => !!f);
  return `${s.kind} ${name}${linked.length ? ` — ${label}: ${[...new Set(linked.map((f) => `${f.rule} ${f.severity}`))].join(", ")}` : ""}`;
}

/** One block per subject; permissions with the same scope, verbs and paths share a line. */
function grantLines(sign: string, subjects: readonly SubjectChange[], findings: readonly Finding[], label: string): string[] {
  const out: string[] = [];
  for (const s of subjects) {
    out.push(`${sign} ${subjectText(s, findings, label)}`);
    const rows = new Map<string, string[]>();
    for (const p of s.permissions) {
      const scope = p.namespace ? `namespace ${p.namespace}` : "cluster-wide";
      const via = p.via.map((v) => v.text).join("; ");
      const key = `${scope}\u0000${p.verbs}\u0000${via}`;
      const row = rows.get(key);
      if (row) row[2] += `, ${what(p)}`;
      else rows.set(key, [scope, p.verbs.join(",") || "?", what(p), `via ${via}`]);
    }
    out.push(...columns([...rows.values()], "    "));
  }
  return out;
}

export function renderDiff(d: DiffOutput, unchanged: number): string {
  const rows = [...d.findings.added.map((f) => ["+", f.severity, f.rule, resource(f), f.title]), ...d.findings.removed.map((f) => ["-", f.severity, f.rule, resource(f), f.title])];
  const lines = [
    `Findings: ${d.findings.added.length} added, ${d.findings.removed.length} removed, ${unchanged} unchanged`,
    `Score: ${d.score.before ?? "–"} → ${d.score.after ?? "–"}`,
  ];
  if (rows.length) lines.push("", table(["", "SEVERITY", "RULE", "RESOURCE", "TITLE"], rows));

  const { added, removed } = d.grants;
  lines.push("", added.length + removed.length ? `Grants: ${countGrants(added)} added for ${plural(added.length, "subject")}, ${countGrants(removed)} removed for ${plural(removed.length, "subject")}` : "Grants: no changes");
  const grants = [...grantLines("+", added, d.findings.added, "new findings"), ...grantLines("-", removed, d.findings.removed, "resolved findings")];
  if (grants.length) lines.push("", ...grants);

  const count = (c: ReachDiffEntry["change"]) => d.reachability.filter((e) => e.change === c).length;
  lines.push("", d.reachability.length ? `Reachability: ${count("added")} added, ${count("removed")} removed, ${count("changed")} changed` : "Reachability: no changes");
  if (d.reachability.length) lines.push("", formatReachDiffText(d.reachability));
  return lines.join("\n");
}

export const diffCommand: Command = {
  name: "diff",
  summary: "what changes between two sources: findings, RBAC grants and reachability",
  help: `Usage: clearance diff --before SOURCE --after SOURCE [--output text|json] [--fail-on SEVERITY] [--fail-on-new-reachability]
                      [--exceptions FILE] [--include-defaults] [--ipblock-matches-pods] [--partial-ok]

Compares two sources (e.g. the base and head of a pull request), in three sections:
  findings      findings added and removed (by stable id), and the score on both sides
  grants        per subject named by a binding: permissions gained and lost, one verb on one resource
                (wildcards as written) per scope, with the binding → role that grants each; subjects
                that gained permissions list the new RBAC findings that name them
  reachability  connections added, removed or changed between workloads, outside address blocks and
                the {ingress-controller}, as np-guard/netpol-analyzer's diff

  --before, --after SOURCE    a manifest file or directory, "demo" (the bundled demo cluster; ./demo for a
                              directory of that name) or "context:NAME" (a kubeconfig context, live, read-only)
  --output, -o FORMAT         text (default) or json:
                              {"findings":{"added":[...],"removed":[...]}, "score":{"before":N,"after":N},
                               "grants":{"added":[Subject...],"removed":[Subject...]},
                               "reachability":[{"src","dst","before","after","change":"added|removed|changed","info"?}]}
                              where a Subject is {"kind","name","namespace"?,"permissions":[{"scope","namespace"?,
                              "verbs","apiGroup"?,"resource"?,"resourceName"?,"nonResourceURL"?,"via":[Via...]}],"findings"?:[ids]}
  --fail-on SEVERITY          exit 1 when an added finding is at or above critical|high|medium|low|info and not excepted
  --fail-on-new-reachability  exit 1 when a connection is added, or a changed one allows a port it did not
  --exceptions FILE           accepted risks, applied to both sides
  --include-defaults          also compare findings and grants about default and vendor objects
  --ipblock-matches-pods      ipBlock rules also match pod IPs (Calico); default: outside addresses only
  --partial-ok                exit 0 even when some documents or kinds could not be read

Exit codes: 0 ok; 1 --fail-on or --fail-on-new-reachability met; 2 bad input.`,
  async run(argv: string[], io: IO) {
    const { values } = parse(argv, {
      before: { type: "string" },
      after: { type: "string" },
      "fail-on": { type: "string" },
      "fail-on-new-reachability": { type: "boolean" },
      exceptions: { type: "string" },
      "include-defaults": { type: "boolean" },
      "ipblock-matches-pods": { type: "boolean" },
    });
    if (!values.before || !values.after) throw new UsageError("--before and --after are both required");
    if (values.snapshot || values.context || values.demo) throw new UsageError("give the sources as --before and --after (a path, demo or context:NAME), not --snapshot, --context or --demo");
    const output = oneOf("output", values.output, ["text", "json"], "text");
    const failOn = oneOf("fail-on", values["fail-on"], FAIL_ON, "none");
    const exceptions = await readExceptions(values.exceptions);
    const includeDefaults = !!values["include-defaults"];
    // the same source twice is one snapshot, so every analysis is shared
    const before = await load(values.before, io);
    const after = values.after === values.before ? before : await load(values.after, io);
    const opts = { exceptions, includeDefaults };
    const a = scanSnapshot(before, opts);
    const b = after === before ? a : scanSnapshot(after, opts);
    const d = diffFindings(a.findings, b.findings);
    const grants = linkFindings(diffGrants(rbacIndexOf(before), rbacIndexOf(after), { includeDefaults }), d);
    const engine = { ipBlockMatchesPods: !!values["ipblock-matches-pods"] };
    const reachability = diffReachability(networkAnalysisOf(before, engine).reach, networkAnalysisOf(after, engine).reach);
    const out: DiffOutput = { findings: { added: d.added, removed: d.removed }, score: { before: a.score.overall, after: b.score.overall }, grants, reachability };
    io.out(output === "json" ? JSON.stringify(out, null, 2) : renderDiff(out, d.unchanged));
    const loadCode = Math.max(reportLoadProblems(before, io, values["partial-ok"]), after === before ? 0 : reportLoadProblems(after, io, values["partial-ok"]));
    if (loadCode) return loadCode;
    const failed = failing(d.added, failOn as Severity | "none").length > 0 || (!!values["fail-on-new-reachability"] && reachability.some(opensConnections));
    return failed ? 1 : 0;
  },
};
