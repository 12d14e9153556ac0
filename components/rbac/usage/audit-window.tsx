"use client";
/**
 * One line saying what "used" means here: the window the audit log covers, what was read, and its
 * problems (bad lines with file and line) — or that no log is configured, or how far reading is.
 */
import { Notice } from "@/components/ui/states";
import { count } from "./use-audit";
import type { AuditStatus } from "./api-types";

export function AuditWindowNote({ status, compact }: { status: AuditStatus | undefined; compact?: boolean }) {
  if (!status) return null;
  if (!status.configured) {
    return compact ? null : (
      <Notice tone="info" testId="audit-none">
        No audit log for this source: used and unused permissions appear when the server is given one (<code>CLEARANCE_AUDIT_LOGS</code>; the CLI takes <code>--audit-log</code>).
      </Notice>
    );
  }
  if (status.state === "error") return <Notice testId="audit-error">The audit log could not be read: {status.error?.message}</Notice>;
  if (status.state === "loading") {
    const p = status.progress;
    const pct = p && p.bytesTotal ? Math.floor((100 * p.bytesRead) / p.bytesTotal) : 0;
    return (
      <div role="status" className="flex items-center gap-3 text-xs text-slate-600" data-testid="audit-loading">
        <span>Reading the audit log{p ? ` (file ${p.fileIndex} of ${p.files}, ${count(p.requests)} requests)` : ""}…</span>
        <span className="h-1.5 w-40 overflow-hidden rounded bg-slate-200" aria-hidden>
          <span className="block h-full bg-accent" style={{ width: `${pct}%` }} />
        </span>
        <span className="tabular-nums">{pct}%</span>
      </div>
    );
  }
  const s = status.summary;
  if (!s) return null;
  return (
    <div className="text-xs text-slate-600" data-testid="audit-window">
      <span className="font-medium text-slate-800">Used and unused mean: in {s.windowText}.</span>{" "}
      {compact ? null : (
        <span>
          {s.files.length} file{s.files.length === 1 ? "" : "s"}, {count(s.requests)} requests from {count(s.identities)} identities.
        </span>
      )}
      {s.bad.count ? (
        <details className="mt-1 inline-block align-top">
          <summary className="cursor-pointer text-amber-800">
            {count(s.bad.count)} bad line{s.bad.count === 1 ? "" : "s"} skipped
          </summary>
          <ul className="mt-1 font-mono text-[11px] text-slate-700">
            {s.bad.samples.map((b, i) => (
              <li key={i}>
                {b.file}:{b.line}: {b.message}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
