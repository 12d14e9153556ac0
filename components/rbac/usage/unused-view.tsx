"use client";
/**
 * The RBAC "Unused" view: what went unused over the window the audit log covers, worst first —
 * risky permissions held and never needed, bindings, service accounts, roles and rules — each opening
 * the explorer on it (and a risky permission on its subject's right-sized roles); below, the requests
 * the log and RBAC on the snapshot disagree about.
 */
import { useMemo, useState } from "react";
import { useSourceQuery } from "@/components/api";
import { SeverityBadge } from "@/components/findings/severity";
import { Badge } from "@/components/ui/badge";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import { Toggle } from "@/components/ui/toggle";
import { VirtualRows } from "@/components/ui/virtual-rows";
import type { ExplorerState } from "@/lib/rbac/explorer-url";
import type { Update } from "../use-explorer-state";
import type { UnexplainedRequest, UnusedItem, UnusedReport } from "./api-types";
import { AuditWindowNote } from "./audit-window";
import { count, day, useAuditStatus } from "./use-audit";

const KINDS: { kind: UnusedItem["kind"]; label: string }[] = [
  { kind: "permission", label: "Risky permissions" },
  { kind: "binding", label: "Bindings" },
  { kind: "serviceAccount", label: "Service accounts" },
  { kind: "role", label: "Roles" },
  { kind: "rule", label: "Rules" },
];

function Disagreements({ title, rows, testId }: { title: string; rows: UnexplainedRequest[]; testId: string }) {
  if (!rows.length) return null;
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid={testId}>
      <summary className="cursor-pointer font-medium text-slate-800">
        {title} <span className="text-slate-500">({count(rows.length)})</span>
      </summary>
      <ul className="mt-2 space-y-1 text-xs">
        {rows.slice(0, 200).map((r, i) => (
          <li key={i}>
            <span className="font-mono">{r.username}</span>: {r.text} ×{count(r.count)}, last {day(r.last)} — <span className="text-slate-600">{r.why}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function UnusedView({ sourceId, update }: { sourceId: string; state: ExplorerState; update: Update }) {
  const status = useAuditStatus(sourceId).data;
  const ready = status?.state === "ready";
  const res = useSourceQuery<UnusedReport>(sourceId, "audit/unused", { enabled: ready });
  const [kinds, setKinds] = useState<UnusedItem["kind"][]>([]);
  const [defaults, setDefaults] = useState(false);
  const items = useMemo(() => (res.data?.items ?? []).filter((i) => (defaults || !i.isDefault) && (!kinds.length || kinds.includes(i.kind))), [res.data, kinds, defaults]);
  if (!status) return <Loading />;
  if (!status.configured || status.state !== "ready") return <AuditWindowNote status={status} />;
  if (res.isPending) return <Loading label="Finding what went unused…" />;
  if (res.isError) return <ErrorState error={res.error} />;
  const open = (i: UnusedItem) => update({ tab: "explore", focus: i.node, selected: undefined, expand: [], rule: undefined, suggest: undefined });
  const suggest = (subject: string) => update({ tab: "explore", focus: `subject:${subject}`, selected: undefined, expand: [], rule: undefined, suggest: true });
  return (
    <div className="space-y-3">
      <AuditWindowNote status={status} />
      <section className="rounded-lg border border-slate-200 bg-white" aria-label="Unused over the audit window">
        <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-3 py-2">
          {KINDS.map(({ kind, label }) => (
            <Toggle key={kind} on={kinds.includes(kind)} onChange={(on) => setKinds(on ? [...kinds, kind] : kinds.filter((k) => k !== kind))} testId={`unused-kind-${kind}`}>
              {label} <span className="tabular-nums text-slate-500">{res.data.items.filter((i) => i.kind === kind && (defaults || !i.isDefault)).length}</span>
            </Toggle>
          ))}
          <label className="flex items-center gap-1 text-xs text-slate-600">
            <input type="checkbox" checked={defaults} onChange={(e) => setDefaults(e.target.checked)} />
            include default &amp; vendor objects
          </label>
          <span className="ml-auto text-xs text-slate-500">sorted by risk: what each grants, worst first</span>
        </div>
        {items.length === 0 ? (
          <div className="p-4">
            <Empty title="Nothing unused here">Everything shown was used in the window, or the filters hide it.</Empty>
          </div>
        ) : (
          <VirtualRows
            count={items.length}
            estimateSize={() => 58}
            label="Unused over the audit window"
            className="h-[60vh] overflow-auto"
            row={(k, style) => {
              const i = items[k];
              return (
                <div style={style} className="flex items-start gap-2 border-b border-slate-100 px-3 py-2 text-sm" data-testid="unused-item" data-kind={i.kind}>
                  <span className="w-16 shrink-0">{i.severity ? <SeverityBadge severity={i.severity} /> : <Badge>none</Badge>}</span>
                  <div className="min-w-0 flex-1">
                    <button type="button" onClick={() => open(i)} className="block truncate text-left font-medium text-slate-900 hover:underline" title={i.title}>
                      {i.title}
                    </button>
                    <p className="truncate text-xs text-slate-600" title={i.detail}>
                      {i.detail}
                    </p>
                  </div>
                  {i.subject ? (
                    <button type="button" onClick={() => suggest(i.subject!)} className="shrink-0 rounded-md border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:border-accent">
                      Right-size
                    </button>
                  ) : null}
                </div>
              );
            }}
          />
        )}
      </section>
      <Disagreements title="Allowed in the cluster, not by RBAC on this snapshot" rows={res.data.notRbac} testId="not-rbac" />
      <Disagreements title="Refused in the cluster, though RBAC on this snapshot allows it" rows={res.data.refusedButGranted} testId="refused-granted" />
    </div>
  );
}
