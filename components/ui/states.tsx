"use client";
/** The designed states every view shows: loading, empty, error, partial. */
import { ApiError, explainError } from "@/components/api";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
      <span className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-accent" aria-hidden />
      {label}
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center">
      <p className="font-medium text-slate-800">{title}</p>
      {children ? <div className="mt-1 text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}

export function ErrorState({ error, title = "This view could not be loaded" }: { error: unknown; title?: string }) {
  const message = error instanceof ApiError ? explainError(error) : "Something went wrong in the browser.";
  const detail = error instanceof ApiError ? error.message : String(error);
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-5 text-sm">
      <p className="font-semibold text-red-900">{title}</p>
      <p className="mt-1 text-red-900">{message}</p>
      {detail && detail !== message ? <p className="mt-2 font-mono text-xs text-red-800">{detail}</p> : null}
    </div>
  );
}

export function Notice({ tone = "warn", children, testId }: { tone?: "warn" | "info"; children: React.ReactNode; testId?: string }) {
  const cls = tone === "warn" ? "border-amber-300 bg-amber-50 text-amber-950" : "border-sky-200 bg-sky-50 text-sky-950";
  return (
    <div data-testid={testId} role="note" className={`rounded-md border px-4 py-2 text-sm ${cls}`}>
      {children}
    </div>
  );
}
