"use client";
/**
 * "Suggest a fix" next to a finding (lib/fix/finding.ts): for an RBAC risk, the alternatives
 * narrowest first with who loses what; for a workload, the patch to the workload that owns the pod.
 * Each as YAML to copy or open as a draft, where the summary shows everything it changes.
 */
import { useState } from "react";
import { qs, useSourceQuery } from "@/components/api";
import { fixButton as button, YamlActions } from "@/components/drafts/yaml-actions";
import { RbacFixList } from "@/components/rbac/rbac-fix-list";
import { ErrorState, Loading } from "@/components/ui/states";
import type { FindingFix } from "@/lib/fix/finding";

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
        <YamlActions sourceId={sourceId} yaml={p.yaml} title={`Pod Security ${p.after} for ${p.target.namespace}/${p.target.name}`} draftTestId="finding-fix-draft-0" />
      </div>
    );
  }
  return <RbacFixList sourceId={sourceId} alternatives={f.fix.alternatives} testId="finding-fix" />;
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
