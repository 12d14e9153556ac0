"use client";
/** The access matrix of a namespace (rakkess-style): subjects × resources, each cell the verbs allowed. */
import { useDeferredValue, useState } from "react";
import { qs, useSourceQuery } from "@/components/api";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import type { ExplorerState } from "@/lib/rbac/explorer-url";
import { showDefaults } from "@/lib/rbac/explorer-url";
import { NamespaceOptions } from "./ns-options";
import type { AccessMatrix, Completions } from "./api-types";
import type { Update } from "./use-explorer-state";

const LETTER: Record<string, string> = { get: "g", list: "l", watch: "w", create: "c", update: "u", patch: "p", delete: "d", deletecollection: "D" };

function Cell({ verbs, all }: { verbs: string[]; all: number }) {
  if (!verbs.length) return <span className="text-slate-200">·</span>;
  if (verbs.length === all) return <span className="font-semibold text-red-700">all</span>;
  const write = verbs.some((v) => v !== "get" && v !== "list" && v !== "watch");
  return <span className={`font-mono ${write ? "text-amber-800" : "text-emerald-700"}`}>{verbs.map((v) => LETTER[v] ?? v).join("")}</span>;
}

export function MatrixView({ sourceId, state, update }: { sourceId: string; state: ExplorerState; update: Update }) {
  const c = useSourceQuery<Completions>(sourceId, "rbac/completions", { staleTime: Infinity }).data;
  const ns = state.namespace;
  const res = useSourceQuery<AccessMatrix>(sourceId, `rbac/matrix${qs({ namespace: ns, defaults: showDefaults(state) ? "show" : "hide", columns: state.allColumns ? "all" : undefined })}`, { enabled: !!ns, placeholderData: (prev) => prev });
  const [filter, setFilter] = useState("");
  const f = useDeferredValue(filter.toLowerCase());
  const m = res.data;
  const cols = m ? m.resources.map((r, i) => ({ r, i })).filter(({ r }) => !f || `${r.resource} ${r.group}`.includes(f)) : [];
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm">
        <label className="flex items-center gap-2">
          Namespace
          <select aria-label="Matrix namespace" value={ns} onChange={(e) => update({ namespace: e.target.value })} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            <option value="">pick one…</option>
            <NamespaceOptions namespaces={c?.namespaces} value={ns} />
          </select>
        </label>
        <input type="search" aria-label="Filter resources" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="filter resources…" className="w-48 rounded-md border border-slate-300 px-2 py-1 text-sm" />
        <label className="flex items-center gap-1 text-xs text-slate-600">
          <input type="checkbox" checked={showDefaults(state)} onChange={(e) => update({ defaults: e.target.checked })} />
          include control-plane subjects
        </label>
        <label className="flex items-center gap-1 text-xs text-slate-600" title="Every resource the rules name; slow on large clusters">
          <input type="checkbox" checked={!!state.allColumns} onChange={(e) => update({ allColumns: e.target.checked || undefined })} />
          all resources named in rules
        </label>
        <span className="ml-auto text-xs text-slate-500">
          g get · l list · w watch · c create · u update · p patch · d delete · D deletecollection · <span className="text-red-700">all</span> every verb
        </span>
      </div>
      {!ns ? (
        <Empty title="Pick a namespace">The matrix shows, for every subject bound there or cluster-wide, which verbs it has on each resource.</Empty>
      ) : res.isPending ? (
        <Loading label="Evaluating every subject × resource × verb…" />
      ) : res.isError ? (
        <ErrorState error={res.error} />
      ) : m!.rows.length === 0 ? (
        <Empty title={`Nobody has access in ${ns}`}>No binding applies to this namespace{showDefaults(state) ? "" : " (control-plane subjects are hidden)"}.</Empty>
      ) : (
        <div className="max-h-[70vh] overflow-auto rounded-lg border border-slate-200 bg-white" data-testid="access-matrix">
          <table className="text-xs">
            <thead className="sticky top-0 z-10 bg-white">
              <tr className="border-b border-slate-200">
                <th className="sticky left-0 z-20 bg-white px-3 py-2 text-left font-medium text-slate-500">
                  {m!.rows.length} subjects × {cols.length} resources in {ns}
                </th>
                {cols.map(({ r }) => (
                  <th key={`${r.group}/${r.resource}`} className="h-36 px-1 align-bottom font-medium text-slate-600" title={`${r.resource} (${r.group || "core"})`}>
                    <span className="inline-block whitespace-nowrap font-mono [writing-mode:vertical-rl] rotate-180">{r.resource}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m!.rows.map((row) => {
                const id = row.subject.kind === "ServiceAccount" ? `ServiceAccount/${row.subject.namespace}/${row.subject.name}` : `${row.subject.kind}/${row.subject.name}`;
                return (
                  <tr key={id} className="border-b border-slate-100 hover:bg-slate-50">
                    <th scope="row" className="sticky left-0 bg-white px-3 py-1 text-left font-normal">
                      <button type="button" onClick={() => update({ tab: "explore", focus: `subject:${id}`, selected: undefined, expand: [], rule: undefined })} className="text-left hover:underline">
                        <span className="mr-1 text-[10px] uppercase text-slate-400">{row.subject.kind === "ServiceAccount" ? "SA" : row.subject.kind}</span>
                        <span className="font-mono">{row.subject.kind === "ServiceAccount" ? `${row.subject.namespace}/${row.subject.name}` : row.subject.name}</span>
                      </button>
                      {row.bypass ? <span className="ml-1 text-[10px] text-red-700">bypasses RBAC</span> : null}
                    </th>
                    {cols.map(({ r, i }) => (
                      <td key={`${r.group}/${r.resource}`} className="px-1 py-1 text-center" title={`${row.subject.name}: ${row.cells[i].join(", ") || "nothing"} on ${r.resource}`}>
                        <Cell verbs={row.cells[i]} all={m!.verbs.length} />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
