"use client";
/** "Who can …?": the question, the answer as a table, and the graph focused on it with the granting paths highlighted. */
import { qs, useSourceQuery } from "@/components/api";
import { Empty, ErrorState, Loading, Notice } from "@/components/ui/states";
import { filterAnswer } from "@/lib/rbac/explorer-answer";
import { showDefaults, type ExplorerState } from "@/lib/rbac/explorer-url";
import type { WhoCanReply } from "./api-types";
import { NodePanel } from "./node-panel";
import { QueryBar } from "./query-bar";
import { RbacGraph } from "./rbac-graph";
import { GapsNote, useRbacGaps } from "./use-rbac-gaps";
import type { Update } from "./use-explorer-state";
import { WhoCanTable } from "./who-can-table";

export function WhoCanView({ sourceId, state, update }: { sourceId: string; state: ExplorerState; update: Update }) {
  const q = state.question;
  const asked = !!q.verb;
  const res = useSourceQuery<WhoCanReply>(sourceId, `rbac/who-can${qs({ verb: q.verb, resource: q.resource, apiGroup: q.apiGroup, namespace: q.namespace, name: q.name, url: q.url })}`, { enabled: asked, placeholderData: (prev) => prev });
  const gaps = useRbacGaps(sourceId);
  const explore = (id: string) => update({ tab: "explore", focus: id, selected: undefined, expand: [], rule: undefined, kinds: [], defaults: undefined, namespace: "" });

  const answer = res.data;
  // Only system:masters, which needs no binding: there is no path to draw.
  const nobody = !!answer && answer.subjects.every((s) => s.via.every((v) => v.bypass));
  const shown = answer ? filterAnswer(answer, { kinds: state.kinds.length ? state.kinds : undefined, hideDefaults: !showDefaults(state) }) : undefined;
  return (
    <div className="space-y-4">
      <QueryBar sourceId={sourceId} question={q} onAsk={(question) => update({ question, namespace: question.namespace ?? "", selected: undefined, expand: [] })} />
      {!asked ? (
        <Empty title="Ask who can do something">Type a question such as “who can get secrets in payments”, or pick a verb, a resource and a namespace.</Empty>
      ) : res.isPending ? (
        <Loading label="Asking the evaluator…" />
      ) : res.isError ? (
        <ErrorState error={res.error} title="This question could not be answered" />
      ) : (
        <>
          {/* the answer and the selected row's details side by side: details never open below the fold */}
          <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_400px]">
            <div className="min-w-0 space-y-4">
              <section aria-label="Answer" className="rounded-lg border border-slate-200 bg-white">
            <header className="flex flex-wrap items-baseline gap-x-3 gap-y-1 border-b border-slate-100 px-4 py-3">
              <h2 className="text-sm font-semibold text-slate-900" data-testid="who-can-heading">
                Who can {answer!.description}
              </h2>
              <span className="text-xs text-slate-500" data-testid="who-can-count">
                {shown!.subjects.length} subject{shown!.subjects.length === 1 ? "" : "s"}
                {shown!.hidden.subjects ? ` shown, ${shown!.hidden.subjects} hidden by the filters` : ""}
              </span>
            </header>
            {answer!.notes.length || answer!.missingRoles.length ? (
              <div className="space-y-1 px-4 pt-3 text-xs text-slate-600">
                {answer!.notes.map((n) => (
                  <p key={n}>Note: {n}</p>
                ))}
                {answer!.missingRoles.map((m) => (
                  <p key={m} className="text-amber-800">
                    Grants nothing, its role is missing: {m}
                  </p>
                ))}
              </div>
            ) : null}
            {nobody ? (
              <div className="p-4">
                <Empty title={`Nobody can ${answer!.description} through RBAC`}>
                  Only members of system:masters, which bypasses RBAC.
                  <GapsNote gaps={gaps} />
                </Empty>
              </div>
            ) : shown!.subjects.length === 0 ? (
              <div className="p-4">
                <Empty title="The filters hide every subject">Clear “hide defaults” or a kind filter to see them.</Empty>
              </div>
            ) : (
              <WhoCanTable key={answer!.description} subjects={shown!.subjects} selected={state.selected} onSelect={(id) => update({ selected: id })} onOpen={explore} />
            )}
          </section>
              {gaps.length > 0 && !nobody ? (
                <Notice>
                  <GapsNote gaps={gaps} />
                </Notice>
              ) : null}
            </div>
            {nobody ? null : (
              <aside className="rounded-lg border border-slate-200 bg-white p-4 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:overflow-auto" data-testid="who-can-details">
                {state.selected ? (
                  <NodePanel
                    key={state.selected}
                    sourceId={sourceId}
                    id={state.selected}
                    namespace={q.namespace}
                    actions={{ onSelect: (id) => update({ selected: id }), onExpand: (id) => update({ expand: state.expand.includes(id) ? state.expand : [...state.expand, id] }), onExplore: explore }}
                    onClose={() => update({ selected: undefined })}
                  />
                ) : (
                  <p className="text-sm text-slate-500">Select a subject in the table or a node in the graph to see its permissions, rules or bindings.</p>
                )}
              </aside>
            )}
          </div>
          {nobody ? null : (
            <section aria-label="Graph of the answer" className="min-w-0">
                <RbacGraph sourceId={sourceId} state={state} update={update} mode="who-can" />
              </section>
          )}
        </>
      )}
    </div>
  );
}
