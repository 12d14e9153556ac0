/**
 * `--audit-log PATH` for the commands that lay observed use over grants (permissions, scan,
 * suggest-role): reads the logs with progress on stderr (when it is a terminal or the read is long),
 * reports bad lines with file and line, and returns the analysis against the snapshot.
 */
import { auditSummary, summaryLine, summaryWarnings } from "../lib/audit/summary";
import { analyseUsage, type AuditAnalysis } from "../lib/audit/usage";
import { rbacIndexOf } from "../lib/analysis";
import type { ClusterSnapshot } from "../lib/model";
import type { UsageGrid } from "../lib/audit/grid";
import { table, type IO } from "./io";

export const AUDIT_OPTIONS = { "audit-log": { type: "string", multiple: true } } as const;

export const AUDIT_HELP = `  --audit-log PATH      Kubernetes API server audit log (audit.k8s.io/v1 JSON lines, plain or gzip):
                        a file or a directory of rotated files (repeatable). "Used" and "unused" mean
                        over the window the log covers, which is printed.`;

const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

/** Reads the audit logs (see file comment); undefined when no --audit-log was given. */
export async function loadAudit(paths: readonly string[] | undefined, snapshot: ClusterSnapshot, io: IO): Promise<AuditAnalysis | undefined> {
  if (!paths?.length) return undefined;
  const { readAuditLogs } = await import("../server/audit/read");
  const started = Date.now();
  let lastReport = started;
  const usage = await readAuditLogs(rbacIndexOf(snapshot), paths, {
    onProgress: (p) => {
      const now = Date.now();
      if (now - lastReport < 5000) return;
      lastReport = now;
      const pct = p.bytesTotal ? Math.floor((100 * p.bytesRead) / p.bytesTotal) : 0;
      io.err(`reading audit log: ${pct}% (${mb(p.bytesRead)} of ${mb(p.bytesTotal)}, file ${p.fileIndex}/${p.files}), ${p.requests.toLocaleString("en-US")} requests so far`);
    },
  });
  const summary = auditSummary(usage);
  io.err(summaryLine(summary));
  for (const w of summaryWarnings(summary)) io.err(w);
  return analyseUsage(usage);
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The usage grid as text: per scope, each row's used verbs (count, last day) and unused verbs. */
export function usageText(grid: UsageGrid): string {
  const out = [`Used in ${grid.windowText}: ${grid.cells.used} of ${grid.cells.total} permissions (resource × verb).`];
  for (const s of grid.scopes) {
    out.push("", s.scope === "cluster" ? "Cluster-wide (ClusterRoleBindings):" : `Namespace ${s.namespace} (RoleBindings):`);
    const rows = [...s.rows, ...s.urls.map((r) => ({ ...r, group: "URL" }))].map((r) => [
      `${r.resource}${r.names.length ? ` [${r.names.join(",")}]` : ""}`,
      r.group === "" ? "core" : r.group,
      Object.entries(r.used)
        .map(([v, u]) => `${v} ${u.count}× (${day(u.last)})`)
        .join(", ") || "—",
      r.unused.map((v) => (v === "*" ? "every other verb" : v)).join(", ") || "—",
    ]);
    out.push(rows.length ? table(["RESOURCE", "GROUP", "USED", "UNUSED"], rows) : "  (nothing effective)");
  }
  return out.join("\n");
}
