"use client";
/** Find a user, group or service account (or a role or binding) by name, to centre the graph on it. */
import { useDeferredValue, useState } from "react";
import { qs, useSourceQuery } from "@/components/api";
import type { NodeSearch } from "./api-types";
import { NodeChip } from "./node-chip";

const SCOPES = [
  { key: "subjects", label: "Subjects", kinds: "User,Group,ServiceAccount" },
  { key: "roles", label: "Roles", kinds: "Role,ClusterRole" },
  { key: "bindings", label: "Bindings", kinds: "RoleBinding,ClusterRoleBinding" },
];

export function SubjectSearch({ sourceId, onPick, selected }: { sourceId: string; onPick: (id: string) => void; selected?: string }) {
  const [q, setQ] = useState("");
  const [scope, setScope] = useState(SCOPES[0]);
  const query = useDeferredValue(q);
  const res = useSourceQuery<NodeSearch>(sourceId, `rbac/search${qs({ q: query, kinds: scope.kinds, limit: 40 })}`, { placeholderData: (prev) => prev });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex gap-1" role="tablist" aria-label="Search in">
          {SCOPES.map((s) => (
            <button key={s.key} type="button" role="tab" aria-selected={s.key === scope.key} onClick={() => setScope(s)} className={`rounded px-2 py-0.5 text-xs font-medium ${s.key === scope.key ? "bg-accent-soft text-accent" : "text-slate-600 hover:bg-slate-100"}`}>
              {s.label}
            </button>
          ))}
        </div>
        <input
          type="search"
          aria-label="Search subjects"
          data-testid="subject-search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={scope.key === "subjects" ? "alice, acme:oncall, ci/deployer…" : "name…"}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5 text-sm focus:border-accent focus:outline-none"
        />
        {res.data ? (
          <span className="text-[11px] text-slate-500">
            {res.data.total > res.data.hits.length ? `${res.data.hits.length} of ${res.data.total}: type more to narrow` : `${res.data.total} match${res.data.total === 1 ? "" : "es"}`}
          </span>
        ) : null}
      </div>
      <ul className="flex max-h-20 flex-wrap gap-x-2 gap-y-0.5 overflow-auto" aria-label="Search results">
        {(res.data?.hits ?? []).map((h) => (
          <li key={h.id} className="flex items-center gap-1">
            <NodeChip id={h.id} kind={h.kind} label={h.label} onSelect={onPick} selected={selected === h.id} />
            {h.implicit ? <span className="text-[10px] text-slate-400">implicit</span> : null}
            {h.isDefault ? <span className="text-[10px] text-slate-400">default</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
