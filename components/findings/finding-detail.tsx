"use client";
/** One finding in full: what, where, the evidence, how to fix it, and a link to the explorer focused on it. */
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { Finding } from "@/lib/findings/types";
import { AcceptRisk } from "./accept-risk";
import { AcceptedRiskPanel } from "./accepted-risk";
import { FindingFixPanel } from "./finding-fix";
import { AREA_LABELS, SeverityBadge } from "./severity";
import { NamespacedName } from "../ui/name";

export function focusHref(sourceId: string, f: Finding): string | undefined {
  if (!f.focus) return undefined;
  const params = { ...f.focus.params };
  if (f.focus.view === "findings" && params.category) {
    params.area = params.category;
    delete params.category;
  }
  const qs = new URLSearchParams(params).toString();
  return `/c/${encodeURIComponent(sourceId)}/${f.focus.view}${qs ? `?${qs}` : ""}`;
}

const VIEW_NAMES: Record<string, string> = { rbac: "Open in the RBAC explorer", network: "Open in the network explorer", workloads: "Open the workload", findings: "Show related findings" };

export function FindingDetail({ sourceId, finding, onClose }: { sourceId: string; finding: Finding; onClose?: () => void }) {
  const href = focusHref(sourceId, finding);
  return (
    <article className="space-y-4 text-sm" data-testid="finding-detail" aria-label="Finding detail">
      <header className="space-y-2">
        <div className="flex items-center gap-2">
          <SeverityBadge severity={finding.severity} />
          <Badge>{AREA_LABELS[finding.category] ?? finding.category}</Badge>
          <Badge tone="accent">{finding.rule}</Badge>
          {finding.exception ? <Badge tone="ok">excepted</Badge> : null}
          {onClose ? (
            <button type="button" onClick={onClose} className="ml-auto text-slate-500 hover:text-slate-900" aria-label="Close detail">
              ✕
            </button>
          ) : null}
        </div>
        <h2 className="text-base font-semibold text-slate-900">{finding.title}</h2>
      </header>
      <section>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Resources</h3>
        <ul className="mt-1 space-y-0.5">
          {finding.resources.map((r) => (
            <li key={`${r.kind}/${r.namespace}/${r.name}`} className="font-mono text-xs">
              {r.kind} <NamespacedName namespace={r.namespace} name={r.name} />
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Evidence</h3>
        <p className="mt-1 whitespace-pre-wrap text-slate-800" data-testid="finding-evidence">
          {finding.evidence}
        </p>
      </section>
      <section>
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Remediation</h3>
        <p className="mt-1 whitespace-pre-wrap text-slate-800">{finding.remediation}</p>
      </section>
      {finding.exception ? <AcceptedRiskPanel key={`risk:${finding.id}`} sourceId={sourceId} findingId={finding.id} exception={finding.exception} /> : null}
      {finding.references.length ? (
        <section>
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">References</h3>
          <div className="mt-1 flex flex-wrap gap-1">
            {finding.references.map((r) => (
              <Badge key={r}>{r}</Badge>
            ))}
          </div>
        </section>
      ) : null}
      {href ? (
        <Link href={href} className="inline-flex rounded-md bg-accent px-3 py-1.5 font-medium text-white hover:opacity-90" data-testid="finding-focus-link">
          {VIEW_NAMES[finding.focus!.view] ?? "Open"} →
        </Link>
      ) : null}
      <FindingFixPanel key={finding.id} sourceId={sourceId} findingId={finding.id} />
      {!finding.exception ? (
        <div className="no-print">
          <AcceptRisk sourceId={sourceId} findingId={finding.id} />
        </div>
      ) : null}
      <p className="font-mono text-[11px] text-slate-400">id {finding.id}</p>
    </article>
  );
}
