"use client";
/**
 * The RBAC graph of the current view (a who-can answer or a node's neighbourhood): filters (namespace,
 * kinds, hide defaults, hops), what is not drawn and why, click to select, double-click or the panel's
 * Expand to add a node's neighbours. The container carries the highlighted node ids and the focus as
 * data attributes: Cytoscape draws on a canvas, so tests and assistive tools read them there.
 */
import { qs, useSourceQuery } from "@/components/api";
import { GraphView } from "@/components/graph/graph-view";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import type { RbacNodeKind } from "@/lib/rbac/graph";
import { DEFAULT_HOPS, showDefaults, type ExplorerState } from "@/lib/rbac/explorer-url";
import { isFoldId } from "@/lib/rbac/node-ids";
import { NamespaceOptions } from "./ns-options";
import type { Completions, GraphReply } from "./api-types";
import type { Update } from "./use-explorer-state";

const KIND_GROUPS: { label: string; kinds: RbacNodeKind[] }[] = [
  { label: "Users", kinds: ["User"] },
  { label: "Groups", kinds: ["Group"] },
  { label: "ServiceAccounts", kinds: ["ServiceAccount"] },
  { label: "RoleBindings", kinds: ["RoleBinding"] },
  { label: "ClusterRoleBindings", kinds: ["ClusterRoleBinding"] },
  { label: "Roles", kinds: ["Role"] },
  { label: "ClusterRoles", kinds: ["ClusterRole"] },
  { label: "Rules", kinds: ["Rule"] },
];
const ALL_KINDS = KIND_GROUPS.flatMap((g) => g.kinds);

/** Tall enough for the longest column at a readable zoom, no taller: small graphs do not float in white space. */
function canvasHeight(g: GraphReply["graph"]): string {
  const perColumn = new Map<number, number>();
  for (const n of g.nodes) perColumn.set(n.column ?? 0, (perColumn.get(n.column ?? 0) ?? 0) + 1);
  const rows = Math.max(1, ...perColumn.values());
  return rows <= 3 ? "h-[300px]" : rows <= 6 ? "h-[400px]" : rows <= 9 ? "h-[500px]" : rows <= 12 ? "h-[600px]" : "h-[680px]";
}

/** The graph request of a view: a node focus, or the who-can question. */
export function graphQuery(s: ExplorerState, mode: "who-can" | "node"): string {
  const filters = { kinds: s.kinds.join(","), defaults: showDefaults(s) ? "show" : "hide", hops: s.hops, x: s.expand };
  if (mode === "node") return `rbac/graph${qs({ focus: s.focus, namespace: s.namespace, rule: s.rule, ...filters })}`;
  const q = s.question;
  return `rbac/graph${qs({ verb: q.verb, resource: q.resource, apiGroup: q.apiGroup, namespace: q.namespace, name: q.name, url: q.url, ...filters })}`;
}

function Legend() {
  const item = (color: string, label: string, shape = "rounded-full") => (
    <span className="inline-flex items-center gap-1">
      <span className={`inline-block size-2.5 ${shape}`} style={{ background: color }} />
      {label}
    </span>
  );
  return (
    <span className="flex flex-wrap gap-x-3 gap-y-1">
      {item("#2563eb", "User")}
      {item("#7c3aed", "Group")}
      {item("#0f766e", "ServiceAccount", "rounded-sm")}
      {item("#475569", "binding", "rotate-45")}
      {item("#92400e", "role", "rounded-sm")}
      {item("#334155", "rule", "")}
      <span className="inline-flex items-center gap-1">
        <span className="inline-block h-0.5 w-4 bg-amber-500" /> granting path
      </span>
      <span className="inline-flex items-center gap-1">
        <span className="inline-block size-2.5 rounded-full border border-dashed border-slate-400" /> missing
      </span>
      <span className="inline-flex items-center gap-1">
        <span className="inline-block h-2.5 w-4 rounded-sm border border-dashed border-slate-500 bg-slate-200" /> folded subjects
      </span>
    </span>
  );
}

export function RbacGraph({ sourceId, state, update, mode, namespaces }: { sourceId: string; state: ExplorerState; update: Update; mode: "who-can" | "node"; namespaces?: Completions["namespaces"] }) {
  const res = useSourceQuery<GraphReply>(sourceId, graphQuery(state, mode), { placeholderData: (prev) => prev });
  const defaults = showDefaults(state);
  const kinds = state.kinds.length ? state.kinds : ALL_KINDS;
  const toggleKind = (k: RbacNodeKind[]) => {
    const on = k.every((x) => kinds.includes(x));
    const next = on ? kinds.filter((x) => !k.includes(x)) : [...kinds, ...k];
    update({ kinds: next.length === ALL_KINDS.length || next.length === 0 ? [] : ALL_KINDS.filter((x) => next.includes(x)) });
  };
  const data = res.data;
  // a fold ("+N subjects") has no detail of its own: opening it draws its subjects
  const expand = (id: string) => update({ expand: state.expand.includes(id) ? state.expand : [...state.expand, id] });
  const hiddenByFilters = data ? (data.answerHidden ? data.answerHidden.subjects : data.filteredOut) : 0;

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-xs text-slate-600" aria-label="Graph filters">
        {mode === "node" ? (
          <label className="flex items-center gap-1">
            Namespace
            <select aria-label="Graph namespace" value={state.namespace} onChange={(e) => update({ namespace: e.target.value })} className="rounded-md border border-slate-300 bg-white px-1.5 py-1 text-xs">
              <option value="">all</option>
              <NamespaceOptions namespaces={namespaces} value={state.namespace} />
            </select>
          </label>
        ) : null}
        <span className="flex flex-wrap gap-1" role="group" aria-label="Kinds shown">
          {KIND_GROUPS.map((g) => {
            const on = g.kinds.every((k) => kinds.includes(k));
            return (
              <button key={g.label} type="button" aria-pressed={on} onClick={() => toggleKind(g.kinds)} className={`rounded border px-1.5 py-0.5 ${on ? "border-accent bg-accent-soft text-accent" : "border-slate-200 bg-white text-slate-400 line-through"}`}>
                {g.label}
              </button>
            );
          })}
        </span>
        <label className="flex items-center gap-1">
          <input type="checkbox" data-testid="hide-defaults" checked={!defaults} onChange={(e) => update({ defaults: !e.target.checked })} />
          hide defaults
        </label>
        {mode === "node" ? (
          <label className="flex items-center gap-1">
            Hops
            <select aria-label="Hops" value={state.hops ?? DEFAULT_HOPS} onChange={(e) => update({ hops: Number(e.target.value) })} className="rounded-md border border-slate-300 bg-white px-1.5 py-1 text-xs">
              {[1, 2, 3, 4, 5, 6].map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {state.expand.length ? (
          <button type="button" onClick={() => update({ expand: [] })} className="rounded border border-slate-200 px-1.5 py-0.5 hover:border-accent">
            collapse {state.expand.length} expanded
          </button>
        ) : null}
        {res.isFetching ? <span className="text-slate-400">updating…</span> : null}
      </div>
      {data?.graph.hidden && (data.graph.hidden.nodes || data.graph.hidden.edges) ? (
        <p className="text-xs text-amber-800" data-testid="graph-not-drawn">
          {data.graph.hidden.nodes} node{data.graph.hidden.nodes === 1 ? "" : "s"} and {data.graph.hidden.edges} edge{data.graph.hidden.edges === 1 ? "" : "s"} not drawn: {data.graph.hidden.reason}. Nodes with a dashed outline have more neighbours; double-click one{mode === "node" ? " or raise Hops" : ""} to draw them.
        </p>
      ) : null}
      {data?.graph.hidden && !data.graph.hidden.nodes && !data.graph.hidden.edges && data.graph.hidden.reason ? (
        <p className="text-xs text-slate-700" data-testid="graph-evidence-only">
          Drawn: {data.graph.hidden.reason}; double-click a node to draw its neighbours.
        </p>
      ) : null}
      {data?.folded ? (
        <p className="text-xs text-slate-700" data-testid="graph-folded">
          {data.folded.drawn} of {data.folded.total} subjects drawn with their paths (the table&apos;s first{state.expand.length ? " and the boxes opened" : ""}); the other {data.folded.total - data.folded.drawn} are folded by the role that grants them (“+N” boxes). Click a box to draw its subjects.
        </p>
      ) : null}
      {hiddenByFilters > 0 ? (
        <p className="text-xs text-amber-800" data-testid="graph-filtered">
          {data?.answerHidden
            ? `${data.answerHidden.subjects} subject${data.answerHidden.subjects === 1 ? "" : "s"} and ${data.answerHidden.paths} path${data.answerHidden.paths === 1 ? "" : "s"} hidden by the filters.`
            : `${hiddenByFilters} node${hiddenByFilters === 1 ? "" : "s"} within ${state.hops ?? DEFAULT_HOPS} hops hidden by the filters.`}
        </p>
      ) : null}
      {res.isPending ? (
        <Loading label="Building graph…" />
      ) : res.isError ? (
        <ErrorState error={res.error} />
      ) : !data!.found ? (
        <Empty title="This node is not in the snapshot">It may have been deleted, or the link comes from another cluster.</Empty>
      ) : data!.graph.nodes.length === 0 ? (
        <Empty title="Nothing to draw">{hiddenByFilters ? "The filters hide everything; clear one to see more." : "No path grants this."}</Empty>
      ) : (
        <div data-testid="rbac-graph" data-highlighted={JSON.stringify(data!.highlighted)} data-focus={data!.graph.focus ?? ""} data-nodes={JSON.stringify(data!.graph.nodes.map((n) => n.id))} data-selected={state.selected ?? ""}>
          <GraphView
            graph={{ ...data!.graph, hidden: undefined }}
            layout="columns"
            selected={state.selected}
            onSelect={(id) => (id && isFoldId(id) ? expand(id) : update({ selected: id }))}
            onExpand={(id) => (isFoldId(id) ? expand(id) : update({ expand: state.expand.includes(id) ? state.expand : [...state.expand, id], selected: id }))}
            className={`${canvasHeight(data!.graph)} w-full`}
          />
          <div className="mt-1 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
            <Legend />
            <span>Click a node for its detail; double-click to draw its neighbours. Scroll to zoom, drag to pan.</span>
          </div>
        </div>
      )}
    </div>
  );
}
