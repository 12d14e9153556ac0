"use client";
/**
 * "How to fix it" under a blocked trace: the smallest changes that admit the flow (lib/fix/flow.ts),
 * narrowest first, each with its blast radius — every other connection it opens, every one it
 * closes — who owns the change, and its YAML to copy, download or open as a draft.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { qs, useSourceQuery } from "@/components/api";
import { openAsDraft } from "@/components/drafts/open-draft";
import { Badge } from "@/components/ui/badge";
import { ErrorState, Loading } from "@/components/ui/states";
import type { FlowFix, FlowFixAlternative } from "@/lib/fix/flow";
import type { ConnectionChange } from "@/lib/whatif/compare";
import { splitSourceId } from "@/lib/whatif/source-id";

const button = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50";

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
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const radius = !alt.admits ? <Badge tone="high">does not admit the flow</Badge> : alt.opened.length || alt.closed.length ? <Badge tone="medium">{`also opens ${alt.opened.length}, closes ${alt.closed.length}`}</Badge> : <Badge tone="ok">opens nothing else</Badge>;
  const file = `${alt.title.replace(/[^a-z0-9]+/gi, "-").toLowerCase().slice(0, 60)}.yaml`;
  return (
    <li className="space-y-2 rounded-md border border-slate-200 p-3" data-testid={`flow-fix-${index}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-sm font-semibold text-slate-900">
          {index + 1}. {alt.title}
        </span>
        {radius}
        {!alt.draft ? <Badge tone="accent">cluster administrators</Badge> : null}
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
      <details className="text-xs">
        <summary className="cursor-pointer text-slate-700">{alt.draft ? "YAML" : "JSON patch (kubectl patch --type=json --patch-file)"}</summary>
        <pre className="mt-1 max-h-72 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-800">{alt.yaml}</pre>
      </details>
      <div className="flex flex-wrap gap-2">
        {alt.draft ? (
          <button
            type="button"
            className={button}
            disabled={busy}
            data-testid={`flow-fix-${index}-draft`}
            onClick={async () => {
              setBusy(true);
              try {
                await openAsDraft(router, splitSourceId(sourceId).base, alt.yaml, alt.title);
              } catch (e) {
                setError((e as Error).message);
                setBusy(false);
              }
            }}
          >
            Open as draft
          </button>
        ) : null}
        <button type="button" className={button} onClick={() => void navigator.clipboard?.writeText(alt.yaml)}>
          Copy YAML
        </button>
        <a className={button} href={`data:application/yaml;charset=utf-8,${encodeURIComponent(alt.yaml)}`} download={file}>
          Download
        </a>
      </div>
      {error ? <p className="text-xs text-red-700">{error}</p> : null}
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
