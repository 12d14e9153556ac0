"use client";
/** What a draft does to the source: the score per area, what the audit log used that it would refuse, then connections, grants and findings, each before → after. */
import { useState } from "react";
import { useSourceQuery } from "@/components/api";
import { AREA_LABELS, SeverityBadge } from "@/components/findings/severity";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { UsedCard } from "./used-card";
import { ErrorState, Loading, Notice } from "@/components/ui/states";
import { grade } from "@/lib/findings/grade";
import type { Finding } from "@/lib/findings/types";
import type { SubjectChange } from "@/lib/rbac/diff";
import { permissionText } from "@/lib/rbac/permission-text";
import type { ConnectionChange } from "@/lib/whatif/compare";
import { formatObjectKey } from "@/lib/whatif/object-key";
import type { WhatifSummary } from "@/lib/whatif/summary";

const score = (n: number | null) => (n === null ? "–" : `${n} ${grade(n)}`);

function ScoreTable({ s }: { s: WhatifSummary["score"] }) {
  const rows = [{ area: "overall", before: s.before, after: s.after }, ...s.areas.filter((a) => a.before !== null || a.after !== null)];
  return (
    <table className="w-full text-sm" data-testid="whatif-score">
      <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-1 font-medium">Score</th>
          <th className="py-1 text-right font-medium">before</th>
          <th className="py-1 text-right font-medium">with draft</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const d = r.before !== null && r.after !== null ? r.after - r.before : 0;
          return (
            <tr key={r.area} className={`border-t border-slate-100 ${r.area === "overall" ? "font-semibold" : ""}`}>
              <td className="py-1">{r.area === "overall" ? "Overall" : (AREA_LABELS[r.area] ?? r.area)}</td>
              <td className="py-1 text-right tabular-nums">{score(r.before)}</td>
              <td className="py-1 text-right tabular-nums">
                {score(r.after)}
                {d ? <span className={`ml-2 text-xs ${d > 0 ? "text-emerald-700" : "text-red-700"}`}>{d > 0 ? `▲ ${d}` : `▼ ${-d}`}</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Connections({ title, list, tone, testId }: { title: string; list: ConnectionChange[]; tone: "opened" | "closed"; testId: string }) {
  return (
    <Card title={`${title} (${list.length})`}>
      {list.length === 0 ? (
        <p className="text-sm text-slate-500">None.</p>
      ) : (
        <table className="w-full text-sm" data-testid={testId}>
          <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="py-1 font-medium">From</th>
              <th className="py-1 font-medium">To</th>
              <th className="py-1 font-medium">Ports</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={`${c.src}>${c.dst}`} className="border-t border-slate-100 align-top">
                <td className="py-1 font-mono text-xs">{c.src}</td>
                <td className="py-1 font-mono text-xs">{c.dst}</td>
                <td className="py-1">
                  <Badge tone={tone === "opened" ? "high" : "ok"}>{c.conn}</Badge>
                  {c.info ? <span className="ml-2 text-xs text-slate-500">{c.info}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function Grants({ title, list, testId }: { title: string; list: SubjectChange[]; testId: string }) {
  return (
    <Card title={`${title} (${list.length} subject${list.length === 1 ? "" : "s"})`}>
      {list.length === 0 ? (
        <p className="text-sm text-slate-500">None.</p>
      ) : (
        <ul className="space-y-2 text-sm" data-testid={testId}>
          {list.map((s) => (
            <li key={`${s.kind}/${s.namespace ?? ""}/${s.name}`}>
              <span className="font-medium text-slate-900">
                {s.kind} {s.namespace ? `${s.namespace}/` : ""}
                {s.name}
              </span>
              <ul className="ml-4 mt-0.5 space-y-0.5 text-xs text-slate-700">
                {s.permissions.map((p, i) => (
                  <li key={i}>
                    <span className="font-mono">{p.verbs.join(",") || "?"}</span> {permissionText(p)} {p.namespace ? `in ${p.namespace}` : "cluster-wide"}
                    <span className="text-slate-500"> — via {p.via.map((v) => v.text).join("; ")}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Findings({ title, list, testId }: { title: string; list: Finding[]; testId: string }) {
  return (
    <Card title={`${title} (${list.length})`}>
      {list.length === 0 ? (
        <p className="text-sm text-slate-500">None.</p>
      ) : (
        <ul className="space-y-1 text-sm" data-testid={testId}>
          {list.map((f) => (
            <li key={f.id} className="flex items-start gap-2">
              <SeverityBadge severity={f.severity} />
              <span className="font-mono text-xs text-slate-500">{f.rule}</span>
              <span className="text-slate-800">{f.title}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

export function WhatifSummaryView({ sourceId }: { sourceId: string }) {
  const res = useSourceQuery<WhatifSummary>(sourceId, "whatif");
  const md = useSourceQuery<{ markdown: string }>(sourceId, "whatif?format=markdown", { enabled: false });
  const [copied, setCopied] = useState(false);
  if (res.isPending) return <Loading label="Analysing the cluster with the draft…" />;
  if (res.isError) return <ErrorState error={res.error} />;
  const s = res.data;
  const { changes, cascaded, issues } = s.draft;
  return (
    <div className="space-y-4" data-testid="whatif-summary">
      <div className="grid gap-4 lg:grid-cols-2">
        <Card
          title={`What the draft changes (${changes.length})`}
          actions={
            <button
              type="button"
              className="rounded-md border border-slate-300 px-2 py-1 text-xs text-slate-700 hover:bg-slate-50"
              onClick={async () => {
                const r = await md.refetch();
                if (r.data) {
                  await navigator.clipboard.writeText(r.data.markdown);
                  setCopied(true);
                }
              }}
            >
              {copied ? "Copied" : "Copy as Markdown"}
            </button>
          }
        >
          <ul className="space-y-0.5 text-sm" data-testid="whatif-changes">
            {changes.map((c) => (
              <li key={formatObjectKey(c)}>
                <Badge tone={c.op === "delete" ? "critical" : c.op === "create" ? "ok" : "accent"}>{c.op}</Badge> <span className="font-mono text-xs">{formatObjectKey(c)}</span>
              </li>
            ))}
          </ul>
          {cascaded.length ? <p className="mt-2 text-xs text-slate-600">Deleted by Kubernetes with them: {cascaded.join(", ")}</p> : null}
          {issues.length ? (
            <div className="mt-2">
              <Notice testId="whatif-issues">
                {issues.length} part{issues.length === 1 ? "" : "s"} of the draft could not be applied:
                <ul className="list-disc pl-5">
                  {issues.map((i, n) => (
                    <li key={n}>
                      {i.line ? `line ${i.line}: ` : ""}
                      {i.message}
                    </li>
                  ))}
                </ul>
              </Notice>
            </div>
          ) : null}
        </Card>
        <Card title="Score">
          <ScoreTable s={s.score} />
        </Card>
      </div>
      <UsedCard s={s} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Connections title="Connections opened" list={s.connections.opened} tone="opened" testId="connections-opened" />
        <Connections title="Connections closed" list={s.connections.closed} tone="closed" testId="connections-closed" />
        <Grants title="Grants gained" list={s.grants.gained} testId="grants-gained" />
        <Grants title="Grants lost" list={s.grants.lost} testId="grants-lost" />
        <Findings title="New findings" list={s.findings.new} testId="findings-new" />
        <Findings title="Fixed findings" list={s.findings.fixed} testId="findings-fixed" />
      </div>
    </div>
  );
}
