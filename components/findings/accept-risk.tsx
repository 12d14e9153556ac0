"use client";
/** "Accept this risk": writes an exception (who, why, until when) when the server has a writable data directory. */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, ApiError, explainError, sourcePath } from "@/components/api";

function inDays(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

/** What a refused write says: the server's own sentence for the store's refusals, else the general advice. */
export function writeError(err: unknown): string {
  if (!(err instanceof ApiError)) return String(err);
  if (err.code === "conflict") return `${err.message} Reload to see the change, then try again.`;
  return err.code === "forbidden" || err.code === "unavailable" || err.code === "bad_request" ? err.message : explainError(err);
}

/** The reason and expiry of an accepted risk, as the accept and edit forms ask for them. */
export function RiskFields({ reason, setReason, expires, setExpires, minExpires }: { reason: string; setReason: (v: string) => void; expires: string; setExpires: (v: string) => void; minExpires?: string }) {
  return (
    <>
      <label className="block">
        <span className="text-xs font-medium text-slate-700">Why is this risk accepted?</span>
        <textarea required minLength={3} value={reason} onChange={(e) => setReason(e.target.value)} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1" rows={2} />
      </label>
      <label className="block">
        <span className="text-xs font-medium text-slate-700">Until</span>
        <input type="date" required value={expires} min={minExpires} onChange={(e) => setExpires(e.target.value)} className="mt-1 rounded-md border border-slate-300 px-2 py-1" />
      </label>
    </>
  );
}

export function AcceptRisk({ sourceId, findingId }: { sourceId: string; findingId: string }) {
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [expires, setExpires] = useState(inDays(90));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api(sourcePath(sourceId, "exceptions"), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: findingId, reason, expires }) });
      setOpen(false);
      await qc.invalidateQueries({ queryKey: ["source", sourceId] });
    } catch (err) {
      setError(writeError(err));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
        Accept risk…
      </button>
    );
  }
  return (
    <form onSubmit={submit} className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" aria-label="Accept risk">
      <RiskFields reason={reason} setReason={setReason} expires={expires} setExpires={setExpires} minExpires={inDays(1)} />
      {error ? <p className="text-red-800">{error}</p> : null}
      <div className="flex gap-2">
        <button type="submit" disabled={busy} className="rounded-md bg-accent px-3 py-1.5 font-medium text-white disabled:opacity-50">
          {busy ? "Saving…" : "Accept risk"}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="rounded-md border border-slate-300 px-3 py-1.5">
          Cancel
        </button>
      </div>
    </form>
  );
}
