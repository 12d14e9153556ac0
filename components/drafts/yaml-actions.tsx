"use client";
/**
 * A fix's YAML and what to do with it, for every fixer's panel (flows, findings, grants): the text
 * folded, "Open as draft" (where the draft's summary shows everything it changes), copy, download.
 */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { openAsDraft } from "@/components/drafts/open-draft";
import { splitSourceId } from "@/lib/whatif/source-id";

export const fixButton = "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50";

/** "Open as draft": saves the text as a draft of the source and goes to it; says why when it cannot. */
export function OpenDraftButton({ sourceId, yaml, title, testId, className = fixButton }: { sourceId: string; yaml: string; title: string; testId: string; className?: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={busy}
        data-testid={testId}
        onClick={async () => {
          setBusy(true);
          try {
            await openAsDraft(router, splitSourceId(sourceId).base, yaml, title);
          } catch (e) {
            setError((e as Error).message);
            setBusy(false);
          }
        }}
      >
        {busy ? "Opening…" : "Open as draft"}
      </button>
      {error ? <p className="basis-full text-xs text-red-700">{error}</p> : null}
    </>
  );
}

/** `draft: false` for text that is not a Clearance draft (a kubectl JSON patch): no "Open as draft", and `label` says what it is. */
export function YamlActions({ sourceId, yaml, title, draftTestId, draft = true, label = "YAML" }: { sourceId: string; yaml: string; title: string; draftTestId: string; draft?: boolean; label?: string }) {
  const file = `${title.replace(/[^a-z0-9]+/gi, "-").toLowerCase().slice(0, 60)}.yaml`;
  return (
    <div className="space-y-1">
      <details className="text-xs">
        <summary className="cursor-pointer text-slate-700">{label}</summary>
        <pre className="mt-1 max-h-72 overflow-auto rounded bg-slate-50 p-2 font-mono text-[11px] text-slate-800">{yaml}</pre>
      </details>
      <div className="flex flex-wrap gap-2">
        {draft ? <OpenDraftButton sourceId={sourceId} yaml={yaml} title={title} testId={draftTestId} /> : null}
        <button type="button" className={fixButton} onClick={() => void navigator.clipboard?.writeText(yaml)}>
          Copy YAML
        </button>
        <a className={fixButton} href={`data:application/yaml;charset=utf-8,${encodeURIComponent(yaml)}`} download={file}>
          Download
        </a>
      </div>
    </div>
  );
}
