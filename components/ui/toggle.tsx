"use client";

/** A pressed/unpressed button for filters and view toggles. */
export function Toggle({ on, onChange, children, testId, disabled }: { on: boolean; onChange: (on: boolean) => void; children: React.ReactNode; testId?: string; disabled?: boolean }) {
  return (
    <button
      type="button"
      data-testid={testId}
      aria-pressed={on}
      disabled={disabled}
      onClick={() => onChange(!on)}
      className={`rounded-md border px-2 py-1 text-xs font-medium disabled:opacity-40 ${on ? "border-accent bg-accent-soft text-accent" : "border-slate-200 bg-white text-slate-600 hover:bg-slate-50"}`}
    >
      {children}
    </button>
  );
}
