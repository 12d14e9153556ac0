"use client";
/** What the internet reaches and through what, with the attack paths (exposed pod → token → permission) on top, then egress to the internet and the metadata address. */
import Link from "next/link";
import { useState } from "react";
import type { ExposureResponse } from "@/lib/contracts";
import { qs, useSourceQuery } from "@/components/api";
import { SeverityBadge } from "@/components/findings/severity";
import { Badge } from "@/components/ui/badge";
import { Stat } from "@/components/ui/card";
import { Empty, ErrorState, Loading } from "@/components/ui/states";
import type { ExposurePath } from "@/lib/netpol/exposure";
import type { AttackPath } from "@/lib/netpol/exposure-view";
import { Gaps, Section } from "./controls";
import { focusOn, type NetworkView, semanticsParams } from "./url-state";


const EGRESS_FIRST = 15;
const EGRESS_LIMIT = 500;

function Path({ p }: { p: ExposurePath }) {
  return (
    <li className="text-xs">
      <Badge tone={p.sources === "none" ? "neutral" : "high"}>{p.kind}</Badge> <span className="font-mono">{p.via}</span> → ports {p.ports}; policy lets through <span className="font-medium">{p.allowed === "All Connections" ? "everything" : p.allowed}</span>
      {p.sources === "some" ? " from some address ranges" : p.sources === "none" ? " (nothing gets through)" : " from anywhere"}
      {p.note ? <span className="text-slate-500"> — {p.note}</span> : null}
    </li>
  );
}

function AttackPathCard({ a, sourceId, view, go }: { a: AttackPath; sourceId: string; view: NetworkView; go: (v: NetworkView) => void }) {
  const step = (children: React.ReactNode) => <span className="rounded bg-white px-2 py-1 font-mono text-xs ring-1 ring-red-200">{children}</span>;
  const arrow = <span className="text-red-400">→</span>;
  return (
    <li className="space-y-2 rounded-lg border border-red-200 bg-red-50/60 p-3" data-testid="attack-path" data-workload={a.workload} data-service-account={`${a.namespace}/${a.serviceAccount}`}>
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={a.severity} />
        <span className="text-sm font-semibold text-slate-900">
          {a.namespace}/{a.name} is reachable from the internet and its token {a.summary.replace(/^\w+: /, "")}
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-1.5" aria-label="Attack path">
        {step("internet")}
        {arrow}
        {step(a.paths.map((p) => `${p.kind} ${p.via.replace(/^(Service|Ingress|Route|Pod) /, "")}`).join(" · ") || "exposed")}
        {arrow}
        {step(`pod of ${a.kind} ${a.namespace}/${a.name}`)}
        {arrow}
        {step(`token of ServiceAccount ${a.namespace}/${a.serviceAccount}`)}
        {arrow}
        {step(a.risks[0]?.title ?? a.summary)}
      </div>
      {a.risks.length ? (
        <ul className="space-y-0.5 text-xs text-slate-700">
          {a.risks.slice(0, 5).map((r) => (
            <li key={`${r.rule}${r.namespace ?? ""}`}>
              <SeverityBadge severity={r.severity} /> {r.title} {r.scope === "cluster" ? "cluster-wide" : `in ${r.namespace}`} <span className="text-slate-500">via {r.via}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap gap-3 text-xs">
        <button type="button" className="text-accent hover:underline" onClick={() => go(focusOn({ ...view, exposure: true }, a.namespace, `${a.kind}/${a.name}`))}>
          Show in the graph
        </button>
        <Link className="text-accent hover:underline" href={`/c/${encodeURIComponent(sourceId)}/findings${qs({ rule: "NP10", q: `${a.namespace}/${a.name}` })}`}>
          Finding
        </Link>
        <Link className="text-accent hover:underline" href={`/c/${encodeURIComponent(sourceId)}/workloads${qs({ namespace: a.namespace, kind: a.kind, name: a.name })}`}>
          Workload page
        </Link>
        <Link className="text-accent hover:underline" href={`/c/${encodeURIComponent(sourceId)}/rbac${qs({ focus: `subject:ServiceAccount/${a.namespace}/${a.serviceAccount}` })}`}>
          What the token can do
        </Link>
      </div>
    </li>
  );
}

export function ExposureTab({ sourceId, view, go }: { sourceId: string; view: NetworkView; go: (v: NetworkView) => void }) {
  const res = useSourceQuery<ExposureResponse>(sourceId, `network/exposure${qs({ ...semanticsParams(view) })}`);
  const [egressFilter, setEgressFilter] = useState<"risky" | "all">("risky");
  const [allEgress, setAllEgress] = useState(false);
  if (res.isPending) return <Loading label="Finding what the internet can reach…" />;
  if (res.isError) return <ErrorState error={res.error} />;
  const x = res.data;
  const focusKey = view.namespace && view.workload ? `${view.namespace}/${view.workload}` : undefined;
  const isFocus = (ns: string, kind: string, name: string) => focusKey === `${ns}/${kind}/${name}`;
  const egressRows = x.egress.filter((e) => (egressFilter === "all" || e.internetUnrestricted || e.metadata !== "No Connections") && (!view.namespace || e.namespace === view.namespace));
  return (
    <div className="space-y-4">
      <Gaps meta={x.meta} />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Stat label="Attack paths" value={x.counts.attackPaths} hint="exposed pod with a powerful token" />
        <Stat label="Reachable from outside" value={x.counts.exposed} hint="workloads" />
        <Stat label="Unrestricted" value={x.counts.unrestricted} hint="no policy narrows who connects" />
        <Stat label="Open internet egress" value={x.counts.internetEgress} hint="workloads" />
        <Stat label="Reach 169.254.169.254" value={x.counts.metadata} hint="cloud metadata endpoint" />
      </div>
      <Section title={`Attack paths (${x.attackPaths.length})`} testId="attack-paths">
        {x.attackPaths.length ? (
          <ul className="space-y-2">
            {x.attackPaths.map((a) => (
              <AttackPathCard key={`${a.workload}${a.serviceAccount}`} a={a} sourceId={sourceId} view={view} go={go} />
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">No exposed pod runs with a service account that RBAC rates high or critical.</p>
        )}
      </Section>
      <Section title={`Reachable from the internet (${x.exposed.length})`} testId="exposed-workloads">
        {x.exposed.length === 0 ? (
          <Empty title="Nothing is reachable from outside the cluster">No LoadBalancer, NodePort, externalIPs, Ingress, Route, hostPort or host-networked pod lets outside traffic in.</Empty>
        ) : (
          <ul className="divide-y divide-slate-100">
            {x.exposed.map((w) => (
              <li key={w.name} className={`space-y-1 py-2 ${isFocus(w.namespace, w.workload.kind, w.workload.name) ? "rounded bg-amber-50 px-2 ring-1 ring-amber-300" : ""}`} data-testid="exposed-workload" data-workload={w.name}>
                <div className="flex flex-wrap items-center gap-2">
                  <button type="button" className="font-mono text-sm font-semibold text-slate-900 hover:text-accent" onClick={() => go(focusOn({ ...view, exposure: true }, w.namespace, `${w.workload.kind}/${w.workload.name}`))}>
                    {w.namespace}/{w.workload.name}
                  </button>
                  <Badge>{w.workload.kind}</Badge>
                  {w.unrestricted ? <Badge tone="critical">unrestricted ingress</Badge> : null}
                  {w.hostNetwork ? <Badge tone="high">host network</Badge> : null}
                  {w.tokens.map((t) => (
                    <span key={t.serviceAccount} className="text-xs text-slate-600">
                      SA <span className="font-mono">{t.serviceAccount}</span>
                      {t.severity ? (
                        <>
                          {" "}
                          <SeverityBadge severity={t.severity} />
                        </>
                      ) : null}
                    </span>
                  ))}
                </div>
                <ul className="space-y-0.5 pl-1">
                  {w.paths.map((p) => (
                    <Path key={`${p.kind}${p.via}`} p={p} />
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
        <p className="mt-2 text-xs text-slate-500">Ingress controller taken as: {x.ingressControllers.join(", ")}</p>
      </Section>
      <Section
        title="Egress to the internet and the metadata address"
        testId="egress-exposure"
        actions={
          <div className="flex items-center gap-2 text-xs">
            {view.namespace ? (
              <button type="button" className="text-accent hover:underline" onClick={() => go({ ...view, namespace: undefined, workload: undefined })}>
                all namespaces (now {view.namespace})
              </button>
            ) : null}
            <select aria-label="Egress rows" value={egressFilter} onChange={(e) => setEgressFilter(e.target.value as "risky" | "all")} className="rounded-md border border-slate-300 px-1.5 py-1">
              <option value="risky">open internet or metadata only</option>
              <option value="all">every workload</option>
            </select>
          </div>
        }
      >
        {egressRows.length === 0 ? (
          <p className="text-sm text-slate-600">No workload here may open connections anywhere on the internet or to 169.254.169.254.</p>
        ) : (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
                <th className="py-1 pr-4 font-medium">Workload</th>
                <th className="py-1 pr-4 font-medium">To the internet</th>
                <th className="py-1 font-medium">To 169.254.169.254</th>
              </tr>
            </thead>
            <tbody>
              {egressRows.slice(0, allEgress ? EGRESS_LIMIT : EGRESS_FIRST).map((e) => (
                <tr key={e.name} className="border-t border-slate-100">
                  <td className="py-1 pr-4 font-mono text-xs">{e.name}</td>
                  <td className="py-1 pr-4 text-xs">{e.internetUnrestricted ? <Badge tone="medium">anywhere</Badge> : e.internet === "No Connections" ? "none" : e.internet}</td>
                  <td className="py-1 text-xs">{e.metadata === "No Connections" ? "blocked" : <Badge tone="high">{e.metadata === "All Connections" ? "all ports" : e.metadata}</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {!allEgress && egressRows.length > EGRESS_FIRST ? (
          <button type="button" className="mt-2 text-xs text-accent hover:underline" onClick={() => setAllEgress(true)}>
            Show all {egressRows.length}
          </button>
        ) : null}
        {allEgress && egressRows.length > EGRESS_LIMIT ? <p className="mt-1 text-xs text-slate-500">showing {EGRESS_LIMIT} of {egressRows.length}; open the exposure of one namespace from the graph to narrow</p> : null}
      </Section>
    </div>
  );
}
