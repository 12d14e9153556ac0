/**
 * In a draft's summary, what the source's audit log shows as used, checked against the draft's RBAC
 * (lib/audit/used-check.ts): nothing used in the window is lost, or which requests, by whom, would
 * be refused. Absent when the source has no audit log.
 */
import { Card } from "@/components/ui/card";
import type { WhatifSummary } from "@/lib/whatif/summary";

const n = (x: number) => x.toLocaleString("en-US");
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function UsedCard({ s }: { s: WhatifSummary }) {
  const u = s.used;
  if (!u) {
    return s.usedPending ? (
      <Card title="Used requests (audit log)">
        <p className="text-sm text-slate-600">The audit log is still being read; reload to see whether anything used would stop working.</p>
      </Card>
    ) : null;
  }
  return (
    <Card title="Used requests (audit log)">
      {u.lost.atoms === 0 ? (
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-950" data-testid="whatif-used">
          Nothing used in {u.windowText} is lost: all {n(u.checked.atoms)} distinct requests the log shows as allowed ({n(u.checked.requests)} in all) are still allowed with the draft.
        </p>
      ) : (
        <div data-testid="whatif-used">
          <p className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-950">
            {n(u.lost.atoms)} distinct requests used in {u.windowText} ({n(u.lost.requests)} in all) would be refused with the draft:
          </p>
          <ul className="mt-2 space-y-0.5 text-xs text-slate-800">
            {u.examples.map((e, i) => (
              <li key={i}>
                <span className="font-medium">{e.username}</span>: {e.text} <span className="text-slate-500">×{n(e.count)}, last {day(e.last)}</span>
              </li>
            ))}
            {u.lost.atoms > u.examples.length ? <li className="text-slate-500">… and {n(u.lost.atoms - u.examples.length)} more</li> : null}
          </ul>
        </div>
      )}
    </Card>
  );
}
