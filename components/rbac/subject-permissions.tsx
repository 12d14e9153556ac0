"use client";
/** A subject's effective permissions, full width: per namespace, with "assume groups" for IdP membership RBAC cannot see. */
import { useState } from "react";
import { qs, useSourceQuery } from "@/components/api";
import { ErrorState, Loading } from "@/components/ui/states";
import type { SubjectPermissions } from "./api-types";
import { PermissionGridView } from "./permission-grid";
import { useSubjectUsage } from "./usage/use-audit";

export function SubjectPermissionsView({ sourceId, subject, namespace, assume, onAssume }: { sourceId: string; subject: string; namespace: string; assume: string[]; onAssume: (groups: string[]) => void }) {
  const res = useSourceQuery<SubjectPermissions>(sourceId, `rbac/permissions${qs({ subject, namespace, as: assume })}`, { placeholderData: (prev) => prev });
  const [draft, setDraft] = useState("");
  const usage = useSubjectUsage(sourceId, subject, { namespace, assume }).data;
  const isGroup = subject.startsWith("Group/");
  return (
    <section className="rounded-lg border border-slate-200 bg-white" aria-label="Effective permissions" data-testid="subject-permissions">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-100 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-900">
          Effective permissions{namespace ? ` (cluster-wide and in ${namespace})` : ""}
        </h2>
        {res.data ? <span className="text-xs text-slate-500">as {[res.data.subject.kind, ...(res.data.groups.length ? [`in groups ${res.data.groups.join(", ")}`] : [])].join(", ")}</span> : null}
        {!isGroup ? (
          <form
            className="ml-auto flex items-center gap-1 text-xs text-slate-600"
            onSubmit={(e) => {
              e.preventDefault();
              const g = draft.trim();
              if (g && !assume.includes(g)) onAssume([...assume, g]);
              setDraft("");
            }}
          >
            <label className="flex items-center gap-1" title="Group membership from the identity provider is invisible in RBAC objects: state it to ask what the subject could do.">
              Assume group
              <input aria-label="Assume group" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="acme:platform" className="w-36 rounded-md border border-slate-300 px-1.5 py-1" />
            </label>
            <button type="submit" className="rounded-md border border-slate-300 px-2 py-1 hover:border-accent">
              Add
            </button>
            {assume.map((g) => (
              <button key={g} type="button" onClick={() => onAssume(assume.filter((x) => x !== g))} className="rounded bg-violet-50 px-1.5 py-0.5 font-mono text-violet-800 hover:line-through" title="Stop assuming this group">
                {g} ✕
              </button>
            ))}
          </form>
        ) : null}
      </header>
      <div className="max-h-[640px] overflow-auto p-4">{res.isPending ? <Loading /> : res.isError ? <ErrorState error={res.error} /> : <PermissionGridView grid={res.data.grid} testId="permissions-grid" usage={usage?.grid} fix={{ sourceId, subject }} />}</div>
    </section>
  );
}
