"use client";
/** The graph's side panel: the selected workload's guards and exposure, or any node's connections, with the next steps. */
import Link from "next/link";
import { qs, useSourceQuery } from "@/components/api";
import { Badge } from "@/components/ui/badge";
import { ErrorState, Loading } from "@/components/ui/states";
import type { GraphDTO } from "@/lib/graph/types";
import type { WorkloadDetail } from "@/lib/netpol/workload-view";
import { GuardBadge, PolicyChip } from "./controls";
import { connectionsOf, type ConnectionRow } from "./display";
import { focusOn, workloadOfNode, type NetworkView, semanticsParams } from "./url-state";

const LIST_LIMIT = 40;

function Connections({ graph, id }: { graph: GraphDTO; id: string }) {
  const { incoming, outgoing } = connectionsOf(graph, id);
  const rows = (list: ConnectionRow[]) =>
    list.length === 0 ? (
      <p className="text-xs text-slate-500">none drawn</p>
    ) : (
      <ul className="space-y-0.5 text-xs">
        {list.slice(0, LIST_LIMIT).map((r) => (
          <li key={r.key} className="flex justify-between gap-2">
            <span className="truncate font-mono text-slate-800">{r.peer}</span>
            <span className="shrink-0 text-slate-600">{r.conn}</span>
          </li>
        ))}
        {list.length > LIST_LIMIT ? <li className="text-slate-500">… and {list.length - LIST_LIMIT} more</li> : null}
      </ul>
    );
  return (
    <div className="space-y-2" data-testid="node-connections">
      <div>
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Can be reached from ({incoming.length})</h4>
        {rows(incoming)}
      </div>
      <div>
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Can reach ({outgoing.length})</h4>
        {rows(outgoing)}
      </div>
    </div>
  );
}

function WorkloadBody({ sourceId, view, id, go, openPolicy }: { sourceId: string; view: NetworkView; id: string; go: (v: NetworkView) => void; openPolicy: (id: string) => void }) {
  const w = workloadOfNode(id)!;
  const res = useSourceQuery<WorkloadDetail>(sourceId, `network/workload${qs({ key: `${w.namespace}/${w.kind}/${w.name}`, ...semanticsParams(view) })}`);
  if (res.isPending) return <Loading />;
  if (res.isError) return <ErrorState error={res.error} />;
  const d = res.data;
  const endpoint = `${d.namespace}/${d.name}`;
  const side = (dir: "ingress" | "egress") => (
    <div>
      <div className="flex items-center gap-2">
        <GuardBadge guard={d[dir].guard} direction={dir === "ingress" ? "Ingress" : "Egress"} />
      </div>
      <div className="mt-1 flex flex-wrap gap-1">
        {d[dir].policies.length ? d[dir].policies.map((p) => <PolicyChip key={p.id} id={p.id} onOpen={openPolicy} />) : <span className="text-xs text-slate-500">{d.hostNetwork ? "host network: no policy applies" : "no policy selects it: every connection is allowed"}</span>}
      </div>
    </div>
  );
  return (
    <div className="space-y-3 text-sm">
      <div className="flex flex-wrap gap-1">
        <Badge>{d.kind}</Badge>
        <Badge>
          {d.pods.length} pod{d.pods.length === 1 ? "" : "s"}
        </Badge>
        {d.hostNetwork ? <Badge tone="high">host network</Badge> : null}
        {d.exposure.length ? <Badge tone="critical">reachable from outside</Badge> : null}
      </div>
      {side("ingress")}
      {side("egress")}
      {d.exposure.length ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Ways in from outside</h4>
          <ul className="mt-1 space-y-1 text-xs">
            {d.exposure.map((p) => (
              <li key={`${p.kind}${p.via}`}>
                <Badge tone="high">{p.kind}</Badge> {p.via}: {p.allowed}
                {p.sources === "some" ? " (some ranges)" : p.sources === "none" ? " (blocked by policy)" : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="text-xs text-slate-600">
        ServiceAccount{d.serviceAccounts.length === 1 ? "" : "s"}: <span className="font-mono">{d.serviceAccounts.join(", ")}</span>
      </p>
      <div className="flex flex-wrap gap-2 text-xs">
        <button type="button" className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50" onClick={() => go(focusOn(view, d.namespace, `${d.kind}/${d.name}`))}>
          Focus here
        </button>
        <button type="button" className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50" onClick={() => go({ ...view, tab: "trace", from: endpoint })}>
          Trace from here
        </button>
        <button type="button" className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50" onClick={() => go({ ...view, tab: "trace", to: endpoint })}>
          Trace to here
        </button>
        <Link className="rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50" href={`/c/${encodeURIComponent(sourceId)}/workloads${qs({ namespace: d.namespace, kind: d.kind, name: d.name })}`}>
          Workload page
        </Link>
      </div>
    </div>
  );
}

export function NodePanel({ sourceId, view, graph, go, openPolicy, onOpen }: { sourceId: string; view: NetworkView; graph: GraphDTO; go: (v: NetworkView) => void; openPolicy: (id: string) => void; onOpen: (id: string) => void }) {
  const node = view.node ? graph.nodes.find((n) => n.id === view.node) : undefined;
  if (!node) {
    return (
      <aside className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600" data-testid="node-panel">
        <h3 className="font-semibold text-slate-900">Reading the graph</h3>
        <p>An arrow means the source may open connections to the target; its label is the ports allowed.</p>
        <p>The border says how guarded a workload is: green, isolated by policy both ways; amber, one way or some pods only; red, no policy at all.</p>
        <p>Click a workload for its policies, a folded namespace to draw its workloads; double-click to focus on it.</p>
      </aside>
    );
  }
  const title = node.parent ? `${node.parent.slice(3)}/${node.label}` : node.label;
  return (
    <aside className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="node-panel" aria-label="Selected node">
      <header className="flex items-start justify-between gap-2">
        <div>
          <h3 className="break-all font-mono text-sm font-semibold text-slate-900">{title}</h3>
          {node.detail ? <p className="text-xs text-slate-500">{node.detail}</p> : null}
        </div>
        <button type="button" aria-label="Close detail" className="text-slate-500 hover:text-slate-900" onClick={() => go({ ...view, node: undefined })}>
          ✕
        </button>
      </header>
      {node.type === "Workload" ? <WorkloadBody sourceId={sourceId} view={view} id={node.id} go={go} openPolicy={openPolicy} /> : null}
      {node.type === "Namespace" ? (
        <button type="button" className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50" onClick={() => onOpen(node.id)}>
          Open {node.id.slice(3)}
        </button>
      ) : null}
      <Connections graph={graph} id={node.id} />
    </aside>
  );
}
