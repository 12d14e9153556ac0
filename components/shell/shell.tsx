"use client";

import Link from "next/link";
import { ErrorState, Loading } from "@/components/ui/states";
import { ApiError } from "@/components/api";
import { DraftBar } from "@/components/drafts/draft-bar";
import { Nav } from "./nav";
import { PartialBanner } from "./partial-banner";
import { SnapshotStatus } from "./snapshot-status";
import { ThemeSelect } from "@/components/theme/theme-select";
import { SourcePicker } from "./source-picker";
import { useLiveUpdates } from "./use-live-updates";
import { useSourceStatus } from "./use-status";

/** The one layout: header (product, source, snapshot state), navigation, partial banner, page. */
export function Shell({ sourceId, user, children }: { sourceId: string; user?: React.ReactNode; children: React.ReactNode }) {
  const status = useSourceStatus(sourceId);
  const connected = useLiveUpdates(sourceId);
  const st = status.data;
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-accent shadow focus:not-sr-only focus:fixed focus:left-3 focus:top-3">
        Skip to content
      </a>
      <header className="no-print border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-[1400px] flex-wrap items-center gap-x-6 gap-y-2 px-6 py-3">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
            <span aria-hidden className="grid size-6 place-items-center rounded bg-accent text-xs font-bold text-white">
              C
            </span>
            Clearance
          </Link>
          <Nav sourceId={sourceId} />
          <div className="ml-auto flex flex-wrap items-center gap-4">
            <Link href="/fleet" className="text-sm font-medium text-slate-600 hover:text-slate-900">
              Fleet
            </Link>
            <SourcePicker sourceId={sourceId} />
            <SnapshotStatus sourceId={sourceId} connected={connected} />
            <ThemeSelect />
            {user}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-[1400px] space-y-4 px-6 py-6 focus:outline-none">
        <div className="no-print space-y-2">
          <DraftBar sourceId={sourceId} />
          <PartialBanner sourceId={sourceId} />
        </div>
        {status.isError ? (
          <ErrorState error={status.error} />
        ) : st?.state === "error" && st.error ? (
          <ErrorState title="This source could not be read" error={new ApiError(st.error.code, st.error.message, 502)} />
        ) : st?.state === "ready" ? (
          children
        ) : (
          <Loading label={st?.progress ? `Reading cluster: ${st.progress.done} of ${st.progress.total} kinds…` : "Reading source…"} />
        )}
      </main>
    </div>
  );
}
