"use client";
/**
 * "Suggest a fix" next to a finding (lib/fix/finding.ts): for an RBAC risk, the alternatives
 * narrowest first with who loses what; for a workload, the patch to the workload that owns the pod.
 * Each as YAML to copy or open as a draft, where the summary shows everything it changes.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { qs, useSourceQuery } from "@/components/api";
import { openAsDraft } from "@/components/drafts/open-draft";
import { Badge } from "@/components/ui/badge";
import { ErrorState, Loading } from "@/components/ui/states";
import { lossLines, lossLineText } from "@/lib/fix/describe";
import type { FindingFix } from "@/lib/fix/finding";
import { splitSourceId } from "@/lib/whatif/source-id";

const button = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50";

function YamlActions({ sourceId, yaml, title, testId }: { sourceId: string; yaml: string; title: string; testId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  return (
    <div className="space-y-1">
      <details className="text-xs">
        <summary className="cursor-pointer text-slate-700">YAML</summary>
        <pre className="mt-1 max-h-64 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-800">{yaml}</pre>
      </details>
      <div className="flex gap-2">
        <button type="button" className={button} data-testid={testId} onClick={() => openAsDraft(router, splitSourceId(sourceId).base, yaml, title).catch((e: Error) => setError(e.message))}>
          Open as draft
        </button>
        <button type="button" className={button} onClick={() => void navigator.clipboard?.writeText(yaml)}>
          Copy YAML
        </button>
      </div>
      {error ? <p className="text-xs text-red-700">{error}</p> : null}
    </div>
  );
}

function Fix({ sourceId, id }: { sourceId: string; id: string }) {
  const res = useSourceQuery<FindingFix>(sourceId, `findings/fix${qs({ id })}`);
  if (res.isPending) return <Loading label="Trying each change…" />;
  if (res.isError) return <ErrorState title="No fix could be computed" error={res.error} />;
  const f = res.data;
  if (f.kind === "none") return <p className="text-xs text-slate-700">{f.reason}</p>;
  if (f.kind === "posture") {
    const p = f.fix;
    return (
      <div className="space-y-1 text-xs text-slate-800">
        <p>
          Patch {p.target.kind} {p.target.namespace}/{p.target.name}: Pod Security {p.before} → {p.after}
        </p>
        {p.fixes.length ? <p>Fixes: {p.fixes.join(", ")}</p> : null}
        {p.notes.map((n) => (
          <p key={n} className="text-slate-600">
            {n}
          </p>
        ))}
        <p className="font-mono text-[11px]">{p.kubectl}</p>
        <YamlActions sourceId={sourceId} yaml={p.yaml} title={`Pod Security ${p.after} for ${p.target.namespace}/${p.target.name}`} testId="finding-fix-draft-0" />
      </div>
    );
  }
  return (
    <ol className="space-y-2">
      {f.fix.alternatives.map((a, i) => (
        <li key={a.title} className="space-y-1 rounded-md border border-slate-200 p-2 text-xs" data-testid={`finding-fix-${i}`}>
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-semibold text-slate-900">
              {i + 1}. {a.title}
            </span>
            <Badge tone={a.collateral ? "medium" : "ok"}>{a.collateral ? `${a.collateral} other permission${a.collateral === 1 ? "" : "s"} lost` : "nothing else lost"}</Badge>
            {a.fixesFinding === false ? <Badge tone="high">does not fix the finding</Badge> : null}
          </div>
          <ul className="list-disc pl-5 text-slate-700">
            {a.steps.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <details>
            <summary className="cursor-pointer text-slate-700">Who loses what</summary>
            <ul className="mt-1 space-y-0.5 pl-4">
              {a.loses.map((l) => (
                <li key={JSON.stringify(l.subject)}>
                  <span className="font-medium">{l.subject.kind} {l.subject.kind === "ServiceAccount" ? `${l.subject.namespace}/` : ""}{l.subject.name}</span>: {lossLines(l.lost).map(lossLineText).join("; ")}
                </li>
              ))}
            </ul>
          </details>
          <YamlActions sourceId={sourceId} yaml={a.yaml} title={a.title} testId={`finding-fix-draft-${i}`} />
        </li>
      ))}
    </ol>
  );
}

/** The panel in a finding's detail; computed when asked for (each alternative is checked by re-analysis). */
export function FindingFixPanel({ sourceId, findingId }: { sourceId: string; findingId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="no-print space-y-2" data-testid="finding-fix">
      <div className="flex items-center gap-2">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Smallest fix</h3>
        {!open ? (
          <button type="button" className={button} onClick={() => setOpen(true)} data-testid="finding-fix-show">
            Suggest a fix
          </button>
        ) : null}
      </div>
      {open ? <Fix sourceId={sourceId} id={findingId} /> : null}
    </section>
  );
}
