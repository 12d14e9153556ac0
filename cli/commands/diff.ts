/**
 * `clearance diff --before SOURCE --after SOURCE` — what a change does to the cluster's exposure, in
 * sections: findings added and removed (by stable id) with the score on both sides, RBAC grants
 * gained and lost per subject (lib/rbac/diff.ts, linked to the RBAC findings that name the
 * subject), and connections added, removed or changed at workload level (lib/netpol/diff.ts, in
 * np-guard/netpol-analyzer's manner). Both sides run on the per-snapshot memoized analyses.
 */
import { failing } from "../../lib/findings/scan";
import type { Finding, Severity } from "../../lib/findings/types";
import { formatReachDiffText, opensConnections, type ReachDiffEntry } from "../../lib/netpol/diff";
import { countGrants, type GrantsDiff } from "../../lib/rbac/diff";
import { compareSnapshots } from "../../lib/whatif/compare";
import { oneOf, parse, UsageError } from "../args";
import { jsonOutput, table, type IO } from "../io";
import { loadSourceArg, reportLoadProblems } from "../source";
import { diffMarkdown } from "./diff-markdown";
import { grantLines } from "./grant-lines";
import { FAIL_ON, readExceptions } from "./scan";
import { CNI_IDS, type CniChoice } from "../../lib/netpol/cni/profiles";
import type { Command } from "./types";

export interface DiffOutput {
  findings: { added: Finding[]; removed: Finding[] };
  score: { before: number | null; after: number | null };
  grants: GrantsDiff;
  reachability: ReachDiffEntry[];
}

function resource(f: Finding): string {
  const r = f.resources[0];
  return r ? `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}` : "cluster";
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

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

function diffEngine(values: { cni?: string; "ipblock-matches-pods"?: boolean }) {
  const cni = oneOf<CniChoice>("cni", values.cni?.toLowerCase(), ["auto", ...CNI_IDS], "auto");
  return { cni, ...(values["ipblock-matches-pods"] ? { ipBlockMatchesPods: true } : {}) };
}

export const diffCommand: Command = {
  name: "diff",
  help: `Usage: clearance diff --before SOURCE --after SOURCE [--format text|json|markdown] [--fail-on SEVERITY] [--fail-on-new-reachability]
                      [--exceptions FILE] [--include-defaults] [--ipblock-matches-pods] [--cni auto|none|CNI] [--partial-ok]

Compares two sources (e.g. the base and head of a pull request), in three sections:
  findings      findings added and removed (by stable id), and the score on both sides
  grants        per subject named by a binding: permissions gained and lost, one verb on one resource
                (wildcards as written) per scope, with the binding → role that grants each; subjects
                that gained permissions list the new RBAC findings that name them
  reachability  connections added, removed or changed between workloads, outside address blocks and
                the {ingress-controller}, as np-guard/netpol-analyzer's diff

  --before, --after SOURCE    a manifest file or directory, "demo" (the bundled demo cluster; ./demo for a
                              directory of that name) or "context:NAME" (a kubeconfig context, live, read-only)
  --kubeconfig PATH           the kubeconfig for context:NAME (default: KUBECONFIG, else ~/.kube/config)
  --format, -f FORMAT         markdown: a pull-request comment (the changes in four lines, each section folded);
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
  --ipblock-matches-pods      ipBlock rules also match pod IPs; default: as the CNI does (Calico: yes; others: no)
  --cni auto|none|CNI         whose network semantics apply on both sides: auto (default) detects each side's CNI;
                              none is Kubernetes alone; or one of ${CNI_IDS.filter((c) => c !== "none").join(", ")}
  --partial-ok                exit 0 even when some documents or kinds could not be read

Exit codes: 0 ok; 1 --fail-on or --fail-on-new-reachability met; 2 bad input.`,
  async run(argv: string[], io: IO) {
    const { values } = parse(argv, {
      before: { type: "string" },
      after: { type: "string" },
      format: { type: "string", short: "f" },
      "fail-on": { type: "string" },
      "fail-on-new-reachability": { type: "boolean" },
      exceptions: { type: "string" },
      "include-defaults": { type: "boolean" },
      "ipblock-matches-pods": { type: "boolean" },
      cni: { type: "string" },
    });
    if (!values.before || !values.after) throw new UsageError("--before and --after are both required");
    if (values.snapshot || values.context || values.demo) throw new UsageError("give the sources as --before and --after (a path, demo or context:NAME), not --snapshot, --context or --demo");
    if (values.format && values.output && values.format !== values.output) throw new UsageError("give --format or --output, not both");
    const output = oneOf(values.format ? "format" : "output", values.format ?? values.output, ["text", "json", "markdown"], "text");
    const failOn = oneOf("fail-on", values["fail-on"], FAIL_ON, "none");
    const exceptions = await readExceptions(values.exceptions);
    const includeDefaults = !!values["include-defaults"];
    // the same source twice is one snapshot, so every analysis is shared
    const before = await loadSourceArg(values.before, io.env, values.kubeconfig, io.stdin);
    const after = values.after === values.before ? before : await loadSourceArg(values.after, io.env, values.kubeconfig, io.stdin);
    const c = compareSnapshots(before, after, { exceptions, includeDefaults, engine: diffEngine(values) });
    const out: DiffOutput = { findings: { added: c.findings.added, removed: c.findings.removed }, score: { before: c.score.before, after: c.score.after }, grants: c.grants, reachability: c.reachability };
    if (output === "json") await io.data(jsonOutput(out));
    else io.out(output === "markdown" ? diffMarkdown(out, c.findings.unchanged) : renderDiff(out, c.findings.unchanged));
    const loadCode = Math.max(reportLoadProblems(before, io, values["partial-ok"]), after === before ? 0 : reportLoadProblems(after, io, values["partial-ok"]));
    if (loadCode) return loadCode;
    const failed = failing(c.findings.added, failOn as Severity | "none").length > 0 || (!!values["fail-on-new-reachability"] && c.reachability.some(opensConnections));
    return failed ? 1 : 0;
  },
};
