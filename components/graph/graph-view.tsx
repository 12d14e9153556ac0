"use client";
/** The graph with its frame: legend slot, "what is hidden" note, and browser-only loading of Cytoscape. */
import dynamic from "next/dynamic";
import { Loading } from "@/components/ui/states";
import type { GraphCanvasProps } from "./graph-canvas";

const GraphCanvas = dynamic(() => import("./graph-canvas"), { ssr: false, loading: () => <Loading label="Drawing graph…" /> });

export function GraphView(props: GraphCanvasProps & { legend?: React.ReactNode }) {
  const { graph, legend } = props;
  return (
    <div className="relative overflow-hidden rounded-lg border border-slate-200 bg-white">
      <GraphCanvas {...props} />
      <div className="pointer-events-none absolute left-3 top-3 flex flex-col gap-1 text-xs text-slate-600">
        <span className="rounded bg-white/90 px-2 py-1 shadow-sm" data-testid="graph-size">
          {graph.nodes.length} nodes · {graph.edges.length} edges
        </span>
        {graph.hidden && (graph.hidden.nodes > 0 || graph.hidden.edges > 0) ? (
          <span className="rounded bg-amber-50/95 px-2 py-1 text-amber-900 shadow-sm" data-testid="graph-hidden">
            {graph.hidden.nodes} nodes and {graph.hidden.edges} edges not drawn: {graph.hidden.reason}
          </span>
        ) : null}
      </div>
      {legend ? <div className="absolute bottom-3 left-3 rounded bg-white/90 px-2 py-1 text-xs text-slate-600 shadow-sm">{legend}</div> : null}
    </div>
  );
}
