"use client";
/**
 * The who-can question: typed as a sentence ("who can get secrets in payments") or picked field by
 * field, with completion from the snapshot (verbs, resources named in its rules, namespaces).
 */
import { useState } from "react";
import { useSourceQuery } from "@/components/api";
import { exampleQuestions, formatQuestion, parseQuestion, type WhoCanQuery } from "@/lib/rbac/explorer-question";
import { NamespaceOptions } from "./ns-options";
import type { Completions } from "./api-types";


const input = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus:border-accent focus:outline-none";

export function QueryBar({ sourceId, question, onAsk }: { sourceId: string; question: WhoCanQuery; onAsk: (q: WhoCanQuery) => void }) {
  const c = useSourceQuery<Completions>(sourceId, "rbac/completions", { staleTime: Infinity }).data;
  // Local drafts, reset when the URL's question changes (the key below remounts the fields).
  const key = formatQuestion(question) + (question.url ? "" : question.namespace ?? "");
  return <QueryFields key={key} completions={c} question={question} onAsk={onAsk} />;
}

function QueryFields({ completions: c, question, onAsk }: { completions?: Completions; question: WhoCanQuery; onAsk: (q: WhoCanQuery) => void }) {
  const [text, setText] = useState(question.verb ? `who can ${formatQuestion(question)}` : "");
  const [notes, setNotes] = useState<string[]>([]);
  const [f, setF] = useState<WhoCanQuery>(question);
  const set = (patch: Partial<WhoCanQuery>) => setF((x) => ({ ...x, ...patch }));

  const askText = (t: string) => {
    const p = parseQuestion(t);
    setNotes(p.notes);
    if (p.query.verb) onAsk(p.query);
  };
  const askFields = () => {
    setNotes([]);
    const q: WhoCanQuery = { verb: f.verb.trim() };
    if (f.resource?.startsWith("/")) q.url = f.resource.trim();
    else if (f.resource) q.resource = f.resource.trim();
    if (!q.url) {
      if (f.namespace) q.namespace = f.namespace;
      if (f.name) q.name = f.name.trim();
      if (f.apiGroup) q.apiGroup = f.apiGroup.trim();
    }
    onAsk(q);
  };

  return (
    <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <form
        role="search"
        aria-label="Ask who can"
        onSubmit={(e) => {
          e.preventDefault();
          askText(text);
        }}
        className="flex gap-2"
      >
        <input
          type="search"
          aria-label="Question"
          data-testid="who-can-question"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="who can get secrets in payments"
          className={`${input} min-w-0 flex-1 font-mono`}
        />
        <button type="submit" className="rounded-md bg-accent px-4 py-1.5 text-sm font-medium text-white hover:opacity-90">
          Ask
        </button>
      </form>
      <form
        aria-label="Who can, field by field"
        onSubmit={(e) => {
          e.preventDefault();
          askFields();
        }}
        className="flex flex-wrap items-end gap-2 text-xs text-slate-600"
      >
        <span className="pb-2 font-medium text-slate-700">Who can</span>
        <label className="flex flex-col gap-0.5">
          verb
          <input aria-label="Verb" list="rbac-verbs" value={f.verb} onChange={(e) => set({ verb: e.target.value })} placeholder="get" className={`${input} w-32`} />
        </label>
        <label className="flex flex-col gap-0.5">
          resource or /url
          <input aria-label="Resource" list="rbac-resources" value={f.url ?? f.resource ?? ""} onChange={(e) => set({ resource: e.target.value, url: undefined })} placeholder="secrets" className={`${input} w-56`} />
        </label>
        <span className="pb-2">in</span>
        <label className="flex flex-col gap-0.5">
          namespace
          <select aria-label="Namespace" value={f.namespace ?? ""} onChange={(e) => set({ namespace: e.target.value })} className={`${input} w-44`}>
            <option value="">all namespaces (cluster-wide grants)</option>
            <NamespaceOptions namespaces={c?.namespaces} value={f.namespace ?? ""} />
          </select>
        </label>
        <label className="flex flex-col gap-0.5">
          name (optional)
          <input aria-label="Object name" value={f.name ?? ""} onChange={(e) => set({ name: e.target.value })} placeholder="any" className={`${input} w-36`} />
        </label>
        <label className="flex flex-col gap-0.5">
          API group (optional)
          <input aria-label="API group" value={f.apiGroup ?? ""} onChange={(e) => set({ apiGroup: e.target.value })} placeholder="from the resource" className={`${input} w-40`} />
        </label>
        <button type="submit" className="rounded-md border border-accent px-3 py-1.5 text-sm font-medium text-accent hover:bg-accent-soft">
          Ask
        </button>
        <datalist id="rbac-verbs">
          {(c?.verbs ?? []).map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
        <datalist id="rbac-resources">
          {(c?.resources ?? []).map((r) => (
            <option key={r.value} value={r.value}>
              {`${r.group || "core"}${r.namespaced ? "" : ", cluster-scoped"}${r.inRules ? "" : ", not named by any rule"}`}
            </option>
          ))}
        </datalist>
      </form>
      {notes.length ? <p className="text-xs text-slate-700" data-testid="question-notes">{notes.join("; ")}</p> : null}
      <p className="flex flex-wrap items-center gap-1.5 text-xs text-slate-700" data-testid="example-questions">
        Try:
        {exampleQuestions(c?.namespaces ?? []).map((ex) => (
          <button key={ex} type="button" onClick={() => (setText(`who can ${ex}`), askText(ex))} className="rounded border border-slate-200 px-1.5 py-0.5 font-mono text-slate-700 hover:border-accent hover:text-accent">
            {ex}
          </button>
        ))}
      </p>
    </div>
  );
}
