"use client";

import { useQuery } from "@tanstack/react-query";
import { api, sourcePath } from "@/components/api";

export interface SourceStatus {
  state: "loading" | "ready" | "error";
  startedAt: string;
  loadedAt?: string;
  progress?: { done: number; total: number; resource?: string };
  error?: { code: string; message: string };
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
