"use client";
/** Every workload in one table — Pod Security level, identity, exposure, guards, findings — with a detail panel. */
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useDeferredValue, useMemo, useState } from "react";
import type { WorkloadsResponse } from "@/lib/contracts";
import { useSourceQuery } from "@/components/api";
import { SEVERITY_ORDER, SeverityBadge } from "@/components/findings/severity";
import { Badge } from "@/components/ui/badge";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { Toggle } from "@/components/ui/toggle";
import { VirtualRows } from "@/components/ui/virtual-rows";
import type { WorkloadRow } from "@/lib/views/workloads";
import { LevelBadge } from "./badges";
import { WorkloadDetailPanel } from "./workload-detail";
import { NamespacedName } from "../ui/name";

export function WorkloadsExplorer({ sourceId }: { sourceId: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const [q, setQ] = useState(sp.get("q") ?? "");
  const [only, setOnly] = useState<"" | "exposed" | "unguarded" | "risky">((sp.get("only") as "") ?? "");
  const query = useDeferredValue(q);
  const res = useSourceQuery<Extract<WorkloadsResponse, { rows: unknown }>>(sourceId, "workloads");
  const selected = sp.get("kind") && sp.get("namespace") && sp.get("name") ? { kind: sp.get("kind")!, namespace: sp.get("namespace")!, name: sp.get("name")! } : undefined;
  const rows = useMemo(() => {
    const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    return (res.data?.rows ?? []).filter((r) => {
      if (only === "exposed" && !r.exposed) return false;
      if (only === "unguarded" && r.ingressGuarded) return false;
      if (only === "risky" && !(r.identity.severity === "critical" || r.identity.severity === "high")) return false;
      const hay = `${r.kind} ${r.namespace}/${r.name} ${r.serviceAccount}`.toLowerCase();
      return terms.every((t) => hay.includes(t));
    });
  }, [res.data, query, only]);

  const select = (r: WorkloadRow) => {
    const next = new URLSearchParams(sp.toString());
    next.set("kind", r.kind);
    next.set("namespace", r.namespace);
    next.set("name", r.name);
    router.replace(`${pathname}?${next.toString()}`, { scroll: false });
  };

  if (res.isPending) return <Loading />;
  if (res.isError) return <ErrorState error={res.error} />;
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_440px]">
      <div className="min-w-0 rounded-lg border border-slate-200 bg-white">
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-2">
          {(
            [
              ["", "All"],
              ["exposed", "Internet-exposed"],
              ["unguarded", "No ingress policy"],
              ["risky", "Powerful identity"],
            ] as const
          ).map(([k, label]) => (
            <Toggle key={k} on={only === k} onChange={() => setOnly(k)}>
              {label}
            </Toggle>
          ))}
          <input type="search" aria-label="Search workloads" placeholder="Search workloads…" value={q} onChange={(e) => setQ(e.target.value)} className="ml-auto w-56 rounded-md border border-slate-300 px-2 py-1 text-sm" />
          <span className="text-xs text-slate-500" data-testid="workload-count">
            {rows.length} workload{rows.length === 1 ? "" : "s"}
          </span>
        </div>
        <div className="flex gap-3 border-b border-slate-100 px-3 py-1.5 text-xs font-medium uppercase tracking-wide text-slate-500">
          <span className="min-w-0 flex-1">Workload</span>
          <span className="w-24">Pod Security</span>
          <span className="w-40">Identity</span>
          <span className="w-44">Network</span>
          <span className="w-28 text-right">Findings</span>
        </div>
        {rows.length === 0 ? (
          <div className="p-4">
            <Empty title="No workload matches" />
          </div>
        ) : (
          <VirtualRows
            count={rows.length}
            label="Workloads"
            estimateSize={() => 48}
            row={(index, style) => {
                const r = rows[index];
                const active = selected && selected.kind === r.kind && selected.namespace === r.namespace && selected.name === r.name;
                return (
                  <button
                    type="button"
                    role="listitem"
                    onClick={() => select(r)}
                    style={style}
                    className={`flex items-center gap-3 border-b border-slate-100 px-3 text-left text-sm hover:bg-slate-50 ${active ? "bg-accent-soft" : ""}`}
                  >
                    <span className="min-w-0 flex-1">
                      <span className="block truncate font-medium text-slate-900">
                        <NamespacedName namespace={r.namespace} name={r.name} />
                      </span>
                      <span className="block truncate text-xs text-slate-500">
                        {r.kind} · {r.pods} pod{r.pods === 1 ? "" : "s"}
                      </span>
                    </span>
                    <span className="w-24">
                      <LevelBadge level={r.level} />
                    </span>
                    <span className="w-40 truncate text-xs" title={r.identity.summary}>
                      {r.identity.severity ? <SeverityBadge severity={r.identity.severity} /> : null} <span className="text-slate-600">{r.serviceAccount}</span>
                    </span>
                    <span className="flex w-44 gap-1">
                      {r.exposed ? <Badge tone="high">exposed</Badge> : null}
                      {r.hostNetwork ? <Badge tone="medium">hostNetwork</Badge> : !r.ingressGuarded ? <Badge tone="medium">open</Badge> : <Badge tone="ok">guarded</Badge>}
                    </span>
                    <span className="flex w-28 justify-end gap-1 text-xs tabular-nums">
                      {r.worst && r.worst !== "info" ? <SeverityBadge severity={r.worst} /> : null}
                      <span className="text-slate-500">{SEVERITY_ORDER.reduce((n, s) => n + r.findings[s], 0)}</span>
                    </span>
                  </button>
                );
            }}
          />
        )}
      </div>
      <aside className="rounded-lg border border-slate-200 bg-white p-4 lg:sticky lg:top-4 lg:self-start">
        {selected ? <WorkloadDetailPanel sourceId={sourceId} {...selected} /> : <p className="text-sm text-slate-500">Select a workload to see it across Pod Security, identity and network.</p>}
      </aside>
    </div>
  );
}
