"use client";
/**
 * Right-sized roles for a subject, as a reviewer reads a change: the evaluator's check, what each of
 * today's bindings would lose (risky permissions first, then rule by rule), the risky permissions it
 * keeps because it used them, and the objects as YAML to download, copy or open as a what-if draft
 * (the YAML deletes or rewrites the bindings it replaces, so the draft's summary shows every grant
 * the subject loses and that nothing the log shows as used stops working).
 */
import { useState } from "react";
import { qs, useSourceQuery } from "@/components/api";
import { OpenDraftButton } from "@/components/drafts/yaml-actions";
import { SeverityBadge } from "@/components/findings/severity";
import { Badge } from "@/components/ui/badge";
import { ErrorState, Loading } from "@/components/ui/states";
import { Toggle } from "@/components/ui/toggle";
import type { BindingChange, RightSizing } from "./api-types";
import { count, day } from "./use-audit";

const LOST: Record<string, string> = { all: "loses it", rest: "keeps only what was used", none: "keeps it" };

function Change({ c }: { c: BindingChange }) {
  return (
    <li className="rounded-md border border-slate-200 p-3" data-testid="binding-change">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-mono font-medium text-slate-900">{c.text}</span>
        <Badge tone={c.action === "delete" ? "high" : "medium"}>{c.action === "delete" ? "delete the binding" : `remove the subject (${c.otherSubjects} other subject${c.otherSubjects === 1 ? "" : "s"} keep it)`}</Badge>
        <span className="text-xs text-slate-500">{c.used.count ? `used ${count(c.used.count)}×, last ${day(c.used.last)}` : "not used"}</span>
      </div>
      {c.lostRisks.length ? (
        <div className="mt-2">
          <p className="text-xs font-semibold text-slate-700">Risky permissions it would no longer give:</p>
          <ul className="mt-1 space-y-0.5" data-testid="lost-risks">
            {c.lostRisks.map((r) => (
              <li key={`${r.rule}${r.namespace ?? ""}`} className="flex items-center gap-1.5 text-xs">
                <SeverityBadge severity={r.severity} /> <span className="font-medium">{r.title}</span> <span className="text-slate-600">— {r.text}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <table className="mt-2 w-full text-xs">
        <thead className="text-left text-[10px] uppercase tracking-wide text-slate-500">
          <tr className="border-b border-slate-200">
            <th className="py-1 pr-2 font-medium">Rule</th>
            <th className="py-1 pr-2 font-medium">Used as</th>
            <th className="py-1 font-medium">With the suggestion, the subject</th>
          </tr>
        </thead>
        <tbody>
          {c.rules.map((r) => (
            <tr key={r.index} className="border-b border-slate-100 align-top">
              <td className="py-1 pr-2 font-mono">
                #{r.index} {r.text}
              </td>
              <td className="py-1 pr-2 text-slate-700">
                {r.usedAs.length ? (
                  <ul>
                    {r.usedAs.map((a, i) => (
                      <li key={i}>
                        {a.text} <span className="text-slate-500">×{count(a.count)}</span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-slate-400">never</span>
                )}
              </td>
              <td className={`py-1 ${r.lost === "all" ? "font-semibold text-red-800" : r.lost === "rest" ? "text-amber-800" : "text-emerald-800"}`}>{LOST[r.lost]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

export function SuggestionView({ sourceId, subject, assume, onClose }: { sourceId: string; subject: string; assume?: string[]; onClose: () => void }) {
  const [verbs, setVerbs] = useState<"observed" | "family">("observed");
  const [names, setNames] = useState<"observed" | "any">("observed");
  const [copied, setCopied] = useState(false);
  const res = useSourceQuery<RightSizing>(sourceId, `audit/suggest${qs({ subject, verbs, names, as: assume })}`, { placeholderData: (prev) => prev });
  const r = res.data;
  const file = `${subject.replace(/[^A-Za-z0-9.-]+/g, "-").toLowerCase()}-right-sized.yaml`;
  return (
    <section className="rounded-lg border border-accent/40 bg-white" aria-label="Right-sized roles" data-testid="suggestion">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-100 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-900">Right-sized roles for {subject.replace("/", " ")}</h2>
        {r ? <span className="text-xs text-slate-500">from what it used in {r.windowText}</span> : null}
        <span className="ml-auto flex items-center gap-1 text-xs text-slate-600">
          Generalise:
          <Toggle on={verbs === "family"} onChange={(on) => setVerbs(on ? "family" : "observed")} testId="generalise-verbs">
            verb families
          </Toggle>
          <Toggle on={names === "any"} onChange={(on) => setNames(on ? "any" : "observed")} testId="generalise-names">
            any name
          </Toggle>
        </span>
        <button type="button" onClick={onClose} aria-label="Close the suggestion" className="text-slate-400 hover:text-slate-900">
          ✕
        </button>
      </header>
      <div className="space-y-4 p-4">
        {res.isPending ? (
          <Loading label="Cutting roles to what was used, then checking them…" />
        ) : res.isError ? (
          <ErrorState error={res.error} />
        ) : r ? (
          <>
            <p className={`rounded-md px-3 py-2 text-sm ${r.verification.ok ? "bg-emerald-50 text-emerald-950" : "bg-red-50 text-red-950"}`} data-testid="suggestion-check">
              {r.verification.ok
                ? `Checked by the evaluator: with this applied in place of today's bindings, all ${count(r.verification.checked.atoms)} distinct requests the log shows as allowed (${count(r.verification.checked.requests)} in all) are still allowed.`
                : `Check failed: ${r.verification.missing.length} request(s) would stop working: ${r.verification.missing.map((m) => m.text).join("; ")}`}
            </p>
            <div>
              <h3 className="text-sm font-semibold text-slate-800">What today&apos;s bindings would lose</h3>
              {r.changes.length ? (
                <ul className="mt-2 space-y-2" data-testid="suggestion-diff">
                  {r.changes.map((c) => (
                    <Change key={c.text} c={c} />
                  ))}
                </ul>
              ) : (
                <p className="text-xs text-slate-500">No binding names this subject: the suggestion only adds what its groups do not already give.</p>
              )}
            </div>
            {r.risk.after.length ? (
              <div>
                <h3 className="text-sm font-semibold text-slate-800">Risky permissions it keeps, because it used them</h3>
                <ul className="mt-1 space-y-1 text-xs">
                  {r.risk.after.map((x) => (
                    <li key={`${x.rule}${x.namespace ?? ""}`} className="flex flex-wrap items-center gap-1.5">
                      <SeverityBadge severity={x.severity} /> <span className="font-medium">{x.title}</span> {x.namespace ? `in ${x.namespace}` : "cluster-wide"}
                      {x.because[0] ? <span className="text-slate-500">— e.g. {x.because[0].text} ×{count(x.because[0].count)}</span> : null}
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div>
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="text-sm font-semibold text-slate-800">
                  Suggested objects ({r.manifests.length}) covering {count(r.needed.atoms)} distinct requests
                </h3>
                <button type="button" onClick={() => download(file, r.yaml)} className="rounded-md bg-accent px-2 py-1 text-xs font-medium text-white hover:opacity-90" data-testid="export-yaml">
                  Download YAML
                </button>
                <button
                  type="button"
                  onClick={() => navigator.clipboard?.writeText(r.yaml).then(() => setCopied(true), () => setCopied(false))}
                  className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:border-accent"
                >
                  {copied ? "Copied" : "Copy"}
                </button>
                <OpenDraftButton sourceId={sourceId} yaml={r.yaml} title={`Right-sized roles for ${subject.replace("/", " ")}`} testId="open-draft" className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:border-accent disabled:opacity-60" />
                {r.window ? <span className="text-xs text-slate-500">last request seen {day(r.window.to)}</span> : null}
              </div>
              <pre className="mt-2 max-h-[420px] overflow-auto rounded-md bg-slate-900 p-3 font-mono text-[11px] leading-snug text-slate-100" data-testid="suggestion-yaml">
                {r.yaml}
              </pre>
            </div>
          </>
        ) : null}
      </div>
    </section>
  );
}
