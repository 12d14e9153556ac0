"use client";
/**
 * A subject's use over the audit window, beside its detail: how much it did and when last, the risky
 * permissions it holds and never used (worst first), each binding naming it with its use, and the
 * way to its right-sized roles.
 */
import { SeverityBadge } from "@/components/findings/severity";
import { ErrorState, Loading } from "@/components/ui/states";
import { AuditWindowNote } from "./audit-window";
import { count, day, useAuditStatus, useSubjectUsage } from "./use-audit";

function H({ children }: { children: React.ReactNode }) {
  return <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">{children}</h3>;
}

export function SubjectUsagePanel({ sourceId, subject, namespace, assume, onSuggest }: { sourceId: string; subject: string; namespace?: string; assume?: string[]; onSuggest?: () => void }) {
  const status = useAuditStatus(sourceId).data;
  const res = useSubjectUsage(sourceId, subject, { namespace, assume });
  if (!status?.configured) return null;
  return (
    <section className="mt-4 space-y-1 border-t border-slate-200 pt-3 text-sm" aria-label="Use over the audit window" data-testid="subject-usage">
      <h2 className="text-sm font-semibold text-slate-900">Use (audit log)</h2>
      <AuditWindowNote status={status} compact />
      {status.state !== "ready" ? null : res.isPending ? (
        <Loading label="Laying the log over its permissions…" />
      ) : res.isError ? (
        <ErrorState error={res.error} />
      ) : (
        <>
          <p className="text-xs text-slate-700" data-testid="subject-usage-summary">
            {res.data.used.count ? (
              <>
                {count(res.data.used.count)} allowed request{res.data.used.count === 1 ? "" : "s"}, the last on {day(res.data.used.last)};{" "}
              </>
            ) : (
              <>No allowed request came from it; </>
            )}
            {res.data.grid.cells.used} of {res.data.grid.cells.total} permissions used.
            {res.data.refused ? ` ${count(res.data.refused)} refused.` : ""}
          </p>
          <H>Risky and unused</H>
          {res.data.unusedRisks.length ? (
            <ul className="space-y-1" data-testid="unused-risks">
              {res.data.unusedRisks.map((r) => (
                <li key={r.findingId} className="flex items-start gap-1.5 text-xs" data-rule={r.rule}>
                  <SeverityBadge severity={r.severity} />
                  <span>
                    <span className="font-medium text-slate-900">{r.title}</span> — {r.text}: <span className="font-semibold text-red-800">unused</span>
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-xs text-slate-500">Every risky permission it holds was needed by something it did.</p>
          )}
          {res.data.bindings.length ? (
            <>
              <H>Its bindings</H>
              <ul className="space-y-0.5 text-xs" data-testid="usage-bindings">
                {res.data.bindings.map((b) => (
                  <li key={b.node}>
                    <span className="font-mono">{b.text}</span> —{" "}
                    {b.used.count ? (
                      <span className="text-emerald-800">
                        used {count(b.used.count)}×, last {day(b.used.last)}
                      </span>
                    ) : (
                      <span className="font-semibold text-amber-800">not used</span>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {res.data.groupsSeen.length ? <p className="text-xs text-slate-500">Seen in the log in groups (from the identity provider): {res.data.groupsSeen.join(", ")}.</p> : null}
          {res.data.notRbac ? <p className="text-xs text-amber-800">{count(res.data.notRbac)} allowed request(s) RBAC on this snapshot would not authorise (another authorizer, or a different snapshot).</p> : null}
          {onSuggest && res.data.bindings.length ? (
            <button type="button" onClick={onSuggest} className="mt-2 rounded-md bg-accent px-2 py-1 text-xs font-medium text-white hover:opacity-90" data-testid="open-suggestion">
              Suggest right-sized roles
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}
