"use client";
/**
 * The cluster level of the network graph: namespaces grouped (by a label chosen here, or by equal
 * reachability), the edges between groups, a group opened as its namespaces, and beside it the
 * ranked lists of what matters. Drill: group → namespace (the workload graph) → workload.
 */
import { useMemo } from "react";
import { qs, useSourceQuery } from "@/components/api";
import { GraphView } from "@/components/graph/graph-view";
import { ErrorState, Loading } from "@/components/ui/states";
import type { ClusterView, RankedNamespace } from "@/lib/netpol/cluster-view";
import type { NetworkMeta } from "@/lib/netpol/gaps";
import { BY_REACH } from "@/lib/netpol/view-keys";
import { Gaps, Section } from "./controls";
import { displayGraph } from "./display";
import { focusOn, type NetworkView, semanticsParams } from "./url-state";

export type ClusterViewResponse = ClusterView & { meta: NetworkMeta };

export function useClusterView(sourceId: string, view: NetworkView, enabled = true) {
  return useSourceQuery<ClusterViewResponse>(sourceId, `network/groups${qs({ by: view.by, group: view.group, ...semanticsParams(view) })}`, { placeholderData: (p) => p, enabled });
}

function RankList({ title, items, total, note, go, view, what }: { title: string; items: RankedNamespace[]; total: number; note: string; go: (v: NetworkView) => void; view: NetworkView; what: (r: RankedNamespace) => string }) {
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-700">
        {title} ({total})
      </h3>
      <p className="text-xs text-slate-600">{note}</p>
      {items.length === 0 ? (
        <p className="text-xs text-slate-600">none</p>
      ) : (
        <ol className="mt-1 space-y-0.5 text-xs">
          {items.map((r) => (
            <li key={r.name} className="flex justify-between gap-2">
              <button type="button" className="truncate text-left font-mono text-accent hover:underline" onClick={() => go({ ...focusOn(view, r.name), group: view.group })}>
                {r.name}
              </button>
              <span className="shrink-0 text-slate-700">{what(r)}</span>
            </li>
          ))}
          {total > items.length ? <li className="text-slate-600">… and {total - items.length} more</li> : null}
        </ol>
      )}
    </div>
  );
}

function Ranked({ v, view, go }: { v: ClusterView; view: NetworkView; go: (v: NetworkView) => void }) {
  const r = v.ranked;
  return (
    <Section title="What matters first" testId="ranked-lists">
      <div className="space-y-3">
        <RankList title="Exposed to the internet" items={r.exposed} total={r.totals.exposed} note="Something outside the cluster may connect; ranked by namespaces that reach them too." what={(x) => `${x.workloads} workloads`} go={go} view={view} />
        <RankList title="Open to every namespace" items={r.openToAll} total={r.totals.openToAll} note="No ingress policy restricts them." what={(x) => `${x.workloads} workloads`} go={go} view={view} />
        <RankList title="Sensitive, and who reaches them" items={r.sensitiveReached} total={r.totals.sensitive} note="Labelled data-classification / sensitivity / pci, or named kube-system, payments, billing, vault, secrets, auth, db …" what={(x) => `reached by ${x.count}`} go={go} view={view} />
        <RankList title="Reaching the most namespaces" items={r.widest} total={r.widest.length} note="Egress that no policy narrows." what={(x) => `reaches ${x.count}`} go={go} view={view} />
      </div>
    </Section>
  );
}

function GroupDetail({ v, id, view, go }: { v: ClusterView; id: string; view: NetworkView; go: (v: NetworkView) => void }) {
  const node = v.graph.nodes.find((n) => n.id === id);
  if (!node) return null;
  const group = id.startsWith("group:") ? v.groups.find((g) => `group:${g.id}` === id) : undefined;
  const ns = id.startsWith("ns:") ? id.slice(3) : undefined;
  return (
    <Section title={node.label} testId="group-detail">
      <p className="text-xs text-slate-700">{node.detail}</p>
      {group ? (
        <>
          <button type="button" className="mt-2 rounded-md border border-accent px-2 py-1 text-xs font-medium text-accent" onClick={() => go({ ...view, group: group.id, node: undefined })}>
            Open this group
          </button>
          <ul className="mt-2 max-h-64 space-y-0.5 overflow-auto text-xs">
            {group.namespaces.map((n) => (
              <li key={n}>
                <button type="button" className="font-mono text-accent hover:underline" onClick={() => go({ ...focusOn(view, n), group: group.id })}>
                  {n}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : ns ? (
        <button type="button" className="mt-2 rounded-md border border-accent px-2 py-1 text-xs font-medium text-accent" onClick={() => go({ ...focusOn(view, ns), group: view.group })}>
          Open {ns}&apos;s workloads
        </button>
      ) : null}
    </Section>
  );
}

export function ClusterGraph({ sourceId, view, go, legend }: { sourceId: string; view: NetworkView; go: (v: NetworkView) => void; legend: React.ReactNode }) {
  const res = useClusterView(sourceId, view);
  const shown = useMemo(() => (res.data ? displayGraph(res.data.graph) : undefined), [res.data]);
  const set = (patch: Partial<NetworkView>) => go({ ...view, ...patch });
  if (res.isError) return <ErrorState error={res.error} />;
  if (!res.data || !shown) return <Loading label="Grouping namespaces…" />;
  const v = res.data;
  const open = (id: string) => {
    if (id.startsWith("group:")) return set({ group: id.slice(6), node: undefined });
    if (id.startsWith("ns:")) return go({ ...focusOn(view, id.slice(3)), group: v.group });
  };
  const select = (id: string | undefined) => set({ node: id });
  return (
    <div className="space-y-3">
      <Gaps meta={v.meta} />
      <div className="flex flex-wrap items-center gap-3 text-xs text-slate-700">
        <label className="flex items-center gap-1">
          Group namespaces by
          <select aria-label="Group namespaces by" data-testid="group-by" value={v.by} onChange={(e) => set({ by: e.target.value, group: undefined, node: undefined })} className="rounded-md border border-slate-300 bg-white px-1.5 py-1 text-slate-900">
            {v.keys.map((k) => (
              <option key={k.key} value={k.key}>
                label {k.key} ({k.values} values)
              </option>
            ))}
            <option value={BY_REACH}>equal reachability</option>
          </select>
        </label>
        <span data-testid="graph-summary">
          {v.totals.namespaces} namespaces ({v.totals.workloads} workloads) in {v.totals.groups} groups
          {v.group ? ` · group ${v.group} opened: its namespaces one by one, other groups folded` : " · click a group to open it"}
        </span>
      </div>
      <div className="grid gap-3 lg:grid-cols-[minmax(0,1fr)_360px]">
        <div data-testid="network-graph" data-level={v.group ? "group" : "groups"} data-focus={v.group ?? ""} data-node-ids={v.graph.nodes.length <= 500 ? v.graph.nodes.map((n) => n.id).join(" ") : undefined}>
          <GraphView graph={shown} layout={v.group ? "rings" : "fcose"} selected={view.node} onSelect={select} onExpand={open} className="h-[620px] w-full" />
          <div className="mt-1.5 text-xs text-slate-700">{legend}</div>
        </div>
        <div className="space-y-3">
          {view.node ? <GroupDetail v={v} id={view.node} view={view} go={go} /> : null}
          <Ranked v={v} view={view} go={go} />
        </div>
      </div>
    </div>
  );
}
