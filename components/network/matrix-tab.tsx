"use client";
/** Namespace × namespace heatmap of allowed connectivity; a cell opens the graph on that pair. */
import { useDeferredValue, useState } from "react";
import { qs, useSourceQuery } from "@/components/api";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import type { NetworkMeta } from "@/lib/netpol/gaps";
import type { MatrixCell, NamespaceMatrix } from "@/lib/netpol/matrix";
import { Gaps } from "./controls";
import { OUTSIDE, pairView, type NetworkView } from "./url-state";

export type MatrixResponse = NamespaceMatrix & { meta: NetworkMeta };

const SHOWN = 60;

function cellStyle(c: MatrixCell | undefined): React.CSSProperties {
  if (!c) return {};
  const ratio = c.pairs ? c.connected / c.pairs : 1;
  const alpha = 0.12 + 0.78 * Math.min(1, ratio);
  return { backgroundColor: `rgba(52, 81, 178, ${alpha.toFixed(2)})`, color: alpha > 0.55 ? "white" : "#0f172a" };
}

export function MatrixTab({ sourceId, view, go }: { sourceId: string; view: NetworkView; go: (v: NetworkView) => void }) {
  const res = useSourceQuery<MatrixResponse>(sourceId, `network/matrix${qs({ ipblock: view.ipblock === "pods" ? "pods" : undefined })}`);
  const [filter, setFilter] = useState("");
  const q = useDeferredValue(filter.trim().toLowerCase());
  if (res.isPending) return <Loading label="Computing reachability…" />;
  if (res.isError) return <ErrorState error={res.error} />;
  const m = res.data;
  if (m.namespaces.length <= 1) return <Empty title="No workloads in this snapshot">The matrix compares namespaces that run workloads.</Empty>;
  const matching = m.namespaces.filter((n) => !q || n === OUTSIDE || n.toLowerCase().includes(q));
  const names = matching.length > SHOWN + 1 ? [...matching.filter((n) => n !== OUTSIDE).slice(0, SHOWN), OUTSIDE] : matching;
  const cells = new Map(m.cells.map((c) => [`${c.from}\u0000${c.to}`, c]));
  const at = (f: string, t: string) => cells.get(`${f}\u0000${t}`);
  const label = (n: string) => (n === OUTSIDE ? "outside" : n);
  return (
    <div className="space-y-3">
      <Gaps meta={m.meta} />
      <div className="flex flex-wrap items-center gap-3 text-xs text-slate-600">
        <input type="search" aria-label="Filter namespaces" placeholder="Filter namespaces…" value={filter} onChange={(e) => setFilter(e.target.value)} className="w-56 rounded-md border border-slate-300 px-2 py-1 text-sm" />
        <span>
          Row → column: may the row&apos;s workloads open connections to the column&apos;s? Darker = more workload pairs connected; <b>all</b> = every port, <b>•</b> = some ports (hover for which). Click a cell to see the pair in the graph.
        </span>
        {names.length < matching.length ? <span className="text-amber-800">showing {SHOWN} of {matching.length - 1} namespaces; filter to see others</span> : null}
      </div>
      <div className="overflow-auto rounded-lg border border-slate-200 bg-white p-3">
        <table className="border-separate border-spacing-0.5 text-xs" data-testid="network-matrix">
          <thead>
            <tr>
              <th className="sticky left-0 bg-white px-2 text-left text-slate-500">from \ to</th>
              {names.map((n) => (
                <th key={n} scope="col" className="h-32 min-w-8 align-bottom font-medium text-slate-700">
                  <span className="inline-block rotate-180 whitespace-nowrap [writing-mode:vertical-rl]">{label(n)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {names.map((f) => (
              <tr key={f}>
                <th scope="row" className="sticky left-0 whitespace-nowrap bg-white px-2 text-right font-medium text-slate-700">
                  {label(f)}
                </th>
                {names.map((t) => {
                  const c = at(f, t);
                  if (f === OUTSIDE && t === OUTSIDE) return <td key={t} className="size-8 rounded bg-slate-100" />;
                  return (
                    <td key={t} className="p-0">
                      <button
                        type="button"
                        data-testid="matrix-cell"
                        data-from={f}
                        data-to={t}
                        disabled={!c}
                        title={c ? `${label(f)} → ${label(t)}: ${c.conn} (${c.connected} of ${c.pairs} workload pairs)` : `${label(f)} → ${label(t)}: no connection`}
                        onClick={() => go(pairView(view, f, t))}
                        style={cellStyle(c)}
                        className={`size-8 rounded text-[10px] tabular-nums ${c ? "cursor-pointer hover:ring-2 hover:ring-amber-400" : "bg-slate-50 text-slate-300"}`}
                      >
                        {c ? (c.conn === "All Connections" ? "all" : "•") : ""}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
