"use client";
/** The fleet's table: one row per cluster, sortable headers, each row drilling into its cluster. */
import Link from "next/link";
import { age } from "@/components/shell/snapshot-status";
import { Badge } from "@/components/ui/badge";
import type { FleetRow, SortKey } from "@/lib/fleet/fleet";

function MiniTrend({ points }: { points: number[] }) {
  if (points.length < 2) return <span className="text-xs text-slate-400">–</span>;
  const w = 64;
  const h = 18;
  const step = w / (points.length - 1);
  const d = points.map((v, i) => `${i ? "L" : "M"}${(i * step).toFixed(1)},${(h - (v / 100) * h).toFixed(1)}`).join(" ");
  const delta = points[points.length - 1] - points[points.length - 2];
  return (
    <span className="inline-flex items-center gap-1" title={`Scores: ${points.join(", ")}`}>
      <svg viewBox={`-2 -2 ${w + 4} ${h + 4}`} className="h-5 w-16" aria-hidden>
        <path d={d} fill="none" stroke="#3451b2" strokeWidth={1.5} />
      </svg>
      <span className={`text-xs ${delta > 0 ? "text-emerald-700" : delta < 0 ? "text-red-700" : "text-slate-500"}`}>{delta > 0 ? `▲${delta}` : delta < 0 ? `▼${-delta}` : "="}</span>
    </span>
  );
}

function Status({ row }: { row: FleetRow }) {
  if (row.state === "loading") return <span className="text-slate-600">reading… {row.progress ?? ""}</span>;
  if (row.state === "error")
    return (
      <span className="text-red-800" data-testid="fleet-error">
        <Badge tone="critical">not read</Badge> {row.error?.message}
      </span>
    );
  if (row.unreadable.length) return <Badge tone="medium" title={`Not readable: ${row.unreadable.join(", ")}`}>partial: {row.unreadable.length} kinds</Badge>;
  return <Badge tone="ok">complete</Badge>;
}

const COLUMNS: { key: SortKey | null; label: string; className?: string }[] = [
  { key: "name", label: "Cluster" },
  { key: "score", label: "Score", className: "text-right" },
  { key: null, label: "Trend" },
  { key: "criticals", label: "Critical", className: "text-right" },
  { key: "high", label: "High", className: "text-right" },
  { key: "cni", label: "CNI" },
  { key: "lastRead", label: "Last read" },
  { key: "state", label: "Status" },
];

export function FleetTable({ rows, sort, dir, onSort, now }: { rows: FleetRow[]; sort: SortKey; dir: "asc" | "desc"; onSort: (k: SortKey) => void; now: number }) {
  return (
    <table className="w-full text-sm" data-testid="fleet-table">
      <thead className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
        <tr>
          {COLUMNS.map((c) => (
            <th key={c.label} className={`px-3 py-2 font-medium ${c.className ?? ""}`} aria-sort={c.key === sort ? (dir === "asc" ? "ascending" : "descending") : undefined}>
              {c.key ? (
                <button type="button" onClick={() => onSort(c.key!)} className="uppercase tracking-wide hover:text-slate-900">
                  {c.label}
                  {c.key === sort ? (dir === "asc" ? " ↑" : " ↓") : ""}
                </button>
              ) : (
                c.label
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.sourceId} className="border-b border-slate-100 align-top hover:bg-slate-50" data-testid="fleet-row" data-source={r.sourceId}>
            <td className="px-3 py-2">
              <Link href={`/c/${encodeURIComponent(r.sourceId)}`} className="font-medium text-accent hover:underline">
                {r.label}
              </Link>
              <span className="ml-2 text-xs text-slate-500">{r.type === "live" ? "context" : r.type === "files" ? "snapshot" : r.type}</span>
              {r.server ? <div className="max-w-[22rem] truncate font-mono text-xs text-slate-500">{r.server}</div> : null}
            </td>
            <td className="px-3 py-2 text-right tabular-nums">
              {r.score === null ? "–" : (
                <>
                  <span className="font-semibold">{r.score}</span> <span className="text-slate-500">{r.grade}</span>
                </>
              )}
            </td>
            <td className="px-3 py-2">
              <MiniTrend points={r.trend} />
            </td>
            <td className="px-3 py-2 text-right tabular-nums">{r.state === "ready" ? <span className={r.bySeverity.critical ? "font-semibold text-red-800" : ""}>{r.bySeverity.critical}</span> : "–"}</td>
            <td className="px-3 py-2 text-right tabular-nums">{r.state === "ready" ? r.bySeverity.high : "–"}</td>
            <td className="px-3 py-2">{r.cni ?? "–"}</td>
            <td className="px-3 py-2 text-slate-600" title={r.lastRead}>
              {r.lastRead ? age(r.lastRead, now) : "–"}
            </td>
            <td className="px-3 py-2">
              <Status row={r} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
