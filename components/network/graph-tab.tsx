"use client";
/**
 * The reachability graph: the cluster by namespace, or a namespace's / workload's neighbourhood with
 * other namespaces folded. Click a folded namespace to expand it, a workload for its detail,
 * double-click to focus. Ingress / egress / exposure toggles and hops live in the URL.
 */
import { useMemo } from "react";
import { qs, useSourceQuery } from "@/components/api";
import { GraphView } from "@/components/graph/graph-view";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import type { GraphResponse } from "@/lib/contracts";
import { ClusterGraph, useClusterView } from "./cluster-graph";
import { Gaps, Toggle } from "./controls";
import { displayGraph, EDGE_LABEL_LIMIT, withoutEdgesIntoOpen } from "./display";
import { NodePanel } from "./node-panel";
import { focusOn, graphParams, workloadOfNode, type NetworkView } from "./url-state";


function Legend() {
  const sw = (cls: string) => <span aria-hidden className={`inline-block size-3 rounded-full border-[3px] bg-blue-800 ${cls}`} />;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <span className="flex items-center gap-1">{sw("border-solid border-green-600")} ✓ isolated</span>
      <span className="flex items-center gap-1">{sw("border-dashed border-amber-600")} ◐ partly</span>
      <span className="flex items-center gap-1">{sw("border-double border-red-600")} ✕ unprotected (open to everyone)</span>
      <span className="flex items-center gap-1">
        <span aria-hidden className="inline-block h-2.5 w-4 rounded-sm bg-slate-300" /> folded namespace
      </span>
      <span className="flex items-center gap-1">
        <span aria-hidden className="inline-block h-0 w-4 border-t-2 border-dashed border-cyan-700" /> via ingress controller
      </span>
      <span className="flex items-center gap-1">
        <span aria-hidden>⟷</span> both ways
      </span>
    </div>
  );
}

function Summary({ g, view }: { g: GraphResponse; view: NetworkView }) {
  if (g.level === "namespace") {
    const ns = g.nodes.filter((n) => n.type === "Namespace").length;
    return (
      <span>
        {ns} of {g.totals.namespaces} namespaces ({g.totals.workloads} workloads) · click a namespace to open its workloads
      </span>
    );
  }
  const parts = [`${g.shown.workloads} of ${g.totals.workloads} workloads drawn`];
  if (g.shown.folded) {
    const groups = g.shown.groups ?? 0;
    const namespaces = g.shown.folded - groups;
    const into = [namespaces ? `${namespaces} namespace${namespaces === 1 ? "" : "s"}` : "", groups ? `${groups} group${groups === 1 ? "" : "s"} of namespaces` : ""].filter(Boolean).join(" and ");
    parts.push(`${g.shown.foldedWorkloads} folded into ${into} (click to expand)`);
  }
  for (const box of g.nodes) if (box.within !== undefined) parts.push(`${box.id.slice(3)}: every workload reaches every other (${box.within}), said once instead of an edge per pair`);
  if (g.shown.unreached) parts.push(`${g.shown.unreached} not connected within ${view.hops} hop${view.hops === 1 ? "" : "s"}${view.only.length ? " or outside the pair" : ""}`);
  return <span>{parts.join(" · ")}</span>;
}

export function GraphTab({ sourceId, view, go, openPolicy }: { sourceId: string; view: NetworkView; go: (v: NetworkView) => void; openPolicy: (id: string) => void }) {
  const clusterLevel = !view.namespace;
  const res = useSourceQuery<GraphResponse>(sourceId, `network/graph${qs(graphParams(view))}`, { placeholderData: (prev) => prev, enabled: !clusterLevel });
  const groups = useClusterView(sourceId, { ...view, group: undefined });
  const namespaces = useMemo(() => (groups.data?.groups.flatMap((g) => g.namespaces) ?? []).sort(), [groups.data]);
  const pruneOpen = res.data?.level === "namespace" && view.edges !== "all" && res.data.edges.length > EDGE_LABEL_LIMIT;
  const pruned = useMemo(() => (res.data && pruneOpen ? withoutEdgesIntoOpen(res.data) : undefined), [res.data, pruneOpen]);
  const shown = useMemo(() => (res.data ? displayGraph(pruned?.graph ?? res.data) : undefined), [res.data, pruned]);
  const focused = !!view.namespace;
  const set = (patch: Partial<NetworkView>) => go({ ...view, ...patch });
  const dirs = { ingress: view.direction !== "egress", egress: view.direction !== "ingress" };
  const setDir = (d: "ingress" | "egress", on: boolean) => {
    const next = { ...dirs, [d]: on };
    if (!next.ingress && !next.egress) return;
    set({ direction: next.ingress && next.egress ? "both" : next.ingress ? "ingress" : "egress" });
  };

  const open = (id: string) => {
    const g = res.data;
    if (!g) return;
    const node = g.nodes.find((n) => n.id === id);
    if (id.startsWith("ns:")) {
      const ns = id.slice(3);
      if (g.level === "namespace") return go(focusOn(view, ns));
      if (node?.classes?.includes("collapsed")) return set({ expand: [...view.expand, ns], node: undefined });
      return go(focusOn(view, ns));
    }
    // a group of folded namespaces opens into its namespaces
    if (id.startsWith("group:")) return set({ expand: [...view.expand, id], node: undefined });
    const w = workloadOfNode(id);
    if (w) go(focusOn(view, w.namespace, `${w.kind}/${w.name}`));
  };
  const select = (id: string | undefined) => {
    const g = res.data;
    const node = id ? g?.nodes.find((n) => n.id === id) : undefined;
    if (id && node && (id.startsWith("ns:") || id.startsWith("group:")) && (g?.level === "namespace" || node.classes?.includes("collapsed"))) return open(id);
    set({ node: id });
  };

  const crumbs: { label: string; v: NetworkView }[] = [{ label: "Cluster", v: focusOn(view) }];
  if (view.group) crumbs.push({ label: `group ${view.group}`, v: { ...focusOn(view), group: view.group } });
  if (view.namespace) crumbs.push({ label: view.namespace, v: focusOn(view, view.namespace) });
  if (view.namespace && view.workload) crumbs.push({ label: view.workload, v: focusOn(view, view.namespace, view.workload) });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2">
        <nav aria-label="Focus" className="flex items-center gap-1 text-sm" data-testid="graph-breadcrumb">
          {crumbs.map((c, i) => (
            <span key={c.label} className="flex items-center gap-1">
              {i > 0 ? <span className="text-slate-400">›</span> : null}
              {i === crumbs.length - 1 ? (
                <span className="font-semibold text-slate-900">{c.label}</span>
              ) : (
                <button type="button" className="text-accent hover:underline" onClick={() => go(c.v)}>
                  {c.label}
                </button>
              )}
            </span>
          ))}
        </nav>
        <label className="ml-2 flex items-center gap-1 text-xs text-slate-600">
          Focus
          <select aria-label="Focus namespace" value={view.namespace ?? ""} onChange={(e) => go(focusOn(view, e.target.value || undefined))} className="max-w-44 rounded-md border border-slate-300 bg-white px-1.5 py-1 text-xs text-slate-900">
            <option value="">whole cluster</option>
            {namespaces.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <span className="mx-1 h-5 w-px bg-slate-200" />
        <Toggle on={dirs.ingress} disabled={!focused} onChange={(on) => setDir("ingress", on)} testId="toggle-ingress">
          Ingress
        </Toggle>
        <Toggle on={dirs.egress} disabled={!focused} onChange={(on) => setDir("egress", on)} testId="toggle-egress">
          Egress
        </Toggle>
        <Toggle on={view.exposure} disabled={!focused} onChange={(on) => set({ exposure: on })} testId="toggle-exposure">
          Exposure
        </Toggle>
        <label className="flex items-center gap-1 text-xs text-slate-600">
          Hops
          <select aria-label="Hops" disabled={!focused} value={view.hops} onChange={(e) => set({ hops: Number(e.target.value) })} className="rounded-md border border-slate-300 bg-white px-1.5 py-1 text-xs disabled:opacity-40">
            {[1, 2, 3].map((h) => (
              <option key={h}>{h}</option>
            ))}
          </select>
        </label>
        <Toggle on={view.level === "namespace"} disabled={!focused} onChange={(on) => set({ level: on ? "namespace" : "auto", node: undefined })} testId="toggle-level">
          Namespaces only
        </Toggle>
        {view.only.length ? (
          <button type="button" className="text-xs text-accent hover:underline" onClick={() => set({ only: [] })}>
            show all peers (not only {view.only.join(", ")})
          </button>
        ) : null}
        {res.isFetching && res.data ? <span className="ml-auto text-xs text-slate-500">Updating…</span> : null}
      </div>
      {clusterLevel ? <ClusterGraph sourceId={sourceId} view={view} go={go} legend={<Legend />} /> : null}
      {clusterLevel ? null : <Gaps meta={res.data?.meta} />}
      {clusterLevel ? null : res.isError ? (
        <ErrorState error={res.error} />
      ) : !res.data || !shown ? (
        <Loading label="Computing reachability…" />
      ) : res.data.totals.workloads === 0 ? (
        <Empty title="No workloads in this snapshot">There is nothing to connect: the source holds no pods or workload templates.</Empty>
      ) : (
        <>
          <p className="text-xs text-slate-600" data-testid="graph-summary">
            <Summary g={res.data} view={view} />
            {pruned?.dropped ? (
              <span data-testid="graph-pruned">
                {" "}
                · {pruned.dropped} edges into the namespaces open to everyone ({pruned.open.join(", ")}) not drawn: nothing restricts who reaches them.{" "}
                <button type="button" className="text-accent hover:underline" onClick={() => set({ edges: "all" })}>
                  Draw them
                </button>
              </span>
            ) : res.data.level === "namespace" && view.edges === "all" ? (
              <>
                {" "}
                ·{" "}
                <button type="button" className="text-accent hover:underline" onClick={() => set({ edges: "auto" })}>
                  Leave out edges into open namespaces
                </button>
              </>
            ) : null}
          </p>
          <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_360px]">
            <div
              data-testid="network-graph"
              data-level={res.data.level}
              data-focus={res.data.focus ?? ""}
              data-selected={view.node ?? ""}
              data-node-ids={res.data.nodes.length <= 500 ? res.data.nodes.map((n) => n.id).join(" ") : undefined}
              data-highlighted={res.data.nodes.filter((n) => n.classes?.includes("highlight")).map((n) => n.id).join(" ")}
            >
              <GraphView graph={shown} layout="fcose" selected={view.node} onSelect={select} onExpand={open} className="h-[620px] w-full" />
              <div className="mt-1.5 text-xs text-slate-600">
                <Legend />
              </div>
            </div>
            <NodePanel sourceId={sourceId} view={view} graph={res.data} go={go} openPolicy={openPolicy} onOpen={open} />
          </div>
        </>
      )}
    </div>
  );
}
