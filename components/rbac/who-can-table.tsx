"use client";
/** The who-can answer as a table: subject, kind, every path (binding → role → matching rules), scope. */
import { useState } from "react";
import { More, PAGE } from "@/components/graph/graph-list";
import { Badge } from "@/components/ui/badge";
import { bindingNodeId, roleNodeId, ruleNodeId } from "@/lib/rbac/node-ids";
import type { PathView, SubjectAnswer } from "./api-types";
import { NodeChip } from "./node-chip";
import { Name } from "../ui/name";

function ids(v: PathView) {
  if (!v.binding || !v.role) return null;
  const grant = v.binding.kind === "ClusterRoleBinding" ? `ClusterRoleBinding/${v.binding.name}` : `RoleBinding/${v.binding.namespace}/${v.binding.name}`;
  const role = v.role.kind === "Role" ? `Role/${v.role.namespace}/${v.role.name}` : `${v.role.kind}/${v.role.name}`;
  return { binding: bindingNodeId(grant), role: roleNodeId(role), rule: (i: number) => ruleNodeId(role, i) };
}

function Path({ v, onSelect, selected }: { v: PathView; onSelect: (id: string) => void; selected?: string }) {
  const n = ids(v);
  if (!n) return <span className="text-xs text-slate-600">{v.text}</span>;
  return (
    <span className="flex flex-wrap items-center gap-x-1 gap-y-0.5">
      <NodeChip id={n.binding} kind={v.binding!.kind} label={v.binding!.namespace ? `${v.binding!.namespace}/${v.binding!.name}` : v.binding!.name} onSelect={onSelect} selected={selected === n.binding} />
      <span aria-hidden className="text-slate-400">→</span>
      <NodeChip id={n.role} kind={v.role!.kind} label={v.role!.name} onSelect={onSelect} selected={selected === n.role} />
      {(v.rules ?? []).map((i, k) => (
        <span key={i} className="contents">
          <span aria-hidden className="text-slate-400">→</span>
          <NodeChip id={n.rule(i)} kind="Rule" label={`#${i} ${v.ruleTexts[k] ?? ""}`} onSelect={onSelect} selected={selected === n.rule(i)} />
        </span>
      ))}
      {v.isDefault ? <Badge title="default or vendor binding">default</Badge> : null}
      {v.verbs ? <span className="text-xs text-slate-700" data-testid="path-verbs">grants {v.verbs.join(", ")}</span> : null}
    </span>
  );
}

export function WhoCanTable({ subjects, selected, onSelect, onOpen }: { subjects: SubjectAnswer[]; selected?: string; onSelect: (id: string) => void; onOpen: (subjectNode: string) => void }) {
  // a broad answer on a large cluster names hundreds of subjects: rendered 100 at a time
  const [rows, setRows] = useState(PAGE);
  return (
    <div className="max-h-[420px] overflow-y-auto">
      {/* fixed columns that wrap: the table never scrolls sideways, "Open" always in view (1440 px and up) */}
      <table className="w-full table-fixed text-sm" data-testid="who-can-table">
        <colgroup>
          <col className="w-[23%]" />
          <col className="w-[13%]" />
          <col />
          <col className="w-[13%]" />
          <col className="w-16" />
        </colgroup>
        <thead className="sticky top-0 bg-white text-left text-xs uppercase tracking-wide text-slate-600">
          <tr className="border-b border-slate-200">
            <th className="px-3 py-2 font-medium">Subject</th>
            <th className="px-3 py-2 font-medium">Kind</th>
            <th className="px-3 py-2 font-medium">Via (binding → role → rule)</th>
            <th className="px-3 py-2 font-medium">Scope</th>
            <th className="px-3 py-2">
              <span className="sr-only">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {subjects.slice(0, rows).map((s) => {
            const node = `subject:${s.id}`;
            const label = s.kind === "ServiceAccount" ? `${s.namespace}/${s.name}` : s.name;
            return (
              <tr key={s.id} data-subject={s.id} className={`border-b border-slate-100 align-top ${selected === node ? "bg-accent-soft/60" : ""}`}>
                <td className="px-3 py-2">
                  <button type="button" onClick={() => onSelect(node)} className="break-all text-left font-mono text-xs font-medium text-slate-900 hover:underline" title="Select in the graph">
                    <Name value={label} />
                  </button>
                  {s.verbs ? (
                    <span className="block text-xs text-slate-700" data-testid="subject-verbs">
                      can {s.verbs.join(", ")}
                    </span>
                  ) : null}
                  {s.isDefault ? (
                    <span className="ml-1">
                      <Badge title="control-plane identity">default</Badge>
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-2 text-xs text-slate-700">{s.kind}</td>
                <td className="min-w-0 space-y-1 px-3 py-2">
                  {s.via.map((v, i) => (
                    <Path key={i} v={v} onSelect={onSelect} selected={selected} />
                  ))}
                </td>
                <td className="px-3 py-2 text-xs text-slate-700">{[...new Set(s.via.map((v) => (v.bypass ? "before RBAC" : v.scope === "cluster" ? "cluster-wide" : `in ${v.namespace}`)))].join(", ")}</td>
                <td className="px-3 py-2 text-right">
                  <button type="button" onClick={() => onOpen(node)} className="whitespace-nowrap text-xs font-medium text-accent hover:underline" aria-label={`Open ${label}`}>
                    Open →
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="px-3 pb-2">
        <More shown={rows} total={subjects.length} onMore={() => setRows((r) => r + PAGE)} />
      </div>
    </div>
  );
}
