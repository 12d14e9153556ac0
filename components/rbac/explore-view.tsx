"use client";
/**
 * The graph centred on one node — a subject, a role or a binding, picked by search or opened from a
 * finding (then its evidence is highlighted) — with the side panel, and for a subject its effective
 * permissions by namespace.
 */
import { useSourceQuery } from "@/components/api";
import { Badge } from "@/components/ui/badge";
import { Empty } from "@/components/ui/states";
import type { ExplorerState } from "@/lib/rbac/explorer-url";
import type { Completions } from "./api-types";
import { NodePanel } from "./node-panel";
import { RbacGraph } from "./rbac-graph";
import { SubjectPermissionsView } from "./subject-permissions";
import { SubjectSearch } from "./subject-search";
import { SubjectUsagePanel } from "./usage/subject-usage";
import { SuggestionView } from "./usage/suggestion-view";
import type { Update } from "./use-explorer-state";

export function ExploreView({ sourceId, state, update }: { sourceId: string; state: ExplorerState; update: Update }) {
  const c = useSourceQuery<Completions>(sourceId, "rbac/completions", { staleTime: Infinity }).data;
  const focus = state.focus;
  const pick = (id: string) => update({ focus: id, selected: undefined, expand: [], rule: undefined, suggest: undefined });
  const panelId = state.selected ?? focus;
  const subject = focus?.startsWith("subject:") ? focus.slice("subject:".length) : undefined;
  return (
    <div className="space-y-4">
      <div className="rounded-lg border border-slate-200 bg-white p-3">
        <SubjectSearch sourceId={sourceId} onPick={pick} selected={focus} />
      </div>
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_400px]">
        <section className="min-w-0 space-y-2" aria-label="Graph">
          {focus ? (
            <>
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="text-slate-500">Centred on</span>
                <span className="font-mono font-medium text-slate-900" data-testid="explore-focus">
                  {focus.replace(/^(subject|binding|role|rule):/, "")}
                </span>
                {state.rule ? (
                  <Badge tone="high" title="the finding's evidence is highlighted">
                    evidence of {state.rule}
                    {state.namespace ? ` in ${state.namespace}` : ""}
                  </Badge>
                ) : null}
                {state.rule ? (
                  <button type="button" className="text-xs text-slate-500 underline" onClick={() => update({ rule: undefined })}>
                    clear
                  </button>
                ) : null}
              </div>
              <RbacGraph sourceId={sourceId} state={state} update={update} mode="node" namespaces={c?.namespaces} />
            </>
          ) : (
            <Empty title="Pick a subject, a role or a binding">Search on the left, or open a finding; the graph opens centred on it.</Empty>
          )}
        </section>
        <aside className="rounded-lg border border-slate-200 bg-white p-4 lg:max-h-[720px] lg:overflow-auto">
          {panelId ? (
            <NodePanel
              key={`${panelId} ${state.namespace} ${state.assume.join()}`}
              sourceId={sourceId}
              id={panelId}
              namespace={state.namespace}
              assume={panelId === focus ? state.assume : undefined}
              actions={{
                onSelect: (id) => update({ selected: id }),
                onExpand: (id) => update({ expand: state.expand.includes(id) ? state.expand : [...state.expand, id] }),
                ...(panelId !== focus ? { onExplore: pick } : {}),
              }}
              onClose={state.selected ? () => update({ selected: undefined }) : undefined}
              permissions={panelId !== focus}
            />
          ) : (
            <p className="text-sm text-slate-500">The selected node’s detail appears here.</p>
          )}
          {subject && panelId === focus ? <SubjectUsagePanel sourceId={sourceId} subject={subject} namespace={state.namespace} assume={state.assume} onSuggest={() => update({ suggest: true })} /> : null}
        </aside>
      </div>
      {subject && state.suggest ? <SuggestionView sourceId={sourceId} subject={subject} assume={state.assume} onClose={() => update({ suggest: undefined })} /> : null}
      {subject ? <SubjectPermissionsView sourceId={sourceId} subject={subject} namespace={state.namespace} assume={state.assume} onAssume={(assume) => update({ assume })} /> : null}
    </div>
  );
}
