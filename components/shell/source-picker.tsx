"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import type { SourcesResponse, SourceInfo } from "@/lib/contracts";
import { api } from "@/components/api";
import { splitSourceId, withDraft } from "@/lib/whatif/source-id";


const GROUPS: [SourceInfo["type"], string][] = [
  ["live", "Clusters (kubeconfig)"],
  ["files", "Snapshots"],
  ["demo", "Demo"],
];

/** Switches source and keeps the section (and its query) the user is looking at, and the draft applied to it. */
export function SourcePicker({ sourceId: id }: { sourceId: string }) {
  const { base: sourceId, draft } = splitSourceId(id);
  const router = useRouter();
  const pathname = usePathname();
  const { data } = useQuery({ queryKey: ["sources"], queryFn: () => api<SourcesResponse>("/api/sources") });
  const sources = data?.sources ?? [];
  const known = sources.some((s) => s.id === sourceId);

  function go(id: string) {
    const rest = pathname.split("/").slice(3).join("/");
    router.push(`/c/${encodeURIComponent(withDraft(id, draft))}${rest ? `/${rest}` : ""}`);
  }

  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-500">Source</span>
      <select
        data-testid="source-picker"
        aria-label="Cluster source"
        className="max-w-72 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 focus:border-accent focus:outline-none"
        value={sourceId}
        onChange={(e) => go(e.target.value)}
      >
        {!known ? <option value={sourceId}>{sourceId}</option> : null}
        {GROUPS.map(([type, label]) => {
          const group = sources.filter((s) => s.type === type);
          if (group.length === 0) return null;
          return (
            <optgroup key={type} label={label}>
              {group.map((s) => (
                <option key={s.id} value={s.id} title={s.detail}>
                  {s.label}
                  {s.current ? " (current)" : ""}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
    </label>
  );
}
