"use client";

import Link from "next/link";
import { useSourceQuery } from "@/components/api";
import { Notice } from "@/components/ui/states";
import type { SnapshotSummary } from "@/lib/model";
import { useSourceStatus } from "./use-status";

/** Says, on every page, what the snapshot is missing: unreadable kinds and skipped documents. */
export function PartialBanner({ sourceId }: { sourceId: string }) {
  const status = useSourceStatus(sourceId);
  const summary = useSourceQuery<SnapshotSummary>(sourceId, "summary", { enabled: status.data?.state === "ready" });
  const s = summary.data;
  if (!s || !s.partial) return null;
  const errors = s.issues.filter((i) => i.severity === "error").length;
  const parts: string[] = [];
  if (s.unavailable.length) parts.push(`could not read ${s.unavailable.map((u) => `${u.resource} (${u.state})`).join(", ")}`);
  if (errors) parts.push(`skipped ${errors} document${errors === 1 ? "" : "s"} with errors`);
  return (
    <Notice testId="partial-banner">
      <strong>Partial data:</strong> {parts.join("; ")}. Results below cover what could be read.{" "}
      <Link className="underline" href={`/c/${encodeURIComponent(sourceId)}#problems`}>
        Details
      </Link>
    </Notice>
  );
}
