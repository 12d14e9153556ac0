"use client";
/**
 * The findings table: filters, grouping and the page in the URL; the server filters, counts and
 * pages (a page of rows travels, never the tens of thousands of findings of a large cluster); the
 * page is drawn virtualized; a detail panel for the selected finding; exports of everything.
 */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useDeferredValue, useMemo } from "react";
import type { FindingsResponse } from "@/lib/contracts";
import { sourcePath, useSourceQuery } from "@/components/api";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { Toggle } from "@/components/ui/toggle";
import { VirtualRows } from "@/components/ui/virtual-rows";
import { readFilters, writeFilters, type FindingFilters } from "@/lib/findings/query";
import { FindingDetail } from "./finding-detail";
import { AREA_LABELS, SEVERITY_ORDER, SeverityBadge } from "./severity";
import { NamespacedName } from "../ui/name";


function Select({ label, value, options, onChange }: { label: string; value: string; options: [string, string][]; onChange: (v: string) => void }) {
  return (
    <label className="flex items-center gap-1 text-xs text-slate-600">
      {label}
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} className="max-w-48 rounded-md border border-slate-300 bg-white px-1.5 py-1 text-xs text-slate-900">
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

function Pager({ page, pageCount, pageSize, rows, onPage }: { page: number; pageCount: number; pageSize: number; rows: number; onPage: (p: number) => void }) {
  const button = "rounded-md border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50 disabled:opacity-50 disabled:hover:bg-transparent";
  return (
    <nav aria-label="Findings pages" data-testid="findings-pager" className="flex items-center justify-end gap-2 border-t border-slate-100 px-3 py-1.5 text-xs text-slate-600">
      <span className="tabular-nums">
        rows {(page - 1) * pageSize + 1}–{Math.min(page * pageSize, rows)} of {rows} · page {page} of {pageCount}
      </span>
      <button type="button" className={button} disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ‹ Previous
      </button>
      <button type="button" className={button} disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        Next ›
      </button>
    </nav>
  );
}

export function FindingsExplorer({ sourceId }: { sourceId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const filters = readFilters(new URLSearchParams(sp.toString()));
  const selectedId = sp.get("id") ?? undefined;
  const q = useDeferredValue(filters.q);
  const page = Math.max(1, Number(sp.get("page")) || 1);
  const question = writeFilters({ ...filters, q }, new URLSearchParams());
  if (page > 1) question.set("page", String(page));
  if (selectedId) question.set("id", selectedId);
  const res = useSourceQuery<FindingsResponse>(sourceId, `findings?${question.toString()}`, { placeholderData: (prev) => prev });
  const data = res.data;
  const ruleTitles = useMemo(() => Object.fromEntries((data?.rules ?? []).map((r) => [r.rule, r.title])), [data?.rules]);
  const rows = data?.rows ?? [];

  const set = (patch: Partial<FindingFilters>, extra?: Record<string, string | undefined>) => {
    const next = writeFilters({ ...filters, ...patch }, new URLSearchParams(sp.toString()));
    for (const [k, v] of Object.entries(extra ?? {})) {
      if (v === undefined) next.delete(k);
      else next.set(k, v);
    }
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };
  const toggle = <T extends string>(list: T[], v: T) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

  if (res.isPending) return <Loading label="Running checks…" />;
  if (res.isError) return <ErrorState error={res.error} />;
  if (!data) return null;
  const selected = selectedId ? data.selected : undefined;
  const goTo = (p: number) => set({}, { page: p > 1 ? String(p) : undefined });
  const exportHref = (format: string) => `${sourcePath(sourceId, "findings/export")}?format=${format}${filters.defaults ? "&defaults=1" : ""}`;

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_420px]">
      <div className="min-w-0 rounded-lg border border-slate-200 bg-white">
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-2">
          {SEVERITY_ORDER.map((s) => (
            <Toggle key={s} on={filters.severity.includes(s)} onChange={() => set({ severity: toggle(filters.severity, s) })} testId={`filter-severity-${s}`}>
              {s} <span className="tabular-nums text-slate-500">{data.severityCounts[s]}</span>
            </Toggle>
          ))}
          <Select label="Area" value={filters.area[0] ?? ""} options={[["", "all"], ...Object.entries(AREA_LABELS)]} onChange={(v) => set({ area: v ? [v] : [] })} />
          <Select label="Namespace" value={filters.namespace[0] ?? ""} options={[["", "all"], ...data.namespaces.map((n): [string, string] => [n, n])]} onChange={(v) => set({ namespace: v ? [v] : [] })} />
          <Select label="Rule" value={filters.rule[0] ?? ""} options={[["", "all"], ...data.ruleIds.map((r): [string, string] => [r, ruleTitles[r] ? `${r} · ${ruleTitles[r]}` : r])]} onChange={(v) => set({ rule: v ? [v] : [] })} />
          <Select label="Status" value={filters.status[0] ?? ""} options={[["", "all"], ["open", "open"], ["excepted", "excepted"]]} onChange={(v) => set({ status: v ? [v as "open"] : [] })} />
          <Select label="Group" value={filters.group} options={[["none", "none"], ["rule", "rule"], ["namespace", "namespace"], ["severity", "severity"], ["area", "area"]]} onChange={(v) => set({ group: v as FindingFilters["group"] })} />
          <label className="flex items-center gap-1 text-xs text-slate-600">
            <input type="checkbox" checked={filters.defaults} onChange={(e) => set({ defaults: e.target.checked })} />
            include default &amp; vendor roles
          </label>
          <input
            type="search"
            aria-label="Search findings"
            placeholder="Search findings…"
            defaultValue={filters.q}
            onChange={(e) => set({ q: e.target.value })}
            className="ml-auto w-56 rounded-md border border-slate-300 px-2 py-1 text-sm"
          />
        </div>
        <div className="flex items-center justify-between border-b border-slate-100 px-3 py-1.5 text-xs text-slate-500">
          <span data-testid="findings-count">
            {data.matched} of {data.total} finding{data.total === 1 ? "" : "s"}
          </span>
          <span className="flex gap-2">
            Export:
            {["json", "csv", "sarif"].map((f) => (
              <a key={f} href={exportHref(f)} className="underline hover:text-slate-900" download>
                {f.toUpperCase()}
              </a>
            ))}
          </span>
        </div>
        {rows.length === 0 ? (
          <div className="p-4">
            <Empty title={data.total ? "No finding matches these filters" : "No findings"}>{data.total ? "Clear a filter to see more." : "Nothing to report for this source."}</Empty>
          </div>
        ) : (
          <VirtualRows
            // a new filter, grouping or page starts at the top of the list, not at the old scroll position
            key={`${writeFilters({ ...filters, q }, new URLSearchParams()).toString()}#${data.page}`}
            count={rows.length}
            label="Findings"
            estimateSize={(i) => (rows[i]?.type === "group" ? 34 : 52)}
            row={(index, style) => {
                const row = rows[index];
                if (row.type === "group") {
                  return (
                    <div key={row.key} style={style} className="flex items-center gap-2 bg-slate-50 px-3 text-xs font-semibold text-slate-700">
                      {row.label} <span className="font-normal text-slate-500">({row.count})</span>
                    </div>
                  );
                }
                const x = row.finding;
                const r = x.resources[0];
                return (
                  <button
                    key={x.id}
                    type="button"
                    role="listitem"
                    style={style}
                    onClick={() => set({}, { id: x.id })}
                    aria-current={x.id === selectedId ? "true" : undefined}
                    className={`flex items-center gap-3 border-b border-slate-100 px-3 text-left text-sm hover:bg-slate-50 ${x.id === selectedId ? "bg-accent-soft" : ""} ${x.exception ? "opacity-60" : ""}`}
                  >
                    <span className="w-16 shrink-0">
                      <SeverityBadge severity={x.severity} />
                    </span>
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-medium text-slate-900">{x.title}</span>
                      <span className="block truncate text-xs text-slate-500">
                        {r ? (
                          <>
                            {r.kind} <NamespacedName namespace={r.namespace} name={r.name} />
                          </>
                        ) : (
                          ""
                        )}
                        {x.resources.length > 1 ? ` +${x.resources.length - 1}` : ""}
                      </span>
                    </span>
                    <span className="w-20 shrink-0 text-right text-xs text-slate-500">{AREA_LABELS[x.category]}</span>
                    <span className="w-36 shrink-0 truncate text-right font-mono text-xs text-slate-600" title={x.rule}>
                      {x.rule}
                    </span>
                  </button>
                );
            }}
          />
        )}
        {data.pageCount > 1 && <Pager page={data.page} pageCount={data.pageCount} pageSize={data.pageSize} rows={data.totalRows} onPage={goTo} />}
      </div>
      <aside className="rounded-lg border border-slate-200 bg-white p-4 lg:sticky lg:top-4 lg:self-start">
        {selected ? (
          <FindingDetail sourceId={sourceId} finding={selected} onClose={() => set({}, { id: undefined })} />
        ) : (
          <p className="text-sm text-slate-500">Select a finding to see its evidence and how to fix it.</p>
        )}
      </aside>
    </div>
  );
}
