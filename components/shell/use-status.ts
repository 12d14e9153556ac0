"use client";

import { useQuery } from "@tanstack/react-query";
import { api, sourcePath } from "@/components/api";

export interface SourceStatus {
  state: "loading" | "ready" | "error";
  startedAt: string;
  loadedAt?: string;
  progress?: { done: number; total: number; resource?: string };
  error?: { code: string; message: string };
  version?: number;
  /** A watched live source: it follows the cluster (server/sources/live-watch.ts). */
  live?: { version: number; updatedAt: string; lastEventAt?: string; events: number; relists: number; failing: string[] };
}

/** Polls the source's load state while it is loading. */
export function useSourceStatus(sourceId: string) {
  return useQuery({
    queryKey: ["source", sourceId, "status"],
    queryFn: () => api<SourceStatus>(sourcePath(sourceId, "status")),
    refetchInterval: (q) => (q.state.data?.state === "loading" ? 700 : false),
    staleTime: 0,
  });
}
