"use client";
/**
 * The side panel for the selected node: a subject's effective permissions and bindings, a role's
 * rules and who is bound, a binding's subjects and roleRef (a missing role shown as such), a rule.
 */
import { qs, useSourceQuery } from "@/components/api";
import { Badge } from "@/components/ui/badge";
import { ErrorState, Loading } from "@/components/ui/states";
import type { BindingLine, NodeDetail, NodeRef, RuleLine } from "./api-types";
import { NodeChip } from "./node-chip";
import { PermissionGridView } from "./permission-grid";

export interface PanelActions {
  onSelect: (id: string) => void;
  onExpand?: (id: string) => void;
  onExplore?: (id: string) => void;
}

function H({ children }: { children: React.ReactNode }) {
  return <h3 className="mt-3 text-xs font-semibold uppercase tracking-wide text-slate-500">{children}</h3>;
}

const chip = (r: NodeRef, a: PanelActions) => <NodeChip id={r.id} kind={r.kind} label={r.label} ghost={r.ghost} onSelect={a.onSelect} />;

function Bindings({ lines, a, show }: { lines: BindingLine[]; a: PanelActions; show: "role" | "subjects" | "both" }) {
  if (!lines.length) return <p className="text-xs text-slate-500">None.</p>;
  return (
    <ul className="space-y-1.5">
      {lines.map((b) => (
        <li key={b.binding.id} className="text-xs">
          <div className="flex flex-wrap items-center gap-1">
            {chip(b.binding, a)}
            {show !== "subjects" ? (
              <>
                <span className="text-slate-400">→</span>
                {chip(b.role, a)}
              </>
            ) : null}
            <span className="text-slate-500">{b.scope}</span>
            {b.binding.isDefault ? <Badge>default</Badge> : null}
          </div>
          {show !== "role" && b.subjects.length ? <div className="ml-4 mt-0.5 flex flex-wrap gap-1">{b.subjects.map((s) => <span key={s.id}>{chip(s, a)}</span>)}</div> : null}
          {b.missing ? <p className="ml-4 text-amber-800">grants nothing: {b.missing}</p> : null}
        </li>
      ))}
    </ul>
  );
}

function Rules({ rules, a }: { rules: RuleLine[]; a: PanelActions }) {
  if (!rules.length) return <p className="text-xs text-slate-500">No rules.</p>;
  return (
    <ol className="space-y-0.5">
      {rules.map((r) => (
        <li key={r.id} className="flex gap-1 text-xs">
          <button type="button" onClick={() => a.onSelect(r.id)} className="shrink-0 font-mono text-slate-400 hover:text-accent">
            #{r.index}
          </button>
          <span className="font-mono text-slate-800">{r.text}</span>
        </li>
      ))}
    </ol>
  );
}

function Body({ d, a, permissions }: { d: NodeDetail; a: PanelActions; permissions: boolean }) {
  switch (d.type) {
    case "subject":
      return (
        <>
          {d.exists === false ? <p className="text-xs text-amber-800">This ServiceAccount does not exist in the snapshot: bindings name it, nothing can use it until it is created.</p> : null}
          {d.implicit ? <p className="text-xs text-slate-600">Implicit group: the authenticators add it on their own; every member below is in it.</p> : null}
          {d.memberOf.length ? (
            <>
              <H>Member of</H>
              <div className="flex flex-wrap gap-1">{d.memberOf.map((m) => <span key={m.id}>{chip(m, a)}</span>)}</div>
            </>
          ) : null}
          {d.workloads.length ? (
            <>
              <H>Workloads running as it</H>
              <ul className="text-xs">
                {d.workloads.map((w) => (
                  <li key={`${w.kind}/${w.name}`}>
                    {w.kind} <span className="font-mono">{w.namespace}/{w.name}</span> · {w.tokenMounted ? <span className="text-amber-800">token mounted</span> : "token not mounted"}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <H>Bound by</H>
          <Bindings lines={d.bindings} a={a} show="role" />
          {permissions ? (
            <>
              <H>Effective permissions{d.assumedGroups.length ? ` (assuming ${d.assumedGroups.join(", ")})` : ""}</H>
              <PermissionGridView grid={d.permissions} compact testId="panel-permissions" />
            </>
          ) : null}
        </>
      );
    case "role":
      return (
        <>
          {d.node.ghost ? <p className="text-xs text-amber-800">This role does not exist: bindings to it grant nothing.</p> : null}
          <H>Rules</H>
          <Rules rules={d.rules} a={a} />
          {d.aggregates.length ? (
            <>
              <H>Aggregates</H>
              <div className="flex flex-wrap gap-1">{d.aggregates.map((r) => <span key={r.id}>{chip(r, a)}</span>)}</div>
            </>
          ) : null}
          {d.aggregatedInto.length ? (
            <>
              <H>Aggregated into</H>
              <div className="flex flex-wrap gap-1">{d.aggregatedInto.map((r) => <span key={r.id}>{chip(r, a)}</span>)}</div>
            </>
          ) : null}
          <H>Bound by ({d.boundBy.length})</H>
          <Bindings lines={d.boundBy} a={a} show="subjects" />
        </>
      );
    case "binding":
      return (
        <>
          <H>roleRef</H>
          <div className="flex items-center gap-1 text-xs">
            {chip(d.line.role, a)} <span className="text-slate-500">{d.line.scope}</span>
          </div>
          {d.line.missing ? <p className="mt-1 text-xs text-amber-800">Dangling roleRef — {d.line.missing}. The binding grants nothing until the role exists; anyone who creates it gets these subjects.</p> : null}
          <H>Subjects ({d.line.subjects.length})</H>
          <div className="flex flex-wrap gap-1">{d.line.subjects.map((s) => <span key={s.id}>{chip(s, a)}</span>)}</div>
          {d.subjectsMissing.length ? <p className="mt-1 text-xs text-amber-800">Not in the snapshot: {d.subjectsMissing.join(", ")}.</p> : null}
          {d.rules.length ? (
            <>
              <H>Rules granted</H>
              <Rules rules={d.rules} a={a} />
            </>
          ) : null}
        </>
      );
    case "rule":
      return (
        <>
          <p className="font-mono text-xs text-slate-800">{d.rule.text}</p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-2 gap-y-0.5 text-xs">
            {(["verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs"] as const).map((k) =>
              d.rule[k].length ? (
                <Fragment2 key={k} k={k} v={d.rule[k].map((x) => (x === "" ? '""' : x)).join(", ")} />
              ) : null,
            )}
          </dl>
          <H>In role</H>
          {chip(d.role, a)}
          <H>Bound by ({d.boundBy.length})</H>
          <Bindings lines={d.boundBy} a={a} show="subjects" />
        </>
      );
  }
}

function Fragment2({ k, v }: { k: string; v: string }) {
  return (
    <>
      <dt className="text-slate-500">{k}</dt>
      <dd className="font-mono text-slate-800">{v}</dd>
    </>
  );
}

/** `permissions: false` leaves a subject's permissions to a full-width view next to the panel. */
export function NodePanel({ sourceId, id, namespace, assume, actions, onClose, permissions = true }: { sourceId: string; id: string; namespace?: string; assume?: string[]; actions: PanelActions; onClose?: () => void; permissions?: boolean }) {
  const res = useSourceQuery<NodeDetail>(sourceId, `rbac/node${qs({ id, namespace, as: assume })}`);
  if (res.isPending) return <Loading label="Loading detail…" />;
  if (res.isError) return <ErrorState error={res.error} title="This node could not be shown" />;
  const d = res.data;
  return (
    <article className="space-y-1 text-sm" data-testid="node-panel" aria-label="Selected node" data-node={d.node.id}>
      <header className="flex items-start gap-2">
        <div className="min-w-0 flex-1">
          <p className="text-[10px] font-semibold uppercase tracking-wide text-slate-500">{d.node.kind}</p>
          <h2 className="break-all font-mono text-sm font-semibold text-slate-900">{d.node.label}</h2>
        </div>
        {d.node.isDefault ? <Badge title="default or vendor object">default</Badge> : null}
        {onClose ? (
          <button type="button" onClick={onClose} aria-label="Close detail" className="text-slate-400 hover:text-slate-900">
            ✕
          </button>
        ) : null}
      </header>
      <div className="flex flex-wrap gap-2 pt-1">
        {actions.onExplore ? (
          <button type="button" onClick={() => actions.onExplore!(d.node.id)} className="rounded-md bg-accent px-2 py-1 text-xs font-medium text-white hover:opacity-90" data-testid="panel-explore">
            Explore from here
          </button>
        ) : null}
        {actions.onExpand ? (
          <button type="button" onClick={() => actions.onExpand!(d.node.id)} className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-700 hover:border-accent" data-testid="panel-expand">
            Expand neighbours
          </button>
        ) : null}
      </div>
      <Body d={d} a={actions} permissions={permissions} />
    </article>
  );
}
