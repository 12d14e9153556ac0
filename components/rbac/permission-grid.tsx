"use client";
/** A subject's effective permissions by scope: resources × verbs, provenance on hover and on expand, and (full width) "Fix…" to take one away. */
import { Fragment, useState } from "react";
import type { GridRow, PermissionGrid } from "./api-types";
import { GrantFixPanel } from "./grant-fix";
import type { UsageGrid, UsageRow } from "./usage/api-types";

const COMPACT_ROWS = 12;

const SHORT: Record<string, string> = { get: "get", list: "list", watch: "watch", create: "create", update: "update", patch: "patch", delete: "delete", deletecollection: "del-coll" };

function provenance(r: GridRow): string {
  return r.via.map((v) => `${v.text}${v.rules?.length ? ` (rule ${v.rules.join(", ")})` : ""}`).join("\n");
}

const usageKey = (ns: string | undefined, r: GridRow) => `${ns ?? ""}\u0000${r.group}\u0000${r.resource}\u0000${r.names.join(",")}`;
const lastDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A granted verb cell: with audit usage, used (count, last day) or granted-but-unused. */
function VerbCell({ r, v, use }: { r: GridRow; v: string; use?: UsageRow }) {
  if (!r.verbs.includes(v))
    return (
      <span className="text-slate-600" title="not granted">
        –
      </span>
    );
  const wildcard = r.fromWildcard?.includes(v);
  const mark = (
    <>
      ✓{wildcard ? <sup aria-hidden>*</sup> : null}
    </>
  );
  if (!use)
    return (
      <span className={r.all ? "font-semibold text-red-700" : "text-emerald-700"} title={wildcard ? "through a wildcard rule" : undefined}>
        {mark}
      </span>
    );
  const u = use.used[v];
  return u ? (
    <span className="font-semibold text-emerald-700" title={`used ${u.count}×, last ${lastDay(u.last)}`} data-used="1">
      {mark}
      <sup className="ml-0.5 text-[9px] font-normal text-emerald-800">{u.count > 999 ? "1k+" : u.count}</sup>
    </span>
  ) : (
    <span className="text-slate-500" title="granted, not used in the audit window" data-used="0">
      {mark}
    </span>
  );
}

/** Where a row's "Fix…" asks: the subject, and the row's scope ("" cluster-wide). */
interface FixContext {
  sourceId: string;
  subject: string;
  namespace: string;
}

function Row({ r, verbs, compact, use, fix }: { r: GridRow; verbs: readonly string[]; compact?: boolean; use?: UsageRow; fix?: FixContext }) {
  const [open, setOpen] = useState(false);
  const [fixing, setFixing] = useState(false);
  const columns = compact ? 2 : verbs.length + 3 + (fix ? 1 : 0);
  const label = `${r.resource}${r.names.length ? ` [${r.names.join(", ")}]` : ""}`;
  return (
    <Fragment>
      <tr className="border-b border-slate-100 hover:bg-slate-50" title={provenance(r)}>
        <td className="max-w-[220px] px-2 py-1">
          <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} className="flex w-full items-baseline gap-1 text-left" title={`${label}: where it comes from`}>
            <span aria-hidden className="text-[10px] text-slate-600">{open ? "▾" : "▸"}</span>
            <span className={`truncate font-mono text-xs ${r.all ? "font-semibold text-red-800" : "text-slate-900"}`}>{label}</span>
          </button>
          {r.grants ? (
            <span className="block pl-3 text-[11px] text-red-800" data-testid="wildcard-grants">
              = {r.grants}
            </span>
          ) : null}
          {r.fromWildcard?.length ? (
            <span className="block pl-3 text-[11px] text-slate-700" data-testid="from-wildcard">
              + {r.fromWildcard.includes("*") ? "every other verb" : r.fromWildcard.join(", ")} through a wildcard rule
            </span>
          ) : null}
        </td>
        {compact ? (
          <td className={`px-2 py-1 font-mono text-[11px] ${r.all ? "font-semibold text-red-700" : "text-slate-700"}`}>{r.all ? `${r.verbs.join(", ")} and every other verb` : [...r.verbs, ...r.other].join(", ")}</td>
        ) : null}
        {compact ? null : <td className="px-2 py-1 font-mono text-[11px] text-slate-500">{r.group === "" ? "core" : r.group}</td>}
        {compact ? null : verbs.map((v) => (
          <td key={v} className="px-1 py-1 text-center" aria-label={r.verbs.includes(v) ? `${v}: yes${r.fromWildcard?.includes(v) ? " (through a wildcard rule)" : ""}${use ? (use.used[v] ? ", used" : ", unused") : ""}` : `${v}: no`}>
            <VerbCell r={r} v={v} use={use} />
          </td>
        ))}
        {compact ? null : (
          <td className="px-2 py-1 font-mono text-[11px] text-slate-700">
            {r.all ? (
              <span className={use ? (use.used["*"] || !use.unused.includes("*") ? "font-semibold text-emerald-800" : "text-slate-500") : undefined}>every other verb</span>
            ) : (
              r.other.map((o, i) => (
                <span key={o} className={use ? (use.used[o] ? "font-semibold text-emerald-800" : "text-slate-500") : undefined}>
                  {i ? ", " : ""}
                  {o}
                </span>
              ))
            )}
          </td>
        )}
        {fix ? (
          <td className="px-2 py-1 text-right">
            {r.group !== "URL" ? (
              <button type="button" onClick={() => setFixing(!fixing)} aria-expanded={fixing} className="rounded border border-slate-300 px-1.5 py-0.5 text-[11px] text-slate-700 hover:border-accent" data-testid="grant-fix-show" title={`The smallest edits that take ${r.resource} away, with who loses what`}>
                Fix…
              </button>
            ) : null}
          </td>
        ) : null}
      </tr>
      {fixing && fix ? (
        <tr className="border-b border-slate-100 bg-amber-50/40">
          <td colSpan={columns} className="px-3 py-2">
            <GrantFixPanel sourceId={fix.sourceId} subject={fix.subject} namespace={fix.namespace} row={r} />
          </td>
        </tr>
      ) : null}
      {open ? (
        <tr className="border-b border-slate-100 bg-slate-50">
          <td colSpan={columns} className="px-3 py-1.5 text-xs text-slate-700">
            <ul className="space-y-0.5">
              {r.via.map((v, i) => (
                <li key={i}>
                  {v.text}
                  {v.rules?.length ? <span className="text-slate-500"> · rule {v.rules.join(", ")}</span> : null}
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

/** `compact` drops the group column (side panel); `usage` marks each granted cell used or unused over the audit window; `fix` (full width) adds "Fix…" to each resource row. */
export function PermissionGridView({ grid, compact, testId, usage, fix }: { grid: PermissionGrid; compact?: boolean; testId?: string; usage?: UsageGrid; fix?: { sourceId: string; subject: string } }) {
  const verbs = grid.verbs;
  const [all, setAll] = useState(false);
  const uses = new Map<string, UsageRow>();
  for (const s of usage?.scopes ?? []) for (const r of [...s.rows, ...s.urls.map((u) => ({ ...u, group: "URL" }))]) uses.set(usageKey(s.namespace, r), r);
  return (
    <div className="space-y-3" data-testid={testId}>
      {grid.bypass ? <p className="rounded-md bg-red-50 px-2 py-1 text-xs text-red-900">In system:masters: every request is allowed before RBAC is consulted.</p> : null}
      {usage ? (
        <p className="text-xs text-slate-600" data-testid="grid-usage-legend">
          <span className="font-semibold text-emerald-700">✓<sup>n</sup></span> used n times and <span className="text-slate-400">✓</span> granted but unused, in {usage.windowText}: {usage.cells.used} of {usage.cells.total} permissions used.
        </p>
      ) : null}
      {grid.scopes.length === 0 ? <p className="text-xs text-slate-500">No RoleBinding or ClusterRoleBinding applies.</p> : null}
      {grid.scopes.map((s) => (
        <section key={s.namespace ?? "(cluster)"} aria-label={s.scope === "cluster" ? "Cluster-wide" : `Namespace ${s.namespace}`}>
          <h4 className="mb-1 text-xs font-semibold text-slate-700">
            {s.scope === "cluster" ? "Cluster-wide (ClusterRoleBindings)" : `In ${s.namespace} (RoleBindings)`}{" "}
            <span className="font-normal text-slate-400">
              {s.rows.length} resource{s.rows.length === 1 ? "" : "s"}
              {s.urls.length ? `, ${s.urls.length} URL${s.urls.length === 1 ? "" : "s"}` : ""}
            </span>
          </h4>
          <div className="overflow-x-auto">
            <table className="w-full text-xs">
              <thead className="text-left text-[10px] uppercase tracking-wide text-slate-500">
                {compact ? (
                  <tr className="border-b border-slate-200">
                    <th className="px-2 py-1 font-medium">Resource</th>
                    <th className="px-2 py-1 font-medium">Verbs</th>
                  </tr>
                ) : (
                  <tr className="border-b border-slate-200">
                    <th className="px-2 py-1 font-medium">Resource</th>
                    <th className="px-2 py-1 font-medium">Group</th>
                    {verbs.map((v) => (
                      <th key={v} className="px-1 py-1 text-center font-medium">
                        {SHORT[v] ?? v}
                      </th>
                    ))}
                    <th className="px-2 py-1 font-medium">Other</th>
                    {fix ? <th className="px-2 py-1 font-medium sr-only">Fix</th> : null}
                  </tr>
                )}
              </thead>
              <tbody>
                {[...s.rows, ...s.urls.map((r) => ({ ...r, group: "URL" }))].slice(0, compact && !all ? COMPACT_ROWS : undefined).map((r) => (
                  <Row key={`${r.group}/${r.resource}/${r.names.join()}`} r={r} verbs={verbs} compact={compact} use={usage ? uses.get(usageKey(s.namespace, r)) : undefined} fix={fix && !compact ? { ...fix, namespace: s.namespace ?? "" } : undefined} />
                ))}
              </tbody>
            </table>
          </div>
          {compact && !all && s.rows.length + s.urls.length > COMPACT_ROWS ? (
            <button type="button" onClick={() => setAll(true)} className="mt-1 text-xs text-accent hover:underline">
              show all {s.rows.length + s.urls.length}
            </button>
          ) : null}
          {s.ineffective.length ? (
            <details className="mt-1 text-xs text-slate-500">
              <summary>{s.ineffective.length} rule{s.ineffective.length === 1 ? "" : "s"} with no effect here</summary>
              <ul className="mt-1 space-y-0.5">
                {s.ineffective.map((i, k) => (
                  <li key={k}>
                    <span className="font-mono">{i.rule}</span> — {i.reason} ({i.via.map((v) => v.text).join("; ")})
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ))}
      {grid.missingRoles.length ? <p className="text-xs text-amber-800">Grants nothing, its role is missing: {grid.missingRoles.join("; ")}</p> : null}
    </div>
  );
}
