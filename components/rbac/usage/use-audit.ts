"use client";
/** The source's audit log status, polled while it is being read; and a subject's usage once it is. */
import { qs, useSourceQuery } from "@/components/api";
import type { AuditStatus, SubjectUsage } from "./api-types";

export function useAuditStatus(sourceId: string) {
  return useSourceQuery<AuditStatus>(sourceId, "audit/status", { refetchInterval: (q) => (q.state.data?.state === "loading" ? 1000 : false) });
}

/** A subject's usage; disabled until the log has been read (or when there is none). */
export function useSubjectUsage(sourceId: string, subject: string | undefined, opts: { namespace?: string; assume?: string[] } = {}) {
  const status = useAuditStatus(sourceId).data;
  const ready = status?.state === "ready" && !!subject;
  return useSourceQuery<SubjectUsage>(sourceId, `audit/subject${qs({ subject, namespace: opts.namespace, as: opts.assume })}`, { enabled: ready, placeholderData: (prev) => prev });
}

export const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const count = (n: number) => n.toLocaleString("en-US");
