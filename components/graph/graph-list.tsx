"use client";
/**
 * The graph as tables: every node (with its status words) and every edge, reachable by keyboard,
 * for screen readers and for anyone who prefers reading to panning. Same selection and "open" as
 * the canvas. Long lists page by 100.
 */
import { useMemo, useState } from "react";
import type { GraphDTO, GraphNode } from "@/lib/graph/types";

export const PAGE = 100;

const STATUS_WORDS: Record<string, string> = {
  isolated: "isolated",
  partial: "partly isolated",
  unprotected: "unprotected",
  collapsed: "folded",
  fold: "folded subjects",
  focus: "focus",
  highlight: "on the path",
  ghost: "missing",
  "risk-critical": "critical risk",
  "risk-high": "high risk",
  "host-network": "host network",
  both: "both ways",
};

export function statusWords(n: GraphNode): string {
  return [...new Set((n.classes ?? []).map((c) => STATUS_WORDS[c]).filter(Boolean))].join(", ");
}

/** "Show 100 more of N remaining" under a list paged by PAGE. */
export function More({ shown, total, onMore }: { shown: number; total: number; onMore: () => void }) {
  if (shown >= total) return null;
  return (
    <button type="button" onClick={onMore} className="mt-2 text-xs text-accent hover:underline">
      Show {Math.min(PAGE, total - shown)} more of {total - shown} remaining
    </button>
  );
}

export function GraphList({ graph, selected, onSelect, onExpand }: { graph: GraphDTO; selected?: string; onSelect?: (id: string | undefined) => void; onExpand?: (id: string) => void }) {
  const [nodeRows, setNodeRows] = useState(PAGE);
  const [edgeRows, setEdgeRows] = useState(PAGE);
  const labels = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n.label])), [graph]);
  const nodes = graph.nodes;
  return (
    <div className="grid gap-4 p-3 text-sm xl:grid-cols-2" data-testid="graph-list">
      <section aria-label="Nodes">
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">Nodes ({nodes.length})</h3>
        <table className="w-full text-left text-xs">
          <thead className="text-slate-600">
            <tr>
              <th className="py-1 pr-2 font-medium">Name</th>
              <th className="py-1 pr-2 font-medium">Kind</th>
              <th className="py-1 pr-2 font-medium">Status</th>
              <th className="py-1 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {nodes.slice(0, nodeRows).map((n) => (
              <tr key={n.id} className={`border-t border-slate-100 ${n.id === selected ? "bg-accent-soft" : ""}`}>
                <td className="py-1 pr-2 font-medium text-slate-900">
                  {n.label}
                  {n.parent ? <span className="text-slate-600"> in {labels.get(n.parent) ?? n.parent}</span> : null}
                  {n.detail ? <div className="font-normal text-slate-600">{n.detail}</div> : null}
                </td>
                <td className="py-1 pr-2 text-slate-700">{n.type}</td>
                <td className="py-1 pr-2 text-slate-700">{statusWords(n)}</td>
                <td className="whitespace-nowrap py-1">
                  {onSelect ? (
                    <button type="button" aria-pressed={n.id === selected} onClick={() => onSelect(n.id)} className="text-accent hover:underline">
                      Details
                    </button>
                  ) : null}
                  {onExpand ? (
                    <button type="button" onClick={() => onExpand(n.id)} className="ml-2 text-accent hover:underline">
                      Open
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <More shown={nodeRows} total={nodes.length} onMore={() => setNodeRows((r) => r + PAGE)} />
      </section>
      <section aria-label="Edges">
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">Edges ({graph.edges.length})</h3>
        {graph.edges.length === 0 ? (
          <p className="text-xs text-slate-600">No edges drawn.</p>
        ) : (
          <table className="w-full text-left text-xs">
            <thead className="text-slate-600">
              <tr>
                <th className="py-1 pr-2 font-medium">From</th>
                <th className="py-1 pr-2 font-medium">To</th>
                <th className="py-1 font-medium">Label</th>
              </tr>
            </thead>
            <tbody>
              {graph.edges.slice(0, edgeRows).map((e) => (
                <tr key={e.id} className="border-t border-slate-100">
                  <td className="py-1 pr-2 text-slate-900">{labels.get(e.source) ?? e.source}</td>
                  <td className="py-1 pr-2 text-slate-900">{labels.get(e.target) ?? e.target}</td>
                  <td className="py-1 text-slate-700">
                    {e.label}
                    {(e.classes ?? []).map((c) => STATUS_WORDS[c] ?? (c === "denied" ? "denied" : c === "exposure" ? "via ingress controller" : c === "allowed" ? "allowed" : "")).filter(Boolean).map((w) => ` (${w})`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <More shown={edgeRows} total={graph.edges.length} onMore={() => setEdgeRows((r) => r + PAGE)} />
      </section>
    </div>
  );
}
