"use client";
/** Under the header while a draft is applied: every view shows the source with it; one click to its summary or back to the source alone. */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { api } from "@/components/api";
import type { DraftView } from "@/lib/whatif/api";
import { splitSourceId } from "@/lib/whatif/source-id";

export function DraftBar({ sourceId }: { sourceId: string }) {
  const { base, draft } = splitSourceId(sourceId);
  const pathname = usePathname();
  const res = useQuery({ queryKey: ["draft", draft], queryFn: () => api<DraftView>(`/api/drafts/${encodeURIComponent(draft!)}`), enabled: !!draft });
  if (!draft) return null;
  const rest = pathname.split("/").slice(3).join("/");
  const search = typeof window === "undefined" ? "" : window.location.search;
  const without = `/c/${encodeURIComponent(base)}${rest && rest !== "draft" ? `/${rest}${search}` : ""}`;
  return (
    <div role="status" data-testid="draft-bar" className="flex flex-wrap items-center gap-3 rounded-md border border-indigo-200 bg-accent-soft px-4 py-2 text-sm text-slate-900">
      <span>
        <span className="font-semibold">With draft</span> {res.data ? `“${res.data.title}”` : ""}: every view shows this source as it would be after this change.
      </span>
      <span className="ml-auto flex gap-2">
        {rest !== "draft" ? (
          <Link className="rounded-md border border-indigo-300 bg-white px-2 py-1 text-xs font-medium text-accent hover:bg-indigo-50" href={`/c/${encodeURIComponent(sourceId)}/draft`}>
            What it changes
          </Link>
        ) : null}
        <Link className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs text-slate-700 hover:bg-slate-50" href={without} data-testid="without-draft">
          View without the draft
        </Link>
      </span>
    </div>
  );
}
