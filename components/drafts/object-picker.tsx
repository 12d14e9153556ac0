"use client";
/** Find an existing object to edit as YAML or delete in the draft. */
import { useDeferredValue, useState } from "react";
import { api, qs, sourcePath, useSourceQuery } from "@/components/api";
import type { ObjectRow } from "@/lib/model/rows";
import { deleteDirective } from "@/lib/whatif/object-key";

const COLLECTIONS: [string, string][] = [
  ["networkPolicies", "NetworkPolicies"],
  ["roles", "Roles"],
  ["clusterRoles", "ClusterRoles"],
  ["roleBindings", "RoleBindings"],
  ["clusterRoleBindings", "ClusterRoleBindings"],
  ["workloads", "Workloads"],
  ["serviceAccounts", "ServiceAccounts"],
  ["namespaces", "Namespaces"],
  ["services", "Services"],
];

/** Kinds the server can write back as YAML (lib/model/manifest.ts WRITABLE_KINDS); others can only be deleted. */
const EDITABLE = new Set(["Namespace", "ServiceAccount", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "NetworkPolicy", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "ReplicationController"]);

export function ObjectPicker({ sourceId, onEdit, onDelete }: { sourceId: string; onEdit: (yaml: string) => void; onDelete: (line: string) => void }) {
  const [collection, setCollection] = useState(COLLECTIONS[0][0]);
  const [q, setQ] = useState("");
  const query = useDeferredValue(q);
  const [error, setError] = useState<string | null>(null);
  const res = useSourceQuery<{ total: number; rows: ObjectRow[] }>(sourceId, `objects${qs({ collection, q: query, limit: 30 })}`, { placeholderData: (p) => p });
  const rows = res.data?.rows ?? [];
  return (
    <details className="rounded-md border border-slate-200" data-testid="object-picker">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-slate-700">Edit or delete an existing object…</summary>
      <div className="space-y-2 border-t border-slate-100 p-3">
        <div className="flex flex-wrap gap-2">
          <select aria-label="Kind of object" value={collection} onChange={(e) => setCollection(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            {COLLECTIONS.map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search name, namespace, labels…" aria-label="Search objects to edit" className="w-72 rounded-md border border-slate-300 px-2 py-1 text-sm" />
          <span className="self-center text-xs text-slate-500">{res.data ? `${res.data.total} found${res.data.total > rows.length ? `, first ${rows.length} shown` : ""}` : ""}</span>
        </div>
        {error ? <p className="text-xs text-red-700">{error}</p> : null}
        <ul className="max-h-64 divide-y divide-slate-100 overflow-auto text-sm">
          {rows.map((r) => {
            const key = { kind: r.kind, ...(r.namespace ? { namespace: r.namespace } : {}), name: r.name };
            return (
              <li key={`${r.kind}/${r.namespace ?? ""}/${r.name}`} className="flex items-center gap-2 py-1">
                <span className="min-w-0 flex-1 truncate">
                  <span className="text-xs text-slate-500">{r.kind}</span> <span className="font-mono text-xs">{r.namespace ? `${r.namespace}/` : ""}{r.name}</span>
                  <span className="ml-2 text-xs text-slate-500">{r.summary}</span>
                </span>
                {EDITABLE.has(r.kind) ? (
                  <button
                    type="button"
                    className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50"
                    onClick={async () => {
                      setError(null);
                      try {
                        const m = await api<{ yaml: string }>(sourcePath(sourceId, `manifest${qs(key)}`));
                        onEdit(m.yaml);
                      } catch (e) {
                        setError((e as Error).message);
                      }
                    }}
                  >
                    Edit
                  </button>
                ) : null}
                <button type="button" className="rounded border border-slate-300 px-2 py-0.5 text-xs text-red-700 hover:bg-red-50" onClick={() => onDelete(deleteDirective(key))}>
                  Delete
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </details>
  );
}
