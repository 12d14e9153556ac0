"use client";
/**
 * "How to fix it" under a blocked trace: the smallest changes that admit the flow (lib/fix/flow.ts),
 * narrowest first, each with its blast radius — every other connection it opens, every one it
 * closes — who owns the change, and its YAML to copy, download or open as a draft.
 */
import { useState } from "react";
import { qs, useSourceQuery } from "@/components/api";
import { fixButton as button, YamlActions } from "@/components/drafts/yaml-actions";
import { Badge } from "@/components/ui/badge";
import { ErrorState, Loading } from "@/components/ui/states";
import type { FlowFix, FlowFixAlternative } from "@/lib/fix/flow";
import type { ConnectionChange } from "@/lib/whatif/compare";

function Connections({ title, list, testId }: { title: string; list: ConnectionChange[]; testId: string }) {
  if (!list.length) return null;
  return (
    <details className="text-xs" data-testid={testId}>
      <summary className="cursor-pointer text-slate-700">
        {title} ({list.length})
      </summary>
      <ul className="mt-1 space-y-0.5 pl-4 font-mono text-slate-800">
        {list.map((c) => (
          <li key={`${c.src}>${c.dst}`}>
            {c.src} → {c.dst} : {c.conn}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Alternative({ alt, index, sourceId }: { alt: FlowFixAlternative; index: number; sourceId: string }) {
  const radius = !alt.admits ? <Badge tone="high">does not admit the flow</Badge> : alt.opened.length || alt.closed.length ? <Badge tone="medium">{`also opens ${alt.opened.length}, closes ${alt.closed.length}`}</Badge> : <Badge tone="ok">opens nothing else</Badge>;
  return (
    <li className="space-y-2 rounded-md border border-slate-200 p-3" data-testid={`flow-fix-${index}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold text-slate-900">
          {index + 1}. {alt.title}
        </span>
        {radius}
        {!alt.draft ? <Badge tone="accent">kubectl patch, not a draft</Badge> : null}
      </div>
      <ul className="list-disc pl-5 text-xs text-slate-700">
        {alt.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
        <li>Owner: {alt.owners.join("; ")}</li>
        {alt.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <Connections title="Also opens" list={alt.opened} testId={`flow-fix-${index}-opened`} />
      <Connections title="Closes" list={alt.closed} testId={`flow-fix-${index}-closed`} />
      <YamlActions sourceId={sourceId} yaml={alt.yaml} title={alt.title} draftTestId={`flow-fix-${index}-draft`} draft={alt.draft} label={alt.draft ? "YAML" : "Patches (kubectl patch --type=json --patch-file; each says where)"} />
    </li>
  );
}

function Fixes({ sourceId, from, to, port, protocol, ipblock }: { sourceId: string; from: string; to: string; port: number; protocol: string; ipblock?: string }) {
  const res = useSourceQuery<FlowFix>(sourceId, `network/fix${qs({ from, to, port: String(port), protocol, ipblock })}`);
  if (res.isPending) return <Loading label="Trying each change…" />;
  if (res.isError) return <ErrorState title="No fix could be computed" error={res.error} />;
  const f = res.data;
  return (
    <div className="space-y-2">
      {f.notes.map((n) => (
        <p key={n} className="text-xs text-slate-600">
          {n}
        </p>
      ))}
      {f.alternatives.length ? (
        <ol className="space-y-2">
          {f.alternatives.map((a, i) => (
            <Alternative key={a.title} alt={a} index={i} sourceId={sourceId} />
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-600">No change Clearance can propose admits this flow.</p>
      )}
    </div>
  );
}

/** The panel under a blocked flow; the alternatives are computed when asked for (each is a re-analysis). */
export function FlowFixPanel(props: { sourceId: string; from: string; to: string; port: number; protocol: string; ipblock?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-3" data-testid="flow-fix">
      <div className="flex items-center gap-3">
        <h3 className="text-sm font-semibold text-slate-900">How to fix it</h3>
        <p className="text-xs text-slate-600">The smallest changes that admit exactly this flow, narrowest first, each with every other connection it would open or close.</p>
        {!open ? (
          <button type="button" className={`ml-auto ${button}`} onClick={() => setOpen(true)} data-testid="flow-fix-show">
            Show fixes
          </button>
        ) : null}
      </div>
      {open ? <Fixes {...props} /> : null}
    </section>
  );
}
