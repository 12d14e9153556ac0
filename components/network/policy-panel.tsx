"use client";
/** One policy in a side drawer: what it selects, each rule in words, the pods it selects. Opened from any tab (`policy=` in the URL). */
import { useEffect } from "react";
import { qs, useSourceQuery } from "@/components/api";
import { Badge } from "@/components/ui/badge";
import { ErrorState, Loading } from "@/components/ui/states";
import type { PolicyDetail, RuleView } from "@/lib/netpol/policy-view";
import { focusOn, type NetworkView, semanticsParams } from "./url-state";

function Rules({ dir, rules }: { dir: "ingress" | "egress"; rules: RuleView[] | undefined }) {
  const word = dir === "ingress" ? "From" : "To";
  return (
    <section data-testid={`policy-${dir}`}>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{dir === "ingress" ? "Ingress" : "Egress"}</h3>
      {rules === undefined ? (
        <p className="mt-1 text-xs text-slate-500">Not covered: this policy has no say over {dir}.</p>
      ) : rules.length === 0 ? (
        <p className="mt-1 text-xs font-medium text-red-800">No rule: the selected pods get no {dir} from this policy (deny all, unless another policy allows).</p>
      ) : (
        <ol className="mt-1 space-y-2">
          {rules.map((r) => (
            <li key={r.index} className="rounded-md border border-slate-200 p-2 text-xs" data-testid="policy-rule">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold text-slate-900">Rule {r.index + 1}</span>
                {r.name ? <span className="font-mono text-slate-700">&quot;{r.name}&quot;</span> : null}
                {r.action ? <Badge tone={r.action === "Deny" ? "critical" : r.action === "Pass" ? "neutral" : "ok"}>{r.action}</Badge> : null}
                <span className="font-mono text-slate-500">{r.path}</span>
              </div>
              <p className="mt-1">
                <span className="text-slate-500">{word}: </span>
                {r.peers.length ? (
                  <span>
                    {r.peers.map((p, i) => (
                      <span key={p}>
                        {i > 0 ? <span className="text-slate-500"> or </span> : null}
                        {p}
                      </span>
                    ))}
                  </span>
                ) : (
                  <span>anyone (every pod and every outside address)</span>
                )}
              </p>
              <p>
                <span className="text-slate-500">Ports: </span>
                {r.ports}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function PolicyPanel({ sourceId, view, go, onClose }: { sourceId: string; view: NetworkView; go: (v: NetworkView) => void; onClose: () => void }) {
  const res = useSourceQuery<PolicyDetail>(sourceId, `network/policy${qs({ id: view.policy, ...semanticsParams(view) })}`, { enabled: !!view.policy });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  const d = res.data;
  return (
    <div role="dialog" aria-label="Policy detail" data-testid="policy-panel" className="fixed inset-y-0 right-0 z-40 w-full max-w-[520px] overflow-y-auto border-l border-slate-200 bg-white p-5 shadow-xl">
      <div className="flex items-start justify-between gap-3">
        <div>
          <p className="text-xs font-medium uppercase tracking-wide text-violet-700">{view.policy?.split("/")[0]}</p>
          <h2 className="break-all font-mono text-base font-semibold text-slate-900">{view.policy?.split("/").slice(1).join("/")}</h2>
        </div>
        <button type="button" aria-label="Close policy" onClick={onClose} className="text-slate-500 hover:text-slate-900">
          ✕
        </button>
      </div>
      {res.isPending ? (
        <Loading />
      ) : res.isError ? (
        <ErrorState error={res.error} />
      ) : d ? (
        <div className="mt-4 space-y-4 text-sm">
          <p>
            <span className="text-slate-500">Applies to </span>
            {d.selects}
            {d.priority !== undefined ? <span className="text-slate-500"> · priority {d.priority}</span> : null}
          </p>
          {d.notes.length ? (
            <ul className="space-y-1">
              {d.notes.map((n) => (
                <li key={n} className={`rounded-md px-2 py-1 text-xs ${/no pod|matches no pod|never/.test(n) ? "bg-amber-50 text-amber-950" : "bg-slate-50 text-slate-700"}`}>
                  {n}
                </li>
              ))}
            </ul>
          ) : null}
          <Rules dir="ingress" rules={d.ingress} />
          <Rules dir="egress" rules={d.egress} />
          <section>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">
              Selected pods ({d.selectedPods.length + d.moreSelected})
            </h3>
            {d.selectedPods.length === 0 ? (
              <p className="mt-1 text-xs text-slate-500">none</p>
            ) : (
              <ul className="mt-1 max-h-64 space-y-0.5 overflow-y-auto text-xs" data-testid="policy-pods">
                {d.selectedPods.map((p) => (
                  <li key={`${p.namespace}/${p.name}`} className="flex justify-between gap-2">
                    <span className="font-mono">
                      {p.namespace}/{p.name}
                    </span>
                    <button type="button" className="shrink-0 text-accent hover:underline" onClick={() => go({ ...focusOn(view, p.namespace, p.workload), policy: undefined })}>
                      {p.workload} in graph
                    </button>
                  </li>
                ))}
                {d.moreSelected ? <li className="text-slate-500">… and {d.moreSelected} more</li> : null}
              </ul>
            )}
          </section>
        </div>
      ) : null}
    </div>
  );
}
