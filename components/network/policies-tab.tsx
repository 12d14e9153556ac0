"use client";
/** Every network policy with what it selects; a row opens the policy. */
import { useDeferredValue, useState } from "react";
import type { PoliciesResponse } from "@/lib/contracts";
import { qs, useSourceQuery } from "@/components/api";
import { Badge } from "@/components/ui/badge";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { Gaps } from "./controls";
import type { NetworkView } from "./url-state";
import { semanticsParams } from "./url-state";

export function PoliciesTab({ sourceId, view, openPolicy }: { sourceId: string; view: NetworkView; openPolicy: (id: string) => void }) {
  const res = useSourceQuery<PoliciesResponse>(sourceId, `network/policies${qs({ ...semanticsParams(view) })}`);
  const [filter, setFilter] = useState(view.namespace ?? "");
  const q = useDeferredValue(filter.trim().toLowerCase());
  if (res.isPending) return <Loading />;
  if (res.isError) return <ErrorState error={res.error} />;
  const all = res.data.policies;
  if (all.length === 0) return <Empty title="No network policies">Every pod accepts and opens every connection: nothing isolates anything.</Empty>;
  const rows = all.filter((p) => !q || `${p.kind} ${p.namespace ?? ""}/${p.name} ${p.selects}`.toLowerCase().includes(q));
  return (
    <div className="space-y-3">
      <Gaps meta={res.data.meta} />
      <div className="rounded-lg border border-slate-200 bg-white">
        <div className="flex items-center gap-3 border-b border-slate-100 px-3 py-2">
          <input type="search" aria-label="Filter policies" placeholder="Filter policies…" value={filter} onChange={(e) => setFilter(e.target.value)} className="w-64 rounded-md border border-slate-300 px-2 py-1 text-sm" />
          <span className="text-xs text-slate-500" data-testid="policies-count">
            {rows.length} of {all.length} policies · admin policies first, in evaluation order; the baseline last
          </span>
        </div>
        <div className="max-h-[65vh] overflow-auto">
          <table className="w-full text-sm" data-testid="policies-table">
            <thead className="sticky top-0 bg-white">
              <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                <th className="px-3 py-1.5 font-medium">Policy</th>
                <th className="px-3 py-1.5 font-medium">Selects</th>
                <th className="px-3 py-1.5 font-medium">Isolates</th>
                <th className="px-3 py-1.5 text-right font-medium">Rules</th>
                <th className="px-3 py-1.5 text-right font-medium">Pods</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} className={`cursor-pointer border-t border-slate-100 hover:bg-slate-50 ${view.policy === p.id ? "bg-accent-soft" : ""}`} onClick={() => openPolicy(p.id)}>
                  <td className="px-3 py-1.5">
                    <button type="button" className="text-left font-mono text-xs text-slate-900 hover:text-accent" onClick={() => openPolicy(p.id)}>
                      {p.kind !== "NetworkPolicy" ? <span className="mr-1 font-sans text-[10px] uppercase text-violet-700">{p.kind}</span> : null}
                      {p.namespace ? `${p.namespace}/` : ""}
                      {p.name}
                      {p.priority !== undefined ? <span className="ml-1 text-slate-500">(priority {p.priority})</span> : null}
                    </button>
                  </td>
                  <td className="px-3 py-1.5 text-xs text-slate-700">{p.selects}</td>
                  <td className="px-3 py-1.5 text-xs">{p.directions.join(", ") || "—"}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{p.rules}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{p.pods === 0 ? <Badge tone="medium">0</Badge> : p.pods}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
