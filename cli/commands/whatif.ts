/**
 * `clearance whatif --draft FILE… [SOURCE]` — what a draft would do to a cluster before it is
 * applied: the draft's files (manifests to create or replace, `# clearance: patch` documents,
 * `# clearance: delete KIND NS/NAME` lines; lib/whatif/draft.ts) laid over the source, then the
 * same comparison as `clearance diff` (lib/whatif/compare.ts): connections opened and closed,
 * grants gained and lost, findings new and fixed, the score per area. Nothing is sent to a cluster.
 */
import { stat, readFile } from "node:fs/promises";
import type { UsedCheck } from "../../lib/audit/used-check";
import type { Severity } from "../../lib/findings/types";
import { failing } from "../../lib/findings/scan";
import { applyDraft } from "../../lib/whatif/apply";
import { formatObjectKey, parseDraft, type ParsedDraft } from "../../lib/whatif/draft";
import { whatifMarkdown } from "../../lib/whatif/markdown";
import { opensReachability, whatifSummary, type WhatifSummary } from "../../lib/whatif/summary";
import { COMMON_HELP, oneOf, parse, UsageError } from "../args";
import { AUDIT_HELP, AUDIT_OPTIONS, loadAudit } from "../audit";
import type { IO } from "../io";
import { formatIssue, loadSource, loadSourceArg, reportLoadProblems } from "../source";
import { renderDiff } from "./diff";
import { FAIL_ON, readExceptions } from "./scan";
import type { Command } from "./types";

/** A draft file larger than this is refused: drafts are pull-request sized. */
export const MAX_DRAFT_BYTES = 4 * 1024 * 1024;

/** Reads and parses every --draft file, in order, into one draft. */
async function readDrafts(files: readonly string[]): Promise<ParsedDraft> {
  const out: ParsedDraft = { entries: [], issues: [] };
  for (const f of files) {
    let size: number;
    try {
      const st = await stat(f);
      if (!st.isFile()) throw new UsageError(`--draft ${f}: not a regular file`);
      size = st.size;
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`--draft ${f}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
    }
    if (size > MAX_DRAFT_BYTES) throw new UsageError(`--draft ${f}: ${(size / 1048576).toFixed(1)} MB is above the ${MAX_DRAFT_BYTES / 1048576} MB a draft may have`);
    const d = parseDraft(await readFile(f, "utf8"), f);
    out.entries.push(...d.entries);
    out.issues.push(...d.issues);
  }
  return out;
}

const AREA = { rbac: "RBAC", network: "network", workload: "workload", admission: "admission", platform: "platform" } as const;

/** What the audit log shows as used, under the draft, as text. */
function usedText(u: UsedCheck): string {
  if (!u.lost.atoms) return `Audit log: nothing used in ${u.windowText} is lost (all ${u.checked.atoms} distinct allowed requests, ${u.checked.requests} in all, are still allowed).`;
  return [`Audit log: ${u.lost.atoms} distinct requests used in ${u.windowText} (${u.lost.requests} in all) would be refused:`, ...u.examples.map((e) => `  ${e.username}: ${e.text} ×${e.count}`), ...(u.lost.atoms > u.examples.length ? [`  … and ${u.lost.atoms - u.examples.length} more`] : [])].join("\n");
}

export function renderWhatif(s: WhatifSummary): string {
  const lines = [`Draft: ${s.draft.changes.length} change${s.draft.changes.length === 1 ? "" : "s"} to ${s.source}`];
  for (const c of s.draft.changes) lines.push(`  ${c.op.padEnd(7)} ${formatObjectKey(c)}`);
  if (s.draft.cascaded.length) lines.push(`  and, deleted by Kubernetes with them: ${s.draft.cascaded.join(", ")}`);
  const areas = s.score.areas.filter((a) => a.before !== a.after).map((a) => `${AREA[a.area]} ${a.before ?? "–"} → ${a.after ?? "–"}`);
  lines.push("", renderDiff({ findings: { added: s.findings.new, removed: s.findings.fixed }, score: s.score, grants: { added: s.grants.gained, removed: s.grants.lost }, reachability: s.reachability }, s.findings.unchanged));
  if (areas.length) lines.splice(lines.length - 1, 0, `Score by area: ${areas.join(", ")}`);
  if (s.used) lines.push("", usedText(s.used));
  return lines.join("\n");
}

export const whatifCommand: Command = {
  name: "whatif",
  help: `Usage: clearance whatif --draft FILE [--draft FILE]... [SOURCE] [--output text|json|markdown]
                        [--fail-on SEVERITY] [--fail-on-new-reachability] [--exceptions FILE]
                        [--include-defaults] [--ipblock-matches-pods] [--partial-ok]

Lays a draft over a source — live (read-only), files or the demo — and shows what it would change:
connections opened and closed between workloads (with ports), grants gained and lost per subject,
findings new and fixed, and the score per area before and after. Nothing is sent to the cluster.

A draft file is manifests, as you would commit them:
  an ordinary document             creates the object, or replaces the one with its kind, namespace and name
  a document starting with         a strategic merge patch of the existing object it names
    "# clearance: patch"             (what kubectl patch --type strategic does)
  a line                           deletes that object (a namespace with everything in it, a workload
    "# clearance: delete KIND NS/NAME"  with its pods); cluster-scoped kinds: "# clearance: delete KIND NAME"

  --draft FILE                the draft (repeatable; applied in order)
  SOURCE                      "demo", "context:NAME" or a manifest file or directory; or the options below
  --output, -o FORMAT         text (default), json (the summary: draft, connections {opened, closed},
                              grants {gained, lost}, findings {new, fixed}, score {before, after, areas},
                              reachability) or markdown (a pull-request comment)
  --fail-on SEVERITY          exit 1 when a new finding is at or above critical|high|medium|low|info and not excepted
  --fail-on-new-reachability  exit 1 when the draft opens a connection that was closed
  --exceptions FILE           accepted risks, applied before and after
  --include-defaults          also compare findings and grants about default and vendor objects
  --ipblock-matches-pods      ipBlock rules also match pod IPs (Calico); default: outside addresses only
${AUDIT_HELP}
                        With it, the summary says whether anything the log shows as used would be
                        refused with the draft (json: "used").

${COMMON_HELP.replace("text (default) or json", "text (default), json or markdown")}

Exit codes: 0 ok; 1 --fail-on or --fail-on-new-reachability met; 2 bad input (a draft document or the
source could not be read; what could be read is still shown).`,
  async run(argv: string[], io: IO) {
    const { values, positionals } = parse(argv, {
      draft: { type: "string", multiple: true },
      "fail-on": { type: "string" },
      "fail-on-new-reachability": { type: "boolean" },
      exceptions: { type: "string" },
      "include-defaults": { type: "boolean" },
      "ipblock-matches-pods": { type: "boolean" },
      ...AUDIT_OPTIONS,
    });
    if (!values.draft?.length) throw new UsageError("give the draft with --draft FILE");
    if (positionals.length > 1) throw new UsageError(`one source at most (got ${positionals.join(", ")})`);
    if (positionals.length && (values.snapshot || values.context || values.demo)) throw new UsageError("give the source as an argument or as --snapshot/--context/--demo, not both");
    const output = oneOf("output", values.output, ["text", "json", "markdown"], "text");
    const failOn = oneOf("fail-on", values["fail-on"], FAIL_ON, "none");
    const exceptions = await readExceptions(values.exceptions);
    const draft = await readDrafts(values.draft);
    const base = positionals.length ? await loadSourceArg(positionals[0], io.env, values.kubeconfig, io.stdin) : await loadSource({ snapshot: values.snapshot, context: values.context, kubeconfig: values.kubeconfig, demo: values.demo }, io.env, io.stdin);
    const applied = applyDraft(base, draft);
    const audit = await loadAudit(values["audit-log"], base, io);
    const summary = whatifSummary(base, applied, { ...(audit ? { audit } : {}), exceptions, includeDefaults: !!values["include-defaults"], engine: { ipBlockMatchesPods: !!values["ipblock-matches-pods"] } });
    io.out(output === "json" ? JSON.stringify(summary, null, 2) : output === "markdown" ? whatifMarkdown(summary) : renderWhatif(summary));
    for (const i of applied.issues) io.err(formatIssue(i));
    const loadCode = reportLoadProblems(base, io, values["partial-ok"]);
    if (loadCode) return loadCode;
    if (applied.issues.some((i) => i.severity === "error") && !values["partial-ok"]) return 2;
    const failed = failing(summary.findings.new, failOn as Severity | "none").length > 0 || (!!values["fail-on-new-reachability"] && opensReachability(summary));
    return failed ? 1 : 0;
  },
};
