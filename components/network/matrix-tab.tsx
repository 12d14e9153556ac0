"use client";
/**
 * The connectivity matrix at any size: namespaces or groups of namespaces as rows and columns, one
 * page of each at a time, headers that stay in view, search, sort (by name, reach, or clustered by
 * equal reachability), and a four-step heat scale with a legend and the percentage in every cell.
 * A cell opens the graph on that pair (namespaces) or on the group (groups).
 */
import { qs, useSourceQuery } from "@/components/api";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import type { NetworkMeta } from "@/lib/netpol/gaps";
import type { MatrixView, MatrixViewCell } from "@/lib/netpol/matrix-view";
import { BY_REACH, HEAT_STEPS, heatStep } from "@/lib/netpol/view-keys";
import { Gaps } from "./controls";
import { OUTSIDE, pairView, type NetworkView, semanticsParams } from "./url-state";

export type MatrixViewResponse = MatrixView & { meta: NetworkMeta };

/** Background and text per heat step; each pair meets 4.5:1 in light and dark (the palette mirrors). */
const HEAT = ["bg-indigo-50 text-indigo-900", "bg-indigo-200 text-indigo-950", "bg-indigo-300 text-indigo-950", "bg-indigo-700 text-white"];

function pct(h: number) {
  return Math.round(h * 100);
}

function Legend({ groups }: { groups: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-700" data-testid="matrix-legend">
      <span>Share of {groups ? "namespace" : "workload"} pairs connected:</span>
      {HEAT_STEPS.map((hi, i) => {
        const label = `${pct(i === 0 ? 0 : HEAT_STEPS[i - 1])}–${pct(hi)}%`;
        return (
          <span key={hi} className={`rounded px-1.5 py-0.5 tabular-nums ${HEAT[i]}`}>
            {label}
          </span>
        );
      })}
      <span className="rounded border border-dashed border-slate-300 px-1.5 py-0.5">blank = none</span>
    </div>
  );
}

function Pager({ label, page, pages, onPage }: { label: string; page: number; pages: number; onPage: (p: number) => void }) {
  if (pages <= 1) return null;
  return (
    <span className="flex items-center gap-1" role="group" aria-label={`${label} pages`}>
      {label} {page + 1}/{pages}
      <button type="button" aria-label={`Previous ${label.toLowerCase()}`} disabled={page === 0} onClick={() => onPage(page - 1)} className="rounded border border-slate-300 px-1.5 disabled:opacity-40">
        ‹
      </button>
      <button type="button" aria-label={`Next ${label.toLowerCase()}`} disabled={page + 1 >= pages} onClick={() => onPage(page + 1)} className="rounded border border-slate-300 px-1.5 disabled:opacity-40">
        ›
      </button>
    </span>
  );
}

export function MatrixTab({ sourceId, view, go }: { sourceId: string; view: NetworkView; go: (v: NetworkView) => void }) {
  const by = view.by ?? "namespace";
  const res = useSourceQuery<MatrixViewResponse>(sourceId, `network/matrix-view${qs({ by, search: view.q, sort: view.msort, rows: view.rows || undefined, cols: view.cols || undefined, ...semanticsParams(view) })}`, { placeholderData: (p) => p });
  const set = (patch: Partial<NetworkView>) => go({ ...view, ...patch });
  if (res.isPending) return <Loading label="Computing reachability…" />;
  if (res.isError) return <ErrorState error={res.error} />;
  const m = res.data;
  const groups = m.by !== "namespace";
  const cells = new Map(m.cells.map((c) => [`${c.from}\u0000${c.to}`, c]));
  const label = (id: string) => (id === OUTSIDE ? "outside" : id);
  const open = (f: string, t: string) => {
    if (!groups) return go(pairView(view, f, t));
    const g = f === OUTSIDE ? t : f;
    go({ ...view, tab: "graph", by: m.by, group: g === OUTSIDE ? undefined : g, namespace: undefined, workload: undefined, node: undefined });
  };
  const title = (f: string, t: string, c: MatrixViewCell | undefined) =>
    c ? `${label(f)} → ${label(t)}: ${pct(c.heat)}% (${c.connected} of ${c.pairs} ${groups ? "namespace" : "workload"} pairs)${c.conn ? `; ${c.conn}` : ""}${c.incomplete ? " — incomplete: something Clearance does not evaluate could change it" : ""}` : `${label(f)} → ${label(t)}: no connection`;
  return (
    <div className="space-y-3">
      <Gaps meta={m.meta} />
      <div className="flex flex-wrap items-center gap-3 rounded-lg border border-slate-200 bg-white px-3 py-2 text-xs text-slate-700">
        <label className="flex items-center gap-1">
          Rows and columns
          <select aria-label="Group rows and columns" data-testid="matrix-by" value={by} onChange={(e) => set({ by: e.target.value === "namespace" ? undefined : e.target.value, rows: 0, cols: 0 })} className="rounded-md border border-slate-300 bg-white px-1.5 py-1">
            <option value="namespace">namespaces</option>
            {m.keys.map((k) => (
              <option key={k.key} value={k.key}>
                groups by label {k.key} ({k.values})
              </option>
            ))}
            <option value={BY_REACH}>groups of equal reachability</option>
          </select>
        </label>
        <input type="search" aria-label="Search rows and columns" data-testid="matrix-search" placeholder={groups ? "Search groups or namespaces…" : "Search namespaces…"} defaultValue={view.q ?? ""} onKeyDown={(e) => e.key === "Enter" && set({ q: (e.target as HTMLInputElement).value.trim() || undefined, rows: 0, cols: 0 })} onBlur={(e) => e.target.value.trim() !== (view.q ?? "") && set({ q: e.target.value.trim() || undefined, rows: 0, cols: 0 })} className="w-56 rounded-md border border-slate-300 px-2 py-1 text-sm" />
        <label className="flex items-center gap-1">
          Sort
          <select aria-label="Sort rows and columns" data-testid="matrix-sort" value={view.msort} onChange={(e) => set({ msort: e.target.value as NetworkView["msort"], rows: 0, cols: 0 })} className="rounded-md border border-slate-300 bg-white px-1.5 py-1">
            <option value="name">by name</option>
            <option value="out">reaching the most first</option>
            <option value="in">reached by the most first</option>
            {groups ? null : <option value="cluster">clustered: equal reachability together</option>}
          </select>
        </label>
        <span data-testid="matrix-count">
          {m.page.total} {groups ? "groups" : "namespaces"}
          {view.q ? ` matching “${view.q}”` : ""}
        </span>
        <Pager label="Rows" page={m.page.row} pages={m.page.rowPages} onPage={(p) => set({ rows: p })} />
        <Pager label="Columns" page={m.page.col} pages={m.page.colPages} onPage={(p) => set({ cols: p })} />
        {res.isFetching ? <span className="text-slate-600">Updating…</span> : null}
      </div>
      <Legend groups={groups} />
      <p className="text-xs text-slate-700">Row → column: may the row&apos;s workloads open connections to the column&apos;s? Each cell shows the percentage of pairs connected; hover for the ports. Click a cell to see it in the graph.</p>
      {m.page.total === 0 ? (
        <Empty title={view.q ? "Nothing matches the search" : "No workloads in this snapshot"}>The matrix compares namespaces that run workloads.</Empty>
      ) : (
        <div className="max-h-[72vh] overflow-auto rounded-lg border border-slate-200 bg-white" data-testid="matrix-scroll">
          <table className="border-separate border-spacing-0.5 text-xs" data-testid="network-matrix" data-by={m.by}>
            <thead>
              <tr>
                <th scope="col" className="sticky left-0 top-0 z-20 bg-white px-2 text-left align-bottom text-slate-700">
                  from \ to
                </th>
                {m.cols.map((c) => (
                  <th key={c.id} scope="col" title={groups ? `${c.label}: ${c.namespaces} namespaces` : c.label} className="sticky top-0 z-10 h-36 min-w-8 bg-white align-bottom font-medium text-slate-800">
                    <span className="inline-block max-h-34 overflow-hidden text-ellipsis whitespace-nowrap rotate-180 [writing-mode:vertical-rl]">{label(c.label === "outside the cluster" ? OUTSIDE : c.label)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.rows.map((r) => (
                <tr key={r.id}>
                  <th scope="row" className="sticky left-0 z-10 max-w-64 truncate whitespace-nowrap bg-white px-2 text-right font-medium text-slate-800" title={r.label}>
                    {label(r.label === "outside the cluster" ? OUTSIDE : r.label)}
                    {groups && r.id !== OUTSIDE ? <span className="font-normal text-slate-600"> ({r.namespaces})</span> : null}
                  </th>
                  {m.cols.map((c) => {
                    const cell = cells.get(`${r.id}\u0000${c.id}`);
                    if (r.id === OUTSIDE && c.id === OUTSIDE) return <td key={c.id} className="size-8 rounded bg-slate-100" />;
                    return (
                      <td key={c.id} className="p-0">
                        <button
                          type="button"
                          data-testid="matrix-cell"
                          data-from={r.id}
                          data-to={c.id}
                          disabled={!cell}
                          data-incomplete={cell?.incomplete ? "true" : undefined}
                          title={title(r.id, c.id, cell)}
                          aria-label={title(r.id, c.id, cell)}
                          onClick={() => open(r.id, c.id)}
                          className={`size-8 rounded text-[10px] tabular-nums ${cell ? `cursor-pointer hover:ring-2 hover:ring-amber-500 ${HEAT[heatStep(cell.heat)]}` : "border border-dashed border-slate-200"}`}
                        >
                          {cell ? pct(cell.heat) : ""}
                          {cell?.incomplete ? <span aria-hidden="true">?</span> : null}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
