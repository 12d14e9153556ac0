const TONES = {
  critical: "bg-red-100 text-red-900 ring-red-300",
  high: "bg-orange-100 text-orange-900 ring-orange-300",
  medium: "bg-amber-100 text-amber-900 ring-amber-300",
  low: "bg-sky-100 text-sky-900 ring-sky-300",
  info: "bg-slate-100 text-slate-700 ring-slate-300",
  ok: "bg-emerald-100 text-emerald-900 ring-emerald-300",
  neutral: "bg-slate-100 text-slate-700 ring-slate-200",
  accent: "bg-accent-soft text-accent ring-indigo-200",
} as const;

export type BadgeTone = keyof typeof TONES;

export function Badge({ tone = "neutral", children, title }: { tone?: BadgeTone; children: React.ReactNode; title?: string }) {
  return (
    <span title={title} className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>
      {children}
    </span>
  );
}
