import Link from "next/link";
import { redirect } from "next/navigation";
import { Suspense } from "react";
import { FleetExplorer } from "@/components/fleet/fleet-explorer";
import { UserMenu } from "@/components/shell/user-menu";
import { currentViewer } from "@/server/auth/viewer";

export const dynamic = "force-dynamic";

export default async function FleetPage() {
  const { mode, result } = await currentViewer();
  if (!result.ok) redirect(result.status === 403 ? "/not-authorised" : "/signin");
  const { name, email, groups } = result.viewer;
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-[1400px] items-center gap-6 px-6 py-3">
          <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-slate-900">
            <span aria-hidden className="grid size-6 place-items-center rounded bg-accent text-xs font-bold text-white">
              C
            </span>
            Clearance
          </Link>
          <span className="rounded-md bg-accent-soft px-3 py-1.5 text-sm font-medium text-accent">Fleet</span>
          <div className="ml-auto">
            <UserMenu mode={mode} viewer={{ name, groups, ...(email ? { email } : {}) }} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-[1400px] px-6 py-6">
        <Suspense>
          <FleetExplorer />
        </Suspense>
      </main>
    </div>
  );
}
