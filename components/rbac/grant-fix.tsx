"use client";
/**
 * "Fix…" under a permission of a subject (the RBAC explorer's permission grid): the smallest edits
 * that take the chosen verbs on that resource away from the subject (GET …/rbac/fix, the same fixer
 * as `clearance fix grant`), narrowest first — which rule of which role, a role of its own when the
 * role is shared, or which binding — each with who loses what and its YAML to open as a draft.
 */
import { useState } from "react";
import { qs, useSourceQuery } from "@/components/api";
import { ErrorState, Loading } from "@/components/ui/states";
import type { GrantFixResponse } from "@/lib/contracts";
import type { GridRow } from "./api-types";
import { RbacFixList } from "./rbac-fix-list";

function Alternatives({ sourceId, subject, namespace, row, verbs }: { sourceId: string; subject: string; namespace: string; row: GridRow; verbs: string[] }) {
  const res = useSourceQuery<GrantFixResponse>(sourceId, `rbac/fix${qs({ subject, verb: verbs, group: row.group, resource: row.resource, namespace: namespace || undefined })}`);
  if (res.isPending) return <Loading label="Trying each change…" />;
  if (res.isError) return <ErrorState title="No fix could be computed" error={res.error} />;
  const f = res.data;
  return (
    <div className="space-y-2">
      {f.paths.length ? <p className="text-xs text-slate-700">Granted by: {f.paths.join("; ")}</p> : <p className="text-xs text-slate-700">No binding that names this subject grants it here: nothing to edit for it.</p>}
      {f.alsoThrough.length ? <p className="text-xs text-amber-800">It also gets it through groups it is in (edit those separately): {f.alsoThrough.join("; ")}</p> : null}
      <RbacFixList sourceId={sourceId} alternatives={f.alternatives} testId="grant-fix" about={`${verbs.join(",")} ${row.resource} ${namespace ? `in ${namespace}` : "cluster-wide"} for ${subject}`} />
    </div>
  );
}

/** The panel under one permission row; `namespace` is the row's scope ("" cluster-wide). */
export function GrantFixPanel({ sourceId, subject, namespace, row }: { sourceId: string; subject: string; namespace: string; row: GridRow }) {
  const all = [...new Set([...row.verbs, ...row.other])];
  const [verbs, setVerbs] = useState<string[]>(all);
  return (
    <section className="space-y-2" data-testid="grant-fix" aria-label={`Fix ${row.resource}`}>
      <div className="flex flex-wrap items-center gap-1 text-xs text-slate-700">
        <span>
          Take away on <span className="font-mono">{row.resource}</span> {namespace ? `in ${namespace}` : "cluster-wide"}:
        </span>
        {all.map((v) => (
          <label key={v} className="flex items-center gap-0.5 rounded border border-slate-200 px-1 py-0.5 font-mono">
            <input type="checkbox" checked={verbs.includes(v)} onChange={(e) => setVerbs(e.target.checked ? all.filter((x) => x === v || verbs.includes(x)) : verbs.filter((x) => x !== v))} />
            {v === "*" ? "every verb" : v}
          </label>
        ))}
      </div>
      {verbs.length ? <Alternatives sourceId={sourceId} subject={subject} namespace={namespace} row={row} verbs={verbs} /> : <p className="text-xs text-slate-600">Choose at least one verb.</p>}
    </section>
  );
}
