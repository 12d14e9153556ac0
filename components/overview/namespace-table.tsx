"use client";
/** The snapshot's namespaces with their object counts: searched, sorted and paged (never a thousand rows at once). */
import { useDeferredValue, useMemo, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";

const PAGE = 25;

interface NamespaceRow {
  name: string;
  implicit?: boolean;
  counts: Record<string, number>;
}

export function NamespaceTable({ namespaces, columns }: { namespaces: NamespaceRow[]; columns: [string, string][] }) {
  const [filter, setFilter] = useState("");
  const [sort, setSort] = useState<string>("name");
  const [page, setPage] = useState(0);
  const q = useDeferredValue(filter.trim().toLowerCase());
  const rows = useMemo(() => {
    const hit = namespaces.filter((n) => !q || n.name.toLowerCase().includes(q));
    return sort === "name" ? hit : [...hit].sort((a, b) => (b.counts[sort] ?? 0) - (a.counts[sort] ?? 0) || (a.name < b.name ? -1 : 1));
  }, [namespaces, q, sort]);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const p = Math.min(page, pages - 1);
  const shown = rows.slice(p * PAGE, p * PAGE + PAGE);
  const sortBy = (key: string, label: string) => (
    <button type="button" onClick={() => (setSort(key), setPage(0))} aria-pressed={sort === key} className={`uppercase ${sort === key ? "text-slate-900 underline" : ""}`} title={key === "name" ? "Sort by name" : `Most ${label} first`}>
      {label}
    </button>
  );
  return (
    <Card
      title={`Namespaces (${namespaces.length})`}
      actions={
        <input
          type="search"
          aria-label="Filter namespaces"
          data-testid="namespace-filter"
          placeholder="Filter namespaces…"
          value={filter}
          onChange={(e) => (setFilter(e.target.value), setPage(0))}
          className="w-56 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        />
      }
    >
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="namespace-table">
          <thead>
            <tr className="text-left text-xs uppercase tracking-wide text-slate-600">
              <th className="py-1 pr-4 font-medium">{sortBy("name", "Namespace")}</th>
              {columns.map(([k, l]) => (
                <th key={l} className="py-1 pr-4 text-right font-medium">
                  {sortBy(k, l)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((n) => (
              <tr key={n.name} className="border-t border-slate-100">
                <td className="py-1.5 pr-4 font-medium text-slate-900">
                  {n.name} {n.implicit ? <Badge title="Referenced by objects but not declared in the input">implicit</Badge> : null}
                </td>
                {columns.map(([k]) => (
                  <td key={k} className="py-1.5 pr-4 text-right tabular-nums text-slate-700">
                    {n.counts[k] ?? 0}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-2 flex items-center gap-2 text-xs text-slate-700" data-testid="namespace-pager">
        {rows.length === 0 ? (
          <span>No namespace matches “{filter}”.</span>
        ) : (
          <span>
            {p * PAGE + 1}–{p * PAGE + shown.length} of {rows.length}
            {q ? ` matching “${filter.trim()}”` : ""}
          </span>
        )}
        {pages > 1 ? (
          <>
            <button type="button" disabled={p === 0} onClick={() => setPage(p - 1)} className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-40">
              Previous
            </button>
            <button type="button" disabled={p + 1 >= pages} onClick={() => setPage(p + 1)} className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-40">
              Next
            </button>
          </>
        ) : null}
      </div>
    </Card>
  );
}
