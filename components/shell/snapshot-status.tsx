"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, sourcePath, useSourceQuery } from "@/components/api";
import { Badge } from "@/components/ui/badge";
import type { SnapshotSummary } from "@/lib/model";
import { useSourceStatus } from "./use-status";

export function age(iso: string, now: number, seconds = false): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds && s < 60) return s < 2 ? "now" : `${s} s ago`;
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

/** Snapshot age, completeness and a manual refresh, for the header. */
export function SnapshotStatus({ sourceId, connected }: { sourceId: string; connected?: boolean }) {
  const status = useSourceStatus(sourceId);
  const live = status.data?.state === "ready" ? status.data.live : undefined;
  const ready = status.data?.state === "ready";
  const summary = useSourceQuery<SnapshotSummary>(sourceId, "summary", { enabled: ready });
  const qc = useQueryClient();
  const [now, setNow] = useState(() => Date.now());
  const [refreshing, setRefreshing] = useState(false);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), live ? 1_000 : 30_000);
    return () => clearInterval(t);
  }, [live]);

  async function refresh() {
    setRefreshing(true);
    try {
      await api(sourcePath(sourceId, "refresh"), { method: "POST" });
      await qc.invalidateQueries({ queryKey: ["source", sourceId] });
    } finally {
      setRefreshing(false);
    }
  }

  const st = status.data;
  return (
    <div className="flex items-center gap-3 text-sm" data-testid="snapshot-status">
      {st?.state === "loading" ? (
        <span className="text-slate-600">
          Reading cluster…{st.progress ? ` ${st.progress.done}/${st.progress.total}${st.progress.resource ? ` (${st.progress.resource})` : ""}` : ""}
        </span>
      ) : null}
      {st?.state === "error" ? <Badge tone="critical">not loaded</Badge> : null}
      {live ? (
        <span
          className="flex items-center gap-1.5 text-slate-600"
          data-testid="freshness"
          title={`Watching the cluster: ${live.events} changes applied, ${live.relists} relists${live.failing.length ? `; retrying ${live.failing.join(", ")}` : ""}. ${connected ? "This page updates by itself." : "Reconnecting to the server…"}`}
        >
          <span aria-hidden className={`size-2 rounded-full ${connected && !live.failing.length ? "bg-emerald-500" : "bg-amber-500"}`} />
          live · updated {age(live.updatedAt, now, true)}
        </span>
      ) : null}
      {summary.data && !live ? (
        <span className="text-slate-500" title={summary.data.takenAt}>
          taken {age(summary.data.takenAt, now)}
        </span>
      ) : null}
      {summary.data ? (
        <>
          {summary.data.partial ? (
            <Badge tone="medium" title="Some kinds or documents could not be read">
              partial
            </Badge>
          ) : (
            <Badge tone="ok">complete</Badge>
          )}
        </>
      ) : null}
      <button
        type="button"
        onClick={refresh}
        disabled={refreshing || st?.state === "loading"}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-slate-700 hover:bg-slate-50 disabled:opacity-50"
      >
        {refreshing ? "Refreshing…" : "Refresh"}
      </button>
    </div>
  );
}
