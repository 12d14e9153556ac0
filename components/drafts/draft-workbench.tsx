"use client";
/**
 * The Draft panel: write a change as YAML (paste, upload, or pick existing objects to edit or
 * delete), save it — the draft gets a link to share — and read what it would do to the source.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { api } from "@/components/api";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ErrorState, Loading, Notice } from "@/components/ui/states";
import type { DraftView } from "@/lib/whatif/api";
import { splitSourceId } from "@/lib/whatif/source-id";
import { ObjectPicker } from "./object-picker";
import { saveDraft } from "./open-draft";
import { WhatifSummaryView } from "./whatif-summary";

const button = "rounded-md border border-slate-300 px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50 disabled:opacity-40";
const primary = "rounded-md bg-accent px-4 py-1.5 text-sm font-medium text-white hover:opacity-90 disabled:opacity-40";

const EXAMPLE = `# A draft is manifests as you would commit them:
#   a document creates or replaces that object,
#   a document starting with "# clearance: patch" patches the existing one,
#   "# clearance: delete KIND NAMESPACE/NAME" deletes one.
`;

function Editor({ base, draft, initial }: { base: string; draft?: DraftView; initial: string }) {
  const router = useRouter();
  const client = useQueryClient();
  const [text, setText] = useState(initial);
  const [title, setTitle] = useState(draft?.title ?? "");
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [linkCopied, setLinkCopied] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const readOnly = draft !== undefined && !draft.mine;
  const dirty = !draft || text !== draft.text || title !== draft.title;

  async function save(copy = false) {
    setSaving(true);
    setError(null);
    try {
      const saved = await saveDraft({ source: base, text, title: copy ? `${title} (copy)` : title }, copy ? undefined : draft?.id);
      await client.invalidateQueries({ queryKey: ["draft", saved.id] });
      await client.invalidateQueries({ queryKey: ["source", saved.sourceId] });
      router.push(saved.url);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  const add = (yaml: string) => setText((t) => `${t.trimEnd()}${t.trim() ? "\n---\n" : ""}${yaml.trimEnd()}\n`);
  const addLine = (line: string) => setText((t) => `${t.trimEnd()}${t.trim() ? "\n" : ""}${line}\n`);

  return (
    <Card
      title={draft ? (readOnly ? `Draft by ${draft.owner}` : "Your draft") : "New draft"}
      actions={
        draft ? (
          <span className="text-xs text-slate-500" data-testid="draft-expiry">
            saved {new Date(draft.updatedAt).toLocaleString()} · kept until {new Date(draft.expiresAt).toLocaleDateString()}
          </span>
        ) : null
      }
    >
      <div className="space-y-3">
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} readOnly={readOnly} placeholder="What this change is for" aria-label="Draft title" className="rounded-md border border-slate-300 px-2 py-1.5 text-sm text-slate-900" />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
          YAML
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            readOnly={readOnly}
            spellCheck={false}
            aria-label="Draft YAML"
            data-testid="draft-text"
            rows={18}
            className="rounded-md border border-slate-300 px-2 py-1.5 font-mono text-xs text-slate-900"
            placeholder={EXAMPLE}
          />
        </label>
        {draft?.issues.length ? (
          <Notice testId="draft-parse-issues">
            {draft.issues.map((i, n) => (
              <div key={n}>
                {i.line ? `line ${i.line}: ` : ""}
                {i.message}
              </div>
            ))}
          </Notice>
        ) : null}
        {error ? <ErrorState error={error} title="The draft could not be saved" /> : null}
        <div className="flex flex-wrap items-center gap-2">
          {readOnly ? (
            <button type="button" className={primary} disabled={saving} onClick={() => save(true)}>
              Save a copy
            </button>
          ) : (
            <button type="button" className={primary} disabled={saving || !dirty || !text.trim()} onClick={() => save()} data-testid="draft-save">
              {saving ? "Analysing…" : draft ? "Save and analyse" : "Create draft"}
            </button>
          )}
          {!readOnly ? (
            <>
              <button type="button" className={button} onClick={() => file.current?.click()}>
                Upload YAML…
              </button>
              <input
                ref={file}
                type="file"
                accept=".yaml,.yml,.json,application/yaml,application/json"
                className="hidden"
                aria-label="Upload YAML"
                onChange={async (e) => {
                  const f = e.target.files?.[0];
                  if (f) add(await f.text());
                  e.target.value = "";
                }}
              />
            </>
          ) : null}
          {draft ? (
            <>
              <a className={button} href={`/api/drafts/${encodeURIComponent(draft.id)}/export`} download data-testid="draft-export">
                Export YAML
              </a>
              <button
                type="button"
                className={button}
                data-testid="draft-copy-link"
                onClick={async () => {
                  await navigator.clipboard.writeText(new URL(draft.url, window.location.href).toString());
                  setLinkCopied(true);
                }}
              >
                {linkCopied ? "Link copied" : "Copy link"}
              </button>
              {draft.mine ? (
                <button
                  type="button"
                  className={`${button} text-red-700`}
                  onClick={async () => {
                    await api(`/api/drafts/${encodeURIComponent(draft.id)}`, { method: "DELETE" });
                    router.push(`/c/${encodeURIComponent(base)}/draft`);
                  }}
                >
                  Delete draft
                </button>
              ) : null}
            </>
          ) : null}
        </div>
        {!readOnly ? <ObjectPicker sourceId={base} onEdit={add} onDelete={addLine} /> : null}
      </div>
    </Card>
  );
}

/** The Draft page for `sourceId` (a source, or a source with its draft). */
export function DraftWorkbench({ sourceId }: { sourceId: string }) {
  const { base, draft } = splitSourceId(sourceId);
  const res = useQuery({ queryKey: ["draft", draft], queryFn: () => api<DraftView>(`/api/drafts/${encodeURIComponent(draft!)}`), enabled: !!draft });
  if (!draft) {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-600">Write a change — new policies, roles, bindings, workloads, or edits and deletions of what is there — and see what it does before anyone applies it. Nothing is ever sent to the cluster.</p>
        <Editor base={base} initial="" />
      </div>
    );
  }
  if (res.isPending) return <Loading label="Opening the draft…" />;
  if (res.isError) return <ErrorState error={res.error} title="This draft could not be opened" />;
  const d = res.data;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-lg font-semibold text-slate-900" data-testid="draft-title">
          {d.title}
        </h2>
        <Badge tone="accent">draft</Badge>
        {d.source !== base ? <span className="text-xs text-slate-500">written against {d.source}, shown on {base}</span> : null}
      </div>
      <WhatifSummaryView sourceId={sourceId} />
      <Editor key={`${d.id}:${d.updatedAt}`} base={base} draft={d} initial={d.text} />
    </div>
  );
}
