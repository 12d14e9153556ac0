"use client";
/**
 * The RBAC findings of the scan, each row linking to the graph centred on its evidence. The server
 * filters and counts (GET findings?area=rbac, lib/findings/query.ts): the first 500 matches travel.
 */
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useDeferredValue, useState } from "react";
import type { FindingsResponse } from "@/lib/contracts";
import { useSourceQuery } from "@/components/api";
import { FindingDetail } from "@/components/findings/finding-detail";
import { SEVERITY_ORDER, SeverityBadge } from "@/components/findings/severity";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { readFilters, writeFilters } from "@/lib/findings/query";
import type { Finding, Severity } from "@/lib/findings/types";
import { showDefaults, writeState, type ExplorerState } from "@/lib/rbac/explorer-url";
import type { Update } from "./use-explorer-state";

const LIMIT = 500;

/** The explore view a finding's focus opens (its subject or binding, the rule's evidence, its namespace). */
export function findingView(f: Finding): Partial<ExplorerState> | null {
  const p = f.focus?.view === "rbac" ? f.focus.params : undefined;
  if (!p?.focus) return null;
  return { tab: "explore", focus: p.focus, rule: p.rule, namespace: p.namespace ?? "", selected: undefined, expand: [], kinds: [], defaults: undefined, hops: undefined, assume: [], find: "", suggest: p.suggest === "1" || undefined };
}

export function FindingsView({ sourceId, state, update }: { sourceId: string; state: ExplorerState; update: Update }) {
  const pathname = usePathname();
  const defaults = state.defaults ?? false;
  const [severity, setSeverity] = useState<Severity[]>([]);
  const [text, setText] = useState(state.find);
  const find = useDeferredValue(text);
  const question = writeFilters({ ...readFilters(new URLSearchParams()), area: ["rbac"], severity, q: find, defaults }, new URLSearchParams());
  question.set("pageSize", String(LIMIT));
  if (state.selected) question.set("id", state.selected);
  const res = useSourceQuery<FindingsResponse>(sourceId, `findings?${question.toString()}`, { placeholderData: (prev) => prev });
  if (res.isPending) return <Loading label="Running the RBAC checks…" />;
  if (res.isError) return <ErrorState error={res.error} />;
  const data = res.data;
  const visible = data.rows.flatMap((r) => (r.type === "finding" ? [r.finding] : []));
  const selected = state.selected ? data.selected : undefined;
  const hrefOf = (f: Finding) => {
    const v = findingView(f);
    return v ? `${pathname}?${writeState({ ...state, ...v })}` : undefined;
  };
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_420px]">
      <section className="min-w-0 rounded-lg border border-slate-200 bg-white" aria-label="RBAC findings">
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-2">
          {SEVERITY_ORDER.map((s) => {
            const on = severity.includes(s);
            return (
              <button key={s} type="button" aria-pressed={on} onClick={() => setSeverity(on ? severity.filter((x) => x !== s) : [...severity, s])} className={`rounded-md border px-2 py-1 text-xs font-medium ${on ? "border-accent bg-accent-soft text-accent" : "border-slate-200 text-slate-600 hover:bg-slate-50"}`}>
                {s} <span className="tabular-nums text-slate-500">{data.severityCounts[s]}</span>
              </button>
            );
          })}
          <label className="flex items-center gap-1 text-xs text-slate-600">
            <input type="checkbox" checked={defaults} onChange={(e) => update({ defaults: e.target.checked })} />
            include default &amp; vendor roles
          </label>
          <input
            type="search"
            aria-label="Search RBAC findings"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              update({ find: e.target.value });
            }}
            placeholder="exec, secrets, acme:oncall…"
            className="ml-auto w-56 rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
        </div>
        <p className="border-b border-slate-100 px-3 py-1.5 text-xs text-slate-500" data-testid="rbac-findings-count">
          {data.matched} of {data.total} RBAC finding{data.total === 1 ? "" : "s"}
          {data.matched > LIMIT ? ` (first ${LIMIT} shown: narrow the search)` : ""}
          {!defaults ? " · default and vendor roles hidden" : ""}
        </p>
        {visible.length === 0 ? (
          <div className="p-4">
            <Empty title={data.total ? "No finding matches" : "No RBAC findings"}>{data.total ? "Clear the search or a severity." : showDefaults(state) ? "Nothing risky was found." : "Nothing risky outside the default roles."}</Empty>
          </div>
        ) : (
          <ul className="max-h-[65vh] overflow-auto" data-testid="rbac-findings">
            {visible.map((f) => {
              const href = hrefOf(f);
              const r = f.resources[0];
              return (
                <li key={f.id} data-finding={f.id} className={`flex items-center gap-3 border-b border-slate-100 px-3 py-2 text-sm ${f.id === state.selected ? "bg-accent-soft" : "hover:bg-slate-50"} ${f.exception ? "opacity-60" : ""}`}>
                  <span className="w-16 shrink-0">
                    <SeverityBadge severity={f.severity} />
                  </span>
                  <button type="button" onClick={() => update({ selected: f.id })} className="min-w-0 flex-1 text-left">
                    <span className="block truncate font-medium text-slate-900">{f.title}</span>
                    <span className="block truncate text-xs text-slate-500">
                      {f.rule} · {r ? `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}` : ""}
                    </span>
                  </button>
                  {href ? (
                    <Link href={href} className="shrink-0 rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-accent hover:border-accent" aria-label={`Graph of ${f.title}`}>
                      Graph →
                    </Link>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <aside className="rounded-lg border border-slate-200 bg-white p-4 lg:sticky lg:top-4 lg:self-start">
        {selected ? <FindingDetail sourceId={sourceId} finding={selected} onClose={() => update({ selected: undefined })} /> : <p className="text-sm text-slate-500">Select a finding to see its evidence; “Graph” opens the explorer on it.</p>}
      </aside>
    </div>
  );
}
