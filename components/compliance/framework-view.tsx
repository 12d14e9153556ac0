"use client";
/**
 * One framework (CIS, NSA, PSS) control by control: what each asks, the checks that implement it,
 * the resources that fail and pass it, and what it costs the framework score. `?control=` opens one.
 */
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useSourceQuery } from "@/components/api";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ErrorState, Loading } from "@/components/ui/states";
import type { ControlResult, FrameworkReport } from "@/lib/compliance/types";
import type { ResourceRef } from "@/lib/findings/types";

const resourceText = (r: ResourceRef) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name}`;

function scoreTone(score: number | null) {
  if (score === null) return "neutral" as const;
  return score >= 90 ? ("ok" as const) : score >= 60 ? ("medium" as const) : ("critical" as const);
}

function ControlBody({ c, findingsHref }: { c: ControlResult; findingsHref: (id: string) => string }) {
  return (
    <div className="space-y-3 px-3 pb-4 text-sm">
      <p className="text-slate-700">{c.definition}</p>
      <p className="text-xs text-slate-500">Source: {c.source}</p>
      {c.notChecked ? (
        <p className="text-slate-600" data-testid="not-checked">
          Not scored: {c.notChecked}
        </p>
      ) : (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Checked by</h4>
          <ul className="mt-1 list-disc pl-5">
            {c.checks.map((k) => (
              <li key={`${k.rule}:${k.filter ?? ""}`}>
                <code className="text-xs">{k.rule}</code> {k.title}
                {k.filter ? <span className="text-slate-500"> — {k.filter}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      )}
      {c.differences.length ? (
        <div>
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Where Clearance differs from Kubescape</h4>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-slate-700">
            {c.differences.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {c.failing.length ? (
        <div data-testid="failing">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Failing ({c.failed})</h4>
          <ul className="mt-1 space-y-1">
            {c.failing.map((f) => (
              <li key={resourceText(f.resource)} className="flex flex-wrap gap-x-2">
                <span className="font-medium">{resourceText(f.resource)}</span>
                {f.findings.map((x) => (
                  <Link key={x.id} href={findingsHref(x.id)} className="text-accent hover:underline">
                    {x.rule}: {x.title}
                  </Link>
                ))}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {c.passed ? (
        <div data-testid="passing">
          <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Passing ({c.passed})</h4>
          <p className="mt-1 text-slate-600">
            {c.passing.map(resourceText).join(", ")}
            {c.passed > c.passing.length ? `, and ${c.passed - c.passing.length} more` : ""}
          </p>
        </div>
      ) : null}
    </div>
  );
}

export function FrameworkView({ sourceId, framework }: { sourceId: string; framework: string }) {
  const { data, error, isPending } = useSourceQuery<FrameworkReport>(sourceId, `compliance/${encodeURIComponent(framework.toLowerCase())}`);
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  if (isPending) return <Loading label="Checking the controls…" />;
  if (error) return <ErrorState error={error} />;
  const open = params.get("control");
  const toggle = (id: string, isOpen: boolean) => {
    const next = new URLSearchParams(params.toString());
    if (isOpen) next.set("control", id);
    else if (next.get("control") === id) next.delete("control");
    router.replace(`${pathname}${next.size ? `?${next.toString()}` : ""}`, { scroll: false });
  };
  const findingsHref = (id: string) => `/c/${encodeURIComponent(sourceId)}/findings?${new URLSearchParams({ id }).toString()}`;
  const scored = data.controls.filter((c) => c.score !== null);
  return (
    <div className="space-y-4" data-testid="framework-view">
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <h1 className="text-xl font-semibold">{data.title}</h1>
          <p className="text-sm text-slate-600">
            {scored.length} controls scored, {data.controls.length - scored.length} listed without a score (not visible in read-only API objects, or not checked yet).
          </p>
        </div>
        <span className="ml-auto text-4xl font-semibold tabular-nums" data-testid="framework-score">
          {data.score === null ? "–" : `${data.score}%`}
        </span>
      </div>
      <details className="text-xs text-slate-600">
        <summary className="cursor-pointer">How compliance is computed</summary>
        <pre className="mt-2 whitespace-pre-wrap font-sans">{data.formula}</pre>
      </details>
      <Card>
        <div className="grid grid-cols-[7rem_minmax(0,1fr)_4rem_6rem_5rem] gap-2 border-b border-slate-200 px-3 pb-2 text-xs font-medium uppercase tracking-wide text-slate-500">
          <span>Control</span>
          <span>Title</span>
          <span className="text-right">Score</span>
          <span className="text-right">Failing</span>
          <span className="text-right" title="Points of the framework score this control costs">Costs</span>
        </div>
        <ul data-testid="controls">
          {data.controls.map((c) => (
            <li key={c.id} className="border-b border-slate-100 last:border-0">
              <details open={open === c.id} onToggle={(e) => toggle(c.id, e.currentTarget.open)} data-testid={`control-${c.id}`}>
                <summary className="grid cursor-pointer grid-cols-[7rem_minmax(0,1fr)_4rem_6rem_5rem] items-center gap-2 px-3 py-2 text-sm hover:bg-slate-50">
                  <span className="font-mono text-xs">{c.id.replace(/^(baseline|restricted): .*/, "$1")}</span>
                  <span className="truncate">{c.title}</span>
                  <span className="text-right">
                    <Badge tone={scoreTone(c.score)}>{c.score === null ? "n/a" : `${c.score}%`}</Badge>
                  </span>
                  <span className="text-right tabular-nums">{c.score === null ? "–" : `${c.failed} / ${c.checked}`}</span>
                  <span className="text-right tabular-nums text-slate-600">{c.cost ? `−${c.cost}` : "–"}</span>
                </summary>
                <ControlBody c={c} findingsHref={findingsHref} />
              </details>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
