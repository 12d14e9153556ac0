"use client";

import { useQuery } from "@tanstack/react-query";
import type { SourceStatus } from "@/lib/contracts";
import { api, sourcePath } from "@/components/api";

export type { SourceStatus };

/** Polls the source's load state while it is loading. */
export function useSourceStatus(sourceId: string) {
  return useQuery({
    queryKey: ["source", sourceId, "status"],
    queryFn: () => api<SourceStatus>(sourcePath(sourceId, "status")),
    refetchInterval: (q) => (q.state.data?.state === "loading" ? 700 : false),
    staleTime: 0,
  });
}
