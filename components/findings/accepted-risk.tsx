"use client";
/**
 * A finding's accepted risk: the reason, who accepted it and until when; for a risk accepted in the
 * dashboard (kept in the store), Edit (reason, expiry) and Revoke, each naming the version it read
 * (a stale version is refused: someone else changed it first), and the risk's audit trail — who
 * accepted, edited or revoked it and when. A risk from the exceptions file is read-only here.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, qs, sourcePath, useSourceQuery } from "@/components/api";
import type { AcceptedRisk, RiskAuditEntry, RiskLedger } from "@/lib/findings/accepted-risks";
import type { FindingException } from "@/lib/findings/types";
import { RiskFields, writeError } from "./accept-risk";

const when = (iso: string) => iso.replace("T", " ").slice(0, 16) + " UTC";

function trailLine(a: RiskAuditEntry): string {
  if (a.action === "accept") return `accepted by ${a.actor}: “${a.after?.reason ?? ""}”, until ${a.after?.expires ?? "?"}`;
  if (a.action === "revoke") return `revoked by ${a.actor}`;
  const changes: string[] = [];
  if (a.before?.reason !== a.after?.reason) changes.push(`reason “${a.before?.reason ?? ""}” → “${a.after?.reason ?? ""}”`);
  if (a.before?.expires !== a.after?.expires) changes.push(`until ${a.before?.expires ?? "?"} → ${a.after?.expires ?? "?"}`);
  return `edited by ${a.actor}${changes.length ? `: ${changes.join("; ")}` : ""}`;
}

function EditRisk({ sourceId, risk, onDone }: { sourceId: string; risk: AcceptedRisk; onDone: () => void }) {
  const qc = useQueryClient();
  const [reason, setReason] = useState(risk.reason);
  const [expires, setExpires] = useState(risk.expires);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function send(init: RequestInit, path = "exceptions") {
    setBusy(true);
    setError(undefined);
    try {
      await api(sourcePath(sourceId, path), init);
      await qc.invalidateQueries({ queryKey: ["source", sourceId] });
      onDone();
    } catch (err) {
      setError(writeError(err));
    } finally {
      setBusy(false);
    }
  }
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const change = { ...(reason !== risk.reason ? { reason } : {}), ...(expires !== risk.expires ? { expires } : {}) };
    void send({ method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ riskId: risk.riskId, version: risk.version, ...change }) });
  };
  return (
    <form onSubmit={save} className="mt-2 space-y-2 text-sm" aria-label="Edit accepted risk">
      <RiskFields reason={reason} setReason={setReason} expires={expires} setExpires={setExpires} />
      {error ? <p className="text-red-800">{error}</p> : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={busy || (reason === risk.reason && expires === risk.expires)} className="rounded-md bg-accent px-3 py-1.5 font-medium text-white disabled:opacity-50">
          Save
        </button>
        <button type="button" disabled={busy} onClick={() => void send({ method: "DELETE" }, `exceptions${qs({ riskId: risk.riskId, version: risk.version })}`)} className="rounded-md border border-red-300 px-3 py-1.5 text-red-800 hover:bg-red-50">
          Revoke
        </button>
        <button type="button" onClick={onDone} className="rounded-md border border-slate-300 px-3 py-1.5">
          Cancel
        </button>
      </div>
    </form>
  );
}

export function AcceptedRiskPanel({ sourceId, findingId, exception }: { sourceId: string; findingId: string; exception: FindingException }) {
  const ledger = useSourceQuery<RiskLedger>(sourceId, "exceptions");
  const [editing, setEditing] = useState<number>();
  // risks accepted in the dashboard name the finding by id; anything else came from the exceptions file
  const stored = (ledger.data?.risks ?? []).filter((r) => !r.revoked && r.id === findingId);
  const trail = (ledger.data?.audit ?? []).filter((a) => stored.some((r) => r.riskId === a.riskId));
  return (
    <section className="rounded-md border border-emerald-200 bg-emerald-50 p-3" data-testid="accepted-risk">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-emerald-800">Accepted risk</h3>
      <p className="mt-1 text-emerald-950">
        {exception.reason} — {exception.by}, until {exception.expires}
      </p>
      {ledger.isSuccess && !stored.length ? <p className="mt-1 text-xs text-emerald-900">From the exceptions file: change it there (it is read-only here).</p> : null}
      {stored.map((r) =>
        editing === r.riskId ? (
          <EditRisk key={r.riskId} sourceId={sourceId} risk={r} onDone={() => setEditing(undefined)} />
        ) : (
          <div key={r.riskId} className="no-print mt-2">
            <button type="button" onClick={() => setEditing(r.riskId)} className="rounded-md border border-emerald-300 bg-white px-3 py-1 text-sm text-emerald-900 hover:bg-emerald-100">
              Edit or revoke…
            </button>
          </div>
        ),
      )}
      {trail.length ? (
        <details className="mt-2 text-xs text-emerald-950" data-testid="risk-trail">
          <summary className="cursor-pointer">History ({trail.length})</summary>
          <ol className="mt-1 space-y-0.5">
            {trail.map((a) => (
              <li key={a.auditId}>
                <span className="font-mono">{when(a.at)}</span> — {trailLine(a)}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
