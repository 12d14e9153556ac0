"use client";
/** One workload across every area: Pod Security, identity, exposure, guards, images, findings. */
import Link from "next/link";
import type { WorkloadsResponse } from "@/lib/contracts";
import { qs, useSourceQuery } from "@/components/api";
import { SeverityBadge } from "@/components/findings/severity";
import { Badge } from "@/components/ui/badge";
import { ErrorState, Loading } from "@/components/ui/states";
import { LevelBadge } from "./badges";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="space-y-1.5">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      {children}
    </section>
  );
}

export function WorkloadDetailPanel({ sourceId, kind, namespace, name }: { sourceId: string; kind: string; namespace: string; name: string }) {
  const { data, error, isPending } = useSourceQuery<Extract<WorkloadsResponse, { detail: unknown }>>(sourceId, `workloads${qs({ kind, namespace, name })}`);
  if (isPending) return <Loading />;
  if (error) return <ErrorState error={error} />;
  const d = data.detail;
  const base = `/c/${encodeURIComponent(sourceId)}`;
  return (
    <article className="space-y-4 text-sm" data-testid="workload-detail">
      <header>
        <p className="text-xs text-slate-500">
          {d.kind} · {d.pods} pod{d.pods === 1 ? "" : "s"}
          {d.synthesized ? " (from the template)" : ""}
        </p>
        <h2 className="text-base font-semibold text-slate-900">
          {d.namespace}/{d.name}
        </h2>
      </header>
      <Section title="Pod Security Standards">
        <p>
          Meets <LevelBadge level={d.level} />
        </p>
        {d.failing.length ? (
          <ul className="space-y-0.5 text-slate-700">
            {d.failing.map((f) => (
              <li key={f.rule}>
                <Badge tone={f.level === "baseline" ? "high" : "medium"}>{f.level}</Badge> {f.control}: <span className="text-slate-500">{f.detail}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </Section>
      <Section title="Identity">
        <p>
          ServiceAccount <strong>{d.serviceAccount}</strong> · token {d.tokenMounted ? "mounted" : "not mounted"}
        </p>
        {d.identity.severity ? (
          <p className="flex gap-2">
            <SeverityBadge severity={d.identity.severity} /> <span>{d.identity.summary.replace(/^(critical|high|medium|low|info): /, "")}</span>
          </p>
        ) : (
          <p className="text-slate-500">No risky permission.</p>
        )}
        <Link className="text-accent hover:underline" href={`${base}/rbac${qs({ focus: `subject:ServiceAccount/${d.namespace}/${d.serviceAccount}` })}`}>
          What this account can do →
        </Link>
      </Section>
      <Section title="Network">
        {d.hostNetwork ? <Notice>Runs in the node&apos;s network namespace: no NetworkPolicy applies to it.</Notice> : null}
        {d.exposure.length ? (
          <ul className="space-y-0.5">
            {d.exposure.map((p, i) => (
              <li key={i}>
                <Badge tone={p.sources === "anywhere" ? "critical" : p.sources === "some" ? "medium" : "neutral"}>{p.kind}</Badge> via {p.via} → {p.ports}
                {p.sources !== "none" ? <span className="text-slate-500"> ({p.allowed})</span> : <span className="text-slate-500"> (blocked by policy)</span>}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-500">Not reachable from outside the cluster.</p>
        )}
        <p>
          Ingress guarded by: {d.protection.ingress.length ? d.protection.ingress.join(", ") : <strong className="text-red-800">nothing (every connection allowed)</strong>}
        </p>
        <p>
          Egress guarded by: {d.protection.egress.length ? d.protection.egress.join(", ") : <strong className="text-amber-800">nothing</strong>}
        </p>
        <Link className="text-accent hover:underline" href={`${base}/network${qs({ namespace: d.namespace, workload: `${d.kind}/${d.name}` })}`}>
          Who can reach it →
        </Link>
      </Section>
      <Section title="Containers">
        <ul className="space-y-0.5 break-all font-mono text-xs">
          {d.images.map((i) => (
            <li key={i}>{i}</li>
          ))}
        </ul>
        {d.ports.length ? (
          <p className="text-xs text-slate-600">
            Ports: {d.ports.map((p) => `${p.name ? `${p.name} ` : ""}${p.port}/${p.protocol}${p.hostPort ? ` (hostPort ${p.hostPort})` : ""}`).join(", ")}
          </p>
        ) : null}
      </Section>
      <Section title={`Findings (${d.findingList.length})`}>
        <ul className="space-y-1">
          {d.findingList.map((f) => (
            <li key={f.id}>
              <Link href={`${base}/findings${qs({ id: f.id, defaults: f.isDefault ? "1" : undefined })}`} className="flex items-start gap-2 hover:underline">
                <SeverityBadge severity={f.severity} /> <span>{f.title}</span>
              </Link>
            </li>
          ))}
        </ul>
      </Section>
    </article>
  );
}

function Notice({ children }: { children: React.ReactNode }) {
  return <p className="rounded-md border border-amber-200 bg-amber-50 px-2 py-1 text-amber-900">{children}</p>;
}
