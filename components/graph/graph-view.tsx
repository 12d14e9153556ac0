"use client";
/**
 * The graph with its frame: a Graph / List switch (the list is the keyboard and screen-reader path to
 * the same content), legend slot, "what is hidden" note, and browser-only loading of Cytoscape.
 */
import dynamic from "next/dynamic";
import { useState } from "react";
import { Loading } from "@/components/ui/states";
import type { GraphCanvasProps } from "./graph-canvas";
import { GraphList } from "./graph-list";

const GraphCanvas = dynamic(() => import("./graph-canvas"), { ssr: false, loading: () => <Loading label="Drawing graph…" /> });

export function GraphView(props: GraphCanvasProps & { legend?: React.ReactNode }) {
  const { graph, legend } = props;
  const [mode, setMode] = useState<"graph" | "list">("graph");
  const tab = (m: "graph" | "list", label: string) => (
    <button
      type="button"
      aria-pressed={mode === m}
      data-testid={`graph-mode-${m}`}
      onClick={() => setMode(m)}
      className={`px-2 py-0.5 text-xs font-medium ${mode === m ? "bg-slate-900 text-white" : "bg-white text-slate-700 hover:bg-slate-100"}`}
    >
      {label}
    </button>
  );
  return (
    <div className="relative overflow-hidden rounded-lg border border-slate-200 bg-white">
      <div className="absolute right-3 top-3 z-10 flex overflow-hidden rounded-md border border-slate-300 shadow-sm" role="group" aria-label="Show as">
        {tab("graph", "Graph")}
        {tab("list", "List")}
      </div>
      {mode === "graph" ? <GraphCanvas {...props} /> : <div className={`${props.className ?? "h-[560px] w-full"} overflow-auto pt-8`}><GraphList graph={graph} selected={props.selected} onSelect={props.onSelect} onExpand={props.onExpand} /></div>}
      {mode === "graph" ? (
        <div className="pointer-events-none absolute left-3 top-3 flex flex-col gap-1 text-xs text-slate-700">
          <span className="rounded bg-white/90 px-2 py-1 shadow-sm" data-testid="graph-size">
            {graph.nodes.length} nodes · {graph.edges.length} edges
          </span>
          {graph.hidden && (graph.hidden.nodes > 0 || graph.hidden.edges > 0) ? (
            <span className="rounded bg-amber-50/95 px-2 py-1 text-amber-900 shadow-sm" data-testid="graph-hidden">
              {graph.hidden.nodes} nodes and {graph.hidden.edges} edges not drawn: {graph.hidden.reason}
            </span>
          ) : null}
        </div>
      ) : null}
      {legend && mode === "graph" ? <div className="absolute bottom-3 left-3 rounded bg-white/90 px-2 py-1 text-xs text-slate-700 shadow-sm">{legend}</div> : null}
    </div>
  );
}
