"use client";
/** RBAC kinds the snapshot could not read: empty answers must say they may be incomplete. */
import { useSourceQuery } from "@/components/api";
import type { SnapshotSummary } from "@/lib/model";

const RBAC_KINDS = new Set(["roles", "clusterroles", "rolebindings", "clusterrolebindings", "serviceaccounts", "pods"]);

export function useRbacGaps(sourceId: string): string[] {
  const s = useSourceQuery<SnapshotSummary>(sourceId, "summary").data;
  return (s?.unavailable ?? []).filter((u) => RBAC_KINDS.has(u.resource.toLowerCase())).map((u) => `${u.resource} (${u.state})`);
}

export function GapsNote({ gaps }: { gaps: string[] }) {
  if (!gaps.length) return null;
  return <p className="mt-2 text-amber-800">The snapshot could not read {gaps.join(", ")}: this answer may be incomplete.</p>;
}
