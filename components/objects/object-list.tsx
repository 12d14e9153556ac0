"use client";
/** A searchable, virtualized list of one kind of object: thousands of rows stay fast. */
import { useDeferredValue, useState } from "react";
import type { ObjectsResponse } from "@/lib/contracts";
import { qs, useSourceQuery } from "@/components/api";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { VirtualRows } from "@/components/ui/virtual-rows";
import { visible } from "@/lib/output/terminal";
import { Name } from "../ui/name";

export interface CollectionTab {
  key: string;
  label: string;
}

export function ObjectList({ sourceId, tabs, namespace }: { sourceId: string; tabs: CollectionTab[]; namespace?: string }) {
  const [tab, setTab] = useState(tabs[0].key);
  const [q, setQ] = useState("");
  const query = useDeferredValue(q);
  const res = useSourceQuery<ObjectsResponse>(sourceId, `objects${qs({ collection: tab, q: query, namespace, limit: 5000 })}`, {
    placeholderData: (prev) => prev,
  });
  const rows = res.data?.rows ?? [];

  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-2">
        <div role="tablist" className="flex flex-wrap gap-1">
          {tabs.map((t) => (
            <button
              key={t.key}
              role="tab"
              type="button"
              aria-selected={t.key === tab}
              onClick={() => setTab(t.key)}
              className={`rounded px-2.5 py-1 text-sm ${t.key === tab ? "bg-slate-900 text-white" : "text-slate-600 hover:bg-slate-100"}`}
            >
              {t.label}
            </button>
          ))}
        </div>
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Search name, namespace, labels…"
          aria-label="Search objects"
          className="ml-auto w-72 rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-accent focus:outline-none"
        />
        <span className="text-xs tabular-nums text-slate-500" data-testid="object-count">
          {res.data ? `${res.data.total} object${res.data.total === 1 ? "" : "s"}` : ""}
        </span>
      </div>
      {res.isPending ? (
        <div className="p-3">
          <Loading />
        </div>
      ) : res.isError ? (
        <div className="p-3">
          <ErrorState error={res.error} />
        </div>
      ) : rows.length === 0 ? (
        <div className="p-3">
          <Empty title={q ? "Nothing matches this search" : "None in this source"} />
        </div>
      ) : (
        <VirtualRows
          count={rows.length}
          role="table"
          className="max-h-[60vh] overflow-auto"
          estimateSize={() => 44}
          row={(index, style) => {
              const r = rows[index];
              return (
                <div role="row" className="flex items-center gap-4 border-b border-slate-100 px-3 text-sm" style={style}>
                  <span role="cell" className="w-48 shrink-0 truncate text-slate-500">
                    {r.namespace ? <Name value={r.namespace} /> : "(cluster)"}
                  </span>
                  <span role="cell" className="w-72 shrink-0 truncate font-medium text-slate-900" title={visible(r.name)}>
                    <Name value={r.name} />
                  </span>
                  <span role="cell" className="min-w-0 flex-1 truncate text-slate-600" title={r.summary}>
                    {r.summary}
                  </span>
                </div>
              );
          }}
        />
      )}
    </div>
  );
}
