"use client";
/**
 * The manager's view: one number and its direction, counts by area and severity, the ten risks to
 * read first, and what changed since the last scan. Every number links to the findings behind it.
 */
import Link from "next/link";
import type { PostureResponse } from "@/lib/contracts";
import { useSourceQuery } from "@/components/api";
import { AREA_LABELS, SEVERITY_ORDER, SeverityBadge } from "@/components/findings/severity";
import { Card } from "@/components/ui/card";
import { compactCount } from "@/components/ui/format";
import { ErrorState, Loading } from "@/components/ui/states";
import type { Category } from "@/lib/findings/types";
import { Name } from "../ui/name";

/** Font size of a severity count by its length (compactCount: at most five characters), so "15.3K" fits its box. */
const COUNT_SIZE: Record<number, string> = { 1: "text-lg", 2: "text-lg", 3: "text-lg", 4: "text-base leading-7" };

const AREAS: Category[] = ["rbac", "network", "workload", "admission", "platform"];

const BAND_TEXT = { critical: "critical open", high: "high open", medium: "medium open", none: "nothing above low" } as const;
const BAND_RANGE = { critical: "0–59", high: "60–79", medium: "80–89", none: "90–100" } as const;

/** The area's score at a glance: what set its range, and how much passed within it. */
function Why({ a }: { a?: PostureResponse["score"]["areas"][Category] }) {
  if (!a || a.score === null) return <span className="text-slate-600">nothing checked</span>;
  return (
    <span className="text-slate-700" data-testid="score-why">
      {BAND_TEXT[a.band]} ({BAND_RANGE[a.band]}) · {a.passedShare}% passed
    </span>
  );
}

function gradeColor(score: number | null): string {
  if (score === null) return "text-slate-400";
  if (score >= 80) return "text-emerald-700";
  if (score >= 60) return "text-amber-700";
  return "text-red-700";
}

function Sparkline({ points }: { points: (number | null)[] }) {
  const vals = points.filter((p): p is number => p !== null);
  if (vals.length < 2) return <p className="text-xs text-slate-500">The trend appears after the next scan.</p>;
  const w = 220;
  const h = 48;
  const step = w / (vals.length - 1);
  const y = (v: number) => h - (v / 100) * h;
  const d = vals.map((v, i) => `${i === 0 ? "M" : "L"}${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const delta = vals[vals.length - 1] - vals[vals.length - 2];
  return (
    <div className="space-y-1" data-testid="trend">
      <svg viewBox={`-4 -4 ${w + 8} ${h + 8}`} preserveAspectRatio="none" role="img" aria-label={`Score over the last ${vals.length} scans`} className="h-12 w-full">
        <path d={d} fill="none" stroke="#3451b2" strokeWidth={2} vectorEffect="non-scaling-stroke" />
        <circle cx={(vals.length - 1) * step} cy={y(vals[vals.length - 1])} r={3} fill="#3451b2" />
      </svg>
      <span className={`block text-sm font-medium ${delta > 0 ? "text-emerald-700" : delta < 0 ? "text-red-700" : "text-slate-600"}`}>
        {delta > 0 ? `▲ ${delta}` : delta < 0 ? `▼ ${-delta}` : "no change"} since last scan
      </span>
    </div>
  );
}

export function PostureOverview({ sourceId }: { sourceId: string }) {
  const { data, error, isPending } = useSourceQuery<PostureResponse>(sourceId, "posture");
  if (isPending) return <Loading label="Scoring the cluster…" />;
  if (error) return <ErrorState error={error} />;
  const base = `/c/${encodeURIComponent(sourceId)}/findings`;
  const link = (params: Record<string, string>) => `${base}?${new URLSearchParams(params).toString()}`;
  const { score } = data;
  return (
    <div className="space-y-4" data-testid="posture-overview">
      <header className="print-only" data-testid="print-header">
        <h1 className="text-2xl font-semibold">Clearance posture report</h1>
        <p className="text-sm">
          Cluster: <strong>{sourceId}</strong> · snapshot of {new Date(data.takenAt).toLocaleString()} · printed {new Date().toLocaleDateString()}
        </p>
      </header>
      <div className="print-stack grid gap-4 lg:grid-cols-[320px_minmax(0,1fr)]">
        <Card title="Posture score">
          <div className="flex items-end gap-3">
            <span className={`text-6xl font-semibold tabular-nums ${gradeColor(score.overall)}`} data-testid="score">
              {score.overall ?? "–"}
            </span>
            <span className="pb-2 text-slate-500">/ 100</span>
            {score.grade ? (
              <span className={`ml-auto rounded-md border px-3 py-1 text-2xl font-semibold ${gradeColor(score.overall)}`} data-testid="grade">
                {score.grade}
              </span>
            ) : null}
          </div>
          <div className="mt-3">
            {data.history.enabled ? <Sparkline points={data.history.trend.map((t) => t.score)} /> : <p className="text-xs text-slate-500">Trend off: {data.history.reason}</p>}
          </div>
          <div className="mt-4 grid grid-cols-5 gap-1 text-center">
            {SEVERITY_ORDER.map((s) => (
              <Link key={s} href={link({ severity: s })} title={`${score.bySeverity[s] ?? 0} ${s}`} className="min-w-0 rounded-md border border-slate-200 px-0.5 py-1.5 hover:border-accent" data-testid={`severity-count-${s}`}>
                {/* five boxes share 320 px: a four- or five-character count ("15.3K") steps down a size rather than being cut */}
                <div className={`truncate font-semibold tabular-nums ${COUNT_SIZE[compactCount(score.bySeverity[s] ?? 0).length] ?? "text-sm leading-7"}`}>{compactCount(score.bySeverity[s] ?? 0)}</div>
                <div className="text-[10px] text-slate-600">{s}</div>
              </Link>
            ))}
          </div>
          {score.excepted ? <p className="mt-2 text-xs text-slate-500">{score.excepted} accepted risk(s) counted at reduced weight.</p> : null}
          <details className="mt-3 text-xs text-slate-700" data-testid="score-how">
            <summary className="cursor-pointer">How this score is computed</summary>
            <ol className="mt-2 space-y-1">
              {score.formulas.score.split("\n").map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ol>
            <p className="mt-2 text-slate-600">Compliance: {score.formulas.compliance}</p>
          </details>
        </Card>
        <Card title="By area">
          <table className="w-full text-sm" data-testid="area-grid">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                <th className="py-1 font-medium">Area</th>
                <th className="py-1 text-right font-medium">Score</th>
                {SEVERITY_ORDER.slice(0, 4).map((s) => (
                  <th key={s} className="py-1 text-right font-medium">
                    {s}
                  </th>
                ))}
                <th className="py-1 pl-4 font-medium">Why this score</th>
              </tr>
            </thead>
            <tbody>
              {AREAS.map((a) => (
                <tr key={a} className="border-t border-slate-100">
                  <td className="py-2 font-medium">
                    <Link href={link({ area: a })} className="hover:underline">
                      {AREA_LABELS[a]}
                    </Link>
                  </td>
                  <td className={`py-2 text-right font-semibold tabular-nums ${gradeColor(score.areas[a]?.score ?? null)}`}>{score.areas[a]?.score ?? "–"}</td>
                  {SEVERITY_ORDER.slice(0, 4).map((s) => {
                    const n = data.byArea[a]?.[s] ?? 0;
                    return (
                      <td key={s} className="py-2 text-right tabular-nums">
                        {n ? (
                          <Link href={link({ area: a, severity: s })} className="hover:underline">
                            {n}
                          </Link>
                        ) : (
                          <span className="text-slate-600">0</span>
                        )}
                      </td>
                    );
                  })}
                  <td className="py-2 pl-4 text-xs">
                    <Why a={score.areas[a]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="mt-4 flex flex-wrap gap-3 text-sm" data-testid="compliance">
            {Object.entries(score.frameworks).map(([k, v]) => (
              <Link key={k} href={`/c/${encodeURIComponent(sourceId)}/compliance/${k.toLowerCase()}`} className="rounded-md border border-slate-200 px-3 py-1.5 hover:border-accent" data-testid={`framework-${k}`}>
                <span className="text-slate-500">{k}</span> <strong className="tabular-nums">{v.score === null ? "–" : `${v.score}%`}</strong>
              </Link>
            ))}
          </div>
        </Card>
      </div>
      <div className="print-stack grid gap-4 lg:grid-cols-[minmax(0,1fr)_360px]">
        <Card title="Top risks" actions={<Link href={base} className="text-xs text-accent hover:underline">All findings →</Link>}>
          <ol className="space-y-2" data-testid="top-risks">
            {data.top.map((f, i) => (
              <li key={f.id}>
                <Link href={link({ id: f.id })} className="flex items-start gap-3 rounded-md p-1.5 hover:bg-slate-50">
                  <span className="w-5 shrink-0 text-right text-sm tabular-nums text-slate-600">{i + 1}.</span>
                  <SeverityBadge severity={f.severity} />
                  <span className="min-w-0 text-sm">
                    <span className="font-medium text-slate-900" data-testid="risk-title">
                      {f.title}
                    </span>
                    {f.resources[0] && !f.title.includes(f.resources[0].name) ? (
                      <span className="text-slate-600">
                        {" "}
                        — {f.resources[0].kind} {f.resources[0].namespace ? `${f.resources[0].namespace}/` : ""}
                        <Name value={f.resources[0].name} />
                        {f.resources.length > 1 ? ` and ${f.resources.length - 1} more` : ""}
                      </span>
                    ) : null}
                    <span className="block truncate text-xs text-slate-600 print:whitespace-normal">{f.evidence.split("\n")[0]}</span>
                  </span>
                </Link>
              </li>
            ))}
            {data.top.length === 0 ? <li className="text-sm text-slate-500">No open risks.</li> : null}
          </ol>
        </Card>
        <Card title="Since the last scan">
          {data.changes ? (
            <div className="space-y-2 text-sm" data-testid="changes">
              <p>
                <strong>{data.changes.new.length}</strong> new, <strong>{data.changes.fixed}</strong> fixed since {new Date(data.changes.since).toLocaleString()}.
              </p>
              <ul className="space-y-1">
                {data.changes.new.slice(0, 8).map((f) => (
                  <li key={f.id}>
                    <Link href={link({ id: f.id })} className="flex gap-2 hover:underline">
                      <SeverityBadge severity={f.severity} /> <span className="truncate">{f.title}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="text-sm text-slate-500" data-testid="changes">
              {data.history.enabled ? "This is the first scan of this source; changes show from the next one." : "History is off, so changes cannot be shown. Set CLEARANCE_DATA_DIR to keep scans."}
            </p>
          )}
          <button type="button" onClick={() => window.print()} className="no-print mt-4 rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50" data-testid="print-report">
            Print report
          </button>
        </Card>
      </div>
    </div>
  );
}
