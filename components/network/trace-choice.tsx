"use client";

import type { TraceView } from "@/lib/netpol/trace-view";
import type { CniChoice } from "./url-state";

/** The CNI was assumed: the same flow under each plausible CNI, each one click from being the choice. */
export function ChoiceChanges({ answer, choose }: { answer: TraceView["answer"]; choose: (cni: CniChoice) => void }) {
  const alts = answer.alternatives ?? [];
  const differs = alts.some((x) => x.differs);
  return (
    <div className={`rounded-md border px-3 py-2 text-xs ${differs ? "border-amber-300 bg-amber-50 text-amber-950" : "border-slate-200 bg-slate-50 text-slate-700"}`} data-testid="trace-alternatives">
      <p className="font-semibold">{differs ? "The verdict depends on the CNI, which this source does not say:" : "The CNI is not known, and the verdict is the same under each:"}</p>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {alts.map((x) => (
          <li key={x.id} data-cni={x.id} data-allowed={String(x.allowed)}>
            <button type="button" className="hover:underline" onClick={() => choose(x.id as CniChoice)} title={`Use ${x.label}'s semantics`}>
              {x.label}: <span className={x.differs ? "font-semibold" : ""}>{x.allowed ? "allowed" : "blocked"}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
