"use client";
/**
 * Keeps the open page current without a reload: listens to the source's server-sent events
 * (/api/c/:source/events) and, when the source has a new snapshot, refetches every query of that
 * source (TanStack Query refetches the ones on screen). EventSource reconnects by itself.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { sourcePath } from "@/components/api";

export function useLiveUpdates(sourceId: string): boolean {
  const qc = useQueryClient();
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    const es = new EventSource(sourcePath(sourceId, "events"));
    es.addEventListener("open", () => setConnected(true));
    es.addEventListener("error", () => setConnected(false));
    es.addEventListener("snapshot", () => void qc.invalidateQueries({ queryKey: ["source", sourceId] }));
    return () => es.close();
  }, [sourceId, qc]);
  return connected;
}
