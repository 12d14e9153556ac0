"use client";
/**
 * Every configured cluster side by side (GET /api/fleet), re-asked every 2 s while some are still
 * being read and every 30 s after. Sort, text filter, "problems only" and the rule filter live in
 * the URL, so a filtered fleet can be sent as a link.
 */
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { api, ApiError } from "@/components/api";
import { Badge } from "@/components/ui/badge";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import type { FleetView } from "@/lib/fleet/fleet";
import { filterRows, SORT_KEYS, sortRows, type SortKey } from "@/lib/fleet/rows";
import { FleetTable } from "./fleet-table";

const TONE = { critical: "critical", high: "high", medium: "medium", low: "low", info: "info" } as const;

export function FleetExplorer() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const q = useQuery<FleetView, ApiError>({
    queryKey: ["fleet"],
    queryFn: () => api<FleetView>("/api/fleet"),
    refetchInterval: (query) => ((query.state.data?.loading ?? 1) > 0 ? 2_000 : 30_000),
  });
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);

  const sortParam = params.get("sort");
  const sort: SortKey = (SORT_KEYS as readonly string[]).includes(sortParam ?? "") ? (sortParam as SortKey) : "score";
  const dir = params.get("dir") === "desc" ? "desc" : "asc";
  const text = params.get("q") ?? "";
  const rule = params.get("rule") ?? "";
  const problems = params.get("only") === "problems";
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k);
    router.replace(`${pathname}${next.size ? `?${next}` : ""}`, { scroll: false });
  };

  const rows = useMemo(() => (q.data ? sortRows(filterRows(q.data.rows, { text, rule: rule || undefined, only: problems ? "problems" : undefined }), sort, dir) : []), [q.data, text, rule, problems, sort, dir]);

  if (q.isPending) return <Loading label="Reading every cluster…" />;
  if (q.error) return <ErrorState error={q.error} />;
  const data = q.data;
  const read = data.rows.filter((r) => r.state === "ready").length;
  const failed = data.rows.filter((r) => r.state === "error").length;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-xl font-semibold text-slate-900">Fleet</h1>
        <p className="text-sm text-slate-600" data-testid="fleet-summary">
          {data.rows.length} sources: {read} read{failed ? `, ${failed} could not be read` : ""}
          {data.loading ? `, ${data.loading} still reading…` : ""}
        </p>
      </div>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <input
          type="search"
          value={text}
          onChange={(e) => set({ q: e.target.value || null })}
          placeholder="Filter by name, server or CNI"
          aria-label="Filter clusters"
          className="w-72 rounded-md border border-slate-300 px-2 py-1"
        />
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={problems} onChange={(e) => set({ only: e.target.checked ? "problems" : null })} />
          only clusters with problems
        </label>
        {rule ? (
          <button type="button" onClick={() => set({ rule: null })} className="rounded-md border border-slate-300 px-2 py-0.5" title="Clear the rule filter">
            rule {rule} ✕
          </button>
        ) : null}
      </div>
      <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        {rows.length ? (
          <FleetTable rows={rows} sort={sort} dir={dir} now={now} onSort={(k) => set({ sort: k, dir: k === sort && dir === "asc" ? "desc" : "asc" })} />
        ) : (
          <Empty title="No cluster matches">Clear the filters to see every source.</Empty>
        )}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="rules-across">
        <h2 id="rules-across" className="mb-2 font-semibold text-slate-900">
          The same rule across clusters
        </h2>
        {data.rules.length ? (
          <ul className="space-y-1 text-sm" data-testid="fleet-rules">
            {data.rules.slice(0, 30).map((r) => (
              <li key={r.rule} className="flex items-center gap-2">
                <Badge tone={TONE[r.severity]}>{r.severity}</Badge>
                <button type="button" className="font-mono text-accent hover:underline" onClick={() => set({ rule: r.rule })} title="Show the clusters with this rule">
                  {r.rule}
                </button>
                <span className="text-slate-700">
                  in {r.sources.length} of {r.of} clusters
                </span>
                <span className="truncate text-slate-500">— {r.title}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{read ? "No open findings in any cluster read." : "No cluster has been read yet."}</p>
        )}
      </section>
    </div>
  );
}
